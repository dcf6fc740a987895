package dev.meshtest.routing;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.routing.Routing.helloworld;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ReceivedRequest;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the client sees in the response headers and what the app receives (istio-rules §4.4, §4.9,
 * §4.11): redirects' {@code location} as Envoy's {@code newUri} builds it, {@code headers.response}
 * edits at rule and destination level, Envoy's own reply headers, {@code server}, and the request
 * after rewrites, header edits and retries.
 */
class HeadersTest {

    private static Outcome first(Mesh mesh, String url) {
        return mesh.send(1).from("nginx").to(url).outcomes().get(0);
    }

    private static String location(String redirect, String url) {
        Mesh mesh = MatchTest.withRules("- match: [{uri: {prefix: /old}}]\n  redirect: " + redirect + "\n-" + MatchTest.TO_V1.substring(1));
        return first(mesh, url).responseHeader("location").orElse("(none)");
    }

    @Test
    @DisplayName("a redirect answers with Envoy's local reply headers and the location it builds")
    void redirectHeaders() {
        Mesh mesh = MatchTest.withRules("- match: [{uri: {prefix: /old}}]\n  redirect: {uri: /new, redirectCode: 302}\n");
        Outcome o = first(mesh, "helloworld:5000/old?x=1");
        assertThat(o.status()).isEqualTo(302);
        assertThat(o.responseHeaders()).containsExactly(Map.entry("content-length", "0"),
                Map.entry("location", "http://helloworld:5000/new?x=1"), Map.entry("server", "envoy"));
        assertThat(o.received()).isEmpty();
        assertThat(o.pod()).isEmpty();
    }

    @Test
    @DisplayName("location: path_redirect keeps the request's query unless it has its own; prefixRewrite replaces the matched prefix")
    void redirectPaths() {
        assertThat(location("{uri: /new}", "helloworld:5000/old/x?q=1")).isEqualTo("http://helloworld:5000/new?q=1");
        assertThat(location("{uri: \"/new?y=2\"}", "helloworld:5000/old?q=1")).isEqualTo("http://helloworld:5000/new?y=2");
        assertThat(location("{prefixRewrite: /new}", "helloworld:5000/old/x?q=1")).isEqualTo("http://helloworld:5000/new/x?q=1");
        assertThat(location("{authority: example.com}", "helloworld:5000/old")).isEqualTo("http://example.com/old");
    }

    @Test
    @DisplayName("location: a new port replaces the request's; a new scheme keeps a non-default port; port 80 with http is dropped, so the request's stays")
    void redirectPorts() {
        assertThat(location("{port: 8080}", "helloworld:5000/old")).isEqualTo("http://helloworld:8080/old");
        assertThat(location("{scheme: https}", "helloworld:5000/old")).isEqualTo("https://helloworld:5000/old");
        assertThat(location("{authority: example.com, derivePort: FROM_REQUEST_PORT}", "helloworld:5000/old"))
                .isEqualTo("http://example.com:5000/old");
        assertThat(location("{port: 80}", "helloworld:5000/old")).isEqualTo("http://helloworld:5000/old");
        assertThat(location("{scheme: https, port: 443, authority: example.com}", "helloworld:5000/old"))
                .isEqualTo("https://example.com/old");
    }

    @Test
    @DisplayName("a direct response carries content-type text/plain and its length; the rule's response edits apply to it")
    void directResponseHeaders() {
        Mesh mesh = MatchTest.withRules("""
                - directResponse: {status: 418, body: {string: "I'm a teapot"}}
                  headers: {response: {set: {x-teapot: "yes"}}}
                """);
        assertThat(first(mesh, "helloworld:5000/").responseHeaders()).containsExactly(Map.entry("content-length", "12"),
                Map.entry("content-type", "text/plain"), Map.entry("server", "envoy"), Map.entry("x-teapot", "yes"));
    }

    @Test
    @DisplayName("headers.response: a single destination's set comes after the rule's and wins; a weighted destination's comes first and loses")
    void responseEditPrecedence() {
        Mesh single = MatchTest.withRules("""
                - headers: {response: {set: {x-who: rule, x-rule: "1"}}}
                  route:
                  - destination: {host: helloworld, subset: v1}
                    headers: {response: {set: {x-who: destination}}}
                """);
        assertThat(single.send(10).from("nginx").to("helloworld:5000/"))
                .hasResponseHeader("x-who", "destination").hasResponseHeader("x-rule", "1");
        Mesh weighted = MatchTest.withRules("""
                - headers: {response: {set: {x-who: rule}}}
                  route:
                  - destination: {host: helloworld, subset: v1}
                    weight: 50
                    headers: {response: {set: {x-who: v1, x-version: v1}}}
                  - destination: {host: helloworld, subset: v2}
                    weight: 50
                    headers: {response: {set: {x-who: v2, x-version: v2}}}
                """);
        TrafficResult r = weighted.send(100).from("nginx").to("helloworld:5000/");
        assertThat(r).hasResponseHeader("x-who", "rule");
        for (Outcome o : r.outcomes()) {
            assertThat(o.responseHeader("x-version")).isEqualTo(o.version());
        }
    }

    @Test
    @DisplayName("headers.response add appends, remove takes away; Envoy's own 503 after the route carries the edits, a 404 NR does not")
    void responseEditsOnLocalReplies() {
        Mesh mesh = MatchTest.withRules("""
                - match: [{uri: {prefix: /missing}}]
                  headers: {response: {add: {x-trace: a}, remove: [server]}}
                  route: [{destination: {host: helloworld, subset: v9}}]
                """);
        Outcome nc = first(mesh, "helloworld:5000/missing");
        assertThat(nc.status()).isEqualTo(503);
        assertThat(nc.flags()).containsExactly(ResponseFlag.NO_CLUSTER_FOUND);
        // The edits remove server, then the client's HTTP connection manager writes its own.
        assertThat(nc.responseHeaders()).containsExactly(Map.entry("content-length", "0"), Map.entry("server", "envoy"),
                Map.entry("x-trace", "a"));
        Outcome nr = first(mesh, "helloworld:5000/other");
        assertThat(nr.responseHeaders()).containsExactly(Map.entry("content-length", "0"), Map.entry("server", "envoy"));
    }

    @Test
    @DisplayName("server: envoy when the client's sidecar answers last, istio-envoy from a server sidecar or a gateway; x-envoy-overloaded on an overflow")
    void serverHeader() {
        Mesh mesh = helloworld().withNamespace("plain", false).withPod("curl", "plain");
        Outcome app = first(mesh, "helloworld:5000/hello");
        assertThat(app.responseHeaders()).containsExactly(Map.entry("server", "envoy"));
        Outcome plain = mesh.send(1).from("plain/curl").to("http://helloworld.default:5000/hello").outcomes().get(0);
        assertThat(plain.responseHeaders()).containsExactly(Map.entry("server", "istio-envoy"));
        Mesh overflowing = helloworld().withDestinationRule("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: one-at-a-time}
                spec:
                  host: helloworld
                  trafficPolicy: {connectionPool: {http: {http1MaxPendingRequests: 1, http2MaxRequests: 1}}}
                """);
        assertThat(overflowing.send(20).from("nginx").concurrency(3).to("helloworld:5000/hello"))
                .hasStatus(503).withFlag(ResponseFlag.UPSTREAM_OVERFLOW);
        Outcome uo = overflowing.send(20).from("nginx").concurrency(3).to("helloworld:5000/hello").outcomes().stream()
                .filter(o -> o.status() == 503).findFirst().orElseThrow();
        assertThat(uo.responseHeaders()).containsExactly(Map.entry("content-length", "81"),
                Map.entry("content-type", "text/plain"), Map.entry("server", "envoy"), Map.entry("x-envoy-overloaded", "true"));
    }

    @Test
    @DisplayName("the app receives the path after rewrite, the authority after rewrite, the headers after edits, and x-envoy-attempt-count")
    void whatTheAppReceived() {
        Mesh mesh = MatchTest.withRules("""
                - match: [{uri: {prefix: /old}}]
                  rewrite: {uri: /new, authority: helloworld.internal}
                  headers: {request: {set: {x-canary: "true"}, add: {x-trail: b}, remove: [x-debug]}}
                  route: [{destination: {host: helloworld, subset: v2}}]
                """);
        TrafficResult r = mesh.send(3).from("nginx").header("x-debug", "1").header("x-trail", "a")
                .to("helloworld:5000/old/x?q=1");
        assertThat(r.outcomes().get(0).received()).contains(new ReceivedRequest("GET", "helloworld.internal", "/new/x?q=1",
                Map.of("x-canary", "true", "x-trail", "a,b", "x-envoy-attempt-count", "1"),
                Optional.of("spiffe://cluster.local/ns/default/sa/default")));
        assertThat(r).receivedPath("/new/x?q=1").receivedAuthority("helloworld.internal")
                .receivedHeader("x-canary", "true").receivedNoHeader("x-debug").receivedHeader("x-envoy-attempt-count", "1");
    }

    @Test
    @DisplayName("after two retries the app that answered got x-envoy-attempt-count 3; without a sidecar no Envoy counts")
    void attemptCount() {
        Mesh mesh = MatchTest.withRules("""
                - route: [{destination: {host: helloworld, subset: v1}}]
                  retries: {attempts: 2, retryOn: 5xx}
                """).withApp("helloworld-v1", App.generic().failing(503, 1));
        Outcome o = first(mesh, "helloworld:5000/");
        assertThat(o.flags()).containsExactly(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED);
        assertThat(o.received().flatMap(q -> q.header("x-envoy-attempt-count"))).contains("3");
        Mesh plain = helloworld().withNamespace("plain", false).withPod("curl", "plain");
        assertThat(plain.send(2).from("plain/curl").to("http://helloworld.default:5000/hello"))
                .receivedNoHeader("x-envoy-attempt-count");
    }

    @Test
    @DisplayName("assertions on headers say what came instead; headers meshtest does not simulate are refused, not reported absent")
    void assertionMessages() {
        TrafficResult r = helloworld().send(4).from("nginx").to("helloworld:5000/hello");
        assertThatThrownBy(() -> assertThat(r).hasResponseHeader("server", "istio-envoy"))
                .hasMessageStartingWith("\nExpecting every response to carry header server: istio-envoy\n"
                        + "but 4 of 4 (100.0%) did not: 3 x server: envoy on helloworld-v1, 1 x server: envoy on helloworld-v2.\n"
                        + "Traffic (seed 42): 4 x GET http://helloworld:5000/hello from default/nginx\n");
        assertThatThrownBy(() -> assertThat(r).receivedPath("/other"))
                .hasMessageContaining("but 4 of 4 (100.0%) received otherwise: ");
        assertThatThrownBy(() -> assertThat(r).receivedHeader("X-Request-Id", "abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("meshtest does not simulate the x-request-id header that Envoy adds to requests");
        assertThatThrownBy(() -> assertThat(r).hasResponseHeader("date", "today"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("meshtest does not simulate the date response header");
        assertThat(r.outcomes().get(0).responseHeader("Server")).isEqualTo(Optional.of("envoy"));
    }
}
