package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Which namespaces may attach ListenerSets to a Gateway.
 *
 * <pre>{@code
 * allowedListeners:
 *   namespaces: {from: Same}
 * }</pre>
 *
 * @param namespaces the namespaces; absent for none
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record AllowedListeners(
        ListenerNamespaces namespaces) {
}
