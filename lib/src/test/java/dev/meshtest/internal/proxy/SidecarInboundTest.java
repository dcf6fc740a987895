package dev.meshtest.internal.proxy;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a Sidecar changes on its workload's inbound side (istio-rules §2.9, §6.6; Istio's
 * {@code buildInboundCluster}, {@code buildInboundClustersFromSidecar} and
 * {@code SidecarScope.InboundConnectionPoolForPort}): the connection pool of each inbound port,
 * which ports have inbound clusters, and whether the DestinationRule of the pod's own Service
 * applies at all.
 */
class SidecarInboundTest {

    private static final long U = CircuitBreakers.UNLIMITED;
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private static final String DR_MAX_REQUESTS_5 = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: echo, namespace: srv}
            spec:
              host: echo.srv.svc.cluster.local
              trafficPolicy:
                connectionPool: {http: {http2MaxRequests: 5}}
            """;

    private static Mesh echo(String... configs) {
        Mesh mesh = mesh().apply("classpath:proxy/echo-inbound.yaml").withPod("nginx", "cli");
        for (String c : configs) {
            mesh.apply(c);
        }
        return mesh;
    }

    private static InboundCluster inbound(Mesh mesh, int port) {
        return Internals.proxyConfig(mesh, "srv/echo-v1").inboundCluster(port);
    }

    @Test
    @DisplayName("inboundConnectionPool replaces the DestinationRule's pool on every inbound port (not merged with it)")
    void inboundConnectionPoolReplacesTheDestinationRules() {
        Mesh mesh = echo(DR_MAX_REQUESTS_5, """
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: echo, namespace: srv}
                spec:
                  inboundConnectionPool: {tcp: {maxConnections: 2}}
                """);
        assertThat(inbound(mesh, 8080).circuitBreakers()).isEqualTo(new CircuitBreakers(2, U, U, U, 0, TEN_SECONDS));
        // The DestinationRule is still the inbound cluster's rule, as istioctl shows it.
        assertThat(inbound(mesh, 8080).destinationRule().name()).isEqualTo("echo");
        assertThat(inbound(echo(DR_MAX_REQUESTS_5), 8080).circuitBreakers())
                .isEqualTo(new CircuitBreakers(U, U, 5, U, 0, TEN_SECONDS));
    }

    @Test
    @DisplayName("ingress listeners: only their ports get inbound clusters, each with its own pool, else inboundConnectionPool; "
            + "the service port for the DestinationRule's port-level entries is the listener's port")
    void ingressListeners() {
        Mesh mesh = echo("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: echo, namespace: srv}
                spec:
                  host: echo.srv.svc.cluster.local
                  trafficPolicy:
                    portLevelSettings:
                    - port: {number: 8080}
                      connectionPool: {http: {http1MaxPendingRequests: 7}}
                """, """
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: echo, namespace: srv}
                spec:
                  workloadSelector: {labels: {app: echo}}
                  ingress:
                  - port: {number: 8080, protocol: HTTP, name: http}
                    defaultEndpoint: 127.0.0.1:8080
                  - port: {number: 9090, protocol: HTTP, name: admin}
                    defaultEndpoint: 127.0.0.1:9090
                    connectionPool: {http: {http2MaxRequests: 3}}
                """);
        // 8080: reached by the Service; the rule's port-level entry for 8080 (the listener's port) applies.
        assertThat(inbound(mesh, 8080).service()).isEqualTo("echo.srv.svc.cluster.local");
        assertThat(inbound(mesh, 8080).circuitBreakers()).isEqualTo(new CircuitBreakers(U, 7, U, U, 0, TEN_SECONDS));
        // 9090: no Service reaches it; the listener's own pool.
        assertThat(inbound(mesh, 9090).service()).isEqualTo("echo.srv");
        assertThat(inbound(mesh, 9090).circuitBreakers()).isEqualTo(new CircuitBreakers(U, U, 3, U, 0, TEN_SECONDS));
        assertThat(Internals.proxyConfig(mesh, "srv/echo-v1").inboundClusterList()).hasSize(2);
    }

    @Test
    @DisplayName("a pod whose Sidecar does not import its own Service gets no inbound limits from that Service's DestinationRule")
    void ownServiceNotImported() {
        Mesh mesh = echo(DR_MAX_REQUESTS_5, """
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: echo, namespace: srv}
                spec:
                  egress: [{hosts: ["istio-system/*"]}]
                """);
        assertThat(inbound(mesh, 8080).circuitBreakers()).isEqualTo(CircuitBreakers.DEFAULT);
        assertThat(inbound(mesh, 8080).destinationRule()).isNull();
    }

    @Test
    @DisplayName("requests overflow at the server sidecar once the Sidecar's inbound pool is full: 503 UO, as with a DestinationRule's")
    void overflowAtTheServer() {
        Mesh mesh = echo("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: echo, namespace: srv}
                spec:
                  inboundConnectionPool: {http: {http2MaxRequests: 1, http1MaxPendingRequests: 1}, tcp: {maxConnections: 1}}
                """).withApp("echo-v1", dev.meshtest.app.App.serviceTime(Duration.ofMillis(100)));
        var r = mesh.send(10).from("cli/nginx").concurrency(5).to("http://echo.srv/");
        // Five at a time: one connection with one request and one pending; the other three overflow, twice.
        assertThat(r.countByStatus()).containsExactly(java.util.Map.entry(200, 4L), java.util.Map.entry(503, 6L));
        assertThat(r.countByFlag()).containsEntry(dev.meshtest.traffic.ResponseFlag.UPSTREAM_OVERFLOW, 6L);
        assertThat(echo().withApp("echo-v1", dev.meshtest.app.App.serviceTime(Duration.ofMillis(100)))
                .send(10).from("cli/nginx").concurrency(5).to("http://echo.srv/").countByStatus()).containsOnlyKeys(200);
    }
}
