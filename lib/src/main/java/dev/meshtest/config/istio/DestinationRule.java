package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * An Istio DestinationRule ({@code networking.istio.io/v1}, {@code v1beta1} or {@code v1alpha3}):
 * the policies for traffic to a host after routing (load balancing, connection pool, outlier
 * detection, TLS) and its named subsets.
 *
 * <pre>{@code
 * apiVersion: networking.istio.io/v1
 * kind: DestinationRule
 * metadata: {name: helloworld}
 * spec:
 *   host: helloworld
 *   trafficPolicy:
 *     connectionPool:
 *       http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}
 *   subsets:
 *   - {name: v1, labels: {version: v1}}
 *   - {name: v2, labels: {version: v2}}
 * }</pre>
 *
 * @param apiVersion {@code networking.istio.io/} followed by {@code v1}, {@code v1beta1} or {@code v1alpha3}
 * @param kind {@code DestinationRule}
 * @param metadata the name, namespace and labels
 * @param spec the host, its traffic policy and its subsets; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = STABLE, since = "0.1")
public record DestinationRule(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                              DestinationRuleSpec spec) implements Resource {
}
