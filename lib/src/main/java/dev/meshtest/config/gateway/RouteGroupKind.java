package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A route kind, by API group and kind.
 *
 * <pre>{@code
 * kinds:
 * - {group: gateway.networking.k8s.io, kind: HTTPRoute}
 * }</pre>
 *
 * @param group the API group; absent for {@code gateway.networking.k8s.io}
 * @param kind the kind, such as {@code HTTPRoute}
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record RouteGroupKind(
        String group,
        @Required String kind) {
}
