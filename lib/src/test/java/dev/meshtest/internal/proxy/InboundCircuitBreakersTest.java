package dev.meshtest.internal.proxy;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server sidecar's inbound clusters and their circuit breakers (istio-rules §6.6; Istio's
 * buildInboundClustersFromServiceInstances, buildInboundCluster, SidecarScope.DestinationRule inbound).
 */
class InboundCircuitBreakersTest {

    private static final long U = CircuitBreakers.UNLIMITED;
    private static final CircuitBreakers MAX_REQUESTS_1 = new CircuitBreakers(U, U, 1, U, 0, Duration.ofSeconds(10));

    @Test
    @DisplayName("E7, per-version Services older than helloworld: helloworld-v1 is v1's primary Service, its DR limits v1's inbound")
    void e7PerVersionServicesFirst() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:experiments/helloworld.yaml")
                .apply("classpath:experiments/e6-circular.yaml")
                .apply("classpath:experiments/e7-max-connection.yaml");
        InboundCluster v1 = Internals.proxyConfig(mesh, "helloworld-v1").inboundCluster(5000);
        assertThat(v1.name()).isEqualTo("inbound|5000||");
        assertThat(v1.service()).isEqualTo("helloworld-v1.default.svc.cluster.local");
        assertThat(v1.servicePort()).isEqualTo(5000);
        assertThat(v1.circuitBreakers()).isEqualTo(MAX_REQUESTS_1);
        assertThat(v1.destinationRule().name()).isEqualTo("helloworld-v1-max-connection");
        assertThat(Internals.proxyConfig(mesh, "helloworld-v1").inboundCircuitBreakers(5000)).isEqualTo(MAX_REQUESTS_1);
        // v2's primary Service is helloworld-v2, which has no DestinationRule.
        assertThat(Internals.proxyConfig(mesh, "helloworld-v2").inboundCircuitBreakers(5000)).isEqualTo(CircuitBreakers.DEFAULT);
        assertThat(mesh.proxyConfig("helloworld-v1").clusters().rows())
                .contains(List.of("", "5000", "-", "inbound", "ORIGINAL_DST", "helloworld-v1-max-connection.default"));
    }

    @Test
    @DisplayName("E7, helloworld older than the per-version Services: helloworld is v1's primary Service, no inbound limit")
    void e7HelloworldFirst() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:experiments/e6-circular.yaml")
                .apply("classpath:experiments/e7-max-connection.yaml");
        InboundCluster v1 = Internals.proxyConfig(mesh, "helloworld-v1").inboundCluster(5000);
        assertThat(v1.service()).isEqualTo("helloworld.default.svc.cluster.local");
        assertThat(v1.circuitBreakers()).isEqualTo(CircuitBreakers.DEFAULT);
        assertThat(v1.destinationRule()).isNull();
        assertThat(mesh.proxyConfig("helloworld-v1").clusters().rows())
                .contains(List.of("", "5000", "-", "inbound", "ORIGINAL_DST", ""));
    }

    private static Mesh echo(String destinationRule) {
        return mesh().apply("classpath:proxy/echo-inbound.yaml").withPod("nginx", "cli").withDestinationRule(destinationRule);
    }

    private static CircuitBreakers echoInbound(Mesh mesh) {
        return Internals.proxyConfig(mesh, "srv/echo-v1").inboundCircuitBreakers(8080);
    }

    @Test
    @DisplayName("the port-level entry for the service port (80, not the target port 8080) applies")
    void portLevelForServicePort() {
        Mesh mesh = echo("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: echo, namespace: srv}
                spec:
                  host: echo
                  trafficPolicy:
                    connectionPool: {http: {http2MaxRequests: 5}}
                    portLevelSettings:
                    - port: {number: 80}
                      connectionPool: {http: {http2MaxRequests: 2}, tcp: {maxConnections: 3}}
                    - port: {number: 8080}
                      connectionPool: {http: {http2MaxRequests: 99}}
                """);
        assertThat(echoInbound(mesh)).isEqualTo(new CircuitBreakers(3, U, 2, U, 0, Duration.ofSeconds(10)));
        assertThat(Internals.proxyConfig(mesh, "srv/echo-v1").inboundCluster(8080).servicePort()).isEqualTo(80);
    }

    @Test
    @DisplayName("a port-level entry without connectionPool still replaces the top level: no inbound limit")
    void portLevelWithoutConnectionPool() {
        Mesh mesh = echo("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: echo, namespace: srv}
                spec:
                  host: echo
                  trafficPolicy:
                    connectionPool: {http: {http2MaxRequests: 5}}
                    portLevelSettings:
                    - port: {number: 80}
                      loadBalancer: {simple: RANDOM}
                """);
        assertThat(echoInbound(mesh)).isEqualTo(CircuitBreakers.DEFAULT);
        // The client's cluster follows the same replacement.
        assertThat(Internals.proxyConfig(mesh, "cli/nginx").cluster("outbound|80||echo.srv.svc.cluster.local").circuitBreakers())
                .isEqualTo(CircuitBreakers.DEFAULT);
    }

    @Test
    @DisplayName("top level without port-level entry applies inbound")
    void topLevel() {
        Mesh mesh = echo("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: echo, namespace: srv}
                spec:
                  host: echo
                  trafficPolicy:
                    connectionPool: {http: {http1MaxPendingRequests: 4, maxRequestsPerConnection: 1}, tcp: {connectTimeout: 1s}}
                """);
        assertThat(echoInbound(mesh)).isEqualTo(new CircuitBreakers(U, 4, U, U, 1, Duration.ofSeconds(1)));
    }

    @Test
    @DisplayName("subset policies never reach the inbound cluster")
    void subsetsNever() {
        Mesh mesh = echo("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: echo, namespace: srv}
                spec:
                  host: echo
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy:
                      connectionPool: {http: {http2MaxRequests: 1}}
                """);
        assertThat(echoInbound(mesh)).isEqualTo(CircuitBreakers.DEFAULT);
        assertThat(Internals.proxyConfig(mesh, "cli/nginx").cluster("outbound|80|v1|echo.srv.svc.cluster.local").circuitBreakers())
                .isEqualTo(MAX_REQUESTS_1);
    }

    @Test
    @DisplayName("looked up from the server pod's namespace: a DR in the client's namespace limits only the client")
    void serverNamespace() {
        Mesh mesh = echo("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: echo-from-cli, namespace: cli}
                spec:
                  host: echo.srv.svc.cluster.local
                  trafficPolicy:
                    connectionPool: {http: {http2MaxRequests: 1}}
                """);
        assertThat(Internals.proxyConfig(mesh, "cli/nginx").cluster("outbound|80||echo.srv.svc.cluster.local").circuitBreakers())
                .isEqualTo(MAX_REQUESTS_1);
        assertThat(echoInbound(mesh)).isEqualTo(CircuitBreakers.DEFAULT);
    }

    @Test
    @DisplayName("a workload-selected DR is outbound only: it never sets the inbound limit")
    void workloadSelectorIgnored() {
        Mesh mesh = echo("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: echo-selected, namespace: srv}
                spec:
                  host: echo
                  workloadSelector: {matchLabels: {app: echo}}
                  trafficPolicy:
                    connectionPool: {http: {http2MaxRequests: 1}}
                """);
        assertThat(echoInbound(mesh)).isEqualTo(CircuitBreakers.DEFAULT);
    }

    @Test
    @DisplayName("a client pod no Service selects has no inbound clusters; an unknown port gets the defaults")
    void noInbound() {
        Mesh mesh = echo("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: echo, namespace: srv}
                spec:
                  host: echo
                  trafficPolicy:
                    connectionPool: {http: {http2MaxRequests: 1}}
                """);
        assertThat(Internals.proxyConfig(mesh, "cli/nginx").inboundClusterList()).isEmpty();
        assertThat(Internals.proxyConfig(mesh, "srv/echo-v1").inboundClusterList()).extracting(InboundCluster::targetPort).containsExactly(8080);
        assertThat(Internals.proxyConfig(mesh, "srv/echo-v1").inboundCircuitBreakers(9999)).isEqualTo(CircuitBreakers.DEFAULT);
        assertThat(echoInbound(mesh)).isEqualTo(MAX_REQUESTS_1);
    }

    @Test
    @DisplayName("a gRPC port's inbound pool speaks HTTP/2 to the app, unless the pool's useClientProtocol keeps the client's HTTP/1.1")
    void grpcInboundProtocol() {
        String rule = """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: echo}
                spec:
                  host: echo
                  trafficPolicy: {connectionPool: {http: {http1MaxPendingRequests: 1%s}}}
                """;
        Mesh h2 = mesh().apply(dev.meshtest.resilience.Http2PoolTest.ECHO).withPod("client")
                .withDestinationRule(rule.formatted(""));
        Mesh client = mesh().apply(dev.meshtest.resilience.Http2PoolTest.ECHO).withPod("client")
                .withDestinationRule(rule.formatted(", useClientProtocol: true"));
        String echo = Internals.state(h2).pods().stream().filter(p -> p.name().startsWith("echo-")).findFirst().orElseThrow().name();
        assertThat(Internals.proxyConfig(h2, echo).inboundCircuitBreakers(9090).http2()).isTrue();
        assertThat(Internals.proxyConfig(h2, echo).inboundCircuitBreakers(8080).http2()).isFalse();
        assertThat(Internals.proxyConfig(client, echo).inboundCircuitBreakers(9090).http2()).isFalse();
    }
}
