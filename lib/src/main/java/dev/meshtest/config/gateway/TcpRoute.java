package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * A Gateway API TCPRoute ({@code gateway.networking.k8s.io/v1}, standard since v1.6): forwards the
 * connections of a {@code TCP} listener, or of a Service in the mesh, to weighted backends. A
 * {@code status} as exported from a cluster is accepted and ignored.
 *
 * <pre>{@code
 * apiVersion: gateway.networking.k8s.io/v1
 * kind: TCPRoute
 * metadata: {name: tcp-echo}
 * spec:
 *   parentRefs: [{name: gateway, sectionName: tcp}]
 *   rules:
 *   - backendRefs:
 *     - {name: tcp-echo-v1, port: 9000, weight: 80}
 *     - {name: tcp-echo-v2, port: 9000, weight: 20}
 * }</pre>
 *
 * @param apiVersion {@code gateway.networking.k8s.io/} followed by {@code v1}
 * @param kind {@code TCPRoute}
 * @param metadata the name, namespace and labels
 * @param spec the parents and the rule; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = EXPERIMENTAL, since = "0.7")
public record TcpRoute(
        @Required String apiVersion,
        @Required String kind,
        @Required ObjectMeta metadata,
        TcpRouteSpec spec) implements Resource {
}
