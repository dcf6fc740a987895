package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static dev.meshtest.routing.Routing.injectedNamespace;
import static dev.meshtest.routing.Routing.one;
import static dev.meshtest.routing.Routing.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.internal.proxy.LoadBalancerPolicy;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which VirtualService and DestinationRule win when several apply (istio-rules §5, §6.1, §6.2): on sidecars
 * the first VirtualService per host wins whole (private, then exported, then public; oldest
 * first), exact hosts beat wildcards; gateways merge; DestinationRules are looked up client
 * namespace first and merged per host.
 */
class PrecedenceTest {

    private static String vs(String name, String meta, String hosts, String subset) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s%s}
                spec:
                  hosts: [%s]
                  http:
                  - route: [{destination: {host: helloworld.default.svc.cluster.local, subset: %s}}]
                """.formatted(name, meta, hosts, subset);
    }

    @Test
    @DisplayName("two VirtualServices for one host on sidecars: the older (applied first) wins, no merge")
    void oldestWinsByApplyOrder() {
        Mesh mesh = helloworld().withVirtualService(vs("a-newer-name", "", "helloworld", "v1"))
                .withVirtualService(vs("b", "", "helloworld", "v2"));
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v1");
    }

    @Test
    @DisplayName("a Kiali export's creationTimestamp, uid and resourceVersion are set by the API server: the VirtualService applied first still wins")
    void serverSetFieldsAreIgnoredOnCreate() {
        Mesh mesh = helloworld()
                .withVirtualService(vs("b-fresh", "", "helloworld", "v1"))
                .withVirtualService(vs("a-exported", ", creationTimestamp: \"2020-05-01T00:00:00Z\", uid: 7c1f0e2a-1111-2222-3333-444455556666, "
                        + "resourceVersion: \"123456\", generation: 3", "helloworld", "v2"));
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v1");
    }

    @Test
    @DisplayName("two VirtualServices for one host in one apply share a creation second: the name decides, as on a cluster")
    void oneApplySharesASecond() {
        Mesh mesh = helloworld().apply(vs("b", "", "helloworld", "v1") + "---\n" + vs("a", "", "helloworld", "v2"));
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v2");
    }

    @Test
    @DisplayName("an exact host beats an older wildcard VirtualService (computeWildcardHostVirtualServiceIndex)")
    void exactBeatsOlderWildcard() {
        Mesh mesh = helloworld().withVirtualService(vs("wild", "", "\"*.default.svc.cluster.local\"", "v1"))
                .withVirtualService(vs("exact", "", "helloworld", "v2"));
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v2");
    }

    @Test
    @DisplayName("of two wildcards the longer covering the host wins, though it is newer")
    void longestWildcardWins() {
        Mesh mesh = helloworld().withVirtualService(vs("short", "", "\"*.cluster.local\"", "v1"))
                .withVirtualService(vs("long", "", "\"*.default.svc.cluster.local\"", "v2"));
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v2");
    }

    @Test
    @DisplayName("an exact VirtualService whose rules all miss the port leaves the host to nobody: no wildcard takes it over")
    void exactWithoutRoutesForThePortHidesWildcards() {
        Mesh mesh = helloworld().withVirtualService(vs("wild", "", "\"*.default.svc.cluster.local\"", "v1"))
                .withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: exact-other-port}
                        spec:
                          hosts: [helloworld]
                          http:
                          - match: [{port: 9999}]
                            route: [{destination: {host: helloworld.default.svc.cluster.local, subset: v2}}]
                        """);
        // The default route: both versions answer.
        TrafficResult r = mesh.send(200).from("nginx").to("helloworld:5000/");
        assertThat(r.countByVersion()).containsOnlyKeys("v1", "v2");
    }

    @Test
    @DisplayName("a private VirtualService in the client's namespace beats an older public one")
    void privateBeatsPublic() {
        Mesh mesh = helloworld().withVirtualService(vs("public", "", "helloworld", "v1"))
                .withVirtualService(vs("private", "", "helloworld", "v2").replace("  hosts:", "  exportTo: [\".\"]\n  hosts:"));
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v2");
    }

    @Test
    @DisplayName("exportTo [., shop] is still private in its own namespace and beats an older VirtualService exported by name (initVirtualServices)")
    void privateWithOtherExports() {
        Mesh mesh = helloworld().apply(injectedNamespace("shop"))
                .withVirtualService(vs("from-shop", ", namespace: shop", "helloworld.default.svc.cluster.local", "v1")
                        .replace("  hosts:", "  exportTo: [default]\n  hosts:"))
                .withVirtualService(vs("own", "", "helloworld", "v2").replace("  hosts:", "  exportTo: [\".\", shop]\n  hosts:"));
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v2");
    }

    @Test
    @DisplayName("exportTo . hides a VirtualService from other namespaces: they get the default route")
    void exportToHidesFromOtherNamespaces() {
        Mesh mesh = helloworld().apply(injectedNamespace("shop")).withPod("sleep", "shop")
                .withVirtualService(vs("private", "", "helloworld", "v2").replace("  hosts:", "  exportTo: [\".\"]\n  hosts:"));
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v2");
        TrafficResult shop = mesh.send(200).from("shop/sleep").to("helloworld.default:5000/");
        assertThat(shop.countByCluster()).containsOnlyKeys("outbound|5000||helloworld.default.svc.cluster.local");
        assertThat(shop.countByVersion()).containsOnlyKeys("v1", "v2");
    }

    @Test
    @DisplayName("exportTo . hides a gateway VirtualService in an app namespace from the gateway in istio-system")
    void exportToHidesFromGateway() {
        Mesh mesh = helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  selector: {istio: ingressgateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: in}
                spec:
                  hosts: ["*"]
                  gateways: [gw]
                  exportTo: ["."]
                  http:
                  - route: [{destination: {host: helloworld, subset: v2, port: {number: 5000}}}]
                """);
        assertThat(where(mesh.send(2).fromOutside().to("http://a.example.com/"))).isEqualTo("404 NR");
        Mesh exported = mesh.apply("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: in}
                spec:
                  hosts: ["*"]
                  gateways: [gw]
                  http:
                  - route: [{destination: {host: helloworld, subset: v2, port: {number: 5000}}}]
                """);
        assertThat(where(exported.send(2).fromOutside().to("http://a.example.com/"))).isEqualTo("v2");
    }

    @Test
    @DisplayName("gateways merge VirtualServices for one host and move catch-alls last: a newer /api beats an older catch-all")
    void gatewayMerges() {
        Mesh mesh = helloworld().apply("classpath:routing/gateway-echo.yaml").apply("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: newer-api, namespace: istio-system}
                spec:
                  hosts: ["*"]
                  gateways: [echo]
                  http:
                  - match: [{uri: {prefix: /api}}]
                    route: [{destination: {host: helloworld.default.svc.cluster.local, subset: v2, port: {number: 5000}}}]
                """);
        assertThat(where(mesh.send(1).fromOutside().to("http://a.example.com/api"))).isEqualTo("v2");
        assertThat(where(mesh.send(1).fromOutside().to("http://a.example.com/other"))).isEqualTo("v1");
    }

    private static final String WILDCARD_DR_IN_SHOP = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: all, namespace: shop}
            spec:
              host: "*.default.svc.cluster.local"
              trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
            """;

    @Test
    @DisplayName("DR lookup: a wildcard DR in the client's namespace hides the service namespace's exact DR (subset gone: 503 NC)")
    void drClientNamespaceFirst() {
        Mesh mesh = helloworld().apply(injectedNamespace("shop")).withPod("sleep", "shop")
                .withVirtualService(vs("to-v2", "", "helloworld", "v2"));
        assertThat(where(mesh.send(3).from("shop/sleep").to("helloworld.default:5000/"))).isEqualTo("v2");
        mesh.apply(WILDCARD_DR_IN_SHOP);
        assertThat(where(mesh.send(3).from("shop/sleep").to("helloworld.default:5000/"))).isEqualTo("503 NC");
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v2");
    }

    @Test
    @DisplayName("DR lookup: the root namespace istio-system is the last resort")
    void drRootNamespaceLast() {
        Mesh mesh = helloworld().delete("classpath:routing/helloworld-subsets.yaml")
                .withVirtualService(vs("to-v2", "", "helloworld", "v2"));
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("503 NC");
        mesh.apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: helloworld, namespace: istio-system}
                spec:
                  host: helloworld.default.svc.cluster.local
                  subsets: [{name: v2, labels: {version: v2}}]
                """);
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v2");
    }

    @Test
    @DisplayName("DR merge: subsets concatenated, a duplicate subset keeps the older, top-level policy whole from the oldest")
    void drMerge() {
        Mesh mesh = mesh2Drs();
        assertThat(Internals.proxyConfig(mesh, "nginx").cluster("outbound|5000||helloworld.default.svc.cluster.local").loadBalancer())
                .isEqualTo(LoadBalancerPolicy.of(LoadBalancerPolicy.Algorithm.ROUND_ROBIN));
        mesh.withVirtualService(vs("to-a", "", "helloworld", "a"));
        assertThat(where(mesh.send(5).from("nginx").to("helloworld:5000/"))).isEqualTo("v1");
        mesh.withVirtualService(vs("to-a", "", "helloworld", "b"));
        assertThat(where(mesh.send(5).from("nginx").to("helloworld:5000/"))).isEqualTo("v2");
    }

    private static Mesh mesh2Drs() {
        return Mesh.mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx").apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: older}
                spec:
                  host: helloworld
                  trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
                  subsets: [{name: a, labels: {version: v1}}]
                """).apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: newer}
                spec:
                  host: helloworld
                  trafficPolicy: {loadBalancer: {simple: RANDOM}}
                  subsets: [{name: a, labels: {version: v2}}, {name: b, labels: {version: v2}}]
                """);
    }
}
