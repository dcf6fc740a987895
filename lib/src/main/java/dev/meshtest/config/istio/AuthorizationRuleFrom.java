package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * One {@code from} entry of a rule (proto {@code Rule.From}).
 *
 * <pre>{@code
 * from:
 * - source: {namespaces: [foo]}
 * }</pre>
 *
 * @param source the sender's attributes
 */
@API(status = STABLE, since = "0.4")
public record AuthorizationRuleFrom(AuthorizationSource source) {
}
