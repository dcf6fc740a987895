package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A Service as the cluster holds it: defaults applied, ClusterIP allocated, protocols decided.
 *
 * <pre>{@code
 * ClusterService s = state.service("default", "helloworld").orElseThrow();
 * s.fqdn();          // "helloworld.default.svc.cluster.local"
 * s.clusterIp();     // "10.96.0.4"
 * s.port(5000);      // Optional[ClusterServicePort[name=http, port=5000, targetPort=5000, protocol=HTTP]]
 * }</pre>
 *
 * @param name the name
 * @param namespace the namespace
 * @param fqdn {@code <name>.<namespace>.svc.cluster.local}
 * @param clusterIp the ClusterIP, or {@code null} for a headless ({@code clusterIP: None}) or
 *                  {@code ExternalName} Service
 * @param selector the pod selector; empty means "no selector", and such a Service has no endpoints
 * @param ports the ports in declaration order
 * @param type {@code ClusterIP}, {@code NodePort}, {@code LoadBalancer} or {@code ExternalName}
 * @param externalName the target of an {@code ExternalName} Service, else {@code null}
 * @param externalTrafficPolicy {@code Cluster} or {@code Local} for a Service reachable from outside
 *                              ({@code NodePort}, {@code LoadBalancer}, external IPs; {@code Cluster}
 *                              when not set, as the API server defaults it), else {@code null}
 * @param sessionAffinity {@code None} or {@code ClientIP}
 * @param affinityTimeoutSeconds how long a ClientIP affinity outlives a client's last request (10800 by default)
 * @param exportTo annotation {@code networking.istio.io/exportTo} split at commas and trimmed;
 *                 empty when absent (MeshConfig's defaultServiceExportTo then decides). Values as written: {@code *}, {@code .}, {@code ~} or
 *                 namespace names; the proxy layer decides visibility from them
 * @param labels the Service's labels
 * @param annotations the Service's annotations
 * @param creationTime creation time (Istio orders Services by it, then by hostname)
 * @param sequence creation order in this cluster, across all stored objects
 */
@API(status = INTERNAL, since = "0.1")
public record ClusterService(
        String name,
        String namespace,
        String fqdn,
        String clusterIp,
        Map<String, String> selector,
        List<ClusterServicePort> ports,
        String type,
        String externalName,
        String externalTrafficPolicy,
        String sessionAffinity,
        int affinityTimeoutSeconds,
        List<String> exportTo,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant creationTime,
        long sequence) {

    /** The cluster's DNS domain. */
    public static final String CLUSTER_DOMAIN = "cluster.local";
    /** Service annotation limiting which namespaces see the Service in Istio. */
    public static final String EXPORT_TO_ANNOTATION = "networking.istio.io/exportTo";

    public ClusterService {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        selector = Maps.sortedCopy(selector);
        ports = List.copyOf(ports);
        exportTo = List.copyOf(exportTo);
        labels = Maps.sortedCopy(labels);
        annotations = Maps.sortedCopy(annotations);
    }

    /** The FQDN of a Service: {@code <name>.<namespace>.svc.cluster.local}. */
    public static String fqdn(String name, String namespace) {
        return name + "." + namespace + ".svc." + CLUSTER_DOMAIN;
    }

    /** {@code clusterIP: None}: DNS answers the pods' IPs, there is no virtual IP. */
    public boolean headless() {
        return clusterIp == null && !"ExternalName".equals(type);
    }

    /**
     * Whether kube-proxy keeps the address of a client outside the cluster ({@code externalTrafficPolicy:
     * Local}); otherwise it SNATs the connection to the node's address.
     */
    public boolean keepsClientAddress() {
        return "Local".equals(externalTrafficPolicy);
    }

    /** Whether the Service has a selector (and so can have endpoints). */
    public boolean hasSelector() {
        return !selector.isEmpty();
    }

    /** The port clients dial as {@code number}, if the Service has it. */
    public Optional<ClusterServicePort> port(int number) {
        for (ClusterServicePort p : ports) {
            if (p.port() == number) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The port named {@code portName}, if the Service has it. */
    public Optional<ClusterServicePort> port(String portName) {
        for (ClusterServicePort p : ports) {
            if (p.name().equals(portName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Service " + namespace + "/" + name;
    }
}
