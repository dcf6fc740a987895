package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One issuer a RequestAuthentication accepts (proto {@code istio.security.v1beta1.JWTRule}).
 *
 * <pre>{@code
 * jwtRules:
 * - issuer: testing@secure.istio.io
 *   audiences: [bookinfo.com]
 *   jwksUri: https://example.com/jwks.json
 *   fromHeaders: [{name: x-jwt-assertion}]
 *   outputClaimToHeaders: [{header: x-jwt-group, claim: group}]
 * }</pre>
 *
 * @param issuer the {@code iss} tokens must carry
 * @param audiences the {@code aud} values accepted; absent: any
 * @param jwksUri where the public keys are published (meshtest reads them from {@code Mesh.withJwks})
 * @param jwks the public keys, inline, as a JSON Web Key Set
 * @param fromHeaders the headers the token is read from; with {@code fromParams} and {@code fromCookies}
 *                    absent: {@code Authorization: Bearer <token>} and the {@code access_token} parameter
 * @param fromParams the query parameters the token is read from
 * @param outputPayloadToHeader a header the token's payload is copied to (base64url), for the app
 * @param fromCookies the cookies the token is read from
 * @param forwardOriginalToken whether the token goes on to the app; absent: it is removed
 * @param outputClaimToHeaders claims copied to request headers
 * @param timeout how long the proxy waits for the JWKS (no effect in meshtest: the keys are local)
 * @param spaceDelimitedClaims claims whose value is a space-separated list (as {@code scope})
 */
@API(status = STABLE, since = "0.4")
public record JwtRule(String issuer, List<String> audiences, String jwksUri, String jwks, List<JwtHeader> fromHeaders,
                      List<String> fromParams, String outputPayloadToHeader, List<String> fromCookies,
                      Boolean forwardOriginalToken, List<ClaimToHeader> outputClaimToHeaders, Duration timeout,
                      List<String> spaceDelimitedClaims) {

    /**
     * Creates an instance, reading {@code null} lists (as when left out of the YAML) as empty.
     *
     * @param issuer the issuer
     * @param audiences the audiences
     * @param jwksUri the key set's address
     * @param jwks the key set
     * @param fromHeaders the token's headers
     * @param fromParams the token's parameters
     * @param outputPayloadToHeader the payload's header
     * @param fromCookies the token's cookies
     * @param forwardOriginalToken whether the token goes on
     * @param outputClaimToHeaders claims to headers
     * @param timeout the key set's fetch timeout
     * @param spaceDelimitedClaims space-separated claims
     */
    public JwtRule {
        audiences = audiences == null ? List.of() : audiences;
        fromHeaders = fromHeaders == null ? List.of() : fromHeaders;
        fromParams = fromParams == null ? List.of() : fromParams;
        fromCookies = fromCookies == null ? List.of() : fromCookies;
        outputClaimToHeaders = outputClaimToHeaders == null ? List.of() : outputClaimToHeaders;
        spaceDelimitedClaims = spaceDelimitedClaims == null ? List.of() : spaceDelimitedClaims;
    }
}
