package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The conditions of a {@link SliceEndpoint}. Consumers read an absent {@code ready} as ready.
 *
 * <pre>{@code
 * conditions: {ready: false}
 * }</pre>
 *
 * @param ready whether the endpoint takes traffic
 * @param serving whether it is serving (also while terminating)
 * @param terminating whether it is terminating
 */
@API(status = STABLE, since = "0.3")
public record EndpointConditions(Boolean ready, Boolean serving, Boolean terminating) {
}
