package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.assertPlausible;
import static dev.meshtest.routing.Routing.helloworld;
import static dev.meshtest.routing.Routing.one;
import static dev.meshtest.routing.Routing.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.Replies;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import dev.meshtest.traffic.ResponseFlag;

/**
 * Route actions (istio-rules §4.2–§4.4, §4.9): redirect, directResponse, rewrite, header edits, weights.
 * The app does not echo the request, so what a client sidecar does to a request (path, Host,
 * headers) is observed one hop later: the client calls the ingress gateway's Service, and the
 * gateway routes on what it receives ({@code routing/gateway-echo.yaml}: path {@code /new*},
 * header {@code x-route: v2} or {@code a,v2}, or Host {@code v2.example.com} go to v2, the rest to v1).
 */
class ActionTest {

    private static final String GW = "istio-ingressgateway.istio-system.svc.cluster.local";

    /** helloworld, the echo gateway, and a mesh VirtualService for the gateway's Service with these http rules. */
    private static Mesh viaGateway(String rules) {
        return helloworld().apply("classpath:routing/gateway-echo.yaml").withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: to-gateway}
                spec:
                  hosts: [%s]
                  http:
                """.formatted(GW) + rules.indent(2));
    }

    private static final String GW_DEST = "destination: {host: " + GW + "}";

    private static String oneViaGateway(Mesh mesh, String path) {
        return where(mesh.send(1).from("nginx").to("http://istio-ingressgateway.istio-system" + path));
    }

    @Test
    @DisplayName("the echo gateway itself: /new and x-route: v2 reach v2, the rest v1")
    void echoGatewayBaseline() {
        Mesh mesh = viaGateway("- route: [{" + GW_DEST + "}]\n");
        assertThat(oneViaGateway(mesh, "/old")).isEqualTo("v1");
        assertThat(oneViaGateway(mesh, "/new")).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").header("x-route", "v2").to("http://istio-ingressgateway.istio-system/"))).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").header("Host", "v2.example.com").to("http://istio-ingressgateway.istio-system/"))).isEqualTo("v2");
    }

    @Test
    @DisplayName("redirect: 301 by default, redirectCode when set; no upstream call, empty body, no flag")
    void redirect() {
        Mesh mesh = MatchTest.withRules("""
                - match: [{uri: {prefix: /old}}]
                  redirect: {uri: /new}
                - match: [{uri: {prefix: /tmp}}]
                  redirect: {uri: /new, redirectCode: 302}
                """);
        assertThat(mesh.send(1).from("nginx").to("helloworld:5000/old").outcomes().get(0))
                .isEqualTo(Outcome.of(301).withResponseHeaders(Map.of("location", "http://helloworld:5000/new",
                        "content-length", "0", "server", "envoy")));
        assertThat(one(mesh, "helloworld:5000/tmp")).isEqualTo("302 -");
    }

    @Test
    @DisplayName("directResponse: the configured status and body; no body means empty")
    void directResponse() {
        Mesh mesh = MatchTest.withRules("""
                - match: [{uri: {prefix: /teapot}}]
                  directResponse: {status: 418, body: {string: "I'm a teapot"}}
                - directResponse: {status: 503}
                """);
        assertThat(mesh.send(1).from("nginx").to("helloworld:5000/teapot").outcomes().get(0))
                .isEqualTo(Outcome.of(418).withBody("I'm a teapot").withResponseHeaders(Map.of("content-type", "text/plain",
                        "content-length", "12", "server", "envoy")));
        assertThat(mesh.send(1).from("nginx").to("helloworld:5000/x").outcomes().get(0))
                .isEqualTo(Replies.sidecar("", 503, ""));
    }

    @Test
    @DisplayName("rewrite.uri replaces the matched prefix (Envoy prefix_rewrite); the next hop sees the new path")
    void rewriteUri() {
        Mesh mesh = viaGateway("""
                - match: [{uri: {prefix: /old}}]
                  rewrite: {uri: /new}
                  route: [{%s}]
                - route: [{%s}]
                """.formatted(GW_DEST, GW_DEST));
        assertThat(oneViaGateway(mesh, "/old/x")).isEqualTo("v2");
        assertThat(oneViaGateway(mesh, "/other")).isEqualTo("v1");
    }

    @Test
    @DisplayName("rewrite.authority sets the Host the next hop routes on")
    void rewriteAuthority() {
        Mesh mesh = viaGateway("- rewrite: {authority: v2.example.com}\n  route: [{" + GW_DEST + "}]\n");
        assertThat(oneViaGateway(mesh, "/")).isEqualTo("v2");
    }

    @Test
    @DisplayName("headers.request set, add (appends: a,v2) and remove on the rule")
    void ruleHeaders() {
        Mesh set = viaGateway("- headers: {request: {set: {x-route: v2}}}\n  route: [{" + GW_DEST + "}]\n");
        assertThat(oneViaGateway(set, "/")).isEqualTo("v2");
        Mesh add = viaGateway("- headers: {request: {add: {x-route: v2}}}\n  route: [{" + GW_DEST + "}]\n");
        assertThat(where(add.send(1).from("nginx").header("x-route", "a").to("http://istio-ingressgateway.istio-system/"))).isEqualTo("v2");
        Mesh remove = viaGateway("- headers: {request: {remove: [x-route]}}\n  route: [{" + GW_DEST + "}]\n");
        assertThat(where(remove.send(1).from("nginx").header("x-route", "v2").to("http://istio-ingressgateway.istio-system/"))).isEqualTo("v1");
    }

    @Test
    @DisplayName("headers.request set of host or :authority is an authority rewrite (TranslateHeadersOperations)")
    void setHostIsAuthorityRewrite() {
        Mesh host = viaGateway("- headers: {request: {set: {host: v2.example.com}}}\n  route: [{" + GW_DEST + "}]\n");
        assertThat(oneViaGateway(host, "/")).isEqualTo("v2");
        Mesh authority = viaGateway("- route: [{" + GW_DEST + ", headers: {request: {set: {\":authority\": v2.example.com}}}}]\n");
        assertThat(oneViaGateway(authority, "/")).isEqualTo("v2");
    }

    @Test
    @DisplayName("single destination: its header edits come after the rule's, at route level (removes first, then sets)")
    void destinationHeadersSingle() {
        Mesh mesh = viaGateway("""
                - headers: {request: {set: {x-route: v1}}}
                  route: [{%s, headers: {request: {set: {x-route: v2}}}}]
                """.formatted(GW_DEST));
        assertThat(oneViaGateway(mesh, "/")).isEqualTo("v2");
        Mesh removeThenSet = viaGateway("""
                - headers: {request: {set: {x-route: v2}}}
                  route: [{%s, headers: {request: {remove: [x-route]}}}]
                """.formatted(GW_DEST));
        assertThat(oneViaGateway(removeThenSet, "/")).isEqualTo("v2");
    }

    @Test
    @DisplayName("weighted destinations: edits on the weighted cluster come first, the rule's last (Envoy's default level order)")
    void destinationHeadersWeighted() {
        Mesh mesh = viaGateway("""
                - headers: {request: {set: {x-route: v2}}}
                  route:
                  - {%s, weight: 1, headers: {request: {set: {x-route: v1}}}}
                  - {%s, weight: 1, headers: {request: {set: {x-route: v1}}}}
                """.formatted(GW_DEST, GW_DEST));
        assertThat(where(mesh.send(20).from("nginx").to("http://istio-ingressgateway.istio-system/"))).isEqualTo("v2");
    }

    @Test
    @DisplayName("weights are relative: 1 and 3 split 25/75")
    void relativeWeights() {
        TrafficResult r = MatchTest.withRules("""
                - route:
                  - {destination: {host: helloworld, subset: v1}, weight: 1}
                  - {destination: {host: helloworld, subset: v2}, weight: 3}
                """).send(2000).from("nginx").to("helloworld:5000/");
        assertThat(r.countByVersion()).containsExactly(Map.entry("v1", 472L), Map.entry("v2", 1528L));
        assertPlausible(r.countByVersion().get("v1"), 2000, 0.25);
    }

    @Test
    @DisplayName("zero weights are dropped; a single destination ignores its weight")
    void zeroAndSingleWeights() {
        Mesh zero = MatchTest.withRules("""
                - route:
                  - {destination: {host: helloworld, subset: v1}, weight: 0}
                  - {destination: {host: helloworld, subset: v2}, weight: 5}
                """);
        assertThat(where(zero.send(200).from("nginx").to("helloworld:5000/"))).isEqualTo("v2");
        Mesh single = MatchTest.withRules("- route: [{destination: {host: helloworld, subset: v1}, weight: 10}]\n");
        assertThat(where(single.send(200).from("nginx").to("helloworld:5000/"))).isEqualTo("v1");
    }

    @Test
    @DisplayName("a missing subset in one weighted entry: 503 NC with an empty body for that share only")
    void missingSubsetInOneEntry() {
        TrafficResult r = MatchTest.withRules("""
                - route:
                  - {destination: {host: helloworld, subset: v1}, weight: 50}
                  - {destination: {host: helloworld, subset: v9}, weight: 50}
                """).send(1000).from("nginx").to("helloworld:5000/hello");
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 510L), Map.entry(503, 490L));
        assertThat(r.countByFlag()).containsExactly(Map.entry(ResponseFlag.NO_CLUSTER_FOUND, 490L));
        assertThat(r.countByCluster()).containsEntry("outbound|5000|v9|helloworld.default.svc.cluster.local", 490L);
        assertThat(r.outcomes()).filteredOn(o -> o.status() == 503).allMatch(o -> o.body().isEmpty() && o.pod().isEmpty());
        assertPlausible(490, 1000, 0.5);
    }
}
