package dev.meshtest.internal.sim;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.app.Latency;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One busy scenario's results, digested and checked in. Two runs in one JVM agree even when the
 * code depends on something that changes between JVMs ({@code Map.of} iteration order, identity
 * hash codes); a digest pinned in the repository does not, so this catches what
 * {@code DeterminismPropertyTest} cannot. When a deliberate change moves the digest, re-pin it
 * and say why in the commit.
 */
class DeterminismGoldenTest {

    @Test
    void aBusyScenarioGivesTheSameDigestOnEveryJvm() {
        Mesh mesh = mesh().seed(2026)
                .apply("classpath:experiments/helloworld.yaml")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:experiments/e2-weighted.yaml")
                .withPod("nginx")
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: v1-pool}
                        spec:
                          host: helloworld-v1
                          trafficPolicy:
                            connectionPool: {http: {http1MaxPendingRequests: 2, http2MaxRequests: 3}}
                            outlierDetection: {consecutive5xxErrors: 2, interval: 1s, baseEjectionTime: 5s, maxEjectionPercent: 100}
                        """)
                .withApp("helloworld-v2", App.serviceTime(Latency.logNormal(Duration.ofMillis(40), 0.5)).failing(503, 0.05));
        TrafficResult loops = mesh.send(2000).from("nginx").concurrency(4).to("helloworld:5000/hello");
        TrafficResult open = mesh.send(Duration.ofSeconds(20)).from("nginx").rate(40, dev.meshtest.traffic.TrafficSpec.Spacing.POISSON)
                .headers(i -> java.util.Map.of("end-user", "u" + (i % 7))).to("helloworld:5000/hello");

        StringBuilder all = new StringBuilder();
        for (TrafficResult r : new TrafficResult[] {loops, open}) {
            for (int i = 0; i < r.size(); i++) {
                all.append(r.outcomes().get(i)).append('|').append(r.latencyOf(i).toNanos()).append('|')
                        .append(r.attemptsOf(i)).append('\n');
            }
        }
        all.append(mesh.proxyConfig("nginx").routes()).append(mesh.proxyConfig("nginx").clusters());
        assertThat(Long.toHexString(XxHash64.hash(all.toString()))).isEqualTo("2dffa3d81d428aac");
    }

    /**
     * Client connection pools at their limits: connections that take time to set up, closed
     * after two requests, pending requests and overflows, over two pods of one Service. Pinned
     * before the pool's drain learned to look only at the pool that freed a connection, which
     * must not change a single answer.
     */
    @Test
    void aConnectionPoolAtItsLimitsGivesTheSameDigestOnEveryJvm() {
        Mesh mesh = mesh().seed(7)
                .apply("classpath:experiments/helloworld.yaml")
                .withPod("nginx")
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld-pool}
                        spec:
                          host: helloworld
                          trafficPolicy:
                            connectionPool:
                              tcp: {maxConnections: 3}
                              http: {http1MaxPendingRequests: 4, http2MaxRequests: 5, maxRequestsPerConnection: 2}
                        """)
                .withApp("helloworld-v1", App.serviceTime(Latency.exponential(Duration.ofMillis(5))))
                .withApp("helloworld-v2", App.serviceTime(Latency.exponential(Duration.ofMillis(8))));
        TrafficResult r = mesh.send(3000).from("nginx").concurrency(12).to("helloworld:5000/hello");

        StringBuilder all = new StringBuilder();
        for (int i = 0; i < r.size(); i++) {
            all.append(r.outcomes().get(i)).append('|').append(r.latencyOf(i).toNanos()).append('\n');
        }
        assertThat(r.countByStatus()).containsKeys(200, 503);
        assertThat(Long.toHexString(XxHash64.hash(all.toString()))).isEqualTo("61101292e1fdd858");
    }
}
