package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A GatewayClass's {@code spec}.
 *
 * <pre>{@code
 * spec:
 *   controllerName: istio.io/gateway-controller
 *   description: Istio's ingress gateways
 * }</pre>
 *
 * @param controllerName the controller that manages Gateways of this class, such as {@code
 *     istio.io/gateway-controller}
 * @param parametersRef controller-specific parameters, such as a ConfigMap
 * @param description free text for people
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record GatewayClassSpec(
        @Required String controllerName,
        ParametersReference parametersRef,
        String description) {
}
