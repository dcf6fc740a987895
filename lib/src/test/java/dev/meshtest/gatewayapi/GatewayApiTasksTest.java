package dev.meshtest.gatewayapi;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.gatewayapi.GatewayApiYaml.canary;
import static dev.meshtest.gatewayapi.GatewayApiYaml.gateway;
import static dev.meshtest.gatewayapi.GatewayApiYaml.httpRoute;
import static dev.meshtest.gatewayapi.GatewayApiYaml.meshRoute;
import static dev.meshtest.gatewayapi.WebGateway.where;

import dev.meshtest.Mesh;
import dev.meshtest.junit.Fixtures;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Istio's traffic-management tasks in their Gateway API form, as istio.io documents them with
 * HTTPRoutes (the "Gateway API" tab of each task, and the samples under {@code samples/*}{@code
 * /gateway-api}): request routing, traffic shifting, ingress, header routing and modification,
 * and mirroring. Each test sends real traffic through the mesh and checks the outcome the task
 * says a user sees.
 */
class GatewayApiTasksTest {

    /**
     * Bookinfo's per-version Services, the shape of {@code samples/bookinfo/platform/kube/bookinfo-versions.yaml}:
     * the Gateway API names a version by a Service, where the Istio API uses a DestinationRule subset.
     */
    static final String BOOKINFO_VERSIONS = versions("reviews", "v1") + versions("reviews", "v2") + versions("reviews", "v3")
            + versions("productpage", "v1") + versions("ratings", "v1") + versions("details", "v1");

    /** {@code samples/bookinfo/gateway-api/bookinfo-gateway.yaml}: the page and its assets through bookinfo-gateway-istio. */
    static final String BOOKINFO_GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: bookinfo-gateway}
            spec:
              gatewayClassName: istio
              listeners:
              - name: http
                port: 80
                protocol: HTTP
                allowedRoutes: {namespaces: {from: Same}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: bookinfo}
            spec:
              parentRefs: [{name: bookinfo-gateway}]
              rules:
              - matches:
                - path: {type: Exact, value: /productpage}
                - path: {type: PathPrefix, value: /static}
                - path: {type: Exact, value: /login}
                - path: {type: Exact, value: /logout}
                - path: {type: PathPrefix, value: /api/v1/products}
                backendRefs: [{name: productpage, port: 9080}]
            """;

    /** {@code route-reviews-v1.yaml}: a GAMMA route on the Service reviews, everything to reviews-v1. */
    static final String REVIEWS_V1 = reviewsRoute("""
            - backendRefs: [{name: reviews-v1, port: 9080}]
            """);

    /** A GAMMA route {@code reviews} on the Service reviews with {@code rules}. */
    private static String reviewsRoute(String rules) {
        return meshRoute("reviews", "reviews", 9080, rules);
    }

    private static String versions(String app, String version) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %1$s-%2$s}
                spec:
                  ports: [{port: 9080, name: http}]
                  selector: {app: %1$s, version: %2$s}
                ---
                """.formatted(app, version);
    }

    private static Mesh bookinfo() {
        return Fixtures.apply(mesh(), "bookinfo").apply(BOOKINFO_VERSIONS + BOOKINFO_GATEWAY);
    }

    /**
     * {@code n} page loads through the gateway bookinfo-gateway-istio, as the browser in the tasks;
     * signed in as {@code user} first (productpage's {@code POST /login}: its session cookie, from
     * which productpage sends {@code end-user}) unless {@code null}.
     */
    private static TrafficResult pages(Mesh mesh, int n, String user) {
        var spec = mesh.send(n).fromOutside("default/bookinfo-gateway-istio");
        if (user != null) {
            String session = mesh.send(1).fromOutside("default/bookinfo-gateway-istio").method("POST")
                    .to("http://bookinfo.example.com/login?username=" + user).outcomes().get(0).responseHeader("set-cookie")
                    .orElseThrow().split(";")[0];
            spec = spec.header("cookie", session);
        }
        return spec.to("http://bookinfo.example.com/productpage");
    }

    /**
     * Where productpage's calls to reviews went during a send, by workload. The call graph names an
     * edge by the service the route chose ({@code reviews-v1}, as Istio's telemetry names the
     * destination service), so the calls to reviews are the edges to {@code reviews*}.
     */
    private static Map<String, Long> reviewsCalls(TrafficResult pages) {
        Map<String, Long> byWorkload = new java.util.TreeMap<>();
        for (var e : pages.edges()) {
            if (e.source().equals("productpage-v1") && e.destination().startsWith("reviews")) {
                e.requests().countByWorkload().forEach((w, n) -> byWorkload.merge(w, n, Long::sum));
            }
        }
        return byWorkload;
    }

    /** {@code n} calls from productpage's sidecar to reviews, as productpage makes for each page. */
    private static TrafficResult reviews(Mesh mesh, int n) {
        return mesh.send(n).from("productpage-v1").to("http://reviews:9080/reviews/0");
    }

    @Nested
    @DisplayName("Request routing (bookinfo, Gateway API)")
    class RequestRouting {

        @Test
        @DisplayName("without routes, productpage's calls to reviews spread over v1, v2 and v3")
        void noRoutesSpreadsOverAllVersions() {
            TrafficResult r = pages(bookinfo(), 30, null);
            assertThat(r).allSucceeded().allReached("productpage-v1");
            Assertions.assertThat(reviewsCalls(r)).containsOnlyKeys("reviews-v1", "reviews-v2", "reviews-v3");
            assertThat(reviews(bookinfo(), 900)).matchesWeights(Map.of("reviews-v1", 1, "reviews-v2", 1, "reviews-v3", 1));
        }

        @Test
        @DisplayName("route-reviews-v1: every call from productpage to reviews reaches reviews-v1 (no stars)")
        void allToV1() {
            TrafficResult r = pages(bookinfo().apply(REVIEWS_V1), 20, null);
            assertThat(r).allSucceeded();
            Assertions.assertThat(reviewsCalls(r)).isEqualTo(Map.of("reviews-v1", 20L));
            Assertions.assertThat(r.edge("reviews-v1", "ratings")).isEmpty();
        }

        @Test
        @DisplayName("route-reviews-v1 without bookinfo-versions.yaml: the backend reviews-v1 is not found, the route stays and "
                + "productpage's sidecar answers its calls 500 NC; the page still loads, without reviews")
        void forgettingTheVersionServices() {
            Mesh mesh = Fixtures.apply(mesh(), "bookinfo").apply(BOOKINFO_GATEWAY).apply(REVIEWS_V1);
            TrafficResult direct = reviews(mesh, 5);
            assertThat(direct.countByStatus()).isEqualTo(Map.of(500, 5L));
            Assertions.assertThat(where(direct)).isEqualTo("500 NC");
            assertThat(pages(mesh, 5, null)).allSucceeded().allReached("productpage-v1");
            assertThat(mesh.gatewayApiStatus().httpRoute("reviews")).isAccepted().hasUnresolvedRefs("BackendNotFound");
        }

        @Test
        @DisplayName("route-all-v1 (four routes): every page succeeds, reviews-v1 answers productpage and nobody calls ratings")
        void routeAllV1() {
            TrafficResult r = pages(bookinfo().apply(ALL_V1), 20, "jason");
            assertThat(r).allSucceeded().allReached("productpage-v1");
            Assertions.assertThat(reviewsCalls(r)).isEqualTo(Map.of("reviews-v1", 20L));
            assertThat(r).edge("productpage-v1", "details-v1").allSucceeded().allReached("details-v1");
            Assertions.assertThat(r.edges()).noneMatch(e -> e.destination().startsWith("ratings"));
        }

        @Test
        @DisplayName("jason's rule in its own HTTPRoute, applied after route-reviews-v1: istiod merges both routes of "
                + "the Service and the header match, more specific, goes first, so jason still reaches reviews-v2")
        void jasonInASecondRoute() {
            Mesh mesh = bookinfo().apply(REVIEWS_V1).apply(meshRoute("reviews-jason", "reviews", 9080, """
                    - matches: [{headers: [{name: End-User, value: jason}]}]
                      backendRefs: [{name: reviews-v2, port: 9080}]
                    """));
            Assertions.assertThat(reviewsCalls(pages(mesh, 20, "jason"))).isEqualTo(Map.of("reviews-v2", 20L));
            Assertions.assertThat(reviewsCalls(pages(mesh, 20, null))).isEqualTo(Map.of("reviews-v1", 20L));
        }

        @Test
        @DisplayName("the Gateway API orders rules by specificity, not by position: jason's rule written after the catch-all still wins")
        void ruleOrderIsBySpecificity() {
            String catchAllFirst = reviewsRoute("""
                    - backendRefs: [{name: reviews-v1, port: 9080}]
                    - matches: [{headers: [{name: end-user, value: jason}]}]
                      backendRefs: [{name: reviews-v2, port: 9080}]
                    """);
            Mesh mesh = bookinfo().apply(catchAllFirst);
            Assertions.assertThat(reviewsCalls(pages(mesh, 20, "jason"))).isEqualTo(Map.of("reviews-v2", 20L));
            Assertions.assertThat(reviewsCalls(pages(mesh, 20, null))).isEqualTo(Map.of("reviews-v1", 20L));
        }

        @Test
        @DisplayName("route-reviews-v2 for jason: with end-user jason every call reaches reviews-v2 (black stars), others reach reviews-v1")
        void jasonToV2() {
            Mesh mesh = bookinfo().apply(REVIEWS_V1).apply(JASON_V2);

            TrafficResult jason = pages(mesh, 20, "jason");
            assertThat(jason).allSucceeded();
            Assertions.assertThat(reviewsCalls(jason)).isEqualTo(Map.of("reviews-v2", 20L));
            assertThat(jason).edge("reviews-v2", "ratings").allSucceeded().allReached("ratings-v1");

            Assertions.assertThat(reviewsCalls(pages(mesh, 20, null))).isEqualTo(Map.of("reviews-v1", 20L));
            Assertions.assertThat(reviewsCalls(pages(mesh, 20, "alice"))).isEqualTo(Map.of("reviews-v1", 20L));
            // an Exact header match compares the value case-sensitively
            Assertions.assertThat(reviewsCalls(pages(mesh, 20, "Jason"))).isEqualTo(Map.of("reviews-v1", 20L));
        }
    }

    /** {@code route-all-v1.yaml}: four GAMMA routes, each Service to its v1 Service. */
    static final String ALL_V1 = allV1("reviews") + allV1("productpage") + allV1("ratings") + allV1("details");

    private static String allV1(String app) {
        return meshRoute(app, app, 9080, "- backendRefs: [{name: %s-v1, port: 9080}]\n".formatted(app)) + "---\n";
    }

    /** The task's route for jason: a header match before the catch-all rule. */
    static final String JASON_V2 = reviewsRoute("""
            - matches: [{headers: [{type: Exact, name: end-user, value: jason}]}]
              backendRefs: [{name: reviews-v2, port: 9080}]
            - backendRefs: [{name: reviews-v1, port: 9080}]
            """);

    @Nested
    @DisplayName("Traffic shifting (Gateway API)")
    class TrafficShifting {

        /** A Gateway helloworld-gateway with one HTTP listener on port 80. */
        static final String HELLOWORLD_GATEWAY = gateway("helloworld-gateway", "{name: http, port: 80, protocol: HTTP}");

        @Test
        @DisplayName("route-reviews-50-v3: half of productpage's calls reach reviews-v1, half reviews-v3 (red stars)")
        void fiftyFifty() {
            Mesh mesh = bookinfo().apply(REVIEWS_V1).apply(reviewsRoute("""
                    - backendRefs:
                      - {name: reviews-v1, port: 9080, weight: 50}
                      - {name: reviews-v3, port: 9080, weight: 50}
                    """));
            TrafficResult r = pages(mesh, 100, null);
            assertThat(r).allSucceeded();
            Assertions.assertThat(reviewsCalls(r)).containsOnlyKeys("reviews-v1", "reviews-v3");
            assertThat(r).edge("reviews-v3", "ratings").allSucceeded().allReached("ratings-v1");
            assertThat(reviews(mesh, 1000)).matchesWeights(Map.of("reviews-v1", 50, "reviews-v3", 50));
        }

        @Test
        @DisplayName("route-reviews-v3: the migration complete, every call reaches reviews-v3")
        void allToV3() {
            Mesh mesh = bookinfo().apply(reviewsRoute("""
                    - backendRefs:
                      - {name: reviews-v3, port: 9080}
                    """));
            Assertions.assertThat(reviewsCalls(pages(mesh, 50, null))).isEqualTo(Map.of("reviews-v3", 50L));
        }

        @Test
        @DisplayName("route-reviews-90-10: 90% of calls reach reviews-v1, 10% reviews-v2")
        void ninetyTen() {
            Mesh mesh = bookinfo().apply(reviewsRoute("""
                    - backendRefs:
                      - {name: reviews-v1, port: 9080, weight: 90}
                      - {name: reviews-v2, port: 9080, weight: 10}
                    """));
            assertThat(reviews(mesh, 1000)).matchesWeights(Map.of("reviews-v1", 90, "reviews-v2", 10));
        }

        @Test
        @DisplayName("helloworld through helloworld-gateway: without version routes an even split; helloworld-route.yaml: 90/10, only on /hello exactly")
        void helloworldThroughItsGateway() {
            Mesh mesh = Fixtures.apply(mesh(), "helloworld").apply(
                    gateway("helloworld-gateway", "{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Same}}}")
                    + "---\n" + httpRoute("helloworld", "{name: helloworld-gateway}", """
                    - matches: [{path: {type: Exact, value: /hello}}]
                      backendRefs: [{name: helloworld, port: 5000}]
                    """));
            assertThat(mesh.send(1000).from("nginx").to("http://helloworld-gateway-istio/hello"))
                    .matchesWeights(Map.of("helloworld-v1", 50, "helloworld-v2", 50));

            mesh.apply(httpRoute("helloworld", "{name: helloworld-gateway}", """
                    - matches: [{path: {type: Exact, value: /hello}}]
                      backendRefs:
                      - {name: helloworld-v1, port: 5000, weight: 90}
                      - {name: helloworld-v2, port: 5000, weight: 10}
                    """));
            assertThat(mesh.send(1000).from("nginx").to("http://helloworld-gateway-istio/hello"))
                    .matchesWeights(Map.of("helloworld-v1", 90, "helloworld-v2", 10));
            assertThat(where(mesh, "http://helloworld-gateway-istio/hello/")).isEqualTo("404 NR");
            assertThat(mesh.send(1).from("nginx").to("http://helloworld-gateway-istio/hello?x=1")).allSucceeded();
        }

        @Test
        @DisplayName("one route with two parents, the gateway and the Service: both the gateway and the sidecars send everything to v2")
        void oneRouteForTheGatewayAndTheMesh() {
            Mesh mesh = Fixtures.apply(mesh(), "helloworld").apply(HELLOWORLD_GATEWAY + "---\n" + """
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {name: helloworld}
                    spec:
                      parentRefs:
                      - {name: helloworld-gateway}
                      - {group: "", kind: Service, name: helloworld, port: 5000}
                      rules:
                      - matches: [{path: {type: PathPrefix, value: /hello}}]
                        backendRefs: [{name: helloworld-v2, port: 5000}]
                    """);
            assertThat(mesh.send(20).from("nginx").to("http://helloworld-gateway-istio/hello")).allSucceeded().allReached("helloworld-v2");
            assertThat(mesh.send(20).from("nginx").to("http://helloworld:5000/hello")).allSucceeded().allReached("helloworld-v2");
            // a mesh route replaces the Service's default route: a path no rule matches gets 404 from the client's sidecar
            assertThat(where(mesh, "http://helloworld:5000/other")).isEqualTo("404 NR");
            assertThat(where(mesh, "http://helloworld-gateway-istio/other")).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("weights are proportions: 1 and 3 split 25/75")
        void weightsAreProportions() {
            Mesh mesh = Fixtures.apply(mesh(), "helloworld").apply(canary(1, 3));
            assertThat(mesh.send(1000).from("nginx").to("http://helloworld:5000/hello"))
                    .matchesWeights(Map.of("helloworld-v1", 25, "helloworld-v2", 75));
        }

        @Test
        @DisplayName("a mesh (GAMMA) route on helloworld does not apply at the ingress gateway: a Gateway route to helloworld still reaches both versions")
        void meshRouteDoesNotApplyAtTheGateway() {
            Mesh mesh = Fixtures.apply(mesh(), "helloworld").apply(HELLOWORLD_GATEWAY
                    + "---\n" + httpRoute("helloworld", "{name: helloworld-gateway}", "- backendRefs: [{name: helloworld, port: 5000}]\n")
                    + "---\n" + meshRoute("helloworld-mesh", "helloworld", 5000, "- backendRefs: [{name: helloworld-v2, port: 5000}]\n"));
            assertThat(mesh.send(100).from("nginx").to("http://helloworld:5000/hello")).allReached("helloworld-v2");
            assertThat(mesh.send(1000).from("nginx").to("http://helloworld-gateway-istio/hello"))
                    .matchesWeights(Map.of("helloworld-v1", 50, "helloworld-v2", 50));
        }
    }

    @Nested
    @DisplayName("Ingress gateways (httpbin, Gateway API)")
    class Ingress {

        static final String HTTPBIN_GATEWAY = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: httpbin-gateway}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - name: http
                    hostname: httpbin.example.com
                    port: 80
                    protocol: HTTP
                    allowedRoutes: {namespaces: {from: Same}}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: httpbin}
                spec:
                  parentRefs: [{name: httpbin-gateway}]
                  hostnames: [httpbin.example.com]
                  rules:
                  - matches:
                    - path: {type: PathPrefix, value: /status}
                    - path: {type: PathPrefix, value: /delay}
                    backendRefs: [{name: httpbin, port: 8000}]
                """;

        private static Mesh httpbin() {
            return httpbinWith(HTTPBIN_GATEWAY);
        }

        /** The httpbin sample with {@code gatewayAndRoute}, in the tests a variant of {@link #HTTPBIN_GATEWAY}. */
        private static Mesh httpbinWith(String gatewayAndRoute) {
            return Fixtures.apply(mesh(), "httpbin").apply(gatewayAndRoute);
        }

        private static String curl(Mesh mesh, String host, String path) {
            return where(mesh.send(1).from("fortio-deploy").header("Host", host).to("http://httpbin-gateway-istio" + path));
        }

        @Test
        @DisplayName("curl -H Host:httpbin.example.com to the gateway's Service: /status/200 and /delay/1 reach httpbin")
        void exposedPathsReachHttpbin() {
            Mesh mesh = httpbin();
            assertThat(curl(mesh, "httpbin.example.com", "/status/200")).isEqualTo("200 httpbin");
            assertThat(curl(mesh, "httpbin.example.com", "/delay/1")).isEqualTo("200 httpbin");
            // istiod sets ignore_port_in_host_matching on a gateway's routes: a Host with the port matches too
            assertThat(curl(mesh, "httpbin.example.com:80", "/status/200")).isEqualTo("200 httpbin");
            assertThat(curl(mesh, "HTTPBIN.example.com", "/status/200")).isEqualTo("200 httpbin");
            assertThat(where(mesh.send(1).fromOutside("default/httpbin-gateway-istio").to("http://httpbin.example.com/status/200")))
                    .isEqualTo("200 httpbin");
        }

        @Test
        @DisplayName("a URL not explicitly exposed (/headers) answers 404")
        void otherPathsAre404() {
            assertThat(curl(httpbin(), "httpbin.example.com", "/headers")).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("a Host the listener does not serve answers 404, as does the gateway's own name")
        void otherHostsAre404() {
            Mesh mesh = httpbin();
            assertThat(curl(mesh, "other.example.com", "/status/200")).isEqualTo("404 NR");
            assertThat(where(mesh.send(1).from("fortio-deploy").to("http://httpbin-gateway-istio/status/200"))).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("a route without hostnames takes the listener's: httpbin.example.com reaches httpbin, other hosts 404")
        void routeWithoutHostnamesTakesTheListeners() {
            Mesh mesh = httpbinWith(HTTPBIN_GATEWAY.replace("  hostnames: [httpbin.example.com]\n", ""));
            assertThat(curl(mesh, "httpbin.example.com", "/status/200")).isEqualTo("200 httpbin");
            assertThat(curl(mesh, "other.example.com", "/status/200")).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("a route for *.example.com on a listener for httpbin.example.com serves only their intersection, httpbin.example.com")
        void wildcardRouteHostnameIntersectsTheListeners() {
            Mesh mesh = httpbinWith(HTTPBIN_GATEWAY.replace("hostnames: [httpbin.example.com]",
                    "hostnames: [\"*.example.com\"]"));
            assertThat(curl(mesh, "httpbin.example.com", "/status/200")).isEqualTo("200 httpbin");
            assertThat(curl(mesh, "foo.example.com", "/status/200")).isEqualTo("404 NR");
        }

        @Test
        @DisplayName("allowedRoutes from: Same: the same route written in namespace other does not attach, and the gateway answers 404")
        void routeFromAnotherNamespaceIsNotAllowed() {
            String otherNamespace = HTTPBIN_GATEWAY.replace("metadata: {name: httpbin}",
                    "metadata: {name: httpbin, namespace: other}").replace("parentRefs: [{name: httpbin-gateway}]",
                    "parentRefs: [{name: httpbin-gateway, namespace: default}]").replace("backendRefs: [{name: httpbin, port: 8000}]",
                    "backendRefs: [{name: httpbin, namespace: default, port: 8000}]");
            Mesh mesh = Fixtures.apply(mesh(), "httpbin").apply("""
                    apiVersion: v1
                    kind: Namespace
                    metadata: {name: other}
                    ---
                    """ + otherNamespace);
            assertThat(curl(mesh, "httpbin.example.com", "/status/200")).isEqualTo("404 NR");
            assertThat(mesh.gatewayApiStatus().httpRoute("other/httpbin")).isNotAccepted("NotAllowedByListeners");
            assertThat(mesh.gatewayApiStatus().gateway("httpbin-gateway")).hasAttachedRoutes("http", 0);
        }

        @Test
        @DisplayName("a listener on port 8080: the gateway's Service gets port 8080, and the route answers there")
        void listenerOnAnotherPort() {
            Mesh mesh = httpbinWith(HTTPBIN_GATEWAY.replace("port: 80\n", "port: 8080\n"));
            assertThat(where(mesh.send(1).from("fortio-deploy").header("Host", "httpbin.example.com")
                    .to("http://httpbin-gateway-istio:8080/status/200"))).isEqualTo("200 httpbin");
            assertThat(mesh.send(1).from("fortio-deploy").header("Host", "httpbin.example.com")
                    .to("http://httpbin-gateway-istio/status/200").outcomes().get(0).where())
                    .startsWith("curl: (7)");
        }

        @Test
        @DisplayName("from outside the gateway answers server: istio-envoy, as the task's curl -I shows; "
                + "a client's sidecar rewrites it to envoy")
        void serverHeader() {
            Mesh mesh = httpbin();
            assertThat(mesh.send(1).fromOutside("default/httpbin-gateway-istio").to("http://httpbin.example.com/status/200"))
                    .hasResponseHeader("server", "istio-envoy");
            assertThat(mesh.send(1).from("fortio-deploy").header("Host", "httpbin.example.com")
                    .to("http://httpbin-gateway-istio/status/200")).hasResponseHeader("server", "envoy");
        }
    }

    @Nested
    @DisplayName("Kubernetes Gateway API task: a shared gateway in istio-ingress, header routing and request header modification")
    class HeadersTask {

        static final String SHARED_GATEWAY = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: istio-ingress}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gateway, namespace: istio-ingress}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - name: default
                    hostname: "*.example.com"
                    port: 80
                    protocol: HTTP
                    allowedRoutes: {namespaces: {from: All}}
                """;

        static final String ROUTE_GET = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: http, namespace: default}
                spec:
                  parentRefs: [{name: gateway, namespace: istio-ingress}]
                  hostnames: [httpbin.example.com]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /get}}]
                    backendRefs: [{name: httpbin, port: 8000}]
                """;

        static final String ROUTE_WITH_HEADER = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: http, namespace: default}
                spec:
                  parentRefs: [{name: gateway, namespace: istio-ingress}]
                  hostnames: [httpbin.example.com]
                  rules:
                  - matches:
                    - path: {type: PathPrefix, value: /get}
                    - path: {type: PathPrefix, value: /headers}
                    filters:
                    - type: RequestHeaderModifier
                      requestHeaderModifier:
                        add: [{name: my-added-header, value: added-value}]
                    backendRefs: [{name: httpbin, port: 8000}]
                """;

        /** The httpbin sample with {@link #SHARED_GATEWAY} and {@code route}. */
        private static Mesh sharedGatewayWith(String route) {
            return Fixtures.apply(mesh(), "httpbin").apply(SHARED_GATEWAY + "---\n" + route);
        }

        private static TrafficResult curl(Mesh mesh, String path) {
            return mesh.send(1).from("fortio-deploy").header("Host", "httpbin.example.com")
                    .to("http://gateway-istio.istio-ingress" + path);
        }

        @Test
        @DisplayName("the Gateway in istio-ingress is deployed there as gateway-istio; a route from default attaches; /get is 200, /headers 404")
        void sharedGatewayAcrossNamespaces() {
            Mesh mesh = sharedGatewayWith(ROUTE_GET);
            assertThat(where(curl(mesh, "/get"))).isEqualTo("200 httpbin");
            assertThat(where(curl(mesh, "/headers"))).isEqualTo("404 NR");
            assertThat(mesh.gatewayApiStatus().gateway("istio-ingress/gateway")).isProgrammed().hasAttachedRoutes("default", 1);
        }

        @Test
        @DisplayName("with the RequestHeaderModifier, /headers reaches httpbin and httpbin receives my-added-header: added-value")
        void requestHeaderModifierAdds() {
            Mesh mesh = sharedGatewayWith(ROUTE_GET).apply(ROUTE_WITH_HEADER);
            TrafficResult r = curl(mesh, "/headers");
            assertThat(r).allSucceeded().allReached("httpbin").receivedHeader("my-added-header", "added-value");
            assertThat(curl(mesh, "/get")).receivedHeader("my-added-header", "added-value");
        }

        @Test
        @DisplayName("RequestHeaderModifier add appends to a header the client sent; set replaces it; remove drops it")
        void addSetRemove() {
            Mesh mesh = sharedGatewayWith(ROUTE_WITH_HEADER.replace(
                    "add: [{name: my-added-header, value: added-value}]",
                    "add: [{name: my-added-header, value: added-value}]\n"
                            + "        set: [{name: x-set, value: by-gateway}]\n"
                            + "        remove: [x-remove]"));
            TrafficResult r = mesh.send(1).from("fortio-deploy").header("Host", "httpbin.example.com")
                    .header("my-added-header", "from-client").header("x-set", "from-client").header("x-remove", "gone")
                    .to("http://gateway-istio.istio-ingress/headers");
            assertThat(r).allReached("httpbin").receivedHeader("my-added-header", "from-client,added-value")
                    .receivedHeader("x-set", "by-gateway").receivedNoHeader("x-remove");
        }

        @Test
        @DisplayName("header-based routing in the mesh: x-canary: true reaches helloworld-v2, every other request helloworld-v1")
        void headerRoutingInTheMesh() {
            Mesh mesh = Fixtures.apply(mesh(), "helloworld").apply(meshRoute("helloworld", "helloworld", 5000, """
                    - matches: [{headers: [{name: x-canary, value: "true"}]}]
                      backendRefs: [{name: helloworld-v2, port: 5000}]
                    - backendRefs: [{name: helloworld-v1, port: 5000}]
                    """));
            assertThat(mesh.send(20).from("nginx").header("X-Canary", "true").to("http://helloworld:5000/hello"))
                    .allSucceeded().allReached("helloworld-v2");
            assertThat(mesh.send(20).from("nginx").to("http://helloworld:5000/hello")).allReached("helloworld-v1");
            assertThat(mesh.send(20).from("nginx").header("x-canary", "TRUE").to("http://helloworld:5000/hello"))
                    .allReached("helloworld-v1");
        }
    }

    @Test
    @DisplayName("a RequestHeaderModifier on a mesh route: the client's sidecar sets the header, the backend receives it")
    void requestHeaderModifierInTheMesh() {
        Mesh mesh = Fixtures.apply(mesh(), "helloworld").apply(meshRoute("helloworld", "helloworld", 5000, """
                - filters:
                  - type: RequestHeaderModifier
                    requestHeaderModifier:
                      set: [{name: x-version-wanted, value: v1}]
                      remove: [x-debug]
                  backendRefs: [{name: helloworld-v1, port: 5000}]
                """));
        assertThat(mesh.send(5).from("nginx").header("x-version-wanted", "v2").header("x-debug", "1")
                .to("http://helloworld:5000/hello"))
                .allReached("helloworld-v1").receivedHeader("x-version-wanted", "v1").receivedNoHeader("x-debug");
    }

    @Nested
    @DisplayName("Mirroring (httpbin v1 and v2, Gateway API)")
    class Mirroring {

        /** The task's httpbin-v1 and httpbin-v2, each behind its own Service (port 80), and the Service httpbin over both (8000). */
        static final String HTTPBIN_VERSIONS = httpbinVersion("v1") + httpbinVersion("v2") + """
                apiVersion: v1
                kind: Service
                metadata: {name: httpbin, labels: {app: httpbin}}
                spec:
                  selector: {app: httpbin}
                  ports: [{name: http, port: 8000, targetPort: 8080}]
                """;

        static final String ROUTE_V1 = meshRoute("httpbin", "httpbin", 8000, """
                - backendRefs: [{name: httpbin-v1, port: 80}]
                """);

        static final String ROUTE_V1_MIRROR_V2 = meshRoute("httpbin", "httpbin", 8000, """
                - filters:
                  - type: RequestMirror
                    requestMirror:
                      backendRef: {name: httpbin-v2, port: 80}
                  backendRefs: [{name: httpbin-v1, port: 80}]
                """);

        private static String httpbinVersion(String v) {
            return """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: httpbin-%1$s}
                    spec:
                      replicas: 1
                      selector: {matchLabels: {app: httpbin, version: %1$s}}
                      template:
                        metadata: {labels: {app: httpbin, version: %1$s}}
                        spec:
                          containers:
                          - name: httpbin
                            image: docker.io/mccutchen/go-httpbin:v2.15.0
                            ports: [{containerPort: 8080}]
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: httpbin-%1$s, labels: {app: httpbin, version: %1$s}}
                    spec:
                      selector: {app: httpbin, version: %1$s}
                      ports: [{name: http, port: 80, targetPort: 8080}]
                    ---
                    """.formatted(v);
        }

        private static Mesh httpbinVersions() {
            return Fixtures.apply(mesh(), "sleep").apply(HTTPBIN_VERSIONS).apply(ROUTE_V1);
        }

        @Test
        @DisplayName("RequestMirror with fraction 1/4: about a quarter of the requests are copied to v2")
        void mirrorFraction() {
            Mesh mesh = httpbinVersions().apply(ROUTE_V1_MIRROR_V2.replace("backendRef: {name: httpbin-v2, port: 80}",
                    "backendRef: {name: httpbin-v2, port: 80}\n        fraction: {numerator: 1, denominator: 4}"));
            TrafficResult r = mesh.send(1000).from("sleep").to("http://httpbin:8000/headers");
            assertThat(r).allReached("httpbin-v1");
            // Envoy samples each request (runtime_fraction 25%): binomial(1000, 0.25), 250 +- 14; the bounds are 3.6 sd
            Assertions.assertThat(r.mirrored()).isBetween(200L, 300L);
            Assertions.assertThat(mesh.explain().from("sleep").to("http://httpbin:8000/headers").steps())
                    .anyMatch(step -> step.startsWith("mirror: ") && step.contains("outbound|80||httpbin-v2.default.svc.cluster.local")
                            && step.contains("25% of requests"));
        }

        @Test
        @DisplayName("all to httpbin-v1: v1 answers every request and nothing is copied")
        void allToV1() {
            TrafficResult r = httpbinVersions().send(10).from("sleep").to("http://httpbin:8000/headers");
            assertThat(r).allSucceeded().allReached("httpbin-v1");
            Assertions.assertThat(r.mirrored()).isZero();
        }

        @Test
        @DisplayName("RequestMirror to httpbin-v2: the client sees v1's answers; every request is copied to v2 (100%, no percent set)")
        void mirrorToV2() {
            Mesh mesh = httpbinVersions().apply(ROUTE_V1_MIRROR_V2);
            TrafficResult r = mesh.send(10).from("sleep").to("http://httpbin:8000/headers");
            assertThat(r).allSucceeded().allReached("httpbin-v1");
            Assertions.assertThat(r.mirrored()).isEqualTo(10);
            assertThat(r).receivedAuthority("httpbin:8000");
            Assertions.assertThat(mesh.explain().from("sleep").to("http://httpbin:8000/headers").steps())
                    .contains("mirror: a copy to outbound|80||httpbin-v2.default.svc.cluster.local (100% of requests), its answer dropped",
                            "mirror copy to outbound|80||httpbin-v2.default.svc.cluster.local answered 200 (dropped)");
        }
    }
}
