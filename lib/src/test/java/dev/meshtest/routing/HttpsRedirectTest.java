package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static dev.meshtest.routing.Routing.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A Gateway server's {@code tls.httpsRedirect} (istio-rules §7.6): Envoy's {@code require_tls: ALL}
 * answers every plain-HTTP request 301 to {@code https://} before any route, as the cases of
 * Istio's {@code gateway_simulation_test.go} expect.
 */
class HttpsRedirectTest {

    private static final String GATEWAY = "istio-system/istio-ingressgateway";

    private static String server(String name, String hosts, boolean redirect) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: %s}
                spec:
                  selector: {istio: ingressgateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [%s]%s}]
                """.formatted(name, hosts, redirect ? ", tls: {httpsRedirect: true}" : "");
    }

    private static final String ROUTE = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: in}
            spec:
              hosts: [example.com]
              gateways: [gw]
              http:
              - route: [{destination: {host: helloworld, subset: v2, port: {number: 5000}}}]
            """;

    private static Outcome outside(Mesh mesh, String host, String pathAndQuery) {
        return mesh.send(1).fromOutside().header("Host", host).to("http://1.2.3.4" + pathAndQuery).outcomes().get(0);
    }

    @Test
    @DisplayName("httpsRedirect without routes: a vhost of its own answers 301 to https")
    void withoutRoutes() {
        Mesh mesh = helloworld().withGateway(server("gw", "example.com", true));
        Outcome o = outside(mesh, "example.com", "/hello?x=1");
        assertThat(o.status()).isEqualTo(301);
        assertThat(o.responseHeaders()).containsExactly(Map.entry("content-length", "0"),
                Map.entry("location", "https://example.com/hello?x=1"), Map.entry("server", "istio-envoy"));
        assertThat(o.pod()).isEmpty();
        assertThat(mesh.proxyConfig(GATEWAY).routes().rows()).containsExactly(
                List.of("http.8080", "example.com:80", "example.com", "* (not TLS)", "301 to https (tls.httpsRedirect)"));
        // Another host has no virtual host at all.
        assertThat(outside(mesh, "other.com", "/hello").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("httpsRedirect with routes: the routes are never reached over plain HTTP")
    void withRoutes() {
        Mesh mesh = helloworld().withGateway(server("gw", "example.com", true)).withVirtualService(ROUTE);
        assertThat(outside(mesh, "example.com", "/hello").responseHeader("location")).contains("https://example.com/hello");
        assertThat(where(mesh.send(3).fromOutside().header("Host", "example.com").to("http://1.2.3.4/hello"))).isEqualTo("301 -");
        assertThat(mesh.proxyConfig(GATEWAY).routes().column("MATCH")).containsExactly("* (not TLS)", "/*");
        // Without the redirect the same config routes to v2.
        Mesh plain = helloworld().withGateway(server("gw", "example.com", false)).withVirtualService(ROUTE);
        assertThat(where(plain.send(3).fromOutside().header("Host", "example.com").to("http://1.2.3.4/hello"))).isEqualTo("v2");
    }

    @Test
    @DisplayName("mixed: a second server for the same host without httpsRedirect does not lift it")
    void mixedServers() {
        Mesh mesh = helloworld().withGateway(server("gw", "example.com", true))
                .withGateway(server("gw2", "example.com", false))
                .withVirtualService(ROUTE.replace("gateways: [gw]", "gateways: [gw, gw2]"));
        assertThat(outside(mesh, "example.com", "/hello").status()).isEqualTo(301);
        // And in the other order of the Gateways.
        Mesh reversed = helloworld().withGateway(server("gw2", "example.com", false))
                .withGateway(server("gw", "example.com", true))
                .withVirtualService(ROUTE.replace("gateways: [gw]", "gateways: [gw2, gw]"));
        assertThat(outside(reversed, "example.com", "/hello").status()).isEqualTo(301);
    }

    @Test
    @DisplayName("the location keeps the Host header as received, port included; x-forwarded-proto from the client changes nothing")
    void locationAndForwardedProto() {
        Mesh mesh = helloworld().withGateway(server("gw", "\"*\"", true));
        assertThat(outside(mesh, "Shop.Example.com:8080", "/a/b?q=1&r=2").responseHeader("location"))
                .contains("https://Shop.Example.com:8080/a/b?q=1&r=2");
        Outcome spoofed = mesh.send(1).fromOutside().header("Host", "example.com").header("x-forwarded-proto", "https")
                .to("http://1.2.3.4/hello").outcomes().get(0);
        assertThat(spoofed.status()).isEqualTo(301);
    }

    @Test
    @DisplayName("explain names the virtual host that requires TLS and the location")
    void explained() {
        Mesh mesh = helloworld().withGateway(server("gw", "example.com", true));
        assertThat(mesh.explain().fromOutside().header("Host", "example.com").to("http://1.2.3.4/hello").steps())
                .anyMatch(s -> s.contains("virtual host example.com:80 requires TLS (Gateway tls.httpsRedirect): redirect 301"))
                .anyMatch(s -> s.contains("location https://example.com/hello"));
    }
}
