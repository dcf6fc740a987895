package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A JWT issuer for tests: an RSA key (RS256) whose public half is a JSON Web Key Set to put in a
 * RequestAuthentication ({@code jwks:}, or {@code Mesh.withJwks} for a {@code jwksUri}), and
 * tokens signed with it. Times are on the mesh's virtual clock, which starts at
 * {@code 2024-01-01T00:00:00Z}: a token issued "now" is issued then, and one that expires after 10
 * seconds is rejected ({@code Jwt is expired}) by requests sent more than 70 seconds into a send,
 * Envoy allowing 60 seconds of clock skew.
 *
 * <pre>{@code
 * JwtIssuer issuer = JwtIssuer.named("testing@secure.istio.io");
 * mesh.apply("""
 *     apiVersion: security.istio.io/v1
 *     kind: RequestAuthentication
 *     metadata: {name: jwt, namespace: foo}
 *     spec:
 *       jwtRules:
 *       - issuer: testing@secure.istio.io
 *         jwks: '%s'
 *     """.formatted(issuer.jwks()));
 * String alice = issuer.token("alice");
 * String admin = issuer.token().subject("bob").claim("groups", List.of("admin")).expiresAfter(Duration.ofMinutes(5)).sign();
 * mesh.send(10).from("foo/sleep").bearer(alice).to("http://httpbin.foo:8000/headers");
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class JwtIssuer {

    /** When the mesh's virtual clock starts: what "now" is for a token minted without times. */
    public static final Instant CLOCK_START = Instant.parse("2024-01-01T00:00:00Z");

    private final String issuer;
    private final RSAKey key;

    private JwtIssuer(String issuer, RSAKey key) {
        this.issuer = issuer;
        this.key = key;
    }

    /**
     * An issuer with a new 2048-bit RSA key, key id {@code meshtest}.
     *
     * @param issuer the {@code iss} of its tokens, as a RequestAuthentication's {@code issuer} names it
     * @return the issuer
     */
    public static JwtIssuer named(String issuer) {
        Objects.requireNonNull(issuer, "issuer");
        try {
            return new JwtIssuer(issuer, new RSAKeyGenerator(2048).keyID("meshtest").generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key: " + e.getMessage(), e);
        }
    }

    /** {@return the issuer's name, the {@code iss} of its tokens} */
    public String issuer() {
        return issuer;
    }

    /** {@return the public key set, as a {@code jwksUri} serves it: {@code {"keys":[{"kty":"RSA",...}]}}} */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /**
     * A token for {@code subject}, issued at the start of the virtual clock, valid for an hour.
     *
     * @param subject the {@code sub}
     * @return the signed token
     */
    public String token(String subject) {
        return token().subject(subject).sign();
    }

    /** {@return a token to fill in: issued at the start of the virtual clock, valid for an hour unless told} */
    public Token token() {
        return new Token();
    }

    /** A token being filled in; {@link #sign()} signs it. Not thread-safe. */
    public final class Token {
        private String subject;
        private List<String> audiences = List.of();
        private Instant issuedAt = CLOCK_START;
        private Instant expiresAt = CLOCK_START.plus(Duration.ofHours(1));
        private Instant notBefore;
        private final Map<String, Object> claims = new LinkedHashMap<>();

        private Token() {
        }

        /**
         * Sets the {@code sub}.
         *
         * @param sub the subject
         * @return this token
         */
        public Token subject(String sub) {
            this.subject = sub;
            return this;
        }

        /**
         * Sets the {@code aud}.
         *
         * @param aud the audiences
         * @return this token
         */
        public Token audience(String... aud) {
            this.audiences = List.of(aud);
            return this;
        }

        /**
         * Adds a claim: a string, number, boolean, list of strings or map.
         *
         * @param name the claim's name
         * @param value its value
         * @return this token
         */
        public Token claim(String name, Object value) {
            claims.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /**
         * Sets {@code exp} to this long after the start of the virtual clock.
         *
         * @param validity how long the token is valid
         * @return this token
         */
        public Token expiresAfter(Duration validity) {
            this.expiresAt = CLOCK_START.plus(validity);
            return this;
        }

        /**
         * Sets {@code exp}.
         *
         * @param at the expiry
         * @return this token
         */
        public Token expiresAt(Instant at) {
            this.expiresAt = at;
            return this;
        }

        /**
         * Sets {@code nbf}.
         *
         * @param at the time before which the token is not valid
         * @return this token
         */
        public Token notBefore(Instant at) {
            this.notBefore = at;
            return this;
        }

        /**
         * Sets {@code iat}.
         *
         * @param at the issue time
         * @return this token
         */
        public Token issuedAt(Instant at) {
            this.issuedAt = at;
            return this;
        }

        /** {@return the token, signed (RS256, key id {@code meshtest}): {@code header.payload.signature}} */
        public String sign() {
            JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                    .issueTime(Date.from(issuedAt)).expirationTime(expiresAt == null ? null : Date.from(expiresAt));
            if (notBefore != null) {
                b.notBeforeTime(Date.from(notBefore));
            }
            if (!audiences.isEmpty()) {
                b.audience(audiences);
            }
            claims.forEach(b::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), b.build());
            try {
                jwt.sign(new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
            }
            return jwt.serialize();
        }
    }
}
