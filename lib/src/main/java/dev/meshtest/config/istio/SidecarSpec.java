package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A Sidecar's {@code spec} (proto {@code istio.networking.v1alpha3.Sidecar}).
 *
 * <pre>{@code
 * spec:
 *   workloadSelector:
 *     labels: {app: ratings}
 *   egress:
 *   - port: {number: 9080, protocol: HTTP, name: http}
 *     hosts: ["prod-us1/*"]
 *   - hosts: ["istio-system/*"]
 *   outboundTrafficPolicy: {mode: REGISTRY_ONLY}
 * }</pre>
 *
 * @param workloadSelector the pods (of the Sidecar's namespace) it applies to; absent: every pod of the namespace
 * @param ingress how the sidecar receives traffic for its workload; absent: on every port a Service sends to
 * @param egress the hosts the sidecar imports, per listener port; absent: every host visible from the namespace
 * @param inboundConnectionPool the connection pool of every inbound port without one of its own
 * @param outboundTrafficPolicy what the sidecar does with hosts it does not know; absent: MeshConfig's
 */
@API(status = STABLE, since = "0.3")
public record SidecarSpec(WorkloadSelector workloadSelector, List<IstioIngressListener> ingress,
                          List<IstioEgressListener> egress, ConnectionPoolSettings inboundConnectionPool,
                          SidecarOutboundTrafficPolicy outboundTrafficPolicy) {

    /**
     * Creates an instance, reading {@code null} {@code ingress} and {@code egress} (as when left
     * out of the YAML) as empty.
     *
     * @param workloadSelector the pods (of the Sidecar's namespace) it applies to; absent: every pod of the namespace
     * @param ingress how the sidecar receives traffic for its workload; absent: on every port a Service sends to
     * @param egress the hosts the sidecar imports, per listener port; absent: every host visible from the namespace
     * @param inboundConnectionPool the connection pool of every inbound port without one of its own
     * @param outboundTrafficPolicy what the sidecar does with hosts it does not know; absent: MeshConfig's
     */
    public SidecarSpec {
        ingress = ingress == null ? List.of() : ingress;
        egress = egress == null ? List.of() : egress;
    }
}
