package dev.meshtest.tcp;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * VirtualService {@code tcp} routes: on a sidecar, a service's TCP listener forwards each
 * connection to a weighted cluster of the first rule that fits the proxy
 * ({@code buildSidecarOutboundTCPFilterChainOpts}, {@code matchTCP}); on a gateway, a {@code TCP}
 * server forwards by the first bound rule of its port ({@code buildGatewayNetworkFiltersFromTCPRoutes}).
 * Every request a client sends opens a connection of its own, as {@code nc} or curl would.
 */
class TcpRoutesTest {

    /** Istio's tcp-echo sample: two versions behind tcp-echo:9000 (named tcp), a client, subsets. */
    static final String TCP_ECHO = """
            apiVersion: v1
            kind: Service
            metadata: {name: tcp-echo, labels: {app: tcp-echo, service: tcp-echo}}
            spec:
              ports: [{name: tcp, port: 9000}, {name: tcp-other, port: 9001}]
              selector: {app: tcp-echo}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: tcp-echo-v1}
            spec:
              selector: {matchLabels: {app: tcp-echo, version: v1}}
              template:
                metadata: {labels: {app: tcp-echo, version: v1}}
                spec: {containers: [{name: tcp-echo, image: docker.io/istio/tcp-echo-server:1.3, args: ["9000,9001,9002", "one"], ports: [{containerPort: 9000}]}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: tcp-echo-v2}
            spec:
              selector: {matchLabels: {app: tcp-echo, version: v2}}
              template:
                metadata: {labels: {app: tcp-echo, version: v2}}
                spec: {containers: [{name: tcp-echo, image: docker.io/istio/tcp-echo-server:1.3, args: ["9000,9001,9002", "two"], ports: [{containerPort: 9000}]}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: tcp-echo-destination}
            spec:
              host: tcp-echo
              subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
            """;

    static Mesh echo() {
        return mesh().withNamespace("default", true).apply(TCP_ECHO).withPod("sleep");
    }

    static String shift(int v1, int v2, String extra) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: tcp-echo}
                spec:
                  hosts: [tcp-echo]
                  tcp:
                  %s- route:
                    - {destination: {host: tcp-echo, port: {number: 9000}, subset: v1}, weight: %d}
                    - {destination: {host: tcp-echo, port: {number: 9000}, subset: v2}, weight: %d}
                """.formatted(extra, v1, v2);
    }

    @Test
    @DisplayName("without a VirtualService the TCP listener forwards to the service's cluster; with 80/20, by weight")
    void sidecarWeights() {
        assertThat(echo().send(100).from("sleep").to("http://tcp-echo:9000").countByWorkload())
                .containsOnlyKeys("tcp-echo-v1", "tcp-echo-v2");
        Mesh mesh = echo().withVirtualService(shift(80, 20, ""));
        assertThat(mesh.send(1000).from("sleep").to("http://tcp-echo:9000").countByWorkload())
                .containsExactly(Map.entry("tcp-echo-v1", 803L), Map.entry("tcp-echo-v2", 197L));   // the default seed
        assertThat(mesh.proxyConfig("sleep").listeners().rows()).filteredOn(r -> r.get(1).equals("9000")).singleElement()
                .satisfies(r -> assertThat(r.get(3)).isEqualTo("Clusters: outbound|9000|v1|tcp-echo.default.svc.cluster.local (80), "
                        + "outbound|9000|v2|tcp-echo.default.svc.cluster.local (20) (tcp route of default/tcp-echo)"));
        assertThat(mesh.explain().from("sleep").to("http://tcp-echo:9000").toString())
                .contains("forwards by the tcp route of VirtualService default/tcp-echo to outbound|9000|v1|tcp-echo.default.svc."
                        + "cluster.local (weight 80), outbound|9000|v2|tcp-echo.default.svc.cluster.local (weight 20)");
    }

    @Test
    @DisplayName("matchTCP: a rule for another port, other source labels or another namespace is passed over")
    void matches() {
        Mesh mesh = echo().withPod("other")
                .withVirtualService(shift(100, 0, "- match: [{port: 9001}]\n    route: [{destination: {host: tcp-echo, subset: v2}}]\n  ")
                        .replace("weight: 100}\n    - {destination: {host: tcp-echo, port: {number: 9000}, subset: v2}, weight: 0}",
                                "weight: 100}"));
        assertThat(mesh.send(20).from("sleep").to("http://tcp-echo:9000").countByWorkload())
                .containsExactly(Map.entry("tcp-echo-v1", 20L));
        assertThat(mesh.send(20).from("sleep").to("http://tcp-echo:9001").countByWorkload())
                .containsExactly(Map.entry("tcp-echo-v2", 20L));
        Mesh bySource = echo().withPod("other").withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: tcp-echo}
                spec:
                  hosts: [tcp-echo]
                  tcp:
                  - match: [{sourceLabels: {run: sleep}}]
                    route: [{destination: {host: tcp-echo, subset: v2}}]
                  - route: [{destination: {host: tcp-echo, subset: v1}}]
                """);
        assertThat(bySource.send(20).from("sleep").to("http://tcp-echo:9000").countByWorkload())
                .containsExactly(Map.entry("tcp-echo-v2", 20L));
        assertThat(bySource.send(20).from("other").to("http://tcp-echo:9000").countByWorkload())
                .containsExactly(Map.entry("tcp-echo-v1", 20L));
    }

    @Test
    @DisplayName("a tcp rule on an HTTP port does not apply: HTTP ports route by http rules")
    void httpPortsIgnoreTcpRules() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").apply("classpath:routing/helloworld-subsets.yaml")
                .withPod("nginx").withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: hello}
                        spec:
                          hosts: [helloworld]
                          tcp: [{route: [{destination: {host: helloworld, subset: v2}}]}]
                        """);
        assertThat(mesh.send(100).from("nginx").to("helloworld:5000/hello").countByWorkload())
                .containsOnlyKeys("helloworld-v1", "helloworld-v2");
    }

    /** A Gateway with one server on port 80, named as {@code gateway_simulation_test}'s. */
    private static String server(String name, String protocol) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: %s}
                spec:
                  selector: {istio: ingressgateway}
                  servers: [{port: {number: 80, name: %s, protocol: %s}, hosts: [foo.bar]}]
                """.formatted(name, protocol.toLowerCase(java.util.Locale.ROOT), protocol);
    }

    @Test
    @DisplayName("multiple protocols on a port (gateway_simulation_test): the older server wins, the other is skipped")
    void multipleProtocolsOnAPort() {
        // TCP first, without tcp routes: no listener at all, the HTTP server skipped.
        Mesh tcpFirst = echo().withGateway(server("alpha", "TCP")).withGateway(server("beta", "HTTP"));
        assertThat(tcpFirst.proxyConfig("istio-system/istio-ingressgateway").listeners().rows()).isEmpty();
        assertThat(tcpFirst.send(1).fromOutside().header("Host", "foo.bar").to("http://192.0.2.80/").outcomes().get(0)
                .curlExitCode()).hasValue(7);
        // HTTP first: http.8080 with no VirtualService, 404 from its blackhole vhost.
        Mesh httpFirst = echo().withGateway(server("alpha", "HTTP")).withGateway(server("beta", "TCP"));
        assertThat(httpFirst.send(1).fromOutside().header("Host", "foo.bar").to("http://192.0.2.80/").outcomes().get(0).status())
                .isEqualTo(404);
        assertThat(httpFirst.proxyConfig("istio-system/istio-ingressgateway").routes().rows())
                .containsExactly(List.of("http.8080", "blackhole:80", "*", "", "404"));
    }

    @Test
    @DisplayName("destinationSubnets are refused unless lenient")
    void destinationSubnetsRefused() {
        assertThatThrownBy(() -> echo().withVirtualService(shift(100, 0, "- match: [{destinationSubnets: [10.0.0.0/8]}]\n    "
                + "route: [{destination: {host: tcp-echo, subset: v2}}]\n  ")))
                .hasMessageContaining("spec.tcp[0].match[0].destinationSubnets: meshtest does not simulate a tcp match on destinationSubnets");
    }

    @Test
    @DisplayName("the gateway's TCP server forwards by the bound tcp rule of its port; without one it has no listener")
    void gatewayTcpServer() {
        Mesh mesh = echo().apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: istio-ingressgateway, namespace: istio-system, labels: {app: istio-ingressgateway, istio: ingressgateway}}
                spec:
                  type: LoadBalancer
                  selector: {app: istio-ingressgateway, istio: ingressgateway}
                  ports:
                  - {name: status-port, port: 15021, targetPort: 15021}
                  - {name: http2, port: 80, targetPort: 8080}
                  - {name: https, port: 443, targetPort: 8443}
                  - {name: tcp, port: 31400, targetPort: 31400}
                """).withGateway("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: tcp-echo-gateway}
                spec:
                  selector: {istio: ingressgateway}
                  servers: [{port: {number: 31400, name: tcp, protocol: TCP}, hosts: ["*"]}]
                """);
        // No tcp rule: the listener has no filter chain and istiod omits it; nothing listens on 31400.
        assertThat(mesh.send(1).fromOutside().to("http://192.0.2.80:31400").outcomes().get(0).curlExitCode()).hasValue(7);
        mesh.withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: tcp-echo}
                spec:
                  hosts: ["*"]
                  gateways: [tcp-echo-gateway]
                  tcp:
                  - match: [{port: 31400}]
                    route: [{destination: {host: tcp-echo, port: {number: 9000}, subset: v1}}]
                """);
        assertThat(mesh.send(20).fromOutside().to("http://192.0.2.80:31400").countByWorkload())
                .containsExactly(Map.entry("tcp-echo-v1", 20L));
        assertThat(mesh.proxyConfig("istio-system/istio-ingressgateway").listeners().rows()).contains(List.of("0.0.0.0", "31400",
                "TCP", "Cluster: outbound|9000|v1|tcp-echo.default.svc.cluster.local (tcp route of default/tcp-echo)"));
    }
}
