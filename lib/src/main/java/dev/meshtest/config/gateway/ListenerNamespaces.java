package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.kube.LabelSelector;
import org.apiguardian.api.API;

/**
 * The namespaces whose ListenerSets may attach to a Gateway.
 *
 * <pre>{@code
 * namespaces:
 *   from: Selector
 *   selector: {matchLabels: {team: payments}}
 * }</pre>
 *
 * @param from {@code None} (the default), {@code Same}, {@code All} or {@code Selector}
 * @param selector the namespaces' labels, with {@code from: Selector}
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record ListenerNamespaces(
        FromListenerNamespaces from,
        LabelSelector selector) {
}
