package dev.meshtest.gatewayapi;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.assertj.MeshAssertions;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ReceivedRequest;
import dev.meshtest.traffic.TrafficSpec;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Gateway API's conformance scenarios for HTTPRoute ({@code conformance/tests/httproute-*.go}
 * of kubernetes-sigs/gateway-api), as traffic through a mesh: each request of a scenario and the
 * answer the suite expects of Istio. The cluster is the suite's base in small: namespace
 * {@code gateway-conformance-infra} with backends {@code infra-backend-v1..v3} and the Gateway
 * {@code same-namespace} (routes from its own namespace only), {@code gateway-conformance-web-backend}
 * with {@code web-backend}, {@code gateway-conformance-app-backend} with {@code app-backend-v1..v2},
 * and a client pod {@code curl} in {@code default} that calls a Gateway's Service
 * ({@code same-namespace-istio}, made by Istio's deployment controller) as the suite calls the
 * Gateway's address. Route status is checked at translation level in
 * {@code internal/gatewayapi/ConformanceTest}.
 *
 * <p>A request is written {@code "[METHOD] [host]/path [name:value ...]"}: {@code "PUT /path4 version:three"},
 * {@code "example.com/v2"}; a host becomes the {@code Host} header, as the suite's roundtripper sends it.
 */
class ConformanceTrafficTest {

    static final String INFRA = "gateway-conformance-infra";
    static final String WEB = "gateway-conformance-web-backend";
    static final String APP = "gateway-conformance-app-backend";

    static String backend(String name, String ns) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  selector: {app: %1$s}
                  ports: [{name: http, port: 8080, targetPort: 3000}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec: {containers: [{name: backend, image: echo-basic, ports: [{containerPort: 3000}]}]}
                ---
                """.formatted(name, ns);
    }

    static String namespace(String name, String role) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata: {name: %s, labels: {gateway-conformance: %s, istio-injection: enabled}}
                ---
                """.formatted(name, role);
    }

    /** A Gateway of class istio in the infra namespace with one HTTP listener. */
    static String gateway(String name, int port, String from) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: %s, namespace: gateway-conformance-infra}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - {name: http, port: %d, protocol: HTTP, allowedRoutes: {namespaces: %s}}
                ---
                """.formatted(name, port, from);
    }

    static final String BASE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: default, labels: {istio-injection: enabled}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: curl, labels: {app: curl}}
            spec: {containers: [{name: curl, image: curlimages/curl}]}
            ---
            """ + namespace(INFRA, "infra") + namespace(WEB, "backend") + namespace(APP, "backend")
            + gateway("same-namespace", 80, "{from: Same}")
            + gateway("backend-namespaces", 80, "{from: Selector, selector: {matchLabels: {gateway-conformance: backend}}}")
            + backend("infra-backend-v1", INFRA) + backend("infra-backend-v2", INFRA) + backend("infra-backend-v3", INFRA)
            + backend("web-backend", WEB) + backend("app-backend-v1", APP) + backend("app-backend-v2", APP);

    static Mesh infra(String manifests) {
        return mesh().apply(BASE + manifests);
    }

    /** One request from {@code curl} to Gateway {@code same-namespace} on port 80. */
    static Outcome send(Mesh mesh, String request) {
        return send(mesh, "same-namespace", 80, request);
    }

    static Outcome send(Mesh mesh, String gateway, int port, String request) {
        String[] t = request.trim().split(" +");
        int i = 0;
        TrafficSpec<TrafficResult> spec = mesh.send(1).from("curl");
        if (t[0].matches("[A-Z]+")) {
            spec = spec.method(t[i++]);
        }
        String target = t[i++];
        int slash = target.indexOf('/');
        if (slash > 0) {
            spec = spec.header("Host", target.substring(0, slash));
        }
        for (; i < t.length; i++) {
            int colon = t[i].indexOf(':');
            spec = spec.header(t[i].substring(0, colon), t[i].substring(colon + 1));
        }
        String url = "http://" + gateway + "-istio." + INFRA + (port == 80 ? "" : ":" + port) + target.substring(slash);
        return spec.to(url).outcomes().get(0);
    }

    /** The status and the workload that answered, or Envoy's response flags when none did. */
    static String at(Mesh mesh, String request) {
        return where(send(mesh, request));
    }

    static String where(Outcome o) {
        return o.status() + " " + o.workload().orElse(o.flagsText());
    }

    /** The status and the {@code Location} of a redirect. */
    static String redirect(Mesh mesh, String gateway, int port, String request) {
        Outcome o = send(mesh, gateway, port, request);
        return o.status() + " " + o.responseHeader("location").orElse("(no location)");
    }

    static String redirect(Mesh mesh, String request) {
        return redirect(mesh, "same-namespace", 80, request);
    }

    static ReceivedRequest received(Mesh mesh, String request) {
        Outcome o = send(mesh, request);
        assertThat(o.status()).as(request).isEqualTo(200);
        return o.received().orElseThrow();
    }

    /** An HTTPRoute in the infra namespace attached to {@code same-namespace}; {@code spec} is its rules and hostnames. */
    static String route(String name, String spec) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s, namespace: gateway-conformance-infra}
                spec:
                  parentRefs: [{name: same-namespace}]
                %s---
                """.formatted(name, spec.indent(2));
    }

    @Nested
    @DisplayName("path, header, query and method matching")
    class Matching {

        @Test
        @DisplayName("HTTPRouteMatching: PathPrefix /v2 takes /v2, /v2/ and /v2/example but not /v2example; a header match is a second way in")
        void pathPrefixAndHeaders() {
            Mesh mesh = infra(route("matching", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /}}, {headers: [{name: version, value: one}]}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /v2}}, {headers: [{name: version, value: two}]}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    """));
            assertThat(at(mesh, "/")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/example")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/ Version:one")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/v2")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/v2/example")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/ Version:two")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/v2/")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/v2example")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/foo/v2/example")).isEqualTo("200 infra-backend-v1");
        }

        @Test
        @DisplayName("HTTPRouteExactPathMatching: Exact /one and /two only; /, /one/example, /two/ and /Two get 404")
        void exactPath() {
            Mesh mesh = infra(route("exact-matching", """
                    rules:
                    - matches: [{path: {type: Exact, value: /one}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: Exact, value: /two}}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    """));
            assertThat(at(mesh, "/one")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/two")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/")).isEqualTo("404 NR");
            assertThat(at(mesh, "/one/example")).isEqualTo("404 NR");
            assertThat(at(mesh, "/two/")).isEqualTo("404 NR");
            assertThat(at(mesh, "/Two")).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("HTTPRoutePathMatchOrder: Exact before PathPrefix, and the longest prefix wins whatever the rule order")
        void pathMatchOrder() {
            Mesh mesh = infra(route("path-matching-order", """
                    rules:
                    - matches: [{path: {type: Exact, value: /match}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: Exact, value: /match/exact}}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    - matches: [{path: {type: Exact, value: /match/exact/one}}]
                      backendRefs: [{name: infra-backend-v3, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /match/}}]
                      backendRefs: [{name: infra-backend-v3, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /match/prefix/}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /match/prefix/one}}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    """));
            assertThat(at(mesh, "/match/exact/one")).isEqualTo("200 infra-backend-v3");
            assertThat(at(mesh, "/match/exact")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/match")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/match/prefix/one/any")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/match/prefix/any")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/match/any")).isEqualTo("200 infra-backend-v3");
        }

        @Test
        @DisplayName("RegularExpression paths (extended support): a full match of the path, not a search in it")
        void regularExpressionPath() {
            Mesh mesh = infra(route("regex", """
                    rules:
                    - matches: [{path: {type: RegularExpression, value: "/v[0-9]+/items/[a-z]+"}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /v1}}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    """));
            // Exact and prefix matches outrank regular expressions, as the spec's precedence asks.
            assertThat(at(mesh, "/v12/items/apple")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/v1/items/apple")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/v12/items/apple/x")).isEqualTo("404 NR");
            assertThat(at(mesh, "/x/v12/items/apple")).isEqualTo("404 NR");
            assertThat(at(mesh, "/v12/items/Apple")).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("HTTPRouteHeaderMatching: headers of one match are ANDed, matches ORed, the most headers win")
        void headers() {
            Mesh mesh = infra(route("header-matching", """
                    rules:
                    - matches: [{headers: [{name: version, value: one}]}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{headers: [{name: version, value: two}]}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    - matches: [{headers: [{name: version, value: two}, {name: color, value: orange}]}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{headers: [{name: color, value: blue}]}, {headers: [{name: color, value: green}]}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{headers: [{name: color, value: red}]}, {headers: [{name: color, value: yellow}]}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    """));
            assertThat(at(mesh, "/ Version:one")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/ Version:two")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/ Version:two Color:orange")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/ Version:two Color:blue")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/ Color:orange")).isEqualTo("404 NR");
            assertThat(at(mesh, "/ Some-Other-Header:one")).isEqualTo("404 NR");
            assertThat(at(mesh, "/ Color:blue")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/ Color:green")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/ Color:red")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/ Color:yellow")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/ Color:purple")).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("header RegularExpression (extended support): the whole value must match")
        void headerRegex() {
            Mesh mesh = infra(route("header-regex", """
                    rules:
                    - matches: [{headers: [{name: version, type: RegularExpression, value: "v[0-9]+"}]}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - backendRefs: [{name: infra-backend-v2, port: 8080}]
                    """));
            assertThat(at(mesh, "/ version:v12")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/ version:v12b")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/ version:xv1")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/")).isEqualTo("200 infra-backend-v2");
        }

        @Test
        @DisplayName("HTTPRouteQueryParamMatching: names are case-sensitive, values exact, path before headers before query")
        void queryParams() {
            Mesh mesh = infra(route("query-param-matching", """
                    rules:
                    - matches: [{queryParams: [{name: animal, value: whale}]}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{queryParams: [{name: animal, value: dolphin}]}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    - matches:
                      - queryParams: [{name: animal, value: dolphin}, {name: color, value: blue}]
                      - queryParams: [{name: ANIMAL, value: Whale}]
                      backendRefs: [{name: infra-backend-v3, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /path1}, queryParams: [{name: animal, value: whale}]}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{headers: [{name: version, value: one}], queryParams: [{name: animal, value: whale}]}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    - matches:
                      - path: {type: PathPrefix, value: /path2}
                        headers: [{name: version, value: two}]
                        queryParams: [{name: animal, value: whale}]
                      backendRefs: [{name: infra-backend-v3, port: 8080}]
                    - matches:
                      - path: {type: PathPrefix, value: /path3}
                        queryParams: [{name: animal, value: shark}]
                      - path: {type: PathPrefix, value: /path4}
                        headers: [{name: version, value: three}]
                        queryParams: [{name: animal, value: kraken}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /path5}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{queryParams: [{name: animal, value: hydra}]}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    - matches: [{headers: [{name: version, value: four}]}]
                      backendRefs: [{name: infra-backend-v3, port: 8080}]
                    """));
            assertThat(at(mesh, "/?animal=whale")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/?animal=dolphin")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/?animal=dolphin&color=blue")).isEqualTo("200 infra-backend-v3");
            assertThat(at(mesh, "/?ANIMAL=Whale")).isEqualTo("200 infra-backend-v3");
            assertThat(at(mesh, "/?animal=whale&otherparam=irrelevant")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/?animal=dolphin&color=yellow")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/?color=blue")).isEqualTo("404 NR");
            assertThat(at(mesh, "/?animal=dog")).isEqualTo("404 NR");
            assertThat(at(mesh, "/?animal=whaledolphin")).isEqualTo("404 NR");
            assertThat(at(mesh, "/")).isEqualTo("404 NR");

            assertThat(at(mesh, "/path1?animal=whale")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/?animal=whale version:one")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/path2?animal=whale version:two")).isEqualTo("200 infra-backend-v3");

            assertThat(at(mesh, "/path3?animal=shark")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/path4?animal=kraken version:three")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/?animal=shark")).isEqualTo("404 NR");
            assertThat(at(mesh, "/path4?animal=kraken")).isEqualTo("404 NR");

            assertThat(at(mesh, "/path5?animal=hydra")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/?animal=hydra version:four")).isEqualTo("200 infra-backend-v3");
        }

        @Test
        @DisplayName("HTTPRouteMethodMatching: one method per match, HEAD is not GET, a method outranks headers")
        void methods() {
            Mesh mesh = infra(route("method-matching", """
                    rules:
                    - matches: [{method: POST}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{method: GET}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /path1}, method: GET}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{headers: [{name: version, value: one}], method: PUT}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /path2}, headers: [{name: version, value: two}], method: POST}]
                      backendRefs: [{name: infra-backend-v3, port: 8080}]
                    - matches:
                      - {path: {type: PathPrefix, value: /path3}, method: PATCH}
                      - {path: {type: PathPrefix, value: /path4}, headers: [{name: version, value: three}], method: DELETE}
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /path5}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{method: PATCH}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    - matches: [{headers: [{name: version, value: four}]}]
                      backendRefs: [{name: infra-backend-v3, port: 8080}]
                    """));
            assertThat(at(mesh, "POST /")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "GET /")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "HEAD /")).isEqualTo("404 NR");

            assertThat(at(mesh, "GET /path1")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "PUT / version:one")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "POST /path2 version:two")).isEqualTo("200 infra-backend-v3");

            assertThat(at(mesh, "PATCH /path3")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "DELETE /path4 version:three")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "PUT /")).isEqualTo("404 NR");
            assertThat(at(mesh, "DELETE /path4")).isEqualTo("404 NR");

            assertThat(at(mesh, "PATCH /path5")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "PATCH / version:four")).isEqualTo("200 infra-backend-v2");
        }

        @Test
        @DisplayName("HTTPRouteMatchingAcrossRoutes: two routes' rules for one host are sorted together")
        void acrossRoutes() {
            Mesh mesh = infra(route("matching-part1", """
                    hostnames: [example.com, example.net]
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /}}, {headers: [{name: version, value: one}]}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    """) + route("matching-part2", """
                    hostnames: [example.com]
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /v2}}, {headers: [{name: version, value: two}]}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    """));
            assertThat(at(mesh, "example.com/")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "example.com/example")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "example.net/example")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "example.com/example Version:one")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "example.com/v2")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "example.net/v2")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "example.com/v2/example")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "example.com/ Version:two")).isEqualTo("200 infra-backend-v2");
        }
    }
}
