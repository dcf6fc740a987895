package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * A Gateway API ReferenceGrant ({@code gateway.networking.k8s.io/v1beta1}, or {@code v1} as served
 * since v1.6): lets objects of other
 * namespaces refer to objects of this one, such as an HTTPRoute in {@code frontend} to a Service
 * in {@code backend}. Lives in the namespace referred to.
 *
 * <pre>{@code
 * apiVersion: gateway.networking.k8s.io/v1beta1
 * kind: ReferenceGrant
 * metadata: {name: frontend-routes, namespace: backend}
 * spec:
 *   from:
 *   - {group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: frontend}
 *   to:
 *   - {group: "", kind: Service}
 * }</pre>
 *
 * @param apiVersion {@code gateway.networking.k8s.io/} followed by {@code v1beta1} or {@code v1}
 * @param kind {@code ReferenceGrant}
 * @param metadata the name, namespace and labels
 * @param spec who may refer to what; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = EXPERIMENTAL, since = "0.7")
public record ReferenceGrant(
        @Required String apiVersion,
        @Required String kind,
        @Required ObjectMeta metadata,
        ReferenceGrantSpec spec) implements Resource {
}
