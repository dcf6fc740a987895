package dev.meshtest.security;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.security.MutualTlsTest.migration;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.traffic.JwtIssuer;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RequestAuthentication as the receiving proxy's jwt_authn filter enforces it (docs/security.md,
 * "Request authentication"), alone and with AuthorizationPolicy, on the mutual TLS migration
 * layout (httpbin and sleep in foo and bar).
 */
class RequestAuthenticationTest {

    private static final JwtIssuer ISSUER = JwtIssuer.named("testing@secure.istio.io");
    private static final JwtIssuer OTHER_KEY = JwtIssuer.named("testing@secure.istio.io");
    private static final JwtIssuer STRANGER = JwtIssuer.named("stranger@example.com");

    static String requestAuthentication(String extra) {
        return """
                apiVersion: security.istio.io/v1
                kind: RequestAuthentication
                metadata: {name: jwt-example, namespace: foo}
                spec:
                  selector: {matchLabels: {app: httpbin}}
                  jwtRules:
                  - issuer: testing@secure.istio.io
                    jwks: '%s'
                """.formatted(ISSUER.jwks()) + extra.indent(4);
    }

    private static String policy(String name, String spec) {
        return "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: " + name
                + ", namespace: foo}\nspec:\n" + spec.indent(2);
    }

    private static TrafficResult curl(Mesh mesh, String token) {
        var spec = mesh.send(4).from("bar/sleep");
        return (token == null ? spec : spec.bearer(token)).to("http://httpbin.foo:8000/headers");
    }

    private static void rejected(TrafficResult r, int status, String body) {
        assertThat(r.countByStatus()).containsExactly(entry(status, (long) r.size()));
        Outcome o = r.outcomes().get(0);
        assertThat(o.body()).isEqualTo(body);
        assertThat(o.responseHeader("www-authenticate"))
                .contains("Bearer realm=\"http://httpbin.foo:8000/headers\", error=\"invalid_token\"");
    }

    @Test
    @DisplayName("Without an AuthorizationPolicy a request without a token passes; a valid one passes; an invalid one gets 401")
    void tokensAreCheckedWhenPresent() {
        Mesh mesh = migration().apply(requestAuthentication(""));
        assertThat(curl(mesh, null)).allSucceeded();
        assertThat(curl(mesh, ISSUER.token("alice"))).allSucceeded();
        rejected(curl(mesh, "invalidToken"), 401, "Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections");
        rejected(curl(mesh, OTHER_KEY.token("alice")), 401, "Jwt verification fails");
        rejected(curl(mesh, STRANGER.token("alice")), 401, "Jwt issuer is not configured");
        // Only the selected workload checks: bar's httpbin has no RequestAuthentication.
        assertThat(mesh.send(2).from("foo/sleep").bearer("invalidToken").to("http://httpbin.bar:8000/headers")).allSucceeded();
    }

    @Test
    @DisplayName("Expiry and not-before follow the virtual clock with Envoy's 60 s skew: a token valid for 10 s fails from "
            + "second 71 of a send; one valid from second 30 is taken at once, one from the next hour is not")
    void expiryOnTheVirtualClock() {
        Mesh mesh = migration().apply(requestAuthentication(""));
        String shortLived = ISSUER.token().subject("alice").expiresAfter(Duration.ofSeconds(10)).sign();
        TrafficResult r = mesh.send(Duration.ofSeconds(80)).from("bar/sleep").rate(2, dev.meshtest.traffic.TrafficSpec.Spacing.FIXED)
                .bearer(shortLived).to("http://httpbin.foo:8000/headers");
        assertThat(r.between(Duration.ZERO, Duration.ofSeconds(71))).allSucceeded();
        TrafficResult late = r.between(Duration.ofSeconds(71), Duration.ofSeconds(80));
        assertThat(late.countByStatus()).containsExactly(entry(401, (long) late.size()));
        assertThat(late.outcomes().get(0).body()).isEqualTo("Jwt is expired");
        String soon = ISSUER.token().subject("alice").notBefore(JwtIssuer.CLOCK_START.plusSeconds(30)).sign();
        assertThat(curl(mesh, soon)).allSucceeded();
        String later = ISSUER.token().subject("alice").notBefore(JwtIssuer.CLOCK_START.plusSeconds(3600)).sign();
        rejected(curl(mesh, later), 401, "Jwt not yet valid");
    }

    private static String b64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static TrafficResult authorization(Mesh mesh, String value) {
        return mesh.send(2).from("bar/sleep").header("Authorization", value).to("http://httpbin.foo:8000/headers");
    }

    @Test
    @DisplayName("Envoy's extractor finds the case-sensitive 'Bearer ' anywhere in the header and takes the run of "
            + "base64url characters after it; an empty token is malformed, another scheme is no token")
    void tokenExtraction() {
        Mesh mesh = migration().apply(requestAuthentication("")).apply(policy("require", "rules:\n- from: [{source: "
                + "{requestPrincipals: [\"*\"]}}]"));
        String token = ISSUER.token("alice");
        assertThat(authorization(mesh, "Bearer " + token)).allSucceeded();
        assertThat(authorization(mesh, "Bearer   " + token + ", more")).allSucceeded();
        assertThat(authorization(mesh, "Custom x, Bearer " + token)).allSucceeded();
        rejected(authorization(mesh, "Bearer "), 401, "Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections");
        // Without "Bearer " the filter finds no token, and the policy that requires one denies.
        assertThat(authorization(mesh, "bearer " + token).countByStatus()).containsExactly(entry(403, 2L));
        assertThat(authorization(mesh, "Basic dXNlcjpwYXNz").countByStatus()).containsExactly(entry(403, 2L));
    }

    @Test
    @DisplayName("A malformed token gets jwt_verify_lib's status for its first fault, in the order it parses")
    void malformedTokens() {
        Mesh mesh = migration().apply(requestAuthentication(""));
        String header = b64("{\"alg\":\"RS256\",\"kid\":\"meshtest\"}");
        String payload = b64("{\"iss\":\"testing@secure.istio.io\",\"sub\":\"alice\"}");
        String sig = b64("signature");
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("a..b", "Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections");
        // Characters Envoy's extractor takes (base64url and dots) but that no base64url decodes: a lone "a".
        cases.put("a." + payload + "." + sig, "Jwt header is an invalid Base64url encoded");
        cases.put(b64("[1]") + "." + payload + "." + sig, "Jwt header is an invalid JSON");
        cases.put(b64("{\"typ\":\"JWT\"}") + "." + payload + "." + sig, "Jwt header [alg] field is required and must be a string");
        cases.put(b64("{\"alg\":\"none\"}") + "." + payload + "." + sig, "Jwt header [alg] is not supported");
        cases.put(b64("{\"alg\":\"RS256\",\"kid\":7}") + "." + payload + "." + sig, "Jwt header [kid] field is not a string");
        cases.put(header + ".a." + sig, "Jwt payload is an invalid Base64url encoded");
        cases.put(header + "." + b64("not json") + "." + sig, "Jwt payload is an invalid JSON");
        cases.put(header + "." + b64("{\"sub\":1}") + "." + sig, "Jwt payload [sub] field is not a string");
        cases.put(header + "." + b64("{\"exp\":\"soon\"}") + "." + sig, "Jwt payload [exp] field is not an integer");
        cases.put(header + "." + b64("{\"nbf\":-5}") + "." + sig, "Jwt payload [nbf] field is not a positive 64 bit integer");
        cases.put(header + "." + b64("{\"aud\":[\"a\",2]}") + "." + sig, "Jwt payload [aud] field is not a string or string list");
        cases.put(header + "." + payload + ".a", "Jwt signature is an invalid Base64url encoded");
        // The extractor stops at the first other character: "!!" is skipped, "." then starts the token.
        cases.put("!!." + payload + "." + sig, "Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections");
        cases.put(b64("{\"alg\":\"RS256\",\"kid\":\"rotated\"}") + "." + payload + "." + sig,
                "Jwks doesn't have key to match kid or alg from Jwt");
        cases.put(header + "." + payload + "." + sig, "Jwt verification fails");
        cases.forEach((token, status) -> rejected(curl(mesh, token), 401, status));
    }

    @Test
    @DisplayName("audiences: a token for another audience gets 403 Audiences in Jwt are not allowed")
    void audiences() {
        Mesh mesh = migration().apply(requestAuthentication("audiences: [httpbin.example.com]"));
        assertThat(curl(mesh, ISSUER.token().subject("a").audience("httpbin.example.com").sign())).allSucceeded();
        rejected(curl(mesh, ISSUER.token().subject("a").audience("other").sign()), 403, "Audiences in Jwt are not allowed");
    }

    @Test
    @DisplayName("requestPrincipals make the token required: without one, 403 from the AuthorizationPolicy")
    void requireAToken() {
        Mesh mesh = migration().apply(requestAuthentication("")).apply(policy("require-jwt", """
                selector: {matchLabels: {app: httpbin}}
                action: ALLOW
                rules:
                - from: [{source: {requestPrincipals: ["testing@secure.istio.io/testing@secure.istio.io"]}}]
                """));
        assertThat(curl(mesh, ISSUER.token("testing@secure.istio.io"))).allSucceeded();
        assertThat(curl(mesh, null).countByStatus()).containsExactly(entry(403, 4L));
        assertThat(curl(mesh, ISSUER.token("alice")).countByStatus()).containsExactly(entry(403, 4L));
        Mesh anySubject = migration().apply(requestAuthentication("")).apply(policy("any",
                "rules:\n- from: [{source: {requestPrincipals: [\"testing@secure.istio.io/*\"]}}]"));
        assertThat(curl(anySubject, ISSUER.token("alice"))).allSucceeded();
    }

    @Test
    @DisplayName("request.auth.claims: a string claim or a list claim containing the value")
    void claims() {
        Mesh mesh = migration().apply(requestAuthentication("")).apply(policy("group1", """
                rules:
                - when:
                  - key: request.auth.claims[groups]
                    values: [group1]
                """));
        assertThat(curl(mesh, ISSUER.token().subject("a").claim("groups", List.of("group1", "group2")).sign())).allSucceeded();
        assertThat(curl(mesh, ISSUER.token().subject("a").claim("groups", "group1").sign())).allSucceeded();
        assertThat(curl(mesh, ISSUER.token().subject("a").claim("groups", List.of("group2")).sign()).countByStatus())
                .containsExactly(entry(403, 4L));
        Mesh nested = migration().apply(requestAuthentication("")).apply(policy("nested",
                "rules:\n- when: [{key: \"request.auth.claims[realm][role]\", values: [admin]}]"));
        assertThat(curl(nested, ISSUER.token().subject("a").claim("realm", Map.of("role", "admin")).sign())).allSucceeded();
    }

    @Test
    @DisplayName("The token is taken out before the app unless forwardOriginalToken; claims and the payload go to headers")
    void whatTheAppReceives() {
        Mesh mesh = migration().apply(requestAuthentication("""
                outputClaimToHeaders: [{header: x-jwt-sub, claim: sub}]
                outputPayloadToHeader: x-jwt-payload
                """));
        TrafficResult r = curl(mesh, ISSUER.token("alice"));
        assertThat(r).allSucceeded().receivedNoHeader("authorization").receivedHeader("x-jwt-sub", "alice");
        assertThat(r.outcomes().get(0).received().flatMap(q -> q.header("x-jwt-payload"))).isPresent();
        Mesh forwarding = migration().apply(requestAuthentication("forwardOriginalToken: true"));
        String token = ISSUER.token("alice");
        assertThat(curl(forwarding, token)).receivedHeader("authorization", "Bearer " + token);
    }

    @Test
    @DisplayName("fromHeaders and fromParams replace the default locations (Authorization: Bearer, access_token)")
    void locations() {
        Mesh mesh = migration().apply(requestAuthentication("fromHeaders: [{name: x-jwt-assertion}]\nfromParams: [my_token]"));
        assertThat(mesh.send(2).from("bar/sleep").header("x-jwt-assertion", "invalid").to("http://httpbin.foo:8000/headers")
                .countByStatus()).containsExactly(entry(401, 2L));
        assertThat(mesh.send(2).from("bar/sleep").to("http://httpbin.foo:8000/headers?my_token=" + ISSUER.token("a")))
                .allSucceeded();
        // The Authorization header is no longer looked at.
        assertThat(curl(mesh, "invalidToken")).allSucceeded();
    }

    @Test
    @DisplayName("jwksUri: refused until the test gives the key set with withJwks; lenient fails every token, as istiod without it")
    void jwksUri() {
        String withUri = """
                apiVersion: security.istio.io/v1
                kind: RequestAuthentication
                metadata: {name: jwt, namespace: foo}
                spec:
                  jwtRules:
                  - issuer: testing@secure.istio.io
                    jwksUri: https://example.com/jwks.json
                """;
        assertThatThrownBy(() -> migration().apply(withUri)).isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("RequestAuthentication foo/jwt: spec.jwtRules[0].jwksUri: meshtest does not simulate the "
                        + "key set at https://example.com/jwks.json")
                .hasMessageContaining("give it with mesh.withJwks(\"https://example.com/jwks.json\", json) before applying");
        Mesh mesh = migration().withJwks("https://example.com/jwks.json", ISSUER.jwks()).apply(withUri);
        assertThat(curl(mesh, ISSUER.token("alice"))).allSucceeded();
        Mesh lenient = dev.meshtest.Mesh.mesh().lenient().apply(MutualTlsTest.workloads("foo", true))
                .apply(MutualTlsTest.workloads("bar", true)).apply(withUri);
        rejected(curl(lenient, ISSUER.token("alice")), 401, "Jwt verification fails");
        assertThat(curl(lenient, null)).allSucceeded();
    }

    @Test
    @DisplayName("proxyConfig(pod).authorization() shows jwt_authn's providers before the RBAC filters")
    void proxyConfigView() {
        Mesh mesh = migration().apply(requestAuthentication("")).apply(policy("any", "rules: [{}]"));
        assertThat(mesh.proxyConfig("foo/httpbin").authorization().rows()).containsExactly(
                List.of("envoy.filters.http.jwt_authn", "-", "issuer testing@secure.istio.io", "RequestAuthentication jwt-example.foo"),
                List.of("envoy.filters.http.rbac", "ALLOW", "ns[foo]-policy[any]-rule[0]", "AuthorizationPolicy any.foo"));
    }

    @Test
    @DisplayName("explain() says what jwt_authn did")
    void explained() {
        Mesh mesh = migration().apply(requestAuthentication(""));
        assertThat(mesh.explain().from("bar/sleep").bearer(ISSUER.token("alice")).to("http://httpbin.foo:8000/headers").steps())
                .anyMatch(s -> s.matches("jwt_authn at sidecar of httpbin-.*: token accepted, request principal "
                        + "testing@secure.istio.io/alice"));
        assertThat(mesh.explain().from("bar/sleep").bearer("x.y.z").to("http://httpbin.foo:8000/headers").steps())
                .anyMatch(s -> s.matches("jwt_authn at sidecar of httpbin-.*: 401 Jwt header is an invalid Base64url encoded "
                        + "\\(jwt_authn_access_denied\\{Jwt_header_is_an_invalid_Base64url_encoded}\\)"));
    }
}
