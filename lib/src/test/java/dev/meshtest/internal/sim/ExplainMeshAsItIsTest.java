package dev.meshtest.internal.sim;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.traffic.Explanation;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code explain()} explains the mesh as it is: after ejections it shows the 503 UH a send gets,
 * it draws what the next send would draw, and it leaves the mesh untouched; {@code explain(n)}
 * explains the first request of a load that fails, naming the limit that decided.
 */
class ExplainMeshAsItIsTest {

    private static Mesh helloworld() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml");
    }

    private static final String V1 = "outbound|5000||helloworld-v1.default.svc.cluster.local";
    private static final String ROUTE = "sidecar of nginx: route 5000 > virtual host "
            + "helloworld-v1.default.svc.cluster.local:5000 > default (match /*)";

    /** {@code ip:5000 (pod)} of helloworld-v1's only pod, as the trace names hosts. */
    private static String host(Mesh mesh) {
        var p = Internals.state(mesh).workloadPods("default", "helloworld-v1").get(0);
        return p.ip() + ":5000 (" + p.name() + ")";
    }

    private static String clusterIp(Mesh mesh, String service) {
        return Internals.state(mesh).service("default", service).orElseThrow().clusterIp();
    }

    @Test
    void afterAnEjectionExplainShowsThe503UhThatASendGets() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(5)).failing(503, 1))
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld-v1}
                        spec:
                          host: helloworld-v1
                          trafficPolicy:
                            outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}
                        """);
        mesh.send(1).from("nginx").to("helloworld-v1:5000/hello");
        Explanation e = mesh.explain().from("nginx").to("helloworld-v1:5000/hello");
        assertThat(e.steps()).containsExactly(
                "DNS in namespace default: helloworld-v1 -> " + clusterIp(mesh, "helloworld-v1"),
                "sidecar of nginx: listener 0.0.0.0_5000",
                ROUTE,
                "outlier detection: 1 of 1 hosts ejected (" + host(mesh) + ")",
                "cluster " + V1 + ": every host is ejected: 503 UH");
        assertThat(e.outcome().flagsText()).isEqualTo("UH");
    }

    @Test
    void explainDrawsWhatTheNextSendDrawsAndLeavesTheMeshUntouched() {
        Mesh explained = helloworld();
        Mesh plain = helloworld();
        explained.send(7).from("nginx").to("helloworld:5000/hello");
        plain.send(7).from("nginx").to("helloworld:5000/hello");
        Explanation e = explained.explain().from("nginx").to("helloworld:5000/hello");
        TrafficResult after = explained.send(50).from("nginx").to("helloworld:5000/hello");
        TrafficResult without = plain.send(50).from("nginx").to("helloworld:5000/hello");
        assertThat(after.outcomes()).isEqualTo(without.outcomes());
        for (int i = 0; i < 50; i++) {
            assertThat(after.latencyOf(i)).isEqualTo(without.latencyOf(i));
        }
        assertThat(after.startedAt()).isEqualTo(without.startedAt());
        assertThat(e.outcome()).isEqualTo(without.outcomes().get(0));
    }

    @Test
    void underLoadTheFirstFailureIsExplainedWithTheLimitThatDecided() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(100)))
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld-v1}
                        spec:
                          host: helloworld-v1
                          trafficPolicy:
                            connectionPool:
                              tcp: {maxConnections: 1}
                              http: {http1MaxPendingRequests: 1}
                        """);
        Explanation e = mesh.explain(10).from("nginx").concurrency(3).to("helloworld-v1:5000/hello");
        assertThat(e.steps()).containsExactly(
                "request 2 of 10 is the first that failed",
                "DNS in namespace default: helloworld-v1 -> " + clusterIp(mesh, "helloworld-v1"),
                "sidecar of nginx: listener 0.0.0.0_5000",
                ROUTE,
                "cluster " + V1 + " (DestinationRule helloworld-v1.default, LEAST_REQUEST) picks " + host(mesh),
                "client-side circuit breaker of nginx, cluster " + V1 + ": http1MaxPendingRequests 1 reached (1 pending, "
                        + "1 of maxConnections 1 open): 503 UO, not retried");
        assertThat(e.outcome().flagsText()).isEqualTo("UO");
        assertThat(mesh.now()).isEqualTo(Duration.ZERO);
    }

    @Test
    void underLoadWithoutFailuresExplainSaysSo() {
        Mesh mesh = helloworld();
        Explanation e = mesh.explain(5).from("nginx").concurrency(2).to("helloworld-v1:5000/hello");
        assertThat(e.steps()).first().isEqualTo("none of the 5 requests failed; the first is shown");
    }
}
