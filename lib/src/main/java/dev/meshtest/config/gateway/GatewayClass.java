package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * A Gateway API GatewayClass ({@code gateway.networking.k8s.io/v1} or {@code v1beta1};
 * cluster-scoped): a kind of Gateway and the controller that implements it. Istio implements
 * {@code istio} ({@code istio.io/gateway-controller}) and {@code istio-waypoint} ({@code
 * istio.io/mesh-controller}), and creates both itself when they are missing. A {@code status} as
 * exported from a cluster is accepted and ignored.
 *
 * <pre>{@code
 * apiVersion: gateway.networking.k8s.io/v1
 * kind: GatewayClass
 * metadata: {name: istio}
 * spec:
 *   controllerName: istio.io/gateway-controller
 * }</pre>
 *
 * @param apiVersion {@code gateway.networking.k8s.io/} followed by {@code v1} or {@code v1beta1}
 * @param kind {@code GatewayClass}
 * @param metadata the name and labels (GatewayClasses are cluster-scoped)
 * @param spec the controller and its parameters; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = EXPERIMENTAL, since = "0.7")
public record GatewayClass(
        @Required String apiVersion,
        @Required String kind,
        @Required ObjectMeta metadata,
        GatewayClassSpec spec) implements Resource {

    /** GatewayClasses are cluster-scoped: answers {@code ""}. */
    @Override
    public String namespace() {
        return "";
    }
}
