package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Where a Gateway accepts ListenerSets from.
 *
 * <pre>{@code
 * namespaces: {from: None}
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public enum FromListenerNamespaces {
    /** ListenerSets of every namespace. */
    All,
    /** ListenerSets of the namespaces the selector matches. */
    Selector,
    /** ListenerSets of the Gateway's own namespace. */
    Same,
    /** No ListenerSets. */
    None
}
