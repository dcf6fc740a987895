package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A DestinationRule's {@code spec} (proto {@code istio.networking.v1alpha3.DestinationRule}).
 *
 * <pre>{@code
 * spec:
 *   host: reviews.prod.svc.cluster.local
 *   trafficPolicy:
 *     loadBalancer: {simple: LEAST_REQUEST}
 *   subsets:
 *   - name: v2
 *     labels: {version: v2}
 *     trafficPolicy:
 *       loadBalancer: {simple: ROUND_ROBIN}
 *   exportTo: ["."]
 * }</pre>
 *
 * @param host a registry host name (Kubernetes Service or ServiceEntry), short or fully
 *     qualified, possibly a wildcard, as written
 * @param trafficPolicy the policies for all traffic to the host
 * @param subsets named groups of the host's endpoints, selected by labels
 * @param exportTo the namespaces this DestinationRule is visible to ({@code .}, {@code *} or names)
 * @param workloadSelector the workloads (in this namespace) this DestinationRule applies to;
 *     absent means all
 */
@API(status = STABLE, since = "0.1")
public record DestinationRuleSpec(
        @Required String host,
        TrafficPolicy trafficPolicy,
        List<Subset> subsets,
        List<String> exportTo,
        TypeWorkloadSelector workloadSelector) {

    /**
     * Creates an instance, reading {@code null} {@code subsets} and {@code exportTo} (as when left
     * out of the YAML) as empty.
     *
     * @param host a registry host name (Kubernetes Service or ServiceEntry), short or fully
     *     qualified, possibly a wildcard, as written
     * @param trafficPolicy the policies for all traffic to the host
     * @param subsets named groups of the host's endpoints, selected by labels
     * @param exportTo the namespaces this DestinationRule is visible to ({@code .}, {@code *} or names)
     * @param workloadSelector the workloads (in this namespace) this DestinationRule applies to;
     *     absent means all
     */
    public DestinationRuleSpec {
        subsets = subsets == null ? List.of() : subsets;
        exportTo = exportTo == null ? List.of() : exportTo;
    }
}
