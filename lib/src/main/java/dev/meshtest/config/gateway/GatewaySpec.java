package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.ExperimentalFields;
import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A Gateway's {@code spec}.
 *
 * <pre>{@code
 * spec:
 *   gatewayClassName: istio
 *   listeners:
 *   - {name: http, hostname: "*.example.com", port: 80, protocol: HTTP}
 * }</pre>
 *
 * @param gatewayClassName the GatewayClass, such as {@code istio}
 * @param listeners the listeners (1 to 64), with unique names
 * @param addresses addresses requested for the Gateway; with Istio, a single {@code Hostname}
 *     address names an existing Service to use instead of deploying one
 * @param infrastructure labels, annotations and parameters for the resources the controller
 *     creates
 * @param allowedListeners which namespaces may attach ListenerSets to this Gateway
 * @param tls TLS settings of the Gateway as a whole: the client certificate to backends and the
 *     validation of client certificates
 */
@ExperimentalFields({"defaultScope"})
@API(status = EXPERIMENTAL, since = "0.7")
public record GatewaySpec(
        @Required String gatewayClassName,
        @Required List<Listener> listeners,
        List<GatewaySpecAddress> addresses,
        GatewayInfrastructure infrastructure,
        AllowedListeners allowedListeners,
        GatewayTlsConfig tls) {

    /**
     * Creates an instance, reading {@code null} {@code listeners} and {@code addresses} (as when left
     * out of the YAML) as empty.
     *
     * @param gatewayClassName the GatewayClass, such as {@code istio}
     * @param listeners the listeners (1 to 64), with unique names
     * @param addresses addresses requested for the Gateway; with Istio, a single {@code Hostname}
     *     address names an existing Service to use instead of deploying one
     * @param infrastructure labels, annotations and parameters for the resources the controller
     *     creates
     * @param allowedListeners which namespaces may attach ListenerSets to this Gateway
     * @param tls TLS settings of the Gateway as a whole: the client certificate to backends and the
     *     validation of client certificates
     */
    public GatewaySpec {
        listeners = listeners == null ? List.of() : listeners;
        addresses = addresses == null ? List.of() : addresses;
    }
}
