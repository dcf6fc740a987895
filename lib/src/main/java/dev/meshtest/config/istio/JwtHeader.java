package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A header a JWT is read from (proto {@code istio.security.v1beta1.JWTHeader}).
 *
 * <pre>{@code
 * fromHeaders:
 * - name: Authorization
 *   prefix: "Bearer "
 * }</pre>
 *
 * @param name the header
 * @param prefix what precedes the token in it; absent: nothing
 */
@API(status = STABLE, since = "0.4")
public record JwtHeader(@Required String name, String prefix) {
}
