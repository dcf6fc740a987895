package dev.meshtest.resilience;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Connection pools of clusters that speak HTTP/2 upstream (istio-rules §6.5): a {@code grpc} or
 * {@code http2} port, or {@code h2UpgradePolicy: UPGRADE}. Envoy's HTTP/2 pool carries every
 * request on one connection per host, so {@code maxConnections} and {@code http1MaxPendingRequests}
 * queue nothing once it is set up, where an HTTP/1.1 pool holds one request per connection.
 */
public class Http2PoolTest {

    public static final String ECHO = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: default, labels: {istio-injection: enabled}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: echo}
            spec:
              selector: {app: echo}
              ports:
              - {name: http-echo, port: 8080}
              - {name: grpc-echo, port: 9090}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: echo}
            spec:
              selector: {matchLabels: {app: echo}}
              template:
                metadata: {labels: {app: echo}}
                spec: {containers: [{name: echo, image: echo, ports: [{containerPort: 8080}, {containerPort: 9090}]}]}
            ---
            """;

    static Mesh echo(String connectionPool) {
        return mesh().apply(ECHO + """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: echo}
                spec:
                  host: echo
                  trafficPolicy: {connectionPool: %s}
                """.formatted(connectionPool))
                .withPod("client").withApp("echo", App.serviceTime(Duration.ofMillis(10)));
    }

    static TrafficResult tenLoops(Mesh mesh, String url) {
        return mesh.send(100).from("client").concurrency(10).to(url);
    }

    @Test
    @DisplayName("one connection and one pending request: the HTTP/1.1 port overflows, the gRPC port carries all ten loops at once")
    void oneConnectionCarriesAll() {
        Mesh mesh = echo("{tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1}}");
        TrafficResult http = tenLoops(mesh, "http://echo:8080/");
        assertThat(http.countByFlag().getOrDefault(ResponseFlag.UPSTREAM_OVERFLOW, 0L)).isPositive();
        TrafficResult grpc = tenLoops(mesh, "http://echo:9090/");
        // While the one connection is set up, one request waits and the nine others of the first
        // instant overflow (newStreamImpl: pending requests are capped while none is ready). Once it
        // is ready it carries every request: none overflows again.
        assertThat(grpc.countByStatus()).isEqualTo(Map.of(200, 91L, 503, 9L));
        for (int i = 0; i < grpc.size(); i++) {
            if (grpc.outcomes().get(i).status() == 503) {
                assertThat(grpc.startOf(i)).as("request " + i).isEqualTo(Duration.ZERO);
                assertThat(grpc.outcomes().get(i).flags()).containsExactly(ResponseFlag.UPSTREAM_OVERFLOW);
            }
        }
        // Ten at a time, each 10 ms of service, on one connection: no request waits for another.
        assertThat(grpc.latencyPercentile(100)).isLessThan(Duration.ofMillis(20));
    }

    @Test
    @DisplayName("useClientProtocol keeps the client's HTTP/1.1 even on the gRPC port; maxConcurrentStreams 1 makes HTTP/2 queue as HTTP/1.1 does")
    void clientProtocolAndConcurrentStreams() {
        TrafficResult h2 = tenLoops(echo("{tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1}}"), "http://echo:9090/");
        TrafficResult client = tenLoops(echo("{tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1, useClientProtocol: true}}"),
                "http://echo:9090/");
        TrafficResult oneStream = tenLoops(echo("{tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1, maxConcurrentStreams: 1}}"),
                "http://echo:9090/");
        TrafficResult http11 = tenLoops(echo("{tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1}}"), "http://echo:8080/");
        assertThat(h2.countByStatus().get(503)).isEqualTo(9L);
        assertThat(client.countByStatus()).isEqualTo(http11.countByStatus());
        assertThat(oneStream.countByStatus()).isEqualTo(http11.countByStatus());
    }

    @Test
    @DisplayName("http2MaxRequests still limits the requests in flight on HTTP/2")
    void maxRequestsStillLimits() {
        TrafficResult grpc = tenLoops(echo("{http: {http2MaxRequests: 5}}"), "http://echo:9090/");
        // The ten of the first instant wait for the connection; when it is ready five go on it and
        // five overflow (attachStreamToClient checks max_requests for each).
        java.util.List<Integer> first = new java.util.ArrayList<>();
        for (int i = 0; i < grpc.size(); i++) {
            if (grpc.startOf(i).isZero()) {
                first.add(grpc.outcomes().get(i).status());
            }
        }
        assertThat(first).hasSize(10).containsOnly(200, 503);
        assertThat(first.stream().filter(st -> st == 503).count()).isEqualTo(5);
    }

    @Test
    @DisplayName("h2UpgradePolicy UPGRADE makes the HTTP port's client pool HTTP/2: the first instant's nine overflow, then none")
    void upgrade() {
        // The server's side is left wide (a Sidecar's inboundConnectionPool replaces the rule's there):
        // what is left is the client's pool.
        String wideInbound = """
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: echo}
                spec:
                  workloadSelector: {labels: {app: echo}}
                  inboundConnectionPool: {tcp: {maxConnections: 1000}, http: {http1MaxPendingRequests: 1000}}
                """;
        Mesh upgraded = echo("{tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1, h2UpgradePolicy: UPGRADE}}")
                .apply(wideInbound);
        assertThat(tenLoops(upgraded, "http://echo:8080/").countByStatus()).isEqualTo(Map.of(200, 91L, 503, 9L));
        Mesh http11 = echo("{tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1}}").apply(wideInbound);
        assertThat(tenLoops(http11, "http://echo:8080/").countByStatus().get(503)).isGreaterThan(9L);
    }
}
