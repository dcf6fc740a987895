package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A JWT claim copied to a request header for the app (proto {@code istio.security.v1beta1.ClaimToHeader}).
 *
 * <pre>{@code
 * outputClaimToHeaders:
 * - header: x-jwt-group
 *   claim: group
 * }</pre>
 *
 * @param header the header
 * @param claim the claim
 */
@API(status = STABLE, since = "0.4")
public record ClaimToHeader(@Required String header, @Required String claim) {
}
