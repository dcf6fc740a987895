package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.kube.ContainerPort;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A running pod: a bare Pod, or one of a Deployment's replicas.
 *
 * <pre>{@code
 * ClusterPod p = state.pods().get(0);
 * p.name();       // "helloworld-v1-7c455c6675-h5ptg" (Deployment pods are named like Kubernetes')
 * p.workload();   // "helloworld-v1"
 * p.ip();         // "10.244.0.2"
 * p.proxy();      // SIDECAR
 * }</pre>
 *
 * @param name the pod's name
 * @param namespace its namespace
 * @param workload the owning Deployment's name, or the pod's own name for a bare pod
 * @param labels labels (a Deployment's pods also carry {@code pod-template-hash})
 * @param annotations annotations
 * @param ip the pod IP
 * @param ready whether it is ready; not-ready pods receive no traffic
 * @param proxy which proxy runs in it
 * @param injection the sidecar injector's decision at creation, with its reason
 * @param serviceAccount {@code spec.serviceAccountName}, {@code default} when absent
 * @param containerPorts every container's ports, in container order
 * @param sequence creation order among pods of this cluster (0-based, never reused)
 * @param hostname {@code spec.hostname} (a StatefulSet's pod: its own name), or {@code null}
 * @param subdomain {@code spec.subdomain} (a StatefulSet's pod: its {@code serviceName}), or {@code null}
 * @param containers its containers (images and environment choose a sample app, {@code internal.istio.SampleApps})
 * @param serviceLinks the environment the kubelet gave its containers for Services when they started
 *                     ({@link ServiceLinks}); {@code null} reads as not started, links enabled
 */
@API(status = INTERNAL, since = "0.1")
public record ClusterPod(
        String name,
        String namespace,
        String workload,
        Map<String, String> labels,
        Map<String, String> annotations,
        String ip,
        boolean ready,
        ProxyKind proxy,
        InjectionDecision injection,
        String serviceAccount,
        List<ContainerPort> containerPorts,
        long sequence,
        String hostname,
        String subdomain,
        List<dev.meshtest.config.kube.Container> containers,
        ServiceLinks serviceLinks) {

    /** The annotation listing injection templates; {@code gateway} makes a gateway proxy. */
    public static final String TEMPLATES_ANNOTATION = "inject.istio.io/templates";

    public ClusterPod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        labels = Maps.sortedCopy(labels);
        annotations = Maps.sortedCopy(annotations);
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(injection, "injection");
        containerPorts = List.copyOf(containerPorts);
        containers = containers == null ? List.of() : List.copyOf(containers);
        serviceLinks = serviceLinks == null ? ServiceLinks.pending(true) : serviceLinks;
    }

    /** Whether the sidecar injector injected this pod. */
    public boolean injected() {
        return injection.injected();
    }

    /** Whether any proxy (sidecar or gateway) runs in this pod. */
    public boolean hasProxy() {
        return proxy != ProxyKind.NONE;
    }

    /**
     * The container port named {@code portName} with the given transport protocol ({@code TCP}
     * when {@code null}), as Kubernetes' endpoints controller looks up a named targetPort.
     */
    public Optional<Integer> namedPort(String portName, String protocol) {
        String want = protocol == null ? "TCP" : protocol;
        for (ContainerPort p : containerPorts) {
            String proto = p.protocol() == null ? "TCP" : p.protocol();
            if (portName.equals(p.name()) && want.equals(proto)) {
                return Optional.ofNullable(p.containerPort());
            }
        }
        return Optional.empty();
    }

    ClusterPod withReady(boolean r) {
        return new ClusterPod(name, namespace, workload, labels, annotations, ip, r, proxy, injection,
                serviceAccount, containerPorts, sequence, hostname, subdomain, containers, serviceLinks);
    }

    ClusterPod withMetadata(Map<String, String> newLabels, Map<String, String> newAnnotations) {
        return new ClusterPod(name, namespace, workload, newLabels, newAnnotations, ip, ready, proxy, injection,
                serviceAccount, containerPorts, sequence, hostname, subdomain, containers, serviceLinks);
    }

    ClusterPod withServiceLinks(ServiceLinks links) {
        return new ClusterPod(name, namespace, workload, labels, annotations, ip, ready, proxy, injection,
                serviceAccount, containerPorts, sequence, hostname, subdomain, containers, links);
    }

    /**
     * The hostname Kubernetes' endpoints controller gives this pod as an endpoint of
     * {@code service}: its {@code hostname} when its {@code subdomain} is that Service's name in
     * its namespace, else {@code null}.
     */
    public String hostnameUnder(String serviceNamespace, String serviceName) {
        return hostname != null && !hostname.isEmpty() && serviceName.equals(subdomain) && namespace.equals(serviceNamespace)
                ? hostname : null;
    }

    @Override
    public String toString() {
        return "Pod " + namespace + "/" + name;
    }
}
