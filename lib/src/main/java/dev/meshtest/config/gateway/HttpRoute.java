package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * A Gateway API HTTPRoute ({@code gateway.networking.k8s.io/v1} or {@code v1beta1}): HTTP routing
 * rules for the hosts it names, attached to Gateways and, for mesh routing, to Services. A {@code
 * status} as exported from a cluster is accepted and ignored.
 *
 * <pre>{@code
 * apiVersion: gateway.networking.k8s.io/v1
 * kind: HTTPRoute
 * metadata: {name: reviews}
 * spec:
 *   parentRefs:
 *   - {group: "", kind: Service, name: reviews, port: 9080}
 *   rules:
 *   - backendRefs:
 *     - {name: reviews-v1, port: 9080, weight: 90}
 *     - {name: reviews-v2, port: 9080, weight: 10}
 * }</pre>
 *
 * @param apiVersion {@code gateway.networking.k8s.io/} followed by {@code v1} or {@code v1beta1}
 * @param kind {@code HTTPRoute}
 * @param metadata the name, namespace and labels
 * @param spec the parents, hostnames and rules; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpRoute(
        @Required String apiVersion,
        @Required String kind,
        @Required ObjectMeta metadata,
        HttpRouteSpec spec) implements Resource {
}
