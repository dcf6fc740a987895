package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A Service's {@code spec}. Pods in the Service's own namespace whose labels contain every
 * {@code selector} entry are its endpoints.
 *
 * <pre>{@code
 * spec:
 *   selector: {app: helloworld, version: v1}
 *   ports: [{name: http, port: 5000, targetPort: 5000}]
 * }</pre>
 *
 * @param selector labels a pod must carry, all of them
 * @param ports the ports clients dial
 * @param type {@code ClusterIP} (default), {@code NodePort}, {@code LoadBalancer} or {@code ExternalName}
 * @param clusterIP a fixed ClusterIP, or {@code None} for a headless Service
 * @param externalName the DNS name of an {@code ExternalName} Service
 * @param sessionAffinity {@code None} (default) or {@code ClientIP}
 * @param publishNotReadyAddresses whether pods that are not ready are endpoints too; not simulated:
 *                                 {@code true} is refused unless the mesh is lenient
 * @param internalTrafficPolicy {@code Cluster} (default) or {@code Local}; not simulated: {@code Local}
 *                              is refused unless the mesh is lenient
 * @param trafficDistribution {@code PreferClose} and friends; not simulated: refused unless the mesh is lenient
 * @param sessionAffinityConfig how long a {@code ClientIP} affinity lasts (3 hours when absent)
 * @param externalTrafficPolicy {@code Cluster} (the default of a {@code NodePort} or
 *                              {@code LoadBalancer} Service: kube-proxy SNATs a client from outside
 *                              to the node's address) or {@code Local} (the client's address is kept);
 *                              only for Services reachable from outside
 * @param externalIPs addresses outside the cluster the nodes accept traffic for; they make a
 *                    {@code ClusterIP} Service reachable from outside
 */
@AcceptedFields({"clusterIPs",
        "healthCheckNodePort", "ipFamilies", "ipFamilyPolicy", "loadBalancerIP", "loadBalancerClass",
        "loadBalancerSourceRanges", "allocateLoadBalancerNodePorts"})
@API(status = STABLE, since = "0.1")
public record ServiceSpec(
        Map<String, String> selector,
        List<ServicePort> ports,
        String type,
        String clusterIP,
        String externalName,
        String sessionAffinity,
        Boolean publishNotReadyAddresses,
        String internalTrafficPolicy,
        String trafficDistribution,
        SessionAffinityConfig sessionAffinityConfig,
        String externalTrafficPolicy,
        List<String> externalIPs) {

    /**
     * A Service spec without the fields meshtest does not simulate.
     *
     * @param selector labels a pod must carry, all of them
     * @param ports the ports clients dial
     * @param type the Service type
     * @param clusterIP a fixed ClusterIP, {@code None}, or {@code null}
     * @param externalName the DNS name of an {@code ExternalName} Service
     * @param sessionAffinity {@code None} or {@code ClientIP}
     */
    public ServiceSpec(Map<String, String> selector, List<ServicePort> ports, String type, String clusterIP,
                       String externalName, String sessionAffinity) {
        this(selector, ports, type, clusterIP, externalName, sessionAffinity, null, null, null, null, null, null);
    }

    /**
     * A Service spec as before 0.4, without {@code externalTrafficPolicy} and {@code externalIPs}.
     *
     * @param selector labels a pod must carry, all of them
     * @param ports the ports clients dial
     * @param type the Service type
     * @param clusterIP a fixed ClusterIP, {@code None}, or {@code null}
     * @param externalName the DNS name of an {@code ExternalName} Service
     * @param sessionAffinity {@code None} or {@code ClientIP}
     * @param publishNotReadyAddresses whether not-ready pods are endpoints too
     * @param internalTrafficPolicy {@code Cluster} or {@code Local}
     * @param trafficDistribution the traffic distribution preference
     * @param sessionAffinityConfig how long a ClientIP affinity lasts
     */
    public ServiceSpec(Map<String, String> selector, List<ServicePort> ports, String type, String clusterIP,
                       String externalName, String sessionAffinity, Boolean publishNotReadyAddresses,
                       String internalTrafficPolicy, String trafficDistribution, SessionAffinityConfig sessionAffinityConfig) {
        this(selector, ports, type, clusterIP, externalName, sessionAffinity, publishNotReadyAddresses, internalTrafficPolicy,
                trafficDistribution, sessionAffinityConfig, null, null);
    }

    /**
     * Creates an instance, reading {@code null} {@code selector} and {@code ports} (as when left
     * out of the YAML) as empty.
     *
     * @param selector labels a pod must carry, all of them
     * @param ports the ports clients dial
     * @param type {@code ClusterIP} (default), {@code NodePort}, {@code LoadBalancer} or {@code ExternalName}
     * @param clusterIP a fixed ClusterIP, or {@code None} for a headless Service
     * @param externalName the DNS name of an {@code ExternalName} Service
     * @param sessionAffinity {@code None} (default) or {@code ClientIP}
     * @param publishNotReadyAddresses whether not-ready pods are endpoints too
     * @param internalTrafficPolicy {@code Cluster} or {@code Local}
     * @param trafficDistribution the traffic distribution preference
     * @param sessionAffinityConfig how long a ClientIP affinity lasts
     * @param externalTrafficPolicy {@code Cluster} or {@code Local}
     * @param externalIPs external addresses of the Service
     */
    public ServiceSpec {
        selector = selector == null ? Map.of() : selector;
        ports = ports == null ? List.of() : ports;
        externalIPs = externalIPs == null ? List.of() : externalIPs;
    }
}
