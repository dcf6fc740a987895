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
 */
@AcceptedFields({"clusterIPs", "externalIPs", "externalTrafficPolicy", "internalTrafficPolicy",
        "healthCheckNodePort", "ipFamilies", "ipFamilyPolicy", "loadBalancerIP", "loadBalancerClass",
        "loadBalancerSourceRanges", "allocateLoadBalancerNodePorts", "publishNotReadyAddresses",
        "sessionAffinityConfig", "trafficDistribution"})
@API(status = STABLE, since = "0.1")
public record ServiceSpec(
        Map<String, String> selector,
        List<ServicePort> ports,
        String type,
        String clusterIP,
        String externalName,
        String sessionAffinity) {

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
     */
    public ServiceSpec {
        selector = selector == null ? Map.of() : selector;
        ports = ports == null ? List.of() : ports;
    }
}
