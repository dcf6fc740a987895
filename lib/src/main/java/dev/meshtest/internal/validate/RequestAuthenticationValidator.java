package dev.meshtest.internal.validate;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.meshtest.config.istio.ClaimToHeader;
import dev.meshtest.config.istio.JwtHeader;
import dev.meshtest.config.istio.JwtRule;
import dev.meshtest.config.istio.PolicyTargetReference;
import dev.meshtest.config.istio.RequestAuthentication;
import dev.meshtest.config.istio.RequestAuthenticationSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;

/**
 * Istio's {@code ValidateRequestAuthentication} and {@code validateJwtRule}
 * ({@code pkg/config/validation/validation.go}) with their messages, after the
 * RequestAuthentication CRD's own rules, which the API server checks first.
 *
 * <pre>{@code
 * new RequestAuthenticationValidator(findings).validate(requestAuthentication);
 * }</pre>
 */
final class RequestAuthenticationValidator {

    private final Findings f;

    RequestAuthenticationValidator(Findings findings) {
        this.f = findings;
    }

    void validate(RequestAuthentication ra) {
        RequestAuthenticationSpec spec = ra.spec() == null ? new RequestAuthenticationSpec(null, null, null, null) : ra.spec();
        int selectors = (spec.selector() != null ? 1 : 0) + (spec.targetRef() != null ? 1 : 0) + (spec.targetRefs().isEmpty() ? 0 : 1);
        if (selectors > 1) {
            f.error("spec", "only one of targetRefs or workloadSelector can be set");
        }
        // The CRD's rule: has() is true for a list written empty, which the webhook reads as none.
        if ((spec.selector() != null ? 1 : 0) + (spec.targetRef() != null ? 1 : 0)
                + (f.has("spec.targetRefs", spec.targetRefs()) ? 1 : 0) > 1) {
            Values.cel(f, "spec", "object", "only one of targetRefs or selector can be set");
        }
        if (spec.targetRef() != null && !Values.isEmpty(spec.targetRef().namespace())) {
            Values.cel(f, "spec.targetRef.namespace", "string", "cross namespace referencing is not currently supported");
        }
        for (int i = 0; i < spec.targetRefs().size(); i++) {
            PolicyTargetReference t = spec.targetRefs().get(i);
            if (t != null && !Values.isEmpty(t.namespace())) {
                Values.cel(f, "spec.targetRefs[" + i + "].namespace", "string", "cross namespace referencing is not currently supported");
            }
        }
        Values.typeWorkloadSelector(f, spec.selector(), "spec.selector");
        AuthorizationPolicyValidator.targetRefs(f, spec.targetRef(), spec.targetRefs());
        for (int i = 0; i < spec.jwtRules().size(); i++) {
            JwtRule r = spec.jwtRules().get(i);
            if (r != null) {
                rule(r, "spec.jwtRules[" + i + "]");
            }
        }
    }

    /** The CRD's rules on a rule, then {@code validateJwtRule} and {@code warnPrivateJwksKeys}. */
    private void rule(JwtRule r, String p) {
        if (!Values.isEmpty(r.jwks()) && !Values.isEmpty(r.jwksUri())) {
            Values.cel(f, p, "object", "only one of jwks or jwksUri can be set");
        }
        if (!Values.isEmpty(r.jwksUri()) && !httpUrl(r.jwksUri())) {
            Values.cel(f, p + ".jwksUri", "string", "url must have scheme http:// or https://");
        }
        for (String a : r.audiences()) {
            if (a == null || a.isEmpty()) {
                f.error(p + ".audiences", "audience must be non-empty string");
            }
        }
        if (Values.isEmpty(r.issuer()) && Values.isEmpty(r.jwksUri())) {
            f.error(p, "issuer or jwksUri must be non-empty string");
        }
        if (!Values.isEmpty(r.jwks())) {
            try {
                JWKSet set = JWKSet.parse(r.jwks());
                for (int k = 0; k < set.getKeys().size(); k++) {
                    JWK key = set.getKeys().get(k);
                    if (key.isPrivate()) {
                        f.warn(p + ".jwks", "jwks key at index " + k + " contains private key material; only public keys are "
                                + "used for verification");
                    }
                }
            } catch (ParseException e) {
                f.error(p + ".jwks", "jwks parse error: " + e.getMessage());
            }
        }
        for (int j = 0; j < r.fromHeaders().size(); j++) {
            JwtHeader h = r.fromHeaders().get(j);
            if (h == null) {
                f.error(p + ".fromHeaders[" + j + "]", "location header name must be non-null");
            } else if (Values.isEmpty(h.name())) {
                f.error(p + ".fromHeaders[" + j + "].name", "location header name must be non-empty string");
            }
        }
        for (int j = 0; j < r.fromParams().size(); j++) {
            if (Values.isEmpty(r.fromParams().get(j))) {
                f.error(p + ".fromParams[" + j + "]", "location query must be non-empty string");
            }
        }
        for (int j = 0; j < r.fromCookies().size(); j++) {
            if (Values.isEmpty(r.fromCookies().get(j))) {
                f.error(p + ".fromCookies[" + j + "]", "cookie name must be non-empty string");
            }
        }
        for (int j = 0; j < r.outputClaimToHeaders().size(); j++) {
            ClaimToHeader c = r.outputClaimToHeaders().get(j);
            String cp = p + ".outputClaimToHeaders[" + j + "]";
            if (c == null) {
                f.error(cp, "outputClaimToHeaders must not be null");
            } else if (Values.isEmpty(c.claim()) || Values.isEmpty(c.header())) {
                f.error(cp, "outputClaimToHeaders header and claim value must be non-empty string");
            } else if (!c.header().matches("[-!#$%&'*+.^_`|~0-9A-Za-z]+")) {
                f.error(cp + ".header", "invalid header name: " + Values.quote(c.header()));
            }
        }
    }

    private static boolean httpUrl(String u) {
        try {
            String scheme = new URI(u).getScheme();
            return "http".equals(scheme) || "https".equals(scheme);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
