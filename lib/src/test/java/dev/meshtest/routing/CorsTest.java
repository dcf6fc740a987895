package dev.meshtest.routing;

import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Decision;
import dev.meshtest.traffic.Explanation;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A VirtualService's {@code corsPolicy} at the client's sidecar, as Istio's {@code TranslateCORSPolicy}
 * writes it and Envoy's CORS filter applies it (docs/routing.md, "CORS"): preflights answered by the
 * proxy, the headers of answers to allowed origins, where the filter sits among the fault filter and
 * the router.
 */
public class CorsTest {

    static final String POLICY = """
            - corsPolicy:
                allowOrigins: [{exact: "https://app.example.com"}, {prefix: "https://admin."}, {regex: "https://[a-z]+\\\\.test"}]
                allowMethods: [GET, POST]
                allowHeaders: [x-token, content-type]
                exposeHeaders: [x-total]
                maxAge: 24h
                allowCredentials: true
            """;

    static Mesh withPolicy(String extra) {
        return MatchTest.withRules(POLICY + extra + MatchTest.TO_V1);
    }

    static Outcome preflight(Mesh mesh, String origin) {
        return mesh.send(1).from("nginx").method("OPTIONS").header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .to("helloworld:5000/hello").outcomes().get(0);
    }

    static Outcome get(Mesh mesh, String origin) {
        var spec = mesh.send(1).from("nginx");
        if (origin != null) {
            spec = spec.header("Origin", origin);
        }
        return spec.to("helloworld:5000/hello").outcomes().get(0);
    }

    /** The status, the access-control-* headers in order, and who answered: the app, or a proxy on the way. */
    public static String cors(Outcome o) {
        StringBuilder sb = new StringBuilder().append(o.status());
        o.responseHeaders().forEach((k, v) -> {
            if (k.startsWith("access-control-")) {
                sb.append(' ').append(k.substring("access-control-".length())).append('=').append(v);
            }
        });
        return sb + (o.received().isPresent() ? " (app)" : " (proxy)");
    }

    @Test
    @DisplayName("a preflight from an allowed origin is answered 200 by the client's sidecar, with the policy's headers; the app never sees it")
    void preflightAllowed() {
        Mesh mesh = withPolicy("");
        Outcome o = preflight(mesh, "https://app.example.com");
        assertThat(cors(o)).isEqualTo("200 allow-credentials=true allow-headers=x-token,content-type allow-methods=GET,POST "
                + "allow-origin=https://app.example.com expose-headers=x-total max-age=86400 (proxy)");
        assertThat(o.responseHeader("content-length")).hasValue("0");
        assertThat(o.responseHeader("server")).hasValue("envoy");
        assertThat(o.flags()).isEmpty();
        assertThat(o.pod()).isEmpty();
        // Prefix and regex origins (the regex matches the whole origin).
        assertThat(cors(preflight(mesh, "https://admin.example.com"))).contains("allow-origin=https://admin.example.com ").endsWith("(proxy)");
        assertThat(cors(preflight(mesh, "https://abc.test"))).contains("allow-origin=https://abc.test ").endsWith("(proxy)");
        assertThat(cors(preflight(mesh, "https://abc.test.evil.com"))).isEqualTo("200 (app)");
    }

    @Test
    @DisplayName("a preflight from an origin not allowed goes on to the app (unmatchedPreflights FORWARD, Istio's default), its answer without CORS headers")
    void preflightForwarded() {
        Mesh mesh = withPolicy("");
        Outcome o = preflight(mesh, "https://evil.example.com");
        // helloworld is Flask: its automatic OPTIONS answer.
        assertThat(cors(o)).isEqualTo("200 (app)");
        assertThat(o.responseHeader("allow")).hasValue("GET, HEAD, OPTIONS");
    }

    @Test
    @DisplayName("unmatchedPreflights IGNORE: the proxy answers a preflight from an origin not allowed, 200 without allow-origin")
    void preflightIgnored() {
        Mesh mesh = withPolicy("    unmatchedPreflights: IGNORE\n");
        assertThat(cors(preflight(mesh, "https://evil.example.com"))).isEqualTo("200 allow-credentials=true "
                + "allow-headers=x-token,content-type allow-methods=GET,POST max-age=86400 (proxy)");
    }

    @Test
    @DisplayName("a request from an allowed origin gets allow-origin, allow-credentials and expose-headers on the app's answer; others get none")
    void simpleRequests() {
        Mesh mesh = withPolicy("");
        assertThat(cors(get(mesh, "https://app.example.com")))
                .isEqualTo("200 allow-credentials=true allow-origin=https://app.example.com expose-headers=x-total (app)");
        assertThat(cors(get(mesh, "https://evil.example.com"))).isEqualTo("200 (app)");
        assertThat(cors(get(mesh, null))).isEqualTo("200 (app)");
        // An empty Origin is no CORS request; OPTIONS without Access-Control-Request-Method is no preflight.
        assertThat(cors(get(mesh, ""))).isEqualTo("200 (app)");
        assertThat(cors(mesh.send(1).from("nginx").method("OPTIONS").header("Origin", "https://app.example.com")
                .to("helloworld:5000/hello").outcomes().get(0)))
                .isEqualTo("200 allow-credentials=true allow-origin=https://app.example.com expose-headers=x-total (app)");
    }

    @Test
    @DisplayName("the deprecated allowOrigin list matches exactly; '*' in it allows every origin, echoed back")
    void deprecatedAllowOrigin() {
        Mesh exact = MatchTest.withRules("- corsPolicy: {allowOrigin: [\"https://app.example.com\"]}\n" + MatchTest.TO_V1);
        assertThat(cors(get(exact, "https://app.example.com"))).isEqualTo("200 allow-origin=https://app.example.com (app)");
        assertThat(cors(get(exact, "https://app.example.com.evil"))).isEqualTo("200 (app)");
        Mesh any = MatchTest.withRules("- corsPolicy: {allowOrigin: [\"*\"]}\n" + MatchTest.TO_V1);
        assertThat(cors(get(any, "https://anything.example"))).isEqualTo("200 allow-origin=https://anything.example (app)");
    }

    @Test
    @DisplayName("the router's own answers (503 UH) get the CORS headers too; the CORS filter sets allow-origin after the rule's response edits")
    void routerRepliesAndResponseEdits() {
        Mesh noHost = MatchTest.withRules(POLICY + "  route: [{destination: {host: helloworld, subset: v3}}]\n")
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld}
                        spec:
                          host: helloworld
                          subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}, {name: v3, labels: {version: v3}}]
                        """);
        Outcome o = get(noHost, "https://app.example.com");
        assertThat(o.status()).isEqualTo(503);
        assertThat(o.flags()).containsExactly(ResponseFlag.NO_HEALTHY_UPSTREAM);
        assertThat(cors(o)).isEqualTo("503 allow-credentials=true allow-origin=https://app.example.com expose-headers=x-total (proxy)");

        Mesh edited = withPolicy("  headers: {response: {set: {access-control-allow-origin: \"*\", x-edited: \"yes\"}}}\n");
        Outcome e = get(edited, "https://app.example.com");
        assertThat(e.responseHeader("access-control-allow-origin")).hasValue("https://app.example.com");
        assertThat(e.responseHeader("x-edited")).hasValue("yes");
        // A preflight answered by the CORS filter never reaches the router: no response edits.
        assertThat(preflight(edited, "https://app.example.com").responseHeader("x-edited")).isEmpty();
    }

    @Test
    @DisplayName("the fault filter comes first: an abort answers without CORS headers; a delayed preflight is answered after the delay, with DI")
    void afterTheFaultFilter() {
        Mesh aborted = withPolicy("  fault: {abort: {httpStatus: 418, percentage: {value: 100}}}\n");
        assertThat(cors(get(aborted, "https://app.example.com"))).isEqualTo("418 (proxy)");
        assertThat(cors(preflight(aborted, "https://app.example.com"))).isEqualTo("418 (proxy)");

        Mesh delayed = withPolicy("  fault: {delay: {fixedDelay: 2s, percentage: {value: 100}}}\n");
        var r = delayed.send(1).from("nginx").method("OPTIONS").header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST").to("helloworld:5000/hello");
        Outcome o = r.outcomes().get(0);
        assertThat(cors(o)).startsWith("200 allow-credentials=true").endsWith("(proxy)");
        assertThat(o.flags()).containsExactly(ResponseFlag.DELAY_INJECTED);
        assertThat(r.latencyOf(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofMillis(2010));
    }

    @Test
    @DisplayName("a redirect or a direct response ignores the rule's corsPolicy: Envoy's CORS filter reads it only on a route that forwards")
    void notOnRedirects() {
        Mesh redirect = MatchTest.withRules(POLICY + "  redirect: {uri: /new}\n");
        assertThat(cors(get(redirect, "https://app.example.com"))).isEqualTo("301 (proxy)");
        assertThat(cors(preflight(redirect, "https://app.example.com"))).isEqualTo("301 (proxy)");
    }

    @Test
    @DisplayName("a delegate's rule without a corsPolicy takes its root rule's (mergeHTTPRoute); one with its own keeps it")
    void delegated() {
        Mesh mesh = Routing.helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: hello-api}
                spec:
                  http:
                  - match: [{uri: {prefix: /hello/own}}]
                    corsPolicy: {allowOrigins: [{exact: "https://own.example.com"}]}
                    route: [{destination: {host: helloworld, subset: v2}}]
                  - route: [{destination: {host: helloworld, subset: v1}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: root}
                spec:
                  hosts: [helloworld]
                  http:
                  - match: [{uri: {prefix: /hello}}]
                    corsPolicy: {allowOrigins: [{exact: "https://app.example.com"}]}
                    delegate: {name: hello-api}
                """);
        assertThat(cors(get(mesh, "https://app.example.com"))).isEqualTo("200 allow-origin=https://app.example.com (app)");
        Outcome own = mesh.send(1).from("nginx").header("Origin", "https://app.example.com").to("helloworld:5000/hello/own")
                .outcomes().get(0);
        assertThat(own.responseHeader("access-control-allow-origin")).isEmpty();
    }

    @Test
    @DisplayName("the explanation says what the CORS filter did")
    void explained() {
        Mesh mesh = withPolicy("");
        Explanation e = mesh.explain().from("nginx").method("OPTIONS").header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST").to("helloworld:5000/hello");
        assertThat(e.first(Decision.Kind.CORS)).hasValueSatisfying(d -> assertThat(d.text()).isEqualTo(
                "cors: origin https://app.example.com allowed by the route's corsPolicy: the proxy answers the preflight 200 itself; "
                        + "the app never sees it"));
        Explanation simple = mesh.explain().from("nginx").header("Origin", "https://evil.example.com").to("helloworld:5000/hello");
        assertThat(simple.first(Decision.Kind.CORS)).hasValueSatisfying(d -> assertThat(d.text()).isEqualTo(
                "cors: origin https://evil.example.com not allowed by the route's corsPolicy: the answer gets no CORS headers"));
    }
}
