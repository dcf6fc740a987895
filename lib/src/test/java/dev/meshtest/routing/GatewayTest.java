package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static dev.meshtest.routing.Routing.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Gateways (istio-rules §7): selector, ports, host intersection, name resolution, binding. */
class GatewayTest {

    private static Mesh gateway(String serverHosts, String gatewayMeta) {
        return helloworld().withGateway("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: gw%s}
                spec:
                  selector: {istio: ingressgateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [%s]}]
                """.formatted(gatewayMeta, serverHosts));
    }

    private static String vs(String name, String hosts, String gateways, String subset) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s}
                spec:
                  hosts: [%s]
                  gateways: [%s]
                  http:
                  - route: [{destination: {host: helloworld, subset: %s, port: {number: 5000}}}]
                """.formatted(name, hosts, gateways, subset);
    }

    private static String outside(Mesh mesh, String host) {
        return where(mesh.send(1).fromOutside().to("http://" + host + "/hello"));
    }

    @Test
    @DisplayName("server port 80 is the Service port: the gateway pod listens on its targetPort 8080")
    void serverPortToTargetPort() {
        Mesh mesh = gateway("\"*\"", "").withVirtualService(vs("in", "\"*\"", "gw", "v2"));
        assertThat(mesh.proxyConfig("istio-system/istio-ingressgateway").listeners().rows())
                .containsExactly(java.util.List.of("0.0.0.0", "8080", "HTTP", "Route: http.8080"));
        assertThat(outside(mesh, "any.example.com")).isEqualTo("v2");
    }

    @Test
    @DisplayName("a selector that matches no gateway pod: no listener, nothing answers")
    void selectorMismatch() {
        Mesh mesh = gateway("\"*\"", "").withVirtualService(vs("in", "\"*\"", "gw", "v2"))
                .withGateway("""
                        apiVersion: networking.istio.io/v1
                        kind: Gateway
                        metadata: {name: gw}
                        spec:
                          selector: {istio: egressgateway}
                          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
                        """);
        assertThat(mesh.proxyConfig("istio-system/istio-ingressgateway").listeners().rows()).isEmpty();
        assertThat(where(mesh.send(1).from("nginx").to("http://istio-ingressgateway.istio-system/hello"))).isEqualTo("503 UF,URX");
    }

    @Test
    @DisplayName("host intersection: server *.example.com binds dev.example.com, not example.com")
    void hostIntersection() {
        Mesh mesh = gateway("\"*.example.com\"", "")
                .withVirtualService(vs("dev", "dev.example.com", "gw", "v2"))
                .withVirtualService(vs("apex", "example.com", "gw", "v1"));
        assertThat(outside(mesh, "dev.example.com")).isEqualTo("v2");
        assertThat(outside(mesh, "example.com")).isEqualTo("404 NR");
        assertThat(outside(mesh, "other.example.com")).isEqualTo("404 NR");
        assertThat(mesh.proxyConfig("istio-system/istio-ingressgateway").routes().column("DOMAINS")).containsExactly("dev.example.com");
    }

    @Test
    @DisplayName("server host ns/host binds only VirtualServices of that namespace; ./host the Gateway's own")
    void namespacedServerHosts() {
        Mesh mesh = gateway("\"shop/a.example.com\", \"./b.example.com\"", "")
                .withVirtualService(vs("a", "a.example.com", "gw", "v2"))
                .withVirtualService(vs("b", "b.example.com", "gw", "v2"));
        assertThat(outside(mesh, "a.example.com")).isEqualTo("404 NR");
        assertThat(outside(mesh, "b.example.com")).isEqualTo("v2");
    }

    @Test
    @DisplayName("gateway names: name is in the VirtualService's namespace, ns/name is kept, ./name is rejected")
    void gatewayNameResolution() {
        Mesh mesh = gateway("\"*.example.com\"", ", namespace: istio-system")
                .withVirtualService(vs("short", "a.example.com", "gw", "v2"))
                .withVirtualService(vs("full", "c.example.com", "istio-system/gw", "v2"));
        assertThat(outside(mesh, "a.example.com")).isEqualTo("404 NR");
        assertThat(outside(mesh, "c.example.com")).isEqualTo("v2");
        // "./gw" is rejected: the namespace part must be a DNS label (validateGatewayNames).
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mesh.withVirtualService(vs("dot", "b.example.com", "./gw", "v2")))
                .hasMessageContaining("spec.gateways[0]: invalid value for namespace: \".\"");
    }

    @Test
    @DisplayName("no VirtualService bound: a blackhole vhost, 404 NR")
    void noVirtualServiceBound() {
        Mesh mesh = gateway("\"*\"", "");
        assertThat(outside(mesh, "a.example.com")).isEqualTo("404 NR");
        assertThat(mesh.proxyConfig("istio-system/istio-ingressgateway").routes().rows())
                .containsExactly(java.util.List.of("http.8080", "blackhole:80", "*", "", "404"));
    }

    @Test
    @DisplayName("from a pod to istio-ingressgateway.istio-system:80 and from outside with a Host header alike")
    void fromPodAndFromOutside() {
        Mesh mesh = gateway("\"*\"", "").withVirtualService(vs("in", "bookinfo.example.com", "gw", "v2"));
        assertThat(where(mesh.send(2).from("nginx").header("Host", "bookinfo.example.com")
                .to("http://istio-ingressgateway.istio-system/hello"))).isEqualTo("v2");
        assertThat(where(mesh.send(2).from("nginx").to("http://istio-ingressgateway.istio-system/hello"))).isEqualTo("404 NR");
        assertThat(where(mesh.send(2).fromOutside().header("Host", "bookinfo.example.com").to("http://1.2.3.4/hello"))).isEqualTo("v2");
    }

    @Test
    @DisplayName("gateways listed without mesh: not applied to sidecars; with mesh: both")
    void meshBinding() {
        Mesh gatewayOnly = gateway("\"*\"", "").withVirtualService(vs("hw", "helloworld", "gw", "v2"));
        assertThat(gatewayOnly.send(100).from("nginx").to("helloworld:5000/").countByVersion()).containsOnlyKeys("v1", "v2");
        assertThat(where(gatewayOnly.send(1).fromOutside().header("Host", "helloworld.default.svc.cluster.local").to("http://1.2.3.4/")))
                .isEqualTo("v2");
        Mesh both = gateway("\"*\"", "").withVirtualService(vs("hw", "helloworld", "gw, mesh", "v2"));
        assertThat(where(both.send(20).from("nginx").to("helloworld:5000/"))).isEqualTo("v2");
        assertThat(where(both.send(1).fromOutside().header("Host", "helloworld.default.svc.cluster.local").to("http://1.2.3.4/")))
                .isEqualTo("v2");
        assertThat(where(both.send(1).fromOutside().header("Host", "helloworld").to("http://1.2.3.4/"))).isEqualTo("404 NR");
    }

    @Test
    @DisplayName("match gateways are resolved like the VirtualService's (resolveGatewayName): a short name selects the gateway")
    void matchGatewaysResolved() {
        Mesh mesh = gateway("\"*\"", "").withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: hw}
                spec:
                  hosts: [helloworld]
                  gateways: [gw, mesh]
                  http:
                  - match: [{gateways: [gw]}]
                    route: [{destination: {host: helloworld, subset: v2, port: {number: 5000}}}]
                  - route: [{destination: {host: helloworld, subset: v1, port: {number: 5000}}}]
                """);
        assertThat(where(mesh.send(1).fromOutside().header("Host", "helloworld.default.svc.cluster.local").to("http://1.2.3.4/")))
                .isEqualTo("v2");
        assertThat(where(mesh.send(5).from("nginx").to("helloworld:5000/"))).isEqualTo("v1");
    }
}
