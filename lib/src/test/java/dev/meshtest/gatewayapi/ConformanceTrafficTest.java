package dev.meshtest.gatewayapi;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.gatewayapi.WebGateway.where;
import static dev.meshtest.routing.CorsTest.cors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * {@code internal/gatewayapi/ConformanceTest}. Where meshtest cannot do what the suite's echo
 * backend does (set response headers a request asks for, wait as long as {@code ?delay=} says),
 * the scenario is adapted and says so; what Istio itself skips (421 for misdirected HTTPS requests)
 * is left out.
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
        return routeIn(INFRA, name, "{name: same-namespace}", spec);
    }

    /**
     * An HTTPRoute {@code name} in {@code namespace} whose parentRefs are {@code parentRefs} (flow-style
     * entries); {@code spec} is the rest of its spec, its hostnames and rules.
     */
    static String routeIn(String namespace, String name, String parentRefs, String spec) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s, namespace: %s}
                spec:
                  parentRefs: [%s]
                %s---
                """.formatted(name, namespace, parentRefs, spec.indent(2));
    }

    /** A ReferenceGrant {@code name} in {@code namespace}, one {@code from} and one {@code to} (flow-style entries). */
    static String grant(String name, String namespace, String from, String to) {
        return """
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: %s, namespace: %s}
                spec:
                  from: [%s]
                  to: [%s]
                ---
                """.formatted(name, namespace, from, to);
    }

    /** The rules of a route that sends every request to {@code backend} port 8080. */
    static String allTo(String backend) {
        return "rules: [{backendRefs: [{name: " + backend + ", port: 8080}]}]\n";
    }

    /** An HTTPRoute {@code backend-<version>} in the infra namespace, every request to {@code infra-backend-<version>}. */
    static String backendRoute(String version, String parentRefs) {
        return routeIn(INFRA, "backend-" + version, parentRefs, allTo("infra-backend-" + version));
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

    @Nested
    @DisplayName("RequestRedirect: the gateway answers, no backend is called")
    class Redirects {

        static final String SELF = "same-namespace-istio.gateway-conformance-infra";

        @Test
        @DisplayName("HTTPRouteRedirectHostAndStatus: the hostname replaced, 302 unless the filter says 301")
        void hostAndStatus() {
            Mesh mesh = infra(route("redirect-host-and-status", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /hostname-redirect}}]
                      filters: [{type: RequestRedirect, requestRedirect: {hostname: example.org}}]
                    - matches: [{path: {type: PathPrefix, value: /host-and-status}}]
                      filters: [{type: RequestRedirect, requestRedirect: {hostname: example.org, statusCode: 301}}]
                    """));
            assertThat(redirect(mesh, "/hostname-redirect")).isEqualTo("302 http://example.org/hostname-redirect");
            assertThat(redirect(mesh, "/host-and-status")).isEqualTo("301 http://example.org/host-and-status");
            Outcome o = send(mesh, "/hostname-redirect");
            assertThat(o.workload()).isEmpty();
            assertThat(o.received()).isEmpty();
        }

        @Test
        @DisplayName("HTTPRouteRedirectPath: ReplacePrefixMatch keeps the rest of the path, ReplaceFullPath drops it; the query stays")
        void path() {
            Mesh mesh = infra(route("redirect-path", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /original-prefix}}]
                      filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /replacement-prefix}}}]
                    - matches: [{path: {type: PathPrefix, value: /full}}]
                      filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplaceFullPath, replaceFullPath: /full-path-replacement}}}]
                    - matches: [{path: {type: PathPrefix, value: /path-and-host}}]
                      filters:
                      - type: RequestRedirect
                        requestRedirect: {hostname: example.org, path: {type: ReplacePrefixMatch, replacePrefixMatch: /replacement-prefix}}
                    - matches: [{path: {type: PathPrefix, value: /path-and-status}}]
                      filters:
                      - type: RequestRedirect
                        requestRedirect: {statusCode: 301, path: {type: ReplacePrefixMatch, replacePrefixMatch: /replacement-prefix}}
                    - matches: [{path: {type: PathPrefix, value: /full-path-and-host}}]
                      filters:
                      - type: RequestRedirect
                        requestRedirect: {hostname: example.org, path: {type: ReplaceFullPath, replaceFullPath: /replacement-full}}
                    - matches: [{path: {type: PathPrefix, value: /full-path-and-status}}]
                      filters:
                      - type: RequestRedirect
                        requestRedirect: {statusCode: 301, path: {type: ReplaceFullPath, replaceFullPath: /replacement-full}}
                    """));
            assertThat(redirect(mesh, "/original-prefix/lemon")).isEqualTo("302 http://" + SELF + "/replacement-prefix/lemon");
            assertThat(redirect(mesh, "/full/path/original")).isEqualTo("302 http://" + SELF + "/full-path-replacement");
            assertThat(redirect(mesh, "/path-and-host")).isEqualTo("302 http://example.org/replacement-prefix");
            assertThat(redirect(mesh, "/path-and-status")).isEqualTo("301 http://" + SELF + "/replacement-prefix");
            assertThat(redirect(mesh, "/full-path-and-host")).isEqualTo("302 http://example.org/replacement-full");
            assertThat(redirect(mesh, "/full-path-and-status")).isEqualTo("301 http://" + SELF + "/replacement-full");
            // Envoy keeps the query unless the new path has one of its own.
            assertThat(redirect(mesh, "/original-prefix/lemon?x=1")).isEqualTo("302 http://" + SELF + "/replacement-prefix/lemon?x=1");
            assertThat(redirect(mesh, "/full/path/original?x=1")).isEqualTo("302 http://" + SELF + "/full-path-replacement?x=1");
        }

        @Test
        @DisplayName("ReplacePrefixMatch / in a redirect: Istio hands / to Envoy's prefix_rewrite as it is, so /strip/x goes to //x")
        void prefixSlashInARedirect() {
            // conversion.go createRedirectFilter copies replacePrefixMatch into HTTPRedirect's prefix
            // rewrite unchanged, and route.go ApplyRedirect sets Envoy's prefix_rewrite: the matched
            // path-separated prefix /strip is replaced, the slash after it stays. (URLRewrite has a
            // special case for /, redirects have none.)
            Mesh mesh = infra(route("redirect-strip", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /strip}}]
                      filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}}]
                    """));
            assertThat(redirect(mesh, "/strip/x")).isEqualTo("302 http://" + SELF + "//x");
            assertThat(redirect(mesh, "/strip")).isEqualTo("302 http://" + SELF + "/");
        }

        @Test
        @DisplayName("HTTPRouteRedirectPort: the port replaced, the host kept unless the filter names one")
        void port() {
            Mesh mesh = infra(route("redirect-port", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /port}}]
                      filters: [{type: RequestRedirect, requestRedirect: {port: 8083}}]
                    - matches: [{path: {type: PathPrefix, value: /port-and-host}}]
                      filters: [{type: RequestRedirect, requestRedirect: {hostname: example.org, port: 8083}}]
                    - matches: [{path: {type: PathPrefix, value: /port-and-status}}]
                      filters: [{type: RequestRedirect, requestRedirect: {port: 8083, statusCode: 301}}]
                    - matches: [{path: {type: PathPrefix, value: /port-and-host-and-status}}]
                      filters: [{type: RequestRedirect, requestRedirect: {port: 8083, hostname: example.org, statusCode: 302}}]
                    """));
            assertThat(redirect(mesh, "/port")).isEqualTo("302 http://" + SELF + ":8083/port");
            assertThat(redirect(mesh, "/port-and-host")).isEqualTo("302 http://example.org:8083/port-and-host");
            assertThat(redirect(mesh, "/port-and-status")).isEqualTo("301 http://" + SELF + ":8083/port-and-status");
            assertThat(redirect(mesh, "/port-and-host-and-status")).isEqualTo("302 http://example.org:8083/port-and-host-and-status");
        }

        @Test
        @DisplayName("HTTPRouteRedirectScheme: https, with the host and status the filter gives")
        void scheme() {
            Mesh mesh = infra(route("redirect-scheme", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /scheme}}]
                      filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]
                    - matches: [{path: {type: PathPrefix, value: /scheme-and-host}}]
                      filters: [{type: RequestRedirect, requestRedirect: {hostname: example.org, scheme: https}}]
                    - matches: [{path: {type: PathPrefix, value: /scheme-and-status}}]
                      filters: [{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}]
                    - matches: [{path: {type: PathPrefix, value: /scheme-and-host-and-status}}]
                      filters: [{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 302, hostname: example.org}}]
                    """));
            assertThat(redirect(mesh, "/scheme")).isEqualTo("302 https://" + SELF + "/scheme");
            assertThat(redirect(mesh, "/scheme-and-host")).isEqualTo("302 https://example.org/scheme-and-host");
            assertThat(redirect(mesh, "/scheme-and-status")).isEqualTo("301 https://" + SELF + "/scheme-and-status");
            assertThat(redirect(mesh, "/scheme-and-host-and-status")).isEqualTo("302 https://example.org/scheme-and-host-and-status");
        }

        @Test
        @DisplayName("HTTPRouteRedirectPortAndScheme: without a port the request's port stays, unless the scheme changes; :80 and :443 are left out")
        void portAndScheme() {
            String rules = """
                    - matches: [{path: {type: PathPrefix, value: /scheme-nil-and-port-nil}}]
                      filters: [{type: RequestRedirect, requestRedirect: {hostname: example.org}}]
                    - matches: [{path: {type: PathPrefix, value: /scheme-nil-and-port-80}}]
                      filters: [{type: RequestRedirect, requestRedirect: {port: 80, hostname: example.org}}]
                    - matches: [{path: {type: PathPrefix, value: /scheme-nil-and-port-8080}}]
                      filters: [{type: RequestRedirect, requestRedirect: {port: 8080, hostname: example.org}}]
                    - matches: [{path: {type: PathPrefix, value: /scheme-https-and-port-nil}}]
                      filters: [{type: RequestRedirect, requestRedirect: {scheme: https, hostname: example.org}}]
                    - matches: [{path: {type: PathPrefix, value: /scheme-https-and-port-443}}]
                      filters: [{type: RequestRedirect, requestRedirect: {scheme: https, port: 443, hostname: example.org}}]
                    - matches: [{path: {type: PathPrefix, value: /scheme-https-and-port-8443}}]
                      filters: [{type: RequestRedirect, requestRedirect: {scheme: https, port: 8443, hostname: example.org}}]
                    """;
            Mesh mesh = infra(gateway("same-namespace-with-http-listener-on-8080", 8080, "{from: Same}")
                    + route("http-route-for-listener-on-port-80", "rules:\n" + rules)
                    + routeIn(INFRA, "http-route-for-listener-on-port-8080", "{name: same-namespace-with-http-listener-on-8080}",
                            "rules:\n" + rules));
            assertThat(redirect(mesh, "/scheme-nil-and-port-nil")).isEqualTo("302 http://example.org/scheme-nil-and-port-nil");
            assertThat(redirect(mesh, "/scheme-nil-and-port-80")).isEqualTo("302 http://example.org/scheme-nil-and-port-80");
            assertThat(redirect(mesh, "/scheme-nil-and-port-8080")).isEqualTo("302 http://example.org:8080/scheme-nil-and-port-8080");
            assertThat(redirect(mesh, "/scheme-https-and-port-nil")).isEqualTo("302 https://example.org/scheme-https-and-port-nil");
            assertThat(redirect(mesh, "/scheme-https-and-port-443")).isEqualTo("302 https://example.org/scheme-https-and-port-443");
            assertThat(redirect(mesh, "/scheme-https-and-port-8443")).isEqualTo("302 https://example.org:8443/scheme-https-and-port-8443");

            String on8080 = "same-namespace-with-http-listener-on-8080";
            assertThat(redirect(mesh, on8080, 8080, "/scheme-nil-and-port-nil")).isEqualTo("302 http://example.org:8080/scheme-nil-and-port-nil");
            assertThat(redirect(mesh, on8080, 8080, "/scheme-nil-and-port-80")).isEqualTo("302 http://example.org/scheme-nil-and-port-80");
            assertThat(redirect(mesh, on8080, 8080, "/scheme-https-and-port-nil")).isEqualTo("302 https://example.org/scheme-https-and-port-nil");
        }

        @Test
        @DisplayName("HTTPRoute303Redirect, 307, 308: the status codes Istio allows beyond the spec's 301 and 302")
        void otherCodes() {
            Mesh mesh = infra(route("codes", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /see-other}}]
                      filters: [{type: RequestRedirect, requestRedirect: {statusCode: 303}}]
                    - matches: [{path: {type: PathPrefix, value: /temporary-redirect}}]
                      filters: [{type: RequestRedirect, requestRedirect: {statusCode: 307}}]
                    - matches: [{path: {type: PathPrefix, value: /permanent-redirect}}]
                      filters: [{type: RequestRedirect, requestRedirect: {statusCode: 308}}]
                    """));
            assertThat(redirect(mesh, "POST /see-other")).isEqualTo("303 http://" + SELF + "/see-other");
            assertThat(redirect(mesh, "POST /temporary-redirect")).isEqualTo("307 http://" + SELF + "/temporary-redirect");
            assertThat(redirect(mesh, "POST /permanent-redirect")).isEqualTo("308 http://" + SELF + "/permanent-redirect");
        }
    }

    @Nested
    @DisplayName("URLRewrite and header modifiers: what the backend receives, what the client gets back")
    class RewritesAndHeaders {

        @Test
        @DisplayName("HTTPRouteRewriteHost: the backend sees the new Host, header edits of the same rule apply too")
        void rewriteHost() {
            Mesh mesh = infra(route("rewrite-host", """
                    hostnames: [rewrite.example]
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /one}}]
                      filters: [{type: URLRewrite, urlRewrite: {hostname: one.example.org}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - filters: [{type: URLRewrite, urlRewrite: {hostname: example.org}}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /rewrite-host-and-modify-headers}}]
                      filters:
                      - type: URLRewrite
                        urlRewrite: {hostname: test.example.org}
                      - type: RequestHeaderModifier
                        requestHeaderModifier:
                          set: [{name: X-Header-Set, value: set-overwrites-values}]
                          add: [{name: X-Header-Add, value: header-val-1}, {name: X-Header-Add-Append, value: header-val-2}]
                          remove: [X-Header-Remove]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    """));
            Outcome one = send(mesh, "rewrite.example/one");
            assertThat(where(one)).isEqualTo("200 infra-backend-v1");
            assertThat(one.received().orElseThrow().authority()).isEqualTo("one.example.org");
            assertThat(one.received().orElseThrow().path()).isEqualTo("/one");

            Outcome two = send(mesh, "rewrite.example/two");
            assertThat(where(two)).isEqualTo("200 infra-backend-v2");
            assertThat(two.received().orElseThrow().authority()).isEqualTo("example.org");
            assertThat(two.received().orElseThrow().path()).isEqualTo("/two");

            ReceivedRequest r = received(mesh, "rewrite.example/rewrite-host-and-modify-headers X-Header-Remove:remove-val "
                    + "X-Header-Add-Append:append-val-1");
            assertThat(r.authority()).isEqualTo("test.example.org");
            assertThat(r.path()).isEqualTo("/rewrite-host-and-modify-headers");
            assertThat(r.headers()).containsEntry("x-header-add", "header-val-1")
                    .containsEntry("x-header-add-append", "append-val-1,header-val-2")
                    .containsEntry("x-header-set", "set-overwrites-values")
                    .doesNotContainKey("x-header-remove");
            assertThat(at(mesh, "other.example/one")).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("HTTPRouteRewritePath: ReplacePrefixMatch swaps the matched prefix (/ strips it), ReplaceFullPath the whole path; the query stays")
        void rewritePath() {
            String modify = """
                    - type: RequestHeaderModifier
                      requestHeaderModifier:
                        set: [{name: X-Header-Set, value: set-overwrites-values}]
                        add: [{name: X-Header-Add, value: header-val-1}, {name: X-Header-Add-Append, value: header-val-2}]
                        remove: [X-Header-Remove]
                    """;
            Mesh mesh = infra(route("rewrite-path", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /prefix/one}}]
                      filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /one}}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /strip-prefix}}]
                      filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /full/one}}]
                      filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath, replaceFullPath: /one}}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /full/rewrite-path-and-modify-headers}}]
                      filters:
                      - {type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath, replaceFullPath: /test}}}
                    %s  backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /prefix/rewrite-path-and-modify-headers}}]
                      filters:
                      - {type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /prefix}}}
                    %s  backendRefs: [{name: infra-backend-v1, port: 8080}]
                    """.formatted(modify.indent(2), modify.indent(2))));
            assertThat(received(mesh, "/prefix/one/two").path()).isEqualTo("/one/two");
            assertThat(received(mesh, "/strip-prefix/three").path()).isEqualTo("/three");
            assertThat(received(mesh, "/strip-prefix").path()).isEqualTo("/");
            assertThat(received(mesh, "/full/one/two").path()).isEqualTo("/one");
            assertThat(received(mesh, "/prefix/one/two?q=1").path()).isEqualTo("/one/two?q=1");
            assertThat(received(mesh, "/full/one/two?q=1").path()).isEqualTo("/one?q=1");

            for (String request : new String[] {"/full/rewrite-path-and-modify-headers/test", "/prefix/rewrite-path-and-modify-headers/one"}) {
                ReceivedRequest r = received(mesh, request + " X-Header-Remove:remove-val X-Header-Add-Append:append-val-1 X-Header-Set:set-val");
                assertThat(r.path()).isEqualTo(request.startsWith("/full") ? "/test" : "/prefix/one");
                assertThat(r.headers()).containsEntry("x-header-add", "header-val-1")
                        .containsEntry("x-header-add-append", "append-val-1,header-val-2")
                        .containsEntry("x-header-set", "set-overwrites-values")
                        .doesNotContainKey("x-header-remove");
            }
        }

        @Test
        @DisplayName("HTTPRouteRequestHeaderModifier: set overwrites, add appends with a comma, remove removes, names in any case")
        void requestHeaders() {
            Mesh mesh = infra(route("request-header-modifier", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /set}}]
                      filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: X-Header-Set, value: set-overwrites-values}]}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /add}}]
                      filters: [{type: RequestHeaderModifier, requestHeaderModifier: {add: [{name: X-Header-Add, value: add-appends-values}]}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /remove}}]
                      filters: [{type: RequestHeaderModifier, requestHeaderModifier: {remove: [X-Header-Remove]}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /multiple}}]
                      filters:
                      - type: RequestHeaderModifier
                        requestHeaderModifier:
                          set: [{name: X-Header-Set-1, value: header-set-1}, {name: X-Header-Set-2, value: header-set-2}]
                          add:
                          - {name: X-Header-Add-1, value: header-add-1}
                          - {name: X-Header-Add-2, value: header-add-2}
                          - {name: X-Header-Add-3, value: header-add-3}
                          remove: [X-Header-Remove-1, X-Header-Remove-2]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /case-insensitivity}}]
                      filters:
                      - type: RequestHeaderModifier
                        requestHeaderModifier:
                          set: [{name: X-Header-Set, value: header-set}]
                          add: [{name: X-Header-Add, value: header-add}]
                          remove: [X-Header-Remove]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    """));
            assertThat(received(mesh, "/set Some-Other-Header:val").headers())
                    .containsEntry("some-other-header", "val").containsEntry("x-header-set", "set-overwrites-values");
            assertThat(received(mesh, "/set Some-Other-Header:val X-Header-Set:some-other-value").headers())
                    .containsEntry("some-other-header", "val").containsEntry("x-header-set", "set-overwrites-values");
            assertThat(received(mesh, "/add Some-Other-Header:val").headers())
                    .containsEntry("some-other-header", "val").containsEntry("x-header-add", "add-appends-values");
            assertThat(received(mesh, "/add Some-Other-Header:val X-Header-Add:some-other-value").headers())
                    .containsEntry("x-header-add", "some-other-value,add-appends-values");
            assertThat(received(mesh, "/remove X-Header-Remove:val").headers()).doesNotContainKey("x-header-remove");
            assertThat(received(mesh, "/multiple X-Header-Set-2:set-val-2 X-Header-Add-2:add-val-2 X-Header-Remove-2:remove-val-2 "
                    + "Another-Header:another-header-val").headers())
                    .containsEntry("x-header-set-1", "header-set-1").containsEntry("x-header-set-2", "header-set-2")
                    .containsEntry("x-header-add-1", "header-add-1").containsEntry("x-header-add-2", "add-val-2,header-add-2")
                    .containsEntry("x-header-add-3", "header-add-3").containsEntry("another-header", "another-header-val")
                    .doesNotContainKeys("x-header-remove-1", "x-header-remove-2");
            assertThat(received(mesh, "/case-insensitivity x-header-set:original-val-set x-header-add:original-val-add "
                    + "x-header-remove:original-val-remove Another-Header:another-header-val").headers())
                    .containsEntry("x-header-set", "header-set").containsEntry("x-header-add", "original-val-add,header-add")
                    .containsEntry("another-header", "another-header-val").doesNotContainKey("x-header-remove");
        }

        @Test
        @DisplayName("HTTPRouteResponseHeaderModifier: set, add and remove on the response, names lower-cased, request edits alongside")
        void responseHeaders() {
            // The suite's backend echoes response headers the request asks for; meshtest's apps send
            // none of their own, so only the gateway's edits on an otherwise bare response are seen.
            Mesh mesh = infra(route("response-header-modifier", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /multiple}}]
                      filters:
                      - type: ResponseHeaderModifier
                        responseHeaderModifier:
                          set: [{name: X-Header-Set-1, value: header-set-1}, {name: X-Header-Set-2, value: header-set-2}]
                          add:
                          - {name: X-Header-Add-1, value: header-add-1}
                          - {name: x-Mixedcase-ADD-2, value: mixedcase-add-2}
                          - {name: X-UPPERCASE-ADD, value: uppercase-add}
                          remove: [X-Header-Remove-1]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /response-and-request-header-modifiers}}]
                      filters:
                      - type: ResponseHeaderModifier
                        responseHeaderModifier: {set: [{name: X-Header-Set-1, value: header-set-1}]}
                      - type: RequestHeaderModifier
                        requestHeaderModifier:
                          set: [{name: X-Header-Set, value: set-overwrites-values}]
                          add: [{name: X-Header-Add-Append, value: header-val-2}]
                          remove: [X-Header-Remove]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    """));
            Outcome multiple = send(mesh, "/multiple");
            assertThat(where(multiple)).isEqualTo("200 infra-backend-v1");
            assertThat(multiple.responseHeaders()).containsEntry("x-header-set-1", "header-set-1")
                    .containsEntry("x-header-set-2", "header-set-2").containsEntry("x-header-add-1", "header-add-1")
                    .containsEntry("x-mixedcase-add-2", "mixedcase-add-2").containsEntry("x-uppercase-add", "uppercase-add")
                    .doesNotContainKey("x-header-remove-1");

            Outcome both = send(mesh, "/response-and-request-header-modifiers X-Header-Remove:remove-val "
                    + "X-Header-Add-Append:append-val-1 X-Header-Echo:echo");
            assertThat(both.responseHeaders()).containsEntry("x-header-set-1", "header-set-1");
            assertThat(both.received().orElseThrow().headers()).containsEntry("x-header-set", "set-overwrites-values")
                    .containsEntry("x-header-add-append", "append-val-1,header-val-2").containsEntry("x-header-echo", "echo")
                    .doesNotContainKey("x-header-remove");
            // The rule without a ResponseHeaderModifier sends the response as the app made it.
            assertThat(send(mesh, "/multiple-not").responseHeaders()).doesNotContainKey("x-header-set-1");
        }
    }

    @Nested
    @DisplayName("backends: weights, namespaces, ReferenceGrants")
    class Backends {

        @Test
        @DisplayName("HTTPRouteWeight: 70/30, and a backend of weight 0 gets nothing")
        void weights() {
            Mesh mesh = infra(route("weighted-backends", """
                    rules:
                    - backendRefs:
                      - {name: infra-backend-v1, port: 8080, weight: 70}
                      - {name: infra-backend-v2, port: 8080, weight: 30}
                      - {name: infra-backend-v3, port: 8080, weight: 0}
                    """));
            TrafficResult r = mesh.send(1000).from("curl").to("http://same-namespace-istio." + INFRA + "/");
            MeshAssertions.assertThat(r).allSucceeded().matchesWeights(Map.of("infra-backend-v1", 70, "infra-backend-v2", 30));
            MeshAssertions.assertThat(r).never("infra-backend-v3");

            // Every backend at weight 0: the rule answers 500 itself, as the spec asks.
            Mesh zero = infra(route("zero-weights", """
                    rules:
                    - backendRefs: [{name: infra-backend-v1, port: 8080, weight: 0}]
                    """));
            Outcome o = send(zero, "/");
            assertThat(where(o)).isEqualTo("500 -");
            assertThat(o.received()).isEmpty();
        }

        @Test
        @DisplayName("HTTPRouteCrossNamespace: a route in web-backend attaches to backend-namespaces, whose listener selects its namespace")
        void crossNamespaceRoute() {
            String rules = """
                    rules:
                    - backendRefs: [{name: web-backend, port: 8080}]
                    """;
            Mesh mesh = infra(routeIn(WEB, "cross-namespace", "{name: backend-namespaces, namespace: gateway-conformance-infra}", rules));
            Outcome o = send(mesh, "backend-namespaces", 80, "/");
            assertThat(where(o)).isEqualTo("200 web-backend");
            assertThat(o.namespace()).contains(WEB);
            // same-namespace takes routes from its own namespace only.
            Mesh other = infra(routeIn(WEB, "cross-namespace", "{name: same-namespace, namespace: gateway-conformance-infra}", rules));
            assertThat(at(other, "/")).isEqualTo("404 NR");
        }

        /** A ReferenceGrant's {@code from}: the HTTPRoutes of the infra namespace. */
        static final String INFRA_ROUTES = "{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: gateway-conformance-infra}";

        static final String REFERENCE_GRANT = grant("reference-grant", WEB, INFRA_ROUTES, "{group: \"\", kind: Service, name: web-backend}");

        @Test
        @DisplayName("HTTPRouteReferenceGrant: with the grant web-backend answers; once it is deleted, 500")
        void referenceGrant() {
            Mesh mesh = infra(REFERENCE_GRANT + route("reference-grant", """
                    rules:
                    - backendRefs: [{name: web-backend, namespace: gateway-conformance-web-backend, port: 8080}]
                    """));
            assertThat(at(mesh, "/")).isEqualTo("200 web-backend");
            mesh.delete(ResourceRef.of("gateway.networking.k8s.io/v1beta1", "ReferenceGrant", WEB, "reference-grant"));
            assertThat(at(mesh, "/")).isEqualTo("500 NC");
        }

        @Test
        @DisplayName("HTTPRouteInvalidCrossNamespaceBackendRef: no grant, the request gets 500")
        void noReferenceGrant() {
            Mesh mesh = infra(route("invalid-cross-namespace-backend-ref", """
                    rules:
                    - backendRefs: [{name: web-backend, namespace: gateway-conformance-web-backend, port: 8080}]
                    """));
            // conversion.go buildDestination leaves the backend an empty Destination; route.go
            // GetDestinationCluster names its cluster UnknownService, and under gateway semantics
            // the route's cluster_not_found_response_code is 500: Envoy answers 500, flag NC.
            Outcome o = send(mesh, "/");
            assertThat(where(o)).isEqualTo("500 NC");
            assertThat(o.cluster()).contains("UnknownService");
        }

        @Test
        @DisplayName("HTTPRouteInvalidReferenceGrant: grants that miss by namespace, group, kind or name allow nothing: 500")
        void grantsThatMiss() {
            String service = "{group: \"\", kind: Service, name: web-backend}";
            Mesh mesh = infra(grant("reference-grant-wrong-namespace", INFRA, INFRA_ROUTES, service)
                    + grant("reference-grant-wrong-from-group", WEB,
                            "{group: not-the-group-youre-looking-for, kind: HTTPRoute, namespace: gateway-conformance-infra}", service)
                    + grant("reference-grant-wrong-from-kind", WEB,
                            "{group: gateway.networking.k8s.io, kind: Gateway, namespace: gateway-conformance-infra}", service)
                    + grant("reference-grant-wrong-from-namespace", WEB,
                            "{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: not-the-namespace-youre-looking-for}", service)
                    + grant("reference-grant-wrong-to-group", WEB, INFRA_ROUTES,
                            "{group: not-the-group-youre-looking-for, kind: Service, name: web-backend}")
                    + grant("reference-grant-wrong-to-kind", WEB, INFRA_ROUTES, "{group: \"\", kind: Secret, name: web-backend}")
                    + grant("reference-grant-wrong-to-name", WEB, INFRA_ROUTES,
                            "{group: \"\", kind: Service, name: not-the-service-youre-looking-for}")
                    + route("reference-grant", """
                    rules:
                    - backendRefs: [{name: web-backend, namespace: gateway-conformance-web-backend, port: 8080}]
                    """));
            assertThat(at(mesh, "/")).isEqualTo("500 NC");
        }

        @Test
        @DisplayName("HTTPRoutePartiallyInvalidViaInvalidReferenceGrant: the granted sibling answers, the ungranted backend's rule gets 500")
        void partiallyInvalid() {
            Mesh mesh = infra(grant("invalid-reference-grant", APP, INFRA_ROUTES, "{group: \"\", kind: Service, name: app-backend-v1}")
                    + route("invalid-reference-grant", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /v2}}]
                      backendRefs: [{name: app-backend-v2, namespace: gateway-conformance-app-backend, port: 8080}]
                    - backendRefs: [{name: app-backend-v1, namespace: gateway-conformance-app-backend, port: 8080}]
                    """));
            assertThat(at(mesh, "/v2")).isEqualTo("500 NC");
            assertThat(at(mesh, "/")).isEqualTo("200 app-backend-v1");
        }

        @Test
        @DisplayName("a backend that does not exist (HTTPRouteInvalidNonExistentBackendRef): 500 for its rule, its siblings answer")
        void missingBackend() {
            Mesh mesh = infra(route("nonexistent", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /missing}}]
                      backendRefs: [{name: nonexistent, port: 8080}]
                    - backendRefs: [{name: infra-backend-v1, port: 8080}]
                    """));
            assertThat(at(mesh, "/missing")).isEqualTo("500 NC");
            assertThat(at(mesh, "/")).isEqualTo("200 infra-backend-v1");
        }
    }

    @Nested
    @DisplayName("hostnames: listeners and routes")
    class Hostnames {

        static String listeners(String gateway, String... hostnames) {
            StringBuilder sb = new StringBuilder("""
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: Gateway
                    metadata: {name: %s, namespace: gateway-conformance-infra}
                    spec:
                      gatewayClassName: istio
                      listeners:
                    """.formatted(gateway));
            for (int i = 0; i < hostnames.length; i++) {
                sb.append("  - {name: listener-").append(i + 1).append(", port: 80, protocol: HTTP, hostname: \"")
                        .append(hostnames[i]).append("\", allowedRoutes: {namespaces: {from: Same}}}\n");
            }
            return sb.append("---\n").toString();
        }

        static String hostRoute(String name, String gateway, String hostnames, String prefix, String backend) {
            return routeIn(INFRA, name, "{name: " + gateway + "}", """
                    hostnames: %s
                    rules:
                    - matches: [{path: {type: PathPrefix, value: %s}}]
                      backendRefs: [{name: %s, port: 8080}]
                    """.formatted(hostnames, prefix, backend));
        }

        static final String GW = "httproute-hostname-intersection";

        static String on(Mesh mesh, String request) {
            return where(send(mesh, GW, 80, request));
        }

        @Test
        @DisplayName("HTTPRouteHostnameIntersection: a route answers only for the hostnames it shares with a listener")
        void intersection() {
            Mesh mesh = infra(listeners(GW, "very.specific.com", "*.wildcard.io", "*.anotherwildcard.io")
                    + hostRoute("specific-host-matches-listener-specific-host", GW,
                            "[non.matching.com, \"*.nonmatchingwildcard.io\", very.specific.com]", "/s1", "infra-backend-v1")
                    + hostRoute("specific-host-matches-listener-wildcard-host", GW,
                            "[non.matching.com, wildcard.io, foo.wildcard.io, bar.wildcard.io, foo.bar.wildcard.io]", "/s2", "infra-backend-v2")
                    + hostRoute("wildcard-host-matches-listener-specific-host", GW,
                            "[non.matching.com, \"*.specific.com\"]", "/s3", "infra-backend-v3")
                    + hostRoute("wildcard-host-matches-listener-wildcard-host", GW,
                            "[\"*.anotherwildcard.io\"]", "/s4", "infra-backend-v1")
                    + hostRoute("no-intersecting-hosts", GW, "[specific.but.wrong.com, wildcard.io]", "/s5", "infra-backend-v2"));

            assertThat(on(mesh, "very.specific.com/s1")).isEqualTo("200 infra-backend-v1");
            assertThat(on(mesh, "very.specific.com:1234/s1")).isEqualTo("200 infra-backend-v1");
            assertThat(on(mesh, "non.matching.com/s1")).isEqualTo("404 NR");
            assertThat(on(mesh, "foo.nonmatchingwildcard.io/s1")).isEqualTo("404 NR");
            assertThat(on(mesh, "foo.wildcard.io/s1")).isEqualTo("404 NR");
            assertThat(on(mesh, "very.specific.com/non-matching-prefix")).isEqualTo("404 NR");

            assertThat(on(mesh, "foo.wildcard.io/s2")).isEqualTo("200 infra-backend-v2");
            assertThat(on(mesh, "bar.wildcard.io/s2")).isEqualTo("200 infra-backend-v2");
            assertThat(on(mesh, "foo.bar.wildcard.io/s2")).isEqualTo("200 infra-backend-v2");
            assertThat(on(mesh, "non.matching.com/s2")).isEqualTo("404 NR");
            assertThat(on(mesh, "wildcard.io/s2")).isEqualTo("404 NR");
            assertThat(on(mesh, "very.specific.com/s2")).isEqualTo("404 NR");
            assertThat(on(mesh, "foo.wildcard.io/non-matching-prefix")).isEqualTo("404 NR");

            assertThat(on(mesh, "very.specific.com/s3")).isEqualTo("200 infra-backend-v3");
            assertThat(on(mesh, "non.matching.com/s3")).isEqualTo("404 NR");
            assertThat(on(mesh, "foo.specific.com/s3")).isEqualTo("404 NR");
            assertThat(on(mesh, "foo.wildcard.io/s3")).isEqualTo("404 NR");

            assertThat(on(mesh, "foo.anotherwildcard.io/s4")).isEqualTo("200 infra-backend-v1");
            assertThat(on(mesh, "bar.anotherwildcard.io/s4")).isEqualTo("200 infra-backend-v1");
            assertThat(on(mesh, "foo.bar.anotherwildcard.io/s4")).isEqualTo("200 infra-backend-v1");
            assertThat(on(mesh, "anotherwildcard.io/s4")).isEqualTo("404 NR");
            assertThat(on(mesh, "foo.wildcard.io/s4")).isEqualTo("404 NR");
            assertThat(on(mesh, "very.specific.com/s4")).isEqualTo("404 NR");
            assertThat(on(mesh, "foo.anotherwildcard.io/non-matching-prefix")).isEqualTo("404 NR");

            assertThat(on(mesh, "specific.but.wrong.com/s5")).isEqualTo("404 NR");
            assertThat(on(mesh, "wildcard.io/s5")).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("HTTPRouteHostnameIntersection, a listener without hostname: the route's own hostnames answer, others 404")
        void listenerWithoutHostname() {
            String all = "httproute-hostname-intersection-all";
            Mesh mesh = infra(gateway(all, 80, "{from: Same}") + routeIn(INFRA, all, "{name: " + all + "}", """
                    hostnames: [first.com, sub.first.com, second.com, sub.second.com]
                    rules:
                    - backendRefs: [{name: infra-backend-v2, port: 8080}]
                    """));
            for (String host : new String[] {"first.com", "sub.first.com", "second.com", "sub.second.com"}) {
                assertThat(where(send(mesh, all, 80, host + "/"))).as(host).isEqualTo("200 infra-backend-v2");
            }
            assertThat(where(send(mesh, all, 80, "third.com/"))).isEqualTo("404 NR");
            assertThat(where(send(mesh, all, 80, "other.first.com/"))).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("HTTPRouteListenerHostnameMatching: one port, four listener hostnames; the most specific listener's route answers")
        void listenerHostnameMatching() {
            String gw = "httproute-listener-hostname-matching";
            Mesh mesh = infra(listeners(gw, "bar.com", "foo.bar.com", "*.bar.com", "*.foo.com")
                    + backendRoute("v1", "{name: httproute-listener-hostname-matching, sectionName: listener-1}")
                    + backendRoute("v2", "{name: httproute-listener-hostname-matching, sectionName: listener-2}")
                    + backendRoute("v3", "{name: httproute-listener-hostname-matching, sectionName: listener-3}, "
                            + "{name: httproute-listener-hostname-matching, sectionName: listener-4}"));
            assertThat(where(send(mesh, gw, 80, "bar.com/"))).isEqualTo("200 infra-backend-v1");
            assertThat(where(send(mesh, gw, 80, "foo.bar.com/"))).isEqualTo("200 infra-backend-v2");
            assertThat(where(send(mesh, gw, 80, "baz.bar.com/"))).isEqualTo("200 infra-backend-v3");
            assertThat(where(send(mesh, gw, 80, "boo.bar.com/"))).isEqualTo("200 infra-backend-v3");
            assertThat(where(send(mesh, gw, 80, "multiple.prefixes.bar.com/"))).isEqualTo("200 infra-backend-v3");
            assertThat(where(send(mesh, gw, 80, "multiple.prefixes.foo.com/"))).isEqualTo("200 infra-backend-v3");
            assertThat(where(send(mesh, gw, 80, "foo.com/"))).isEqualTo("404 NR");
            assertThat(where(send(mesh, gw, 80, "no.matching.host/"))).isEqualTo("404 NR");
        }
    }
    @Nested
    @DisplayName("precedence across rules and routes")
    class Precedence {

        static String sameMatch(String name, String backend) {
            return route(name, """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /tie}}]
                      backendRefs: [{name: %s, port: 8080}]
                    """.formatted(backend));
        }

        @Test
        @DisplayName("two routes, one match: the older route wins, whatever its name")
        void oldestRouteWins() {
            Mesh mesh = infra(sameMatch("zz-first", "infra-backend-v1"));
            mesh.apply(sameMatch("aa-second", "infra-backend-v2"));
            assertThat(at(mesh, "/tie")).isEqualTo("200 infra-backend-v1");

            Mesh reversed = infra(sameMatch("aa-first", "infra-backend-v2"));
            reversed.apply(sameMatch("zz-second", "infra-backend-v1"));
            assertThat(at(reversed, "/tie")).isEqualTo("200 infra-backend-v2");
        }

        @Test
        @DisplayName("two routes created together, one match: the first by namespace/name wins")
        void sameAgeByName() {
            Mesh mesh = infra(sameMatch("zz", "infra-backend-v1") + sameMatch("aa", "infra-backend-v2"));
            assertThat(at(mesh, "/tie")).isEqualTo("200 infra-backend-v2");
        }

        @Test
        @DisplayName("across routes: the longer prefix, then the method, then more headers, then more query parameters, whatever the age")
        void specificityBeforeAge() {
            Mesh mesh = infra(route("old-general", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /api}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /api/v1}, headers: [{name: a, value: "1"}]}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /api/v2}, queryParams: [{name: q, value: "1"}]}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    """));
            mesh.apply(route("new-specific", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /api/v1}}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /api/v1}, headers: [{name: a, value: "1"}, {name: b, value: "2"}]}]
                      backendRefs: [{name: infra-backend-v3, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /api/v2}, method: GET}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /api/v2}, queryParams: [{name: q, value: "1"}, {name: r, value: "2"}]}]
                      backendRefs: [{name: infra-backend-v3, port: 8080}]
                    """));
            assertThat(at(mesh, "/api/x")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/api/v1/x")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/api/v1/x a:1")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/api/v1/x a:1 b:2")).isEqualTo("200 infra-backend-v3");
            assertThat(at(mesh, "GET /api/v2?q=1")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "POST /api/v2?q=1")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "POST /api/v2?q=1&r=2")).isEqualTo("200 infra-backend-v3");
        }
    }

    @Nested
    @DisplayName("more of the suite: mirrors, timeouts, invalid references, listener ports")
    class More {

        @Test
        @DisplayName("HTTPRouteRequestMirror: the client's answer comes from v1, a copy goes to v2, with the rule's header edits")
        void mirror() {
            Mesh mesh = infra(route("request-mirror", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /mirror}}]
                      filters:
                      - type: RequestMirror
                        requestMirror: {backendRef: {name: infra-backend-v2, namespace: gateway-conformance-infra, port: 8080}}
                      backendRefs: [{name: infra-backend-v1, port: 8080, namespace: gateway-conformance-infra}]
                    - matches: [{path: {type: PathPrefix, value: /mirror-and-modify-headers}}]
                      filters:
                      - type: RequestHeaderModifier
                        requestHeaderModifier:
                          set: [{name: X-Header-Set, value: set-overwrites-values}]
                          remove: [X-Header-Remove]
                      - type: RequestMirror
                        requestMirror: {backendRef: {name: infra-backend-v2, namespace: gateway-conformance-infra, port: 8080}}
                      backendRefs: [{name: infra-backend-v1, port: 8080, namespace: gateway-conformance-infra}]
                    """));
            TrafficResult r = mesh.send(10).from("curl").to("http://same-namespace-istio." + INFRA + "/mirror");
            MeshAssertions.assertThat(r).allReached("infra-backend-v1");
            assertThat(r.mirrored()).isEqualTo(10);

            ReceivedRequest modified = received(mesh, "/mirror-and-modify-headers X-Header-Remove:remove-val");
            assertThat(modified.headers()).containsEntry("x-header-set", "set-overwrites-values").doesNotContainKey("x-header-remove");
        }

        @Test
        @DisplayName("HTTPRouteRequestPercentageMirror, HTTPRouteRequestMultipleMirrors: percent and fraction mirror a share, two mirrors both")
        void mirrorShares() {
            String v2 = "{name: infra-backend-v2, namespace: gateway-conformance-infra, port: 8080}";
            Mesh mesh = infra(route("request-percentage-mirror", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /percent-mirror}}]
                      filters: [{type: RequestMirror, requestMirror: {backendRef: %1$s, percent: 20}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /percent-mirror-fraction}}]
                      filters: [{type: RequestMirror, requestMirror: {backendRef: %1$s, fraction: {numerator: 25, denominator: 50}}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /multi-mirror}}]
                      filters:
                      - {type: RequestMirror, requestMirror: {backendRef: %1$s}}
                      - {type: RequestMirror, requestMirror: {backendRef: {name: infra-backend-v3, port: 8080}}}
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    """.formatted(v2)));
            String gw = "http://same-namespace-istio." + INFRA;
            TrafficResult percent = mesh.send(2000).from("curl").to(gw + "/percent-mirror");
            MeshAssertions.assertThat(percent).allReached("infra-backend-v1");
            assertThat(percent.mirrored()).isBetween(340L, 460L);   // 20% of 2000, by the default seed's draws
            TrafficResult fraction = mesh.send(2000).from("curl").to(gw + "/percent-mirror-fraction");
            assertThat(fraction.mirrored()).isBetween(900L, 1100L);   // 25/50
            assertThat(mesh.send(10).from("curl").to(gw + "/multi-mirror").mirrored()).isEqualTo(20);
        }

        @Test
        @DisplayName("HTTPRouteTimeoutRequest: 500ms against a backend of 1s is a 504 UT; 0s turns the timeout off")
        void requestTimeout() {
            // The suite asks its echo backend to wait with ?delay=1s; here infra-backend-v2 takes 1s.
            Mesh mesh = infra(route("request-timeout", """
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /request-timeout}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                      timeouts: {request: 500ms}
                    - matches: [{path: {type: PathPrefix, value: /request-timeout-slow}}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                      timeouts: {request: 500ms}
                    - matches: [{path: {type: PathPrefix, value: /disable-request-timeout}}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                      timeouts: {request: 0s}
                    - matches: [{path: {type: PathPrefix, value: /backend-timeout}}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                      timeouts: {backendRequest: 500ms}
                    - matches: [{path: {type: PathPrefix, value: /disable-backend-timeout}}]
                      backendRefs: [{name: infra-backend-v2, port: 8080}]
                      timeouts: {backendRequest: 0s}
                    """));
            mesh.withApp(INFRA + "/infra-backend-v2", dev.meshtest.app.App.serviceTime(java.time.Duration.ofSeconds(1)));
            assertThat(at(mesh, "/request-timeout")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/request-timeout-slow")).isEqualTo("504 UT");
            assertThat(at(mesh, "/disable-request-timeout")).isEqualTo("200 infra-backend-v2");
            assertThat(at(mesh, "/backend-timeout")).isEqualTo("504 UT");
            assertThat(at(mesh, "/disable-backend-timeout")).isEqualTo("200 infra-backend-v2");
        }

        @Test
        @DisplayName("without a retry on the rule, Istio's default retry policy: connect failures retried, a 503 answer is not")
        void defaultRetryPolicy() {
            // route.go: no retries on the route, the mesh's defaultHttpRetryPolicy (retry.go: 2 retries on
            // connect-failure, refused-stream, unavailable, cancelled and retriable-status-codes with no codes listed).
            Mesh mesh = infra(route("no-retry", """
                    rules:
                    - backendRefs: [{name: infra-backend-v1, port: 8080}]
                    """));
            mesh.withApp(INFRA + "/infra-backend-v1", dev.meshtest.app.App.generic().failing(503, 1.0));
            Outcome o = send(mesh, "/");
            assertThat(where(o)).isEqualTo("503 infra-backend-v1");
            assertThat(o.received().orElseThrow().header("x-envoy-attempt-count")).contains("1");
        }

        @Test
        @DisplayName("HTTPRouteInvalidBackendRefUnknownKind: a backend of an unknown kind gets 500")
        void unknownKind() {
            Mesh mesh = infra(route("invalid-backend-ref-unknown-kind", """
                    rules:
                    - backendRefs: [{group: unknownkind.example.com, kind: NonExistent, name: infra-backend-v1, port: 8080}]
                    """));
            assertThat(at(mesh, "/v2")).isEqualTo("500 NC");
        }

        @Test
        @DisplayName("HTTPRouteNoBackendRefs: rules with omitted or empty backendRefs answer 500 themselves")
        void omittedBackendRefs() {
            Mesh mesh = infra(route("omitted-backendrefs", """
                    rules:
                    - matches: [{path: {type: Exact, value: /omitted-no-forward}}]
                    - matches: [{path: {type: Exact, value: /empty-no-forward}}]
                      backendRefs: []
                    - matches: [{path: {type: PathPrefix, value: /}}]
                      backendRefs: [{name: infra-backend-v1, port: 8080}]
                    """));
            assertThat(at(mesh, "/forward")).isEqualTo("200 infra-backend-v1");
            assertThat(at(mesh, "/omitted-no-forward")).isEqualTo("500 -");
            assertThat(at(mesh, "/empty-no-forward")).isEqualTo("500 -");
        }

        @Test
        @DisplayName("HTTPRouteRequestHeaderModifierBackendWeights: each backend's own filter names it in the request it gets")
        void backendFilters() {
            Mesh mesh = infra(route("request-header-modifier-backend-weights", """
                    rules:
                    - backendRefs:
                      - name: infra-backend-v1
                        port: 8080
                        weight: 10
                        filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: Backend, value: infra-backend-v1}]}}]
                      - name: infra-backend-v2
                        port: 8080
                        weight: 10
                        filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: Backend, value: infra-backend-v2}]}}]
                    """));
            TrafficResult r = mesh.send(100).from("curl").to("http://same-namespace-istio." + INFRA + "/");
            assertThat(r.countByWorkload()).containsOnlyKeys("infra-backend-v1", "infra-backend-v2");
            for (Outcome o : r.outcomes()) {
                assertThat(o.received().orElseThrow().header("backend")).isEqualTo(o.workload());
            }
        }

        @Test
        @DisplayName("HTTPRouteInvalidParentRefNotMatchingListenerPort: a parentRef to port 81 attaches nowhere, so 404")
        void parentRefPortNotMatching() {
            Mesh mesh = infra(routeIn(INFRA, "httproute-listener-not-matching-route-port",
                    "{name: same-namespace, namespace: gateway-conformance-infra, port: 81}", """
                    rules:
                    - backendRefs: [{name: infra-backend-v1, kind: Service, port: 8080}]
                    """));
            assertThat(at(mesh, "/")).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("HTTPRouteInvalidParentRefNotMatchingSectionName: a sectionName no listener has attaches nowhere, so 404")
        void parentRefSectionNotMatching() {
            Mesh mesh = infra(routeIn(INFRA, "httproute-not-matching-section-name",
                    "{name: same-namespace, namespace: gateway-conformance-infra, sectionName: foo}", """
                    rules:
                    - backendRefs: [{name: infra-backend-v1, port: 8080}]
                    """));
            assertThat(at(mesh, "/")).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("HTTPRouteListenerPortMatching: parentRef ports pick the listeners; a route on listener-4 does not answer bar.com:8090")
        void listenerPortMatching() {
            String gw = "httproute-listener-port-matching";
            Mesh mesh = infra("""
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: Gateway
                    metadata: {name: httproute-listener-port-matching, namespace: gateway-conformance-infra}
                    spec:
                      gatewayClassName: istio
                      listeners:
                      - {name: listener-1, port: 80, protocol: HTTP, hostname: foo.com, allowedRoutes: {namespaces: {from: Same}}}
                      - {name: listener-2, port: 8080, protocol: HTTP, hostname: foo.com, allowedRoutes: {namespaces: {from: Same}}}
                      - {name: listener-3, port: 8080, protocol: HTTP, hostname: bar.com, allowedRoutes: {namespaces: {from: Same}}}
                      - {name: listener-4, port: 8090, protocol: HTTP, hostname: foo.com, allowedRoutes: {namespaces: {from: Same}}}
                      - {name: listener-5, port: 8090, protocol: HTTP, hostname: bar.com, allowedRoutes: {namespaces: {from: Same}}}
                    ---
                    """ + backendRoute("v1", "{name: httproute-listener-port-matching, port: 80}")
                    + backendRoute("v2", "{name: httproute-listener-port-matching, port: 8080}")
                    + backendRoute("v3", "{name: httproute-listener-port-matching, port: 8090, sectionName: listener-4}"));
            assertThat(where(send(mesh, gw, 80, "foo.com/"))).isEqualTo("200 infra-backend-v1");
            assertThat(where(send(mesh, gw, 8080, "foo.com:8080/"))).isEqualTo("200 infra-backend-v2");
            assertThat(where(send(mesh, gw, 8080, "bar.com:8080/"))).isEqualTo("200 infra-backend-v2");
            assertThat(where(send(mesh, gw, 8090, "foo.com:8090/"))).isEqualTo("200 infra-backend-v3");
            assertThat(where(send(mesh, gw, 8090, "bar.com:8090/"))).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("HTTPRouteServiceTypes, headless: a Service without a cluster IP still routes to its pods")
        void headlessService() {
            Mesh mesh = infra("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: headless, namespace: gateway-conformance-infra}
                    spec:
                      clusterIP: None
                      selector: {app: infra-backend-v1}
                      ports: [{name: first-port, protocol: TCP, port: 8080, targetPort: 3000}]
                    ---
                    """ + route("service-types", """
                    rules:
                    - matches: [{path: {type: Exact, value: /headless}}]
                      backendRefs: [{name: headless, port: 8080}]
                    """));
            assertThat(at(mesh, "/headless")).isEqualTo("200 infra-backend-v1");
        }
    }
    @Nested
    @DisplayName("HTTPS listeners")
    class Https {

        static String secret() {
            try (var in = ConformanceTrafficTest.class.getResourceAsStream("/tls/httpbin.example.com.crt");
                 var key = ConformanceTrafficTest.class.getResourceAsStream("/tls/httpbin.example.com.key")) {
                var b64 = java.util.Base64.getEncoder();
                return """
                        apiVersion: v1
                        kind: Secret
                        metadata: {name: tls-validity-checks-certificate, namespace: gateway-conformance-infra}
                        type: kubernetes.io/tls
                        data: {tls.crt: %s, tls.key: %s}
                        ---
                        """.formatted(b64.encodeToString(in.readAllBytes()), b64.encodeToString(key.readAllBytes()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        static final String HTTPS_GATEWAY = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: same-namespace-with-https-listener, namespace: gateway-conformance-infra}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - name: https
                    port: 443
                    protocol: HTTPS
                    allowedRoutes: {namespaces: {from: Same}}
                    tls: {certificateRefs: [{group: "", kind: Secret, name: tls-validity-checks-certificate}]}
                  - name: https-with-hostname
                    port: 443
                    hostname: second-example.org
                    protocol: HTTPS
                    allowedRoutes: {namespaces: {from: Same}}
                    tls: {certificateRefs: [{group: "", kind: Secret, name: tls-validity-checks-certificate}]}
                  - name: https-with-wildcard-hostname
                    port: 443
                    hostname: "*.wildcard.org"
                    protocol: HTTPS
                    allowedRoutes: {namespaces: {from: Same}}
                    tls: {certificateRefs: [{group: "", kind: Secret, name: tls-validity-checks-certificate}]}
                ---
                """;

        /** A request from outside to the gateway's pod, SNI and Host both {@code host} unless a Host header is given. */
        static String https(Mesh mesh, String sni, String request) {
            String[] t = request.split(" ");
            TrafficSpec<TrafficResult> spec = mesh.send(1).fromOutside(INFRA + "/same-namespace-with-https-listener-istio").insecure();
            if (t.length > 1) {
                spec = spec.header("Host", t[1]);
            }
            return where(spec.to("https://" + sni + t[0]).outcomes().get(0));
        }

        @Test
        @DisplayName("HTTPRouteHTTPSListener: a route for example.org on the listener without hostname, one on second-example.org's listener")
        void httpsListener() {
            Mesh mesh = infra(secret() + HTTPS_GATEWAY
                    + routeIn(INFRA, "httproute-https-test", "{name: same-namespace-with-https-listener}",
                            "hostnames: [example.org]\n" + allTo("infra-backend-v1"))
                    + routeIn(INFRA, "httproute-https-test-no-hostname",
                            "{name: same-namespace-with-https-listener, sectionName: https-with-hostname}", allTo("infra-backend-v2")));
            assertThat(https(mesh, "example.org", "/")).isEqualTo("200 infra-backend-v1");
            assertThat(https(mesh, "unknown-example.org", "/")).isEqualTo("404 NR");
            assertThat(https(mesh, "second-example.org", "/")).isEqualTo("200 infra-backend-v2");
        }

        static final String CROSS_NAMESPACE_CERT = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: cert-elsewhere, namespace: gateway-conformance-infra}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - name: https
                    port: 443
                    protocol: HTTPS
                    allowedRoutes: {namespaces: {from: Same}}
                    tls:
                      certificateRefs:
                      - {group: "", kind: Secret, name: tls-validity-checks-certificate, namespace: gateway-conformance-web-backend}
                ---
                """ + routeIn(INFRA, "https-route", "{name: cert-elsewhere}", allTo("infra-backend-v1"));

        @Test
        @DisplayName("GatewaySecretReferenceGrantSpecific: a certificate in another namespace is served once a ReferenceGrant allows it")
        void certificateInAnotherNamespace() {
            String secret = secret().replace("namespace: gateway-conformance-infra", "namespace: " + WEB);
            Mesh ungranted = infra(secret + CROSS_NAMESPACE_CERT);
            Outcome refused = ungranted.send(1).fromOutside(INFRA + "/cert-elsewhere-istio").insecure().to("https://example.org/")
                    .outcomes().get(0);
            // The listener is not programmed (ResolvedRefs False RefNotPermitted): controller.go GatewayConfigs
            // pushes no Istio Gateway for it, the proxy has no listener on 443, the connection is refused.
            assertThat(refused.curlExitCode()).hasValue(7);

            Mesh granted = infra(secret + CROSS_NAMESPACE_CERT + grant("certificate", WEB,
                    "{group: gateway.networking.k8s.io, kind: Gateway, namespace: gateway-conformance-infra}",
                    "{group: \"\", kind: Secret, name: tls-validity-checks-certificate}"));
            Outcome served = granted.send(1).fromOutside(INFRA + "/cert-elsewhere-istio").insecure().to("https://example.org/")
                    .outcomes().get(0);
            assertThat(where(served)).isEqualTo("200 infra-backend-v1");
        }
    }
    @Nested
    @DisplayName("HTTPRouteCORS: the gateway's CORS filter answers preflights and marks the answers to allowed origins")
    class Cors {

        /** The conformance test's routes: an exact and a wildcard origin, and every origin with any method. */
        static final String CORS = route("cors", """
                rules:
                - matches: [{path: {type: PathPrefix, value: /cors-1}}]
                  filters:
                  - type: CORS
                    cors:
                      allowOrigins: ["https://www.foo.com", "https://*.bar.com"]
                      allowMethods: [GET, OPTIONS]
                      allowHeaders: [x-header-1, x-header-2]
                      exposeHeaders: [x-header-3, x-header-4]
                      allowCredentials: true
                      maxAge: 3600
                  backendRefs: [{name: infra-backend-v1, port: 8080}]
                - matches: [{path: {type: PathPrefix, value: /cors-wildcard}}]
                  filters:
                  - type: CORS
                    cors: {allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"]}
                  backendRefs: [{name: infra-backend-v2, port: 8080}]
                """);

        @Test
        @DisplayName("a preflight from an allowed origin (exact or wildcard) is answered 200 by the gateway with the filter's headers")
        void preflightAllowed() {
            Mesh mesh = infra(CORS);
            String asked = " Access-Control-Request-Method:GET Access-Control-Request-Headers:x-header-1";
            assertThat(cors(send(mesh, "OPTIONS example.com/cors-1 Origin:https://www.foo.com" + asked)))
                    .isEqualTo("200 allow-credentials=true allow-headers=x-header-1,x-header-2 allow-methods=GET,OPTIONS "
                            + "allow-origin=https://www.foo.com expose-headers=x-header-3,x-header-4 max-age=3600 (proxy)");
            // https://*.bar.com is the regex ^https://.*\.bar\.com$: any number of labels left of the '*'.
            assertThat(cors(send(mesh, "OPTIONS example.com/cors-1 Origin:https://xpto.www.bar.com" + asked)))
                    .startsWith("200 allow-credentials=true").contains("allow-origin=https://xpto.www.bar.com");
            Outcome o = send(mesh, "OPTIONS example.com/cors-1 Origin:https://www.foo.com" + asked);
            assertThat(o.responseHeader("content-length")).hasValue("0");
            // The gateway's istio-envoy, overwritten on the way back by curl's own sidecar.
            assertThat(o.responseHeader("server")).hasValue("envoy");
            assertThat(o.flags()).isEmpty();
        }

        @Test
        @DisplayName("a preflight from an origin not allowed is answered 200 without allow-origin: the Gateway API sets unmatchedPreflights IGNORE")
        void preflightNotAllowed() {
            Mesh mesh = infra(CORS);
            assertThat(cors(send(mesh, "OPTIONS example.com/cors-1 Origin:https://foobar.com Access-Control-Request-Method:GET")))
                    .isEqualTo("200 allow-credentials=true allow-headers=x-header-1,x-header-2 allow-methods=GET,OPTIONS "
                            + "max-age=3600 (proxy)");
        }

        @Test
        @DisplayName("a simple request reaches the app; its answer carries allow-origin, credentials and expose-headers only for an allowed origin")
        void simpleRequests() {
            Mesh mesh = infra(CORS);
            assertThat(cors(send(mesh, "GET example.com/cors-1 Origin:https://www.foo.com")))
                    .isEqualTo("200 allow-credentials=true allow-origin=https://www.foo.com expose-headers=x-header-3,x-header-4 "
                            + "(app)");
            assertThat(cors(send(mesh, "GET example.com/cors-1 Origin:https://foobar.com"))).isEqualTo("200 (app)");
            assertThat(cors(send(mesh, "GET example.com/cors-1"))).isEqualTo("200 (app)");
            // OPTIONS without Access-Control-Request-Method is no preflight: the app answers it.
            assertThat(cors(send(mesh, "OPTIONS example.com/cors-1 Origin:https://www.foo.com")))
                    .isEqualTo("200 allow-credentials=true allow-origin=https://www.foo.com expose-headers=x-header-3,x-header-4 "
                            + "(app)");
        }

        @Test
        @DisplayName("allowOrigins '*' echoes the origin (with a port too); allowMethods and allowHeaders '*' echo what the preflight asks")
        void wildcards() {
            Mesh mesh = infra(CORS);
            assertThat(cors(send(mesh, "OPTIONS example.com/cors-wildcard Origin:https://foobar.com:12345 "
                    + "Access-Control-Request-Method:PUT Access-Control-Request-Headers:x-a,x-b")))
                    .isEqualTo("200 allow-headers=x-a,x-b allow-methods=PUT allow-origin=https://foobar.com:12345 max-age=5 "
                            + "(proxy)");
            assertThat(cors(send(mesh, "PUT example.com/cors-wildcard Origin:https://foobar.com")))
                    .isEqualTo("200 allow-origin=https://foobar.com (app)");
        }
    }
    @Nested
    @DisplayName("mesh (GAMMA): HTTPRoutes whose parent is a Service, sent from a sidecar")
    class MeshRoutes {

        static String echo(String name, String selector) {
            return """
                    apiVersion: v1
                    kind: Service
                    metadata: {name: %s, namespace: gateway-conformance-mesh}
                    spec:
                      selector: %s
                      ports:
                      - {name: http, port: 80, appProtocol: http, targetPort: 8080}
                      - {name: http-alt, port: 8080, appProtocol: http}
                    ---
                    """.formatted(name, selector);
        }

        static String deployment(String version) {
            return """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: echo-%1$s, namespace: gateway-conformance-mesh}
                    spec:
                      selector: {matchLabels: {app: echo, version: %1$s}}
                      template:
                        metadata: {labels: {app: echo, version: %1$s}}
                        spec: {containers: [{name: echo, image: echo, ports: [{containerPort: 8080}]}]}
                    ---
                    """.formatted(version);
        }

        static final String MESH_BASE = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: gateway-conformance-mesh, labels: {gateway-conformance: mesh, istio-injection: enabled}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: echo-client, namespace: gateway-conformance-mesh, labels: {app: echo-client}}
                spec: {containers: [{name: client, image: echo}]}
                ---
                """ + deployment("v1") + deployment("v2") + echo("echo", "{app: echo}")
                + echo("echo-v1", "{app: echo, version: v1}") + echo("echo-v2", "{app: echo, version: v2}");

        static Mesh meshWith(String rules) {
            return mesh().apply(MESH_BASE
                    + routeIn("gateway-conformance-mesh", "mesh-route", "{group: \"\", kind: Service, name: echo, port: 80}", rules));
        }

        static Outcome call(Mesh mesh, String request) {
            String[] t = request.trim().split(" +");
            int i = 0;
            TrafficSpec<TrafficResult> spec = mesh.send(1).from("gateway-conformance-mesh/echo-client");
            if (t[0].matches("[A-Z]+")) {
                spec = spec.method(t[i++]);
            }
            String path = t[i++];
            for (; i < t.length; i++) {
                int colon = t[i].indexOf(':');
                spec = spec.header(t[i].substring(0, colon), t[i].substring(colon + 1));
            }
            return spec.to("http://echo" + path).outcomes().get(0);
        }

        @Test
        @DisplayName("MeshHTTPRouteMatching: path-separated prefixes and header matches, as at the gateway")
        void matching() {
            Mesh mesh = meshWith("""
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /}}, {headers: [{name: version, value: one}]}]
                      backendRefs: [{name: echo-v1, port: 8080}]
                    - matches: [{path: {type: PathPrefix, value: /v2}}, {headers: [{name: version, value: two}]}]
                      backendRefs: [{name: echo-v2, port: 8080}]
                    """);
            assertThat(where(call(mesh, "/"))).isEqualTo("200 echo-v1");
            assertThat(where(call(mesh, "/example"))).isEqualTo("200 echo-v1");
            assertThat(where(call(mesh, "/ Version:one"))).isEqualTo("200 echo-v1");
            assertThat(where(call(mesh, "/v2"))).isEqualTo("200 echo-v2");
            assertThat(where(call(mesh, "/v2/example"))).isEqualTo("200 echo-v2");
            assertThat(where(call(mesh, "/ Version:two"))).isEqualTo("200 echo-v2");
            assertThat(where(call(mesh, "/v2/"))).isEqualTo("200 echo-v2");
            assertThat(where(call(mesh, "/v2example"))).isEqualTo("200 echo-v1");
            assertThat(where(call(mesh, "/foo/v2/example"))).isEqualTo("200 echo-v1");
        }

        @Test
        @DisplayName("MeshHTTPRouteRedirectPort, MeshHTTPRoute303Redirect: the client's sidecar answers the redirect")
        void redirects() {
            Mesh mesh = meshWith("""
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /port}}]
                      filters: [{type: RequestRedirect, requestRedirect: {port: 8083}}]
                    - matches: [{path: {type: PathPrefix, value: /port-and-host}}]
                      filters: [{type: RequestRedirect, requestRedirect: {hostname: example.org, port: 8083}}]
                    - matches: [{path: {type: PathPrefix, value: /port-and-status}}]
                      filters: [{type: RequestRedirect, requestRedirect: {port: 8083, statusCode: 301}}]
                    - matches: [{path: {type: PathPrefix, value: /host-only}}]
                      filters: [{type: RequestRedirect, requestRedirect: {hostname: example.org}}]
                    - matches: [{path: {type: PathPrefix, value: /see-other}}]
                      filters: [{type: RequestRedirect, requestRedirect: {statusCode: 303}}]
                    """);
            Outcome port = call(mesh, "/port");
            assertThat(port.status() + " " + port.responseHeader("location").orElseThrow()).isEqualTo("302 http://echo:8083/port");
            assertThat(port.received()).isEmpty();
            assertThat(call(mesh, "/port-and-host").responseHeader("location")).contains("http://example.org:8083/port-and-host");
            Outcome status = call(mesh, "/port-and-status");
            assertThat(status.status() + " " + status.responseHeader("location").orElseThrow())
                    .isEqualTo("301 http://echo:8083/port-and-status");
            // Without a port the sidecar's listener port, 80, is the request's: left out for http.
            assertThat(call(mesh, "/host-only").responseHeader("location")).contains("http://example.org/host-only");
            Outcome seeOther = call(mesh, "POST /see-other");
            assertThat(seeOther.status() + " " + seeOther.responseHeader("location").orElseThrow())
                    .isEqualTo("303 http://echo/see-other");
        }

        @Test
        @DisplayName("MeshHTTPRouteRewritePath: echo-v1 receives the rewritten path and the rule's header edits")
        void rewritePath() {
            Mesh mesh = meshWith("""
                    rules:
                    - matches: [{path: {type: PathPrefix, value: /prefix/one}}]
                      filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /one}}}]
                      backendRefs: [{name: echo-v1, port: 80}]
                    - matches: [{path: {type: PathPrefix, value: /strip-prefix}}]
                      filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}}]
                      backendRefs: [{name: echo-v1, port: 80}]
                    - matches: [{path: {type: PathPrefix, value: /full/one}}]
                      filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath, replaceFullPath: /one}}}]
                      backendRefs: [{name: echo-v1, port: 80}]
                    - matches: [{path: {type: PathPrefix, value: /full/rewrite-path-and-modify-headers}}]
                      filters:
                      - {type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath, replaceFullPath: /test}}}
                      - type: RequestHeaderModifier
                        requestHeaderModifier:
                          set: [{name: X-Header-Set, value: set-overwrites-values}]
                          add: [{name: X-Header-Add, value: header-val-1}, {name: X-Header-Add-Append, value: header-val-2}]
                          remove: [X-Header-Remove]
                      backendRefs: [{name: echo-v1, port: 80}]
                    """);
            assertThat(call(mesh, "/prefix/one/two").received().orElseThrow().path()).isEqualTo("/one/two");
            assertThat(call(mesh, "/strip-prefix/three").received().orElseThrow().path()).isEqualTo("/three");
            assertThat(call(mesh, "/strip-prefix").received().orElseThrow().path()).isEqualTo("/");
            assertThat(call(mesh, "/full/one/two").received().orElseThrow().path()).isEqualTo("/one");
            Outcome o = call(mesh, "/full/rewrite-path-and-modify-headers/test X-Header-Remove:remove-val "
                    + "X-Header-Add-Append:append-val-1 X-Header-Set:set-val");
            assertThat(where(o)).isEqualTo("200 echo-v1");
            assertThat(o.received().orElseThrow().path()).isEqualTo("/test");
            assertThat(o.received().orElseThrow().headers()).containsEntry("x-header-add", "header-val-1")
                    .containsEntry("x-header-add-append", "append-val-1,header-val-2")
                    .containsEntry("x-header-set", "set-overwrites-values").doesNotContainKey("x-header-remove");
        }

        @Test
        @DisplayName("MeshHTTPRouteWeight: 70/30 between echo-v1 and echo-v2")
        void weights() {
            Mesh mesh = meshWith("""
                    rules:
                    - backendRefs:
                      - {name: echo-v1, port: 8080, weight: 70}
                      - {name: echo-v2, port: 8080, weight: 30}
                    """);
            TrafficResult r = mesh.send(1000).from("gateway-conformance-mesh/echo-client").to("http://echo/");
            MeshAssertions.assertThat(r).allSucceeded().matchesWeights(Map.of("echo-v1", 70, "echo-v2", 30));
        }

        @Test
        @DisplayName("a mesh route binds port 80 only: echo:8080 is balanced over both versions by the Service")
        void otherPortUnrouted() {
            Mesh mesh = meshWith("""
                    rules:
                    - backendRefs: [{name: echo-v2, port: 8080}]
                    """);
            assertThat(mesh.send(200).from("gateway-conformance-mesh/echo-client").to("http://echo/").countByWorkload())
                    .containsOnlyKeys("echo-v2");
            assertThat(mesh.send(200).from("gateway-conformance-mesh/echo-client").to("http://echo:8080/").countByWorkload())
                    .containsOnlyKeys("echo-v1", "echo-v2");
        }
    }
}
