package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Which routes may attach to a listener.
 *
 * <pre>{@code
 * allowedRoutes:
 *   namespaces:
 *     from: Selector
 *     selector: {matchLabels: {shared-gateway-access: "true"}}
 *   kinds: [{kind: HTTPRoute}]
 * }</pre>
 *
 * @param namespaces the namespaces routes may come from; absent for the Gateway's own
 * @param kinds the route kinds allowed; empty for every kind the listener's protocol supports
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record AllowedRoutes(
        RouteNamespaces namespaces,
        List<RouteGroupKind> kinds) {

    /**
     * Creates an instance, reading {@code null} {@code kinds} (as when left out of the YAML) as empty.
     *
     * @param namespaces the namespaces routes may come from; absent for the Gateway's own
     * @param kinds the route kinds allowed; empty for every kind the listener's protocol supports
     */
    public AllowedRoutes {
        kinds = kinds == null ? List.of() : kinds;
    }
}
