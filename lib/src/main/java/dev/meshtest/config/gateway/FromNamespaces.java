package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Where a listener accepts routes from.
 *
 * <pre>{@code
 * namespaces: {from: Same}
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public enum FromNamespaces {
    /** Routes of every namespace. */
    All,
    /** Routes of the namespaces the selector matches. */
    Selector,
    /** Routes of the Gateway's own namespace. */
    Same
}
