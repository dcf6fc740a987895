package dev.meshtest.internal.validate;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.internal.cluster.Cluster;
import dev.meshtest.traffic.JwtIssuer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the RequestAuthentication CRD's rules and Istio's {@code ValidateRequestAuthentication}
 * reject, and warn about, in their words, at the field's line.
 */
class RequestAuthenticationValidatorTest {

    private static String ra(String rules) {
        return "apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: r}\nspec:\n  jwtRules:\n"
                + rules.indent(2);
    }

    private static String rejected(String rules) {
        return assertThatThrownBy(() -> mesh().withJwks("https://example.com/jwks", "{\"keys\": []}").apply(ra(rules)))
                .isInstanceOf(MeshConfigException.class).actual().getMessage();
    }

    @Test
    @DisplayName("the CRD's rules: jwks or jwksUri, an http(s) jwksUri")
    void schema() {
        assertThat(rejected("- {issuer: a, jwks: '{\"keys\": []}', jwksUri: \"https://example.com/jwks\"}"))
                .endsWith("spec.jwtRules[0]: Invalid value: \"object\": only one of jwks or jwksUri can be set");
        assertThat(rejected("- {issuer: a, jwksUri: \"ftp://example.com/jwks\"}"))
                .endsWith("spec.jwtRules[0].jwksUri: Invalid value: \"string\": url must have scheme http:// or https://");
    }

    @Test
    @DisplayName("the CRD's rules on targets: no namespace on targetRef or on any of targetRefs, each at its field")
    void crossNamespaceTargets() {
        String message = assertThatThrownBy(() -> mesh().apply("""
                apiVersion: security.istio.io/v1
                kind: RequestAuthentication
                metadata: {name: r}
                spec:
                  targetRefs:
                  - {kind: Gateway, group: gateway.networking.k8s.io, name: gw}
                  - {kind: Gateway, group: gateway.networking.k8s.io, name: gw2, namespace: other}
                """)).isInstanceOf(MeshConfigException.class).actual().getMessage();
        assertThat(message).contains("<string>:7:66: RequestAuthentication default/r: spec.targetRefs[1].namespace: Invalid value:"
                + " \"string\": cross namespace referencing is not currently supported");
        assertThat(message).doesNotContain("targetRefs[0]");
        assertThat(assertThatThrownBy(() -> mesh().apply("""
                apiVersion: security.istio.io/v1
                kind: RequestAuthentication
                metadata: {name: r}
                spec:
                  targetRef: {kind: Gateway, group: gateway.networking.k8s.io, name: gw, namespace: other}
                """)).isInstanceOf(MeshConfigException.class).actual().getMessage())
                .contains("spec.targetRef.namespace: Invalid value: \"string\": cross namespace referencing is not currently supported");
    }

    @Test
    @DisplayName("validateJwtRule: issuer or jwksUri, a parsable key set; empty strings and bad header names fail the CRD first")
    void rules() {
        assertThat(rejected("- {audiences: [a]}")).endsWith("spec.jwtRules[0]: issuer or jwksUri must be non-empty string");
        assertThat(rejected("- {issuer: a, jwks: 'not json'}")).contains("spec.jwtRules[0].jwks: jwks parse error: ");
        // The CRD's minLength and pattern: the API server refuses these before the webhook's
        // "audience must be non-empty string", "location ... must be non-empty string", "invalid header name".
        assertThat(rejected("- {issuer: a, audiences: [\"\"]}")).endsWith("spec.jwtRules[0].audiences[0]: Invalid value: \"\": "
                + "spec.jwtRules[0].audiences[0] in body should be at least 1 chars long");
        assertThat(rejected("- {issuer: a, fromHeaders: [{name: \"\"}]}")).endsWith("spec.jwtRules[0].fromHeaders[0].name: "
                + "Invalid value: \"\": spec.jwtRules[0].fromHeaders[0].name in body should be at least 1 chars long");
        assertThat(rejected("- {issuer: a, fromParams: [\"\"]}")).endsWith("spec.jwtRules[0].fromParams[0]: Invalid value: \"\": "
                + "spec.jwtRules[0].fromParams[0] in body should be at least 1 chars long");
        assertThat(rejected("- {issuer: a, outputClaimToHeaders: [{header: \"bad header\", claim: sub}]}"))
                .endsWith("spec.jwtRules[0].outputClaimToHeaders[0].header: Invalid value: \"bad header\": "
                        + "spec.jwtRules[0].outputClaimToHeaders[0].header in body should match '^[-_A-Za-z0-9]+$'");
    }

    @Test
    @DisplayName("a key set with private keys is admitted with the webhook's warning")
    void privateKeys() throws Exception {
        String privateSet = new com.nimbusds.jose.jwk.JWKSet(new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate()).toString(false);
        Mesh mesh = mesh().apply(ra("- issuer: a\n  jwks: '" + privateSet + "'"));
        assertThat(mesh.lastApply().warnings()).singleElement().asString()
                .contains("jwks key at index 0 contains private key material; only public keys are used for verification");
    }

    @Test
    @DisplayName("JwtIssuer's clock is the mesh's virtual clock: both start at 2024-01-01T00:00:00Z")
    void clocksAgree() {
        assertThat(JwtIssuer.CLOCK_START).isEqualTo(Cluster.CLOCK_START);
    }
}
