package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * One {@code to} entry of a rule (proto {@code Rule.To}).
 *
 * <pre>{@code
 * to:
 * - operation: {methods: [GET, HEAD]}
 * }</pre>
 *
 * @param operation the request's attributes
 */
@API(status = STABLE, since = "0.4")
public record AuthorizationRuleTo(AuthorizationOperation operation) {
}
