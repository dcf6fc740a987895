package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A reference to the resource holding a GatewayClass's parameters (Go type {@code
 * ParametersReference}).
 *
 * <pre>{@code
 * parametersRef: {group: "", kind: ConfigMap, name: istio-gateway-defaults, namespace: istio-system}
 * }</pre>
 *
 * @param group the referent's API group, {@code ""} for the core group
 * @param kind the referent's kind
 * @param name the referent's name
 * @param namespace the referent's namespace, for a namespaced kind
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record ParametersReference(
        @Required String group,
        @Required String kind,
        @Required String name,
        String namespace) {
}
