package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * A Gateway API TLSRoute ({@code gateway.networking.k8s.io/v1}, standard since v1.6): forwards TLS
 * connections by SNI, unterminated, from a {@code TLS} listener in {@code Passthrough} mode or
 * from a Service in the mesh. A {@code status} as exported from a cluster is accepted and ignored.
 *
 * <pre>{@code
 * apiVersion: gateway.networking.k8s.io/v1
 * kind: TLSRoute
 * metadata: {name: nginx}
 * spec:
 *   parentRefs: [{name: gateway, sectionName: tls}]
 *   hostnames: [nginx.example.com]
 *   rules:
 *   - backendRefs: [{name: my-nginx, port: 443}]
 * }</pre>
 *
 * @param apiVersion {@code gateway.networking.k8s.io/} followed by {@code v1}
 * @param kind {@code TLSRoute}
 * @param metadata the name, namespace and labels
 * @param spec the parents, SNI hostnames and the rule; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = EXPERIMENTAL, since = "0.7")
public record TlsRoute(
        @Required String apiVersion,
        @Required String kind,
        @Required ObjectMeta metadata,
        TlsRouteSpec spec) implements Resource {
}
