package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.meshtest.config.istio.ClaimToHeader;
import dev.meshtest.config.istio.JwtHeader;
import dev.meshtest.config.istio.JwtRule;
import dev.meshtest.config.istio.RequestAuthentication;
import dev.meshtest.config.istio.RequestAuthenticationSpec;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.CreationOrder;
import dev.meshtest.internal.cluster.LabelSelector;
import dev.meshtest.internal.cluster.StoredConfig;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Envoy's {@code jwt_authn} filter as Istio configures it for a workload's RequestAuthentications
 * (docs/security.md, "Request authentication"; {@code convertToEnvoyJwtConfig},
 * {@code pilot/pkg/security/authn/policy_applier.go}): one provider per JWT rule of the
 * RequestAuthentications that select the workload (its namespace's and the root namespace's, by
 * selector), sorted by issuer, each required "or missing": a request without a token passes, a
 * token some provider accepts passes, any other token is rejected with Envoy's status (401,
 * {@code Jwt verification fails}, {@code Jwt is expired}, ...; 403 for an audience not allowed).
 * What passes carries the request principal ({@code iss/sub}) and the claims AuthorizationPolicy
 * reads, and reaches the app without the token (unless {@code forwardOriginalToken}) and with the
 * payload and claim headers the rules ask for.
 *
 * <pre>{@code
 * JwtAuthentication jwt = JwtAuthentication.of(state, mesh).forWorkload(pod);
 * JwtAuthentication.Result r = jwt.authenticate(request, Instant.parse("2024-01-01T00:00:05Z"));
 * }</pre>
 */
@API(status = INTERNAL, since = "0.4")
public final class JwtAuthentication {

    /** No RequestAuthentication selects the workload: no filter. */
    public static final JwtAuthentication NONE = new JwtAuthentication(List.of());

    private final List<Provider> providers;

    private JwtAuthentication(List<Provider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** Whether the workload has the filter. */
    public boolean isEmpty() {
        return providers.isEmpty();
    }

    /** The issuers, in the filter's order. */
    public List<String> issuers() {
        return providers.stream().map(Provider::issuer).toList();
    }

    /** The RequestAuthentication of each provider, in the filter's order. */
    public List<dev.meshtest.config.ResourceRef> sources() {
        return providers.stream().map(Provider::ref).toList();
    }

    /**
     * What the filter did with a request.
     *
     * @param status 0 when the request goes on, else the status of the proxy's reply (401 or 403)
     * @param body the reply's body (Envoy's status text), or {@code ""}
     * @param request the request as it goes on: the token removed unless forwarded, payload and claim headers added
     * @param principal {@code iss/sub} of the accepted token, or {@code null} without one
     * @param claims the accepted token's claims, or an empty map
     */
    public record Result(int status, String body, HttpRequest request, String principal, Map<String, Object> claims) {
        /** Whether the request goes on. */
        public boolean passed() {
            return status == 0;
        }
    }

    /** The filter's verdict on a request at virtual time {@code now}. */
    public Result authenticate(HttpRequest request, Instant now) {
        String firstError = null;
        int firstStatus = 0;
        for (Provider p : providers) {
            Extracted token = p.extract(request);
            if (token == null) {
                continue;
            }
            Verified v = p.verify(token.value, now);
            if (v.error == null) {
                return new Result(0, "", p.forwarded(request, token, v.claims), v.claims.getIssuer() + "/" + v.claims.getSubject(),
                        v.claims.getClaims());
            }
            if (firstError == null) {
                firstError = v.error;
                firstStatus = v.status;
            }
        }
        if (firstError != null) {
            return new Result(firstStatus, firstError, request, null, Map.of());
        }
        return new Result(0, "", request, null, Map.of());
    }

    /** The filter of one workload, from the RequestAuthentications that select it. */
    public static JwtAuthentication forWorkload(ClusterState state, MeshSettings mesh, ClusterPod pod) {
        List<StoredConfig<RequestAuthentication>> stored = new ArrayList<>(state.configs(RequestAuthentication.class));
        stored.sort(CreationOrder.CONFIGS);
        List<Map.Entry<JwtRule, dev.meshtest.config.ResourceRef>> rules = new ArrayList<>();
        for (StoredConfig<RequestAuthentication> c : stored) {
            RequestAuthentication ra = c.resource();
            String ns = ra.namespace();
            if (!ns.equals(mesh.rootNamespace()) && !ns.equals(pod.namespace())) {
                continue;
            }
            RequestAuthenticationSpec spec = ra.spec() == null ? new RequestAuthenticationSpec(null, null, null, null) : ra.spec();
            if (spec.targetRef() != null || !spec.targetRefs().isEmpty()) {
                continue;   // Gateway API gateways and waypoints only (ShouldAttachPolicy)
            }
            if (spec.selector() != null && !LabelSelector.matches(spec.selector().matchLabels(), pod.labels())) {
                continue;
            }
            for (JwtRule r : spec.jwtRules()) {
                if (r != null) {
                    rules.add(Map.entry(r, ra.ref()));
                }
            }
        }
        if (rules.isEmpty()) {
            return NONE;
        }
        rules.sort(Comparator.comparing(e -> e.getKey().issuer() == null ? "" : e.getKey().issuer()));   // newPolicyApplier sorts by issuer
        List<Provider> providers = new ArrayList<>();
        for (Map.Entry<JwtRule, dev.meshtest.config.ResourceRef> e : rules) {
            providers.add(Provider.of(e.getKey(), e.getValue(), mesh));
        }
        return new JwtAuthentication(providers);
    }

    private record Extracted(String value, String header, boolean fromHeader) {
    }

    private record Verified(JWTClaimsSet claims, int status, String error) {
    }

    /** Envoy's default {@code clock_skew_seconds}, which Istio does not set. */
    static final long CLOCK_SKEW_SECONDS = 60;

    /** The algorithms jwt_verify_lib implements ({@code isImplemented}). */
    private static final java.util.Set<String> ALGORITHMS = java.util.Set.of("ES256", "ES384", "ES512", "HS256", "HS384",
            "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA");

    /**
     * A token as jwt_verify_lib's {@code Jwt::parseFromString} reads it, with its first error in
     * Envoy's words ({@code getStatusString}), or {@code null}.
     */
    record Parsed(String error, String algorithm, String keyId, String issuer, long notBefore, long expires,
                  List<String> audiences) {

        private static Parsed failed(String error) {
            return new Parsed(error, null, null, "", 0, 0, List.of());
        }

        static Parsed of(String token) {
            List<String> parts = new ArrayList<>();
            for (String part : token.split("\\.", -1)) {
                if (!part.isEmpty()) {   // absl::SkipEmpty
                    parts.add(part);
                }
            }
            if (parts.size() != 3) {
                return failed("Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections");
            }
            Map<String, Object> header = json(parts.get(0));
            if (header == BAD_BASE64) {
                return failed("Jwt header is an invalid Base64url encoded");
            }
            if (header == null) {
                return failed("Jwt header is an invalid JSON");
            }
            if (!(header.get("alg") instanceof String alg)) {
                return failed("Jwt header [alg] field is required and must be a string");
            }
            if (!ALGORITHMS.contains(alg)) {
                return failed("Jwt header [alg] is not supported");
            }
            Object kid = header.get("kid");
            if (header.containsKey("kid") && !(kid instanceof String)) {   // a JSON null is the wrong type too
                return failed("Jwt header [kid] field is not a string");
            }
            Map<String, Object> payload = json(parts.get(1));
            if (payload == BAD_BASE64) {
                return failed("Jwt payload is an invalid Base64url encoded");
            }
            if (payload == null) {
                return failed("Jwt payload is an invalid JSON");
            }
            for (String field : List.of("iss", "sub")) {
                if (payload.containsKey(field) && !(payload.get(field) instanceof String)) {
                    return failed("Jwt payload [" + field + "] field is not a string");
                }
            }
            long[] times = new long[3];
            String[] names = {"iat", "nbf", "exp"};
            for (int i = 0; i < names.length; i++) {
                Object v = payload.get(names[i]);
                if (v == null) {
                    continue;
                }
                if (!(v instanceof Number n)) {
                    return failed("Jwt payload [" + names[i] + "] field is not an integer");
                }
                double d = n.doubleValue();
                if (d < 0 || d >= 0x1p64) {
                    return failed("Jwt payload [" + names[i] + "] field is not a positive 64 bit integer");
                }
                times[i] = d >= 0x1p63 ? Long.MAX_VALUE : n.longValue();
            }
            if (payload.containsKey("jti") && !(payload.get("jti") instanceof String)) {
                return failed("Jwt payload [jti] field is not a string");
            }
            List<String> audiences = new ArrayList<>();
            Object aud = payload.get("aud");
            if (aud instanceof String a) {
                audiences.add(a);
            } else if (aud instanceof List<?> list) {
                for (Object a : list) {
                    if (!(a instanceof String str)) {
                        return failed("Jwt payload [aud] field is not a string or string list");
                    }
                    audiences.add(str);
                }
            } else if (aud != null) {
                return failed("Jwt payload [aud] field is not a string or string list");
            }
            if (decode(parts.get(2)) == null) {
                return failed("Jwt signature is an invalid Base64url encoded");
            }
            String iss = payload.get("iss") instanceof String i ? i : "";
            return new Parsed(null, alg, (String) kid, iss, times[1], times[2], List.copyOf(audiences));
        }

        /** A decoded JSON object, {@link #BAD_BASE64}, or {@code null} when it is not a JSON object. */
        private static Map<String, Object> json(String base64url) {
            byte[] bytes = decode(base64url);
            if (bytes == null) {
                return BAD_BASE64;
            }
            try {
                return com.nimbusds.jose.util.JSONObjectUtils.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            } catch (ParseException | RuntimeException e) {
                return null;
            }
        }

        private static final Map<String, Object> BAD_BASE64 = new java.util.HashMap<>();

        private static byte[] decode(String base64url) {
            try {
                return java.util.Base64.getUrlDecoder().decode(base64url);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** One provider: an issuer, its keys, where its tokens are. */
    private record Provider(String issuer, dev.meshtest.config.ResourceRef ref, List<String> audiences, JWKSet keys,
                            List<JwtHeader> headers, List<String> params, List<String> cookies, boolean forward,
                            String payloadHeader, List<ClaimToHeader> claimHeaders) {

        static Provider of(JwtRule r, dev.meshtest.config.ResourceRef ref, MeshSettings mesh) {
            String json = r.jwks() != null && !r.jwks().isEmpty() ? r.jwks() : mesh.jwks().get(r.jwksUri());
            JWKSet keys;
            try {
                // No key set (a jwksUri the test did not give, in a lenient mesh): istiod, failing to
                // fetch it, gives Envoy a key without kid or alg whose private half nobody has
                // (BuildLocalJwks): every token matches it and fails verification (null here).
                keys = json == null ? null : JWKSet.parse(json);
            } catch (ParseException e) {
                keys = new JWKSet();   // an unusable key set: no key matches any token
            }
            boolean defaults = r.fromHeaders().isEmpty() && r.fromParams().isEmpty() && r.fromCookies().isEmpty();
            List<JwtHeader> headers = defaults ? List.of(new JwtHeader("authorization", "Bearer ")) : r.fromHeaders();
            List<String> params = defaults ? List.of("access_token") : r.fromParams();
            return new Provider(r.issuer() == null ? "" : r.issuer(), ref, r.audiences(), keys, headers, params, r.fromCookies(),
                    Boolean.TRUE.equals(r.forwardOriginalToken()), r.outputPayloadToHeader(), r.outputClaimToHeaders());
        }

        /** Envoy's extractor: the first location that holds a token. */
        /**
         * {@code ExtractorImpl::extractJWT}: from {@code after}, the first run of base64url
         * characters and dots; the whole value when there is none (which then fails as malformed).
         */
        private static String token(String value, int after) {
            int start = after;
            while (start < value.length() && !jwtChar(value.charAt(start))) {
                start++;
            }
            if (start == value.length()) {
                return value;
            }
            int end = start;
            while (end < value.length() && jwtChar(value.charAt(end))) {
                end++;
            }
            return value.substring(start, end);
        }

        private static boolean jwtChar(char c) {
            return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.';
        }

        Extracted extract(HttpRequest request) {
            for (JwtHeader h : headers) {
                String v = request.header(h.name().toLowerCase(Locale.ROOT));
                String prefix = h.prefix() == null ? "" : h.prefix();
                if (v == null) {
                    continue;
                }
                if (prefix.isEmpty()) {
                    return new Extracted(v, h.name().toLowerCase(Locale.ROOT), true);
                }
                // ExtractorImpl::extract: the prefix anywhere in the value (case-sensitive), then extractJWT.
                int at = v.indexOf(prefix);
                if (at >= 0) {
                    return new Extracted(token(v, at + prefix.length()), h.name().toLowerCase(Locale.ROOT), true);
                }
            }
            for (String p : params) {
                String v = request.query(p);
                if (v != null && !v.isEmpty()) {
                    return new Extracted(v, null, false);
                }
            }
            String cookieHeader = request.header("cookie");
            if (cookieHeader != null) {
                for (String c : cookies) {
                    for (String part : cookieHeader.split(";")) {
                        String t = part.trim();
                        if (t.startsWith(c + "=") && t.length() > c.length() + 1) {
                            return new Extracted(t.substring(c.length() + 1), null, false);
                        }
                    }
                }
            }
            return null;
        }

        /**
         * jwt_authn's checks in its order ({@code AuthenticatorImpl::startVerify}): the token's form
         * ({@link Parsed}), the issuer, the time with Envoy's 60 s clock skew, the audience, then the
         * signature by a key whose {@code kid} and {@code alg} match ({@code verifyJwtWithoutTimeChecking}).
         */
        Verified verify(String token, Instant now) {
            Parsed jwt = Parsed.of(token);
            if (jwt.error() != null) {
                return new Verified(null, 401, jwt.error());
            }
            if (!jwt.issuer().equals(issuer)) {
                return new Verified(null, 401, "Jwt issuer is not configured");
            }
            // verifyTimeConstraint: whole seconds, the not-before time first.
            long seconds = now.getEpochSecond();
            if (seconds + CLOCK_SKEW_SECONDS < jwt.notBefore()) {
                return new Verified(null, 401, "Jwt not yet valid");
            }
            if (jwt.expires() != 0 && seconds > jwt.expires() + CLOCK_SKEW_SECONDS) {
                return new Verified(null, 401, "Jwt is expired");
            }
            if (!audiences.isEmpty() && jwt.audiences().stream().noneMatch(audiences::contains)) {
                return new Verified(null, 403, "Audiences in Jwt are not allowed");
            }
            SignedJWT signed;
            JWTClaimsSet claims;
            try {
                signed = SignedJWT.parse(token);
                claims = signed.getJWTClaimsSet();
            } catch (ParseException e) {
                return new Verified(null, 401, "Jwt verification fails");   // a form Envoy takes and Nimbus does not
            }
            if (keys == null) {
                return new Verified(null, 401, "Jwt verification fails");
            }
            boolean matched = false;
            for (JWK key : keys.getKeys()) {
                if (jwt.keyId() != null && key.getKeyID() != null && !jwt.keyId().equals(key.getKeyID())) {
                    continue;
                }
                if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(jwt.algorithm())) {
                    continue;
                }
                matched = true;
                if (verifies(signed, key)) {
                    return new Verified(claims, 0, null);
                }
            }
            return new Verified(null, 401, matched ? "Jwt verification fails" : "Jwks doesn't have key to match kid or alg from Jwt");
        }

        private static boolean verifies(SignedJWT jwt, JWK key) {
            try {
                JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa)
                        : key instanceof ECKey ec ? new ECDSAVerifier(ec) : null;
                return verifier != null && verifier.supportedJWSAlgorithms().contains(jwt.getHeader().getAlgorithm())
                        && jwt.verify(verifier);
            } catch (JOSEException | IllegalStateException e) {
                return false;   // a key that cannot verify this token
            }
        }

        HttpRequest forwarded(HttpRequest request, Extracted token, JWTClaimsSet claims) {
            Map<String, String> headers = new LinkedHashMap<>(request.headers());
            if (!forward && token.fromHeader) {
                headers.remove(token.header);
            }
            if (payloadHeader != null && !payloadHeader.isEmpty()) {
                String payload = token.value.substring(token.value.indexOf('.') + 1, token.value.lastIndexOf('.'));
                headers.put(payloadHeader.toLowerCase(Locale.ROOT), payload);
            }
            for (ClaimToHeader ch : claimHeaders) {
                Object v = claims.getClaim(ch.claim());
                if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                    headers.put(ch.header().toLowerCase(Locale.ROOT), String.valueOf(v));
                }
            }
            if (headers.equals(request.headers())) {
                return request;
            }
            return new HttpRequest(request.method(), request.scheme(), request.authority(), request.path(), request.queryString(),
                    headers);
        }
    }
}
