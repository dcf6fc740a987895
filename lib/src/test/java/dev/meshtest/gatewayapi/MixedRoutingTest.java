package dev.meshtest.gatewayapi;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.gatewayapi.GatewayApiYaml.canary;
import static dev.meshtest.gatewayapi.GatewayApiYaml.gateway;
import static dev.meshtest.gatewayapi.GatewayApiYaml.meshRoute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.analysis.AnalysisMessage;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Mixed meshes: the user's VirtualServices and Gateways next to the VirtualServices and Gateways
 * istiod generates from the Gateway API, resolved as Istio resolves them (istio-rules §5.5,
 * "VirtualServices and HTTPRoutes for one host"). On a sidecar both kinds sit in one list
 * ({@code SelectVirtualServices}): exported-privately, exported-by-name, public; in each group the
 * gateway-semantics ones of the client's namespace first, then the oldest; the first that yields a
 * virtual host for a Service takes all of it, nothing merges. In the tests the HTTPRoute sends to
 * {@code helloworld-v2}, the VirtualService to {@code helloworld-v1}.
 */
class MixedRoutingTest {

    private static final String FQDN = "helloworld.default.svc.cluster.local";

    /** A Gateway web (deployed as web-istio) with one HTTP listener for hello.example.com. */
    private static final String WEB_GATEWAY = gateway("web", "{name: http, hostname: hello.example.com, port: 80, protocol: HTTP}");

    /** helloworld (Services helloworld, helloworld-v1, helloworld-v2 on 5000), client nginx in default, client sleep in other. */
    private static Mesh helloworld() {
        return mesh().apply("classpath:dev/meshtest/fixtures/helloworld.yaml")
                .apply("""
                        apiVersion: v1
                        kind: Namespace
                        metadata: {name: other, labels: {istio-injection: enabled}}
                        """)
                .withPod("sleep", "other");
    }

    /** A GAMMA HTTPRoute {@code name} in {@code namespace}: parent Service helloworld (of default), everything to {@code backend}. */
    private static String route(String name, String namespace, String backend) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s, namespace: %s}
                spec:
                  parentRefs: [{group: "", kind: Service, name: helloworld, namespace: default, port: 5000}]
                  rules:
                  - backendRefs: [{name: %s, namespace: default, port: 5000}]
                """.formatted(name, namespace, backend);
    }

    /** An HTTPRoute in default for helloworld sending everything to helloworld-v2. */
    private static final String ROUTE_TO_V2 = route("hello-route", "default", "helloworld-v2");

    /** A VirtualService {@code name} in {@code namespace} for helloworld, everything to helloworld-v1; {@code extra} adds spec lines. */
    private static String vs(String name, String namespace, String extra) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s, namespace: %s}
                spec:
                  hosts: [%s]
                %s  http:
                  - route: [{destination: {host: helloworld-v1.default.svc.cluster.local}}]
                """.formatted(name, namespace, FQDN, extra);
    }

    private static final String VS_TO_V1 = vs("hello-vs", "default", "");

    /** Where every request ended: the workload that answered, or status and flags. Fails unless all ended alike. */
    private static String where(TrafficResult r) {
        Set<String> seen = new LinkedHashSet<>();
        for (Outcome o : r.outcomes()) {
            seen.add(o.workload().orElse(o.status() + " " + o.flagsText()));
        }
        assertThat(seen).as("every request of %s ends alike", r).hasSize(1);
        return seen.iterator().next();
    }

    /** The name istiod gives the HTTPRoutes' VirtualService for Service helloworld port 5000 in default: its merge key. */
    private static final String GENERATED = "default~5000~" + FQDN;

    /** The VIRTUAL SERVICE column of a client's virtual host for Service {@code service} (of default) in route configuration 5000. */
    private static String owner(Mesh mesh, String client, String service) {
        String vhost = service + ".default.svc.cluster.local:5000";
        List<String> owners = mesh.proxyConfig(client).routes().rows().stream()
                .filter(r -> r.get(0).equals("5000") && r.get(1).equals(vhost)).map(r -> r.get(4)).distinct().toList();
        assertThat(owners).as("virtual host %s of %s", vhost, client).hasSize(1);
        return owners.get(0);
    }

    private static String fromNginx(Mesh mesh, String url) {
        return where(mesh.send(5).from("nginx").to(url));
    }

    private static String fromSleep(Mesh mesh, String url) {
        return where(mesh.send(5).from("other/sleep").to(url));
    }

    // ---- (a) different hosts -------------------------------------------------------------------

    @Test
    @DisplayName("a VirtualService for helloworld-v2 and an HTTPRoute for helloworld: each routes its own host, on one sidecar")
    void differentHostsBothApply() {
        String faultOnV2 = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: v2-fault}
                spec:
                  hosts: [helloworld-v2]
                  http:
                  - fault: {abort: {httpStatus: 418, percentage: {value: 100}}}
                    route: [{destination: {host: helloworld-v2}}]
                """;
        Mesh mesh = helloworld().apply(faultOnV2).apply(route("hello-route", "default", "helloworld-v1"));

        assertThat(fromNginx(mesh, "http://helloworld:5000/hello")).isEqualTo("helloworld-v1");
        assertThat(fromNginx(mesh, "http://helloworld-v2:5000/hello")).isEqualTo("418 FI");
        assertThat(fromNginx(mesh, "http://helloworld-v1:5000/hello")).isEqualTo("helloworld-v1");
        assertThat(fromSleep(mesh, "http://helloworld.default:5000/hello")).isEqualTo("helloworld-v1");
        assertThat(fromSleep(mesh, "http://helloworld-v2.default:5000/hello")).isEqualTo("418 FI");
        assertThat(owner(mesh, "nginx", "helloworld")).isEqualTo(GENERATED + ".default");
        assertThat(owner(mesh, "nginx", "helloworld-v2")).isEqualTo("v2-fault.default");
        assertThat(owner(mesh, "nginx", "helloworld-v1")).isEmpty();
    }

    @Test
    @DisplayName("a split by HTTPRoute next to an unrelated VirtualService keeps its weights")
    void splitNextToAVirtualService() {
        Mesh mesh = helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: v1-only}
                spec:
                  hosts: [helloworld-v1]
                  http:
                  - route: [{destination: {host: helloworld-v1}}]
                """).apply(canary(80, 20));
        assertThat(mesh.send(1000).from("nginx").to("http://helloworld:5000/hello"))
                .matchesWeights(Map.of("helloworld-v1", 80, "helloworld-v2", 20));
    }

    // ---- (b) one host ---------------------------------------------------------------------------

    @Test
    @DisplayName("one host, VirtualService and HTTPRoute in the client's namespace: the HTTPRoute wins, older or newer")
    void ownNamespaceHttpRouteWins() {
        Mesh vsOlder = helloworld().apply(VS_TO_V1).apply(ROUTE_TO_V2);
        Mesh routeOlder = helloworld().apply(ROUTE_TO_V2).apply(VS_TO_V1);
        assertThat(fromNginx(vsOlder, "http://helloworld:5000/")).isEqualTo("helloworld-v2");
        assertThat(fromNginx(routeOlder, "http://helloworld:5000/")).isEqualTo("helloworld-v2");
        assertThat(owner(vsOlder, "nginx", "helloworld")).isEqualTo(GENERATED + ".default");
        assertThat(owner(vsOlder, "other/sleep", "helloworld")).isEqualTo("hello-vs.default");
    }

    @Test
    @DisplayName("one host, both in the Service's namespace, client elsewhere: the older one wins; in one second, the name")
    void otherNamespaceOldestWins() {
        assertThat(fromSleep(helloworld().apply(VS_TO_V1).apply(ROUTE_TO_V2), "http://helloworld.default:5000/"))
                .isEqualTo("helloworld-v1");
        assertThat(fromSleep(helloworld().apply(ROUTE_TO_V2).apply(VS_TO_V1), "http://helloworld.default:5000/"))
                .isEqualTo("helloworld-v2");
        // One apply, one creation second: the generated VirtualService's name default~5000~<host> sorts
        // before hello-vs, after a-vs.
        assertThat(fromSleep(helloworld().apply(VS_TO_V1 + "---\n" + ROUTE_TO_V2), "http://helloworld.default:5000/"))
                .isEqualTo("helloworld-v2");
        assertThat(fromSleep(helloworld().apply(vs("a-vs", "default", "") + "---\n" + ROUTE_TO_V2),
                "http://helloworld.default:5000/")).isEqualTo("helloworld-v1");
    }

    @Test
    @DisplayName("one host: the winner takes the whole host, a request none of its rules matches gets 404 NR, not the other's route")
    void noMerge() {
        String onlyHello = meshRoute("hello-route", "helloworld", 5000, """
                - matches: [{path: {type: PathPrefix, value: /hello}}]
                  backendRefs: [{name: helloworld-v2, port: 5000}]
                """);
        Mesh mesh = helloworld().apply(VS_TO_V1).apply(onlyHello);
        assertThat(fromNginx(mesh, "http://helloworld:5000/hello")).isEqualTo("helloworld-v2");
        assertThat(fromNginx(mesh, "http://helloworld:5000/other")).isEqualTo("404 NR");
        // sleep's sidecar has the VirtualService first (older, and the route is not of other): all of it.
        assertThat(fromSleep(mesh, "http://helloworld.default:5000/hello")).isEqualTo("helloworld-v1");
        assertThat(fromSleep(mesh, "http://helloworld.default:5000/other")).isEqualTo("helloworld-v1");
    }

    @Test
    @DisplayName("one host: a VirtualService exported only to its namespace beats the public HTTPRoute there, not elsewhere")
    void privateVirtualServiceBeatsHttpRoute() {
        Mesh mesh = helloworld().apply(ROUTE_TO_V2).apply(vs("hello-vs", "default", "  exportTo: [\".\"]\n"));
        assertThat(fromNginx(mesh, "http://helloworld:5000/")).isEqualTo("helloworld-v1");
        assertThat(fromSleep(mesh, "http://helloworld.default:5000/")).isEqualTo("helloworld-v2");
    }

    @Test
    @DisplayName("a consumer HTTPRoute (in the client's namespace) beats an older VirtualService in the Service's namespace, for its namespace only")
    void consumerRoute() {
        Mesh mesh = helloworld().apply(route("consumer", "other", "helloworld-v2")).apply(VS_TO_V1);
        assertThat(fromSleep(mesh, "http://helloworld.default:5000/")).isEqualTo("helloworld-v2");
        // nginx is in neither the route's namespace nor is the Service: the route gives it nothing,
        // though it is older, and the VirtualService routes.
        assertThat(fromNginx(mesh, "http://helloworld:5000/")).isEqualTo("helloworld-v1");
    }

    @Test
    @DisplayName("a VirtualService exported to the client's namespace by name beats even a consumer HTTPRoute: its group comes before the public one")
    void exportedByNameBeatsConsumerRoute() {
        Mesh mesh = helloworld().apply(route("consumer", "other", "helloworld-v2"))
                .apply(vs("hello-vs", "default", "  exportTo: [other]\n"));
        assertThat(fromSleep(mesh, "http://helloworld.default:5000/")).isEqualTo("helloworld-v1");
        // Public, the VirtualService comes after the consumer route of sleep's namespace.
        Mesh publicVs = helloworld().apply(route("consumer", "other", "helloworld-v2")).apply(VS_TO_V1);
        assertThat(fromSleep(publicVs, "http://helloworld.default:5000/")).isEqualTo("helloworld-v2");
    }

    @Test
    @DisplayName("defaultVirtualServiceExportTo [.] applies to generated VirtualServices too: the HTTPRoute routes only its namespace's clients")
    void defaultExportToAppliesToGenerated() {
        Mesh mesh = helloworld().withMeshConfig("defaultVirtualServiceExportTo: [\".\"]").apply(ROUTE_TO_V2);
        assertThat(fromNginx(mesh, "http://helloworld:5000/")).isEqualTo("helloworld-v2");
        assertThat(mesh.send(40).from("other/sleep").to("http://helloworld.default:5000/").countByWorkload())
                .containsOnlyKeys("helloworld-v1", "helloworld-v2");
        // With the VirtualService in the same private group, the HTTPRoute of nginx's namespace still comes first.
        Mesh both = helloworld().withMeshConfig("defaultVirtualServiceExportTo: [\".\"]").apply(VS_TO_V1).apply(ROUTE_TO_V2);
        assertThat(fromNginx(both, "http://helloworld:5000/")).isEqualTo("helloworld-v2");
    }

    @Test
    @DisplayName("a consumer HTTPRoute beats an older producer HTTPRoute for clients of its namespace")
    void consumerBeatsProducer() {
        Mesh mesh = helloworld().apply(route("producer", "default", "helloworld-v1"))
                .apply(route("consumer", "other", "helloworld-v2"));
        assertThat(fromSleep(mesh, "http://helloworld.default:5000/")).isEqualTo("helloworld-v2");
        assertThat(fromNginx(mesh, "http://helloworld:5000/")).isEqualTo("helloworld-v1");
    }

    @Test
    @DisplayName("a VirtualService in the client's namespace and an HTTPRoute in the Service's: no namespace preference, the older wins")
    void clientNamespaceVirtualServiceAgainstProducerRoute() {
        String vsInOther = vs("hello-vs", "other", "");
        assertThat(fromSleep(helloworld().apply(vsInOther).apply(ROUTE_TO_V2), "http://helloworld.default:5000/"))
                .isEqualTo("helloworld-v1");
        assertThat(fromSleep(helloworld().apply(ROUTE_TO_V2).apply(vsInOther), "http://helloworld.default:5000/"))
                .isEqualTo("helloworld-v2");
        // nginx: the HTTPRoute is of its namespace, so first.
        assertThat(fromNginx(helloworld().apply(vsInOther).apply(ROUTE_TO_V2), "http://helloworld:5000/"))
                .isEqualTo("helloworld-v2");
    }

    @Test
    @DisplayName("an HTTPRoute's exact host hides a wildcard VirtualService from a Service, even where the route itself gives no virtual host")
    void exactRouteHidesWildcardVirtualService() {
        String wildcard = vs("wild", "default", "").replace("hosts: [" + FQDN + "]", "hosts: [\"*.default.svc.cluster.local\"]");
        Mesh before = helloworld().apply(wildcard);
        assertThat(fromNginx(before, "http://helloworld:5000/")).isEqualTo("helloworld-v1");
        assertThat(fromSleep(before, "http://helloworld.default:5000/")).isEqualTo("helloworld-v1");

        // A consumer route in other: sleep routes by it; for nginx it names helloworld exactly
        // (computeWildcardHostVirtualServiceIndex), so the wildcard does not take helloworld, and the route
        // gives nginx nothing (neither nginx nor the Service is in other): the default route.
        Mesh mesh = before.apply(route("consumer", "other", "helloworld-v2"));
        assertThat(fromSleep(mesh, "http://helloworld.default:5000/")).isEqualTo("helloworld-v2");
        assertThat(owner(mesh, "nginx", "helloworld")).isEmpty();
        assertThat(mesh.send(40).from("nginx").to("http://helloworld:5000/").countByWorkload())
                .containsOnlyKeys("helloworld-v1", "helloworld-v2");
        // The wildcard keeps the other Services.
        assertThat(fromNginx(mesh, "http://helloworld-v2:5000/")).isEqualTo("helloworld-v1");
        assertThat(owner(mesh, "nginx", "helloworld-v2")).isEqualTo("wild.default");
    }

    @Test
    @DisplayName("an update keeps an object's age; deleting and applying the HTTPRoute again makes it the newer one")
    void agesSurviveUpdates() {
        Mesh mesh = helloworld().apply(ROUTE_TO_V2).apply(VS_TO_V1);
        assertThat(fromSleep(mesh, "http://helloworld.default:5000/")).isEqualTo("helloworld-v2");
        mesh.apply(VS_TO_V1.replace("  - route:", "  - timeout: 5s\n    route:"));
        mesh.apply(ROUTE_TO_V2.replace("- backendRefs:", "- timeouts: {request: 5s}\n    backendRefs:"));
        assertThat(fromSleep(mesh, "http://helloworld.default:5000/")).isEqualTo("helloworld-v2");
        mesh.delete(ROUTE_TO_V2);
        mesh.apply(ROUTE_TO_V2);
        assertThat(fromSleep(mesh, "http://helloworld.default:5000/")).isEqualTo("helloworld-v1");
    }

    @Test
    @DisplayName("two HTTPRoutes for helloworld in one namespace, one naming the port and one not: two VirtualServices, the older takes the host")
    void withAndWithoutPortAreTwoVirtualServices() {
        String withoutPort = route("no-port", "default", "helloworld-v1").replace(", port: 5000}]\n  rules", "}]\n  rules");
        Mesh portOlder = helloworld().apply(ROUTE_TO_V2).apply(withoutPort);
        assertThat(fromNginx(portOlder, "http://helloworld:5000/")).isEqualTo("helloworld-v2");
        assertThat(owner(portOlder, "nginx", "helloworld")).isEqualTo(GENERATED + ".default");
        Mesh portNewer = helloworld().apply(withoutPort).apply(ROUTE_TO_V2);
        assertThat(fromNginx(portNewer, "http://helloworld:5000/")).isEqualTo("helloworld-v1");
        assertThat(owner(portNewer, "nginx", "helloworld")).isEqualTo("default~" + FQDN + ".default");
        // Both with the port: one key, one VirtualService, the older route's rules first.
        Mesh merged = helloworld().apply(route("a-older", "default", "helloworld-v1")).apply(ROUTE_TO_V2);
        assertThat(fromNginx(merged, "http://helloworld:5000/")).isEqualTo("helloworld-v1");
    }

    @Test
    @DisplayName("deleting the HTTPRoute hands the host back to the VirtualService")
    void deletingTheRouteHandsBack() {
        Mesh mesh = helloworld().apply(VS_TO_V1).apply(ROUTE_TO_V2);
        assertThat(fromNginx(mesh, "http://helloworld:5000/")).isEqualTo("helloworld-v2");
        mesh.delete(ROUTE_TO_V2);
        assertThat(fromNginx(mesh, "http://helloworld:5000/")).isEqualTo("helloworld-v1");
    }

    // ---- (c) ingress ----------------------------------------------------------------------------

    @Test
    @DisplayName("one hostname at istio-ingressgateway (Istio Gateway + VirtualService) and at web-istio (Gateway API): each proxy routes by its own")
    void twoIngressesOneHostname() {
        Mesh mesh = helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: hello-gateway}
                spec:
                  selector: {istio: ingressgateway}
                  servers:
                  - port: {number: 80, name: http, protocol: HTTP}
                    hosts: [hello.example.com]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: hello-ingress}
                spec:
                  hosts: [hello.example.com]
                  gateways: [hello-gateway]
                  http:
                  - route: [{destination: {host: helloworld-v1, port: {number: 5000}}}]
                """).apply(WEB_GATEWAY + "---\n" + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: hello}
                spec:
                  parentRefs: [{name: web}]
                  hostnames: [hello.example.com]
                  rules:
                  - backendRefs: [{name: helloworld-v2, port: 5000}]
                """);
        assertThat(where(mesh.send(5).fromOutside().to("http://hello.example.com/hello"))).isEqualTo("helloworld-v1");
        assertThat(where(mesh.send(5).fromOutside("default/web-istio").to("http://hello.example.com/hello")))
                .isEqualTo("helloworld-v2");
        // Inside the mesh, through each gateway's Service.
        assertThat(where(mesh.send(5).from("nginx").header("Host", "hello.example.com")
                .to("http://istio-ingressgateway.istio-system/hello"))).isEqualTo("helloworld-v1");
        assertThat(where(mesh.send(5).from("nginx").header("Host", "hello.example.com").to("http://web-istio/hello")))
                .isEqualTo("helloworld-v2");
        assertThat(mesh.proxyConfig("istio-system/istio-ingressgateway").routes().toString()).isEqualTo("""
                NAME       VHOST NAME            DOMAINS            MATCH  VIRTUAL SERVICE
                http.8080  hello.example.com:80  hello.example.com  /*     hello-ingress.default
                """);
        assertThat(mesh.proxyConfig("web-istio").routes().toString()).isEqualTo("""
                NAME     VHOST NAME            DOMAINS            MATCH  VIRTUAL SERVICE
                http.80  hello.example.com:80  hello.example.com  /*     default~web~istio-autogenerated-k8s-gateway~http~hello.example.com.default
                """);
        // Sidecars see neither: both are bound to gateways, not to mesh.
        assertThat(mesh.send(40).from("nginx").to("http://helloworld:5000/").countByWorkload())
                .containsOnlyKeys("helloworld-v1", "helloworld-v2");
    }

    /** WebGateway's route /hello to helloworld-v2, on a Gateway web whose listener serves hello.example.com only. */
    private static final String WEB = WEB_GATEWAY + "---\n" + WebGateway.ROUTE;

    /** An Istio Gateway in {@code namespace} selecting web's pod, and a VirtualService bound to it: /v1 to helloworld-v1. */
    private static String istioGatewayOnWeb(String namespace) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: extra, namespace: %1$s}
                spec:
                  selector: {gateway.networking.k8s.io/gateway-name: web}
                  servers:
                  - port: {number: 80, name: http, protocol: HTTP}
                    hosts: [hello.example.com]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: extra, namespace: %1$s}
                spec:
                  hosts: [hello.example.com]
                  gateways: [extra]
                  http:
                  - match: [{uri: {prefix: /v1}}]
                    route: [{destination: {host: helloworld-v1.default.svc.cluster.local, port: {number: 5000}}}]
                """.formatted(namespace);
    }

    @Test
    @DisplayName("an Istio Gateway whose selector picks web-istio's pod, in web's namespace, merges with the Gateway API's: one virtual host, both routes")
    void istioGatewayOnAManagedPodMerges() {
        Mesh mesh = helloworld().apply(WEB).apply(istioGatewayOnWeb("default"));
        assertThat(where(mesh.send(5).fromOutside("default/web-istio").to("http://hello.example.com/hello"))).isEqualTo("helloworld-v2");
        assertThat(where(mesh.send(5).fromOutside("default/web-istio").to("http://hello.example.com/v1"))).isEqualTo("helloworld-v1");
        assertThat(where(mesh.send(5).fromOutside("default/web-istio").to("http://hello.example.com/other"))).isEqualTo("404 NR");
        // The servers of both Gateways share http.80; the older Gateway's server comes first, and with it its routes.
        assertThat(mesh.proxyConfig("web-istio").routes().toString()).isEqualTo("""
                NAME     VHOST NAME            DOMAINS            MATCH       VIRTUAL SERVICE
                http.80  hello.example.com:80  hello.example.com  /hello[/*]  default~web~istio-autogenerated-k8s-gateway~http~*.default
                http.80  hello.example.com:80  hello.example.com  /v1*        extra.default
                """);
        Mesh istioFirst = helloworld().apply(istioGatewayOnWeb("default")).apply(WEB);
        assertThat(istioFirst.proxyConfig("web-istio").routes().toString()).isEqualTo("""
                NAME     VHOST NAME            DOMAINS            MATCH       VIRTUAL SERVICE
                http.80  hello.example.com:80  hello.example.com  /v1*        extra.default
                http.80  hello.example.com:80  hello.example.com  /hello[/*]  default~web~istio-autogenerated-k8s-gateway~http~*.default
                """);
        // istio-ingressgateway has neither.
        assertThat(mesh.proxyConfig("istio-system/istio-ingressgateway").routes().toString()).doesNotContain("hello.example.com");
    }

    @Test
    @DisplayName("two Gateways on one pod port, one host, overlapping matches: the routes of the older Gateway's server come first, whatever the VirtualServices' ages")
    void serverOrderDecidesAtAGateway() {
        String extraHello = istioGatewayOnWeb("default").replace("prefix: /v1", "prefix: /hello");
        // The Istio Gateway older, its VirtualService too: /hello/x goes to helloworld-v1.
        Mesh istioFirst = helloworld().apply(extraHello).apply(WEB);
        assertThat(where(istioFirst.send(5).fromOutside("default/web-istio").to("http://hello.example.com/hello/x")))
                .isEqualTo("helloworld-v1");
        // The Gateway API's Gateway older: its HTTPRoute's route first.
        Mesh webFirst = helloworld().apply(WEB).apply(extraHello);
        assertThat(where(webFirst.send(5).fromOutside("default/web-istio").to("http://hello.example.com/hello/x")))
                .isEqualTo("helloworld-v2");
        // The order is the Gateways', not the VirtualServices': an older VirtualService bound to the newer Gateway comes second.
        String gatewayOnly = extraHello.substring(0, extraHello.indexOf("---"));
        String vsOnly = extraHello.substring(extraHello.indexOf("---") + 4);
        Mesh vsOlder = helloworld().apply(vsOnly).apply(WEB).apply(gatewayOnly);
        assertThat(where(vsOlder.send(5).fromOutside("default/web-istio").to("http://hello.example.com/hello/x")))
                .isEqualTo("helloworld-v2");
    }

    @Test
    @DisplayName("the same without the Gateway API: two Istio Gateways on istio-ingressgateway's port 80 take their servers' order, not their VirtualServices'")
    void serverOrderDecidesWithIstioGatewaysAlone() {
        String gateway = """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: %s, namespace: istio-system}
                spec:
                  selector: {istio: ingressgateway}
                  servers:
                  - port: {number: 80, name: http, protocol: HTTP}
                    hosts: ["*/hello.example.com"]
                """;
        String vs = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s}
                spec:
                  hosts: [hello.example.com]
                  gateways: [istio-system/%s]
                  http:
                  - match: [{uri: {prefix: %s}}]
                    route: [{destination: {host: %s, port: {number: 5000}}}]
                """;
        // VirtualService a (older, /hello) is bound to gateway b (newer); c (newer, /hello/x) to a (older).
        Mesh mesh = helloworld().apply(vs.formatted("a", "gw-b", "/hello", "helloworld-v1"))
                .apply(gateway.formatted("gw-a")).apply(gateway.formatted("gw-b"))
                .apply(vs.formatted("c", "gw-a", "/hello/x", "helloworld-v2"));
        assertThat(where(mesh.send(5).fromOutside().to("http://hello.example.com/hello/x"))).isEqualTo("helloworld-v2");
        assertThat(where(mesh.send(5).fromOutside().to("http://hello.example.com/hello/y"))).isEqualTo("helloworld-v1");
        assertThat(mesh.proxyConfig("istio-system/istio-ingressgateway").routes().toString()).isEqualTo("""
                NAME       VHOST NAME            DOMAINS            MATCH      VIRTUAL SERVICE
                http.8080  hello.example.com:80  hello.example.com  /hello/x*  c.default
                http.8080  hello.example.com:80  hello.example.com  /hello*    a.default
                """);
    }

    @Test
    @DisplayName("from another namespace that Istio Gateway is dropped at the managed pod (filterStrictGatewayMerging)")
    void istioGatewayOfAnotherNamespaceIsDropped() {
        Mesh mesh = helloworld().apply(WEB).apply(istioGatewayOnWeb("other"));
        assertThat(where(mesh.send(5).fromOutside("default/web-istio").to("http://hello.example.com/hello"))).isEqualTo("helloworld-v2");
        assertThat(where(mesh.send(5).fromOutside("default/web-istio").to("http://hello.example.com/v1"))).isEqualTo("404 NR");
    }

    // ---- (d) routed and delegated hosts -------------------------------------------------------------

    @Test
    @DisplayName("an HTTPRoute on helloworld-v2, whose traffic a VirtualService for helloworld sends there: the sender's VirtualService decides alone")
    void routeOnADestinationIsNotConsulted() {
        String vsToV2 = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: hello-vs}
                spec:
                  hosts: [helloworld]
                  http:
                  - route: [{destination: {host: helloworld-v2}}]
                """;
        String routeOnV2 = meshRoute("v2-route", "helloworld-v2", 5000, "- backendRefs: [{name: helloworld-v1, port: 5000}]\n");
        Mesh mesh = helloworld().apply(vsToV2).apply(routeOnV2);
        assertThat(fromNginx(mesh, "http://helloworld:5000/")).isEqualTo("helloworld-v2");
        assertThat(fromNginx(mesh, "http://helloworld-v2:5000/")).isEqualTo("helloworld-v1");
    }

    @Test
    @DisplayName("a delegating VirtualService for helloworld and an HTTPRoute for it: the same precedence, the merged root as one VirtualService")
    void delegatingRootAgainstRoute() {
        String root = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: hello-root}
                spec:
                  hosts: [helloworld]
                  http:
                  - match: [{uri: {prefix: /api}}]
                    delegate: {name: hello-api}
                  - fault: {abort: {httpStatus: 418, percentage: {value: 100}}}
                    route: [{destination: {host: helloworld-v1}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: hello-api}
                spec:
                  http:
                  - route: [{destination: {host: helloworld-v1}}]
                """;
        Mesh mesh = helloworld().apply(root).apply(ROUTE_TO_V2);
        // nginx: the HTTPRoute of its namespace takes the whole host, the delegated paths included.
        assertThat(fromNginx(mesh, "http://helloworld:5000/api/x")).isEqualTo("helloworld-v2");
        assertThat(fromNginx(mesh, "http://helloworld:5000/x")).isEqualTo("helloworld-v2");
        // sleep: the older root, merged with its delegate.
        assertThat(fromSleep(mesh, "http://helloworld.default:5000/api/x")).isEqualTo("helloworld-v1");
        assertThat(fromSleep(mesh, "http://helloworld.default:5000/x")).isEqualTo("418 FI");
    }

    @Test
    @DisplayName("a root cannot delegate to a generated VirtualService: it has hosts, so the delegate is missing and the rule dropped")
    void noDelegationToGenerated() {
        String root = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: v1-root}
                spec:
                  hosts: [helloworld-v1]
                  http:
                  - match: [{uri: {prefix: /api}}]
                    delegate: {name: "default~5000~helloworld.default.svc.cluster.local"}
                  - route: [{destination: {host: helloworld-v1}}]
                """;
        Mesh mesh = helloworld().apply(ROUTE_TO_V2).apply(root);
        assertThat(fromNginx(mesh, "http://helloworld-v1:5000/api/x")).isEqualTo("helloworld-v1");
    }

    // ---- (e) analysis ---------------------------------------------------------------------------

    @Test
    @DisplayName("istioctl analyze sees no generated VirtualService: a VirtualService and an HTTPRoute for one host are no IST0109")
    void analyzeSeesOnlyUserObjects() {
        Mesh mixed = helloworld().apply(VS_TO_V1).apply(ROUTE_TO_V2)
                .apply(route("consumer", "other", "helloworld-v2"));
        List<String> messages = mixed.analyze().messages().stream().map(AnalysisMessage::toString).toList();
        assertThat(messages).isEqualTo(helloworld().apply(VS_TO_V1).analyze().messages().stream()
                .map(AnalysisMessage::toString).toList());
        // Two user VirtualServices for the host are.
        assertThat(helloworld().apply(VS_TO_V1).apply(vs("hello-vs2", "default", "")).analyze().messages())
                .extracting(AnalysisMessage::toString).anyMatch(m -> m.contains("IST0109"));
    }
}
