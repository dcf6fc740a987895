package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.kube.LabelSelector;
import org.apiguardian.api.API;

/**
 * The namespaces whose routes may attach to a listener.
 *
 * <pre>{@code
 * namespaces: {from: All}
 * }</pre>
 *
 * @param from {@code Same} (the default), {@code All} or {@code Selector}
 * @param selector the namespaces' labels, with {@code from: Selector}
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record RouteNamespaces(
        FromNamespaces from,
        LabelSelector selector) {
}
