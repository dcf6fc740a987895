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

    /** One provider: an issuer, its keys, where its tokens are. */
    private record Provider(String issuer, dev.meshtest.config.ResourceRef ref, List<String> audiences, JWKSet keys,
                            List<JwtHeader> headers, List<String> params, List<String> cookies, boolean forward,
                            String payloadHeader, List<ClaimToHeader> claimHeaders) {

        static Provider of(JwtRule r, dev.meshtest.config.ResourceRef ref, MeshSettings mesh) {
            String json = r.jwks() != null && !r.jwks().isEmpty() ? r.jwks() : mesh.jwks().get(r.jwksUri());
            JWKSet keys;
            try {
                keys = json == null ? new JWKSet() : JWKSet.parse(json);
            } catch (ParseException e) {
                keys = new JWKSet();   // an unusable key set: every token fails verification, as Envoy's would
            }
            boolean defaults = r.fromHeaders().isEmpty() && r.fromParams().isEmpty() && r.fromCookies().isEmpty();
            List<JwtHeader> headers = defaults ? List.of(new JwtHeader("authorization", "Bearer ")) : r.fromHeaders();
            List<String> params = defaults ? List.of("access_token") : r.fromParams();
            return new Provider(r.issuer() == null ? "" : r.issuer(), ref, r.audiences(), keys, headers, params, r.fromCookies(),
                    Boolean.TRUE.equals(r.forwardOriginalToken()), r.outputPayloadToHeader(), r.outputClaimToHeaders());
        }

        /** Envoy's extractor: the first location that holds a token. */
        Extracted extract(HttpRequest request) {
            for (JwtHeader h : headers) {
                String v = request.header(h.name().toLowerCase(Locale.ROOT));
                String prefix = h.prefix() == null ? "" : h.prefix();
                if (v != null && v.startsWith(prefix) && v.length() > prefix.length()) {
                    return new Extracted(v.substring(prefix.length()), h.name().toLowerCase(Locale.ROOT), true);
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

        /** jwt_authn's checks in its order: the form, the issuer, the time, the audience, the signature. */
        Verified verify(String token, Instant now) {
            if (token.chars().filter(ch -> ch == '.').count() != 2) {
                return new Verified(null, 401, "Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections");
            }
            SignedJWT jwt;
            JWTClaimsSet claims;
            try {
                jwt = SignedJWT.parse(token);
                claims = jwt.getJWTClaimsSet();
            } catch (ParseException e) {
                return new Verified(null, 401, "Jwt verification fails");
            }
            if (claims.getIssuer() == null || !claims.getIssuer().equals(issuer)) {
                return new Verified(null, 401, "Jwt issuer is not configured");
            }
            if (claims.getExpirationTime() != null && !now.isBefore(claims.getExpirationTime().toInstant())) {
                return new Verified(null, 401, "Jwt is expired");
            }
            if (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant())) {
                return new Verified(null, 401, "Jwt not yet valid");
            }
            if (!audiences.isEmpty()) {
                List<String> aud = claims.getAudience() == null ? List.of() : claims.getAudience();
                if (aud.stream().noneMatch(audiences::contains)) {
                    return new Verified(null, 403, "Audiences in Jwt are not allowed");
                }
            }
            return verified(jwt) ? new Verified(claims, 0, null) : new Verified(null, 401, "Jwt verification fails");
        }

        private boolean verified(SignedJWT jwt) {
            String kid = jwt.getHeader().getKeyID();
            for (JWK key : keys.getKeys()) {
                if (kid != null && key.getKeyID() != null && !kid.equals(key.getKeyID())) {
                    continue;
                }
                try {
                    JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa)
                            : key instanceof ECKey ec ? new ECDSAVerifier(ec) : null;
                    if (verifier != null && verifier.supportedJWSAlgorithms().contains(jwt.getHeader().getAlgorithm())
                            && jwt.verify(verifier)) {
                        return true;
                    }
                } catch (JOSEException | IllegalStateException e) {
                    // A key that cannot verify this token: try the next.
                }
            }
            return false;
        }

        /** The request as it goes on: without the token's header unless forwarded; with the payload and claim headers. */
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
