package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A pod's {@code spec}: what meshtest needs of it (containers and their ports, host networking,
 * the service account); the rest of a real pod spec is accepted and ignored.
 *
 * <pre>{@code
 * spec:
 *   serviceAccountName: bookinfo-reviews
 *   containers: [{name: reviews, image: reviews:v2, ports: [{containerPort: 9080}]}]
 * }</pre>
 *
 * @param containers the containers; their named ports let a Service's {@code targetPort} name them
 * @param initContainers init containers (ignored for routing)
 * @param hostNetwork pods on the host network are never injected with a sidecar
 * @param serviceAccountName the service account ({@code default} when absent)
 * @param serviceAccount deprecated alias of {@code serviceAccountName}
 * @param dnsPolicy how the pod resolves names; {@code ClusterFirst} (default) is simulated, {@code None}
 *                  and {@code Default} are refused unless the mesh is lenient
 * @param dnsConfig extra resolver settings; not simulated: refused unless the mesh is lenient
 * @param hostname the pod's hostname; with {@code subdomain} naming a headless Service that
 *                 selects it, DNS answers {@code <hostname>.<subdomain>.<namespace>.svc.cluster.local}
 * @param subdomain the headless Service the pod's hostname is under
 * @param enableServiceLinks whether the kubelet gives the containers {@code <SERVICE>_SERVICE_HOST} and
 *                           {@code <SERVICE>_SERVICE_PORT} for the Services of the pod's namespace
 *                           ({@code true} when absent, as the API server defaults it); Bookinfo's apps read
 *                           their call ports from them (docs/resilience.md, "Bookinfo")
 */
@AcceptedFields({"volumes", "securityContext", "affinity", "tolerations", "nodeSelector", "nodeName",
        "restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds",
        "automountServiceAccountToken", "hostPID", "hostIPC", "hostAliases",
        "imagePullSecrets", "priority", "priorityClassName", "schedulerName", "runtimeClassName",
        "preemptionPolicy", "overhead", "topologySpreadConstraints",
        "shareProcessNamespace", "readinessGates", "ephemeralContainers", "os", "setHostnameAsFQDN",
        "hostUsers", "schedulingGates", "resourceClaims", "resources"})
@API(status = STABLE, since = "0.1")
public record PodSpec(
        @Required List<Container> containers,
        List<Container> initContainers,
        Boolean hostNetwork,
        String serviceAccountName,
        String serviceAccount,
        String dnsPolicy,
        PodDnsConfig dnsConfig,
        String hostname,
        String subdomain,
        Boolean enableServiceLinks) {

    /**
     * A pod spec with the cluster's DNS policy.
     *
     * @param containers the containers
     * @param initContainers init containers
     * @param hostNetwork whether the pod is on the host network
     * @param serviceAccountName the service account
     * @param serviceAccount deprecated alias of {@code serviceAccountName}
     */
    public PodSpec(List<Container> containers, List<Container> initContainers, Boolean hostNetwork, String serviceAccountName,
                   String serviceAccount) {
        this(containers, initContainers, hostNetwork, serviceAccountName, serviceAccount, null, null, null, null, null);
    }

    /**
     * A pod spec without a hostname of its own, as before 0.3.
     *
     * @param containers the containers
     * @param initContainers init containers
     * @param hostNetwork whether the pod is on the host network
     * @param serviceAccountName the service account
     * @param serviceAccount deprecated alias of {@code serviceAccountName}
     * @param dnsPolicy how the pod resolves names
     * @param dnsConfig extra resolver settings
     */
    public PodSpec(List<Container> containers, List<Container> initContainers, Boolean hostNetwork, String serviceAccountName,
                   String serviceAccount, String dnsPolicy, PodDnsConfig dnsConfig) {
        this(containers, initContainers, hostNetwork, serviceAccountName, serviceAccount, dnsPolicy, dnsConfig, null, null, null);
    }

    /**
     * A pod spec with the kubelet's service links left at their default, as before 0.7.
     *
     * <pre>{@code
     * new PodSpec(List.of(new Container("web", "nginx", List.of())), List.of(), null, null, null, null, null, "web-0", "web");
     * }</pre>
     *
     * @param containers the containers
     * @param initContainers init containers
     * @param hostNetwork whether the pod is on the host network
     * @param serviceAccountName the service account
     * @param serviceAccount deprecated alias of {@code serviceAccountName}
     * @param dnsPolicy how the pod resolves names
     * @param dnsConfig extra resolver settings
     * @param hostname the pod's hostname
     * @param subdomain the headless Service its hostname is under
     */
    public PodSpec(List<Container> containers, List<Container> initContainers, Boolean hostNetwork, String serviceAccountName,
                   String serviceAccount, String dnsPolicy, PodDnsConfig dnsConfig, String hostname, String subdomain) {
        this(containers, initContainers, hostNetwork, serviceAccountName, serviceAccount, dnsPolicy, dnsConfig, hostname,
                subdomain, null);
    }

    /** {@return whether the kubelet sets the service links: {@link #enableServiceLinks()}, {@code true} when absent} */
    public boolean serviceLinks() {
        return enableServiceLinks == null || enableServiceLinks;
    }

    /**
     * Creates an instance, reading {@code null} {@code containers} and {@code initContainers} (as
     * when left out of the YAML) as empty.
     *
     * @param containers the containers; their named ports let a Service's {@code targetPort} name them
     * @param initContainers init containers (ignored for routing)
     * @param hostNetwork pods on the host network are never injected with a sidecar
     * @param serviceAccountName the service account ({@code default} when absent)
     * @param serviceAccount deprecated alias of {@code serviceAccountName}
     * @param dnsPolicy how the pod resolves names
     * @param dnsConfig extra resolver settings
     * @param hostname the pod's hostname
     * @param subdomain the headless Service its hostname is under
     * @param enableServiceLinks whether the kubelet sets the Services' environment variables ({@code null}: yes)
     */
    public PodSpec {
        containers = containers == null ? List.of() : containers;
        initContainers = initContainers == null ? List.of() : initContainers;
    }
}
