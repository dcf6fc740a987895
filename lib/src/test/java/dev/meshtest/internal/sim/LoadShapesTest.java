package dev.meshtest.internal.sim;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.app.Latency;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import dev.meshtest.traffic.TrafficSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Load shapes, app behaviour and the clock, with exact virtual times. */
class LoadShapesTest {

    private static final String V1_URL = "http://helloworld-v1.default.svc.cluster.local:5000/hello";
    /** nginx's sidecar (0.5 ms) + helloworld's sidecar (0.5 ms) + helloworld (100 ms). */
    private static final Duration HELLO = Duration.ofMillis(101);

    static Mesh helloworld() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml");
    }

    private static Duration ms(double ms) {
        return Duration.ofNanos(Math.round(ms * 1_000_000));
    }

    @Test
    void sequentialRequestsFollowEachOtherAndTimeGoesOnAcrossSends() {
        Mesh mesh = helloworld();
        TrafficResult r = mesh.send(3).from("nginx").to(V1_URL);
        assertThat(r.latencyOf(0)).isEqualTo(HELLO);
        assertThat(r.startOf(1)).isEqualTo(HELLO);
        assertThat(r.startOf(2)).isEqualTo(HELLO.multipliedBy(2));
        assertThat(r.attemptsOf(0)).isEqualTo(1);
        assertThat(mesh.now()).isEqualTo(HELLO.multipliedBy(3));
        TrafficResult next = mesh.send(1).from("nginx").to(V1_URL);
        assertThat(next.startedAt()).isEqualTo(HELLO.multipliedBy(3));
        assertThat(next.startOf(0)).isEqualTo(Duration.ZERO);
        mesh.advance(Duration.ofSeconds(1));
        assertThat(mesh.now()).isEqualTo(HELLO.multipliedBy(4).plusSeconds(1));
    }

    @Test
    void helloworldAnswersItsVersionAndPod() {
        TrafficResult r = helloworld().send(1).from("nginx").to(V1_URL);
        Outcome o = r.outcomes().get(0);
        assertThat(o.body()).isEqualTo("Hello version: v1, instance: " + o.pod().orElseThrow() + "\n");
    }

    @Test
    void concurrentLoopsShareTheCount() {
        TrafficResult r = helloworld().send(5).from("nginx").concurrency(2).to(V1_URL);
        assertThat(r.startsNanos()).containsExactly(0, 0, HELLO.toNanos(), HELLO.toNanos(), 2 * HELLO.toNanos());
        assertThat(r.elapsed()).isEqualTo(HELLO.multipliedBy(3));
        assertThat(r.description()).startsWith("5 from 2 loops x GET");
    }

    @Test
    void fixedRateStartsRequestsOnASchedule() {
        TrafficResult r = helloworld().send(4).from("nginx").rate(20).to(V1_URL);
        assertThat(r.startsNanos()).containsExactly(0, 50_000_000, 100_000_000, 150_000_000);
        assertThat(r.latencyPercentile(100)).isEqualTo(HELLO); // an open loop: no queueing at an unlimited app
    }

    @Test
    void poissonRateIsSeededAndAveragesTheRate() {
        TrafficResult a = helloworld().send(2000).from("nginx").rate(100, TrafficSpec.Spacing.POISSON).to(V1_URL);
        TrafficResult b = helloworld().send(2000).from("nginx").rate(100, TrafficSpec.Spacing.POISSON).to(V1_URL);
        assertThat(a.startsNanos()).containsExactly(b.startsNanos());
        long last = a.startsNanos()[1999];
        assertThat(last / 1e9).isBetween(18.0, 22.0); // 2000 arrivals at 100/s: about 20 s
        assertThat(a.startsNanos()).isSorted();
    }

    @Test
    void aDurationSendsUntilItEnds() {
        TrafficResult r = helloworld().send(Duration.ofSeconds(1)).from("nginx").to(V1_URL);
        assertThat(r.size()).isEqualTo(10); // starts at 0, 101, ..., 909 ms
        TrafficResult open = helloworld().send(Duration.ofSeconds(2)).from("nginx").rate(10).to(V1_URL);
        assertThat(open.size()).isEqualTo(20);
        assertThat(open.countByStatusPerSecond()).containsExactly(Map.entry(0L, Map.of(200, 10L)), Map.entry(1L, Map.of(200, 10L)));
    }

    @Test
    void thinkTimePausesALoop() {
        TrafficResult r = helloworld().send(3).from("nginx").thinkTime(Duration.ofMillis(9)).to(V1_URL);
        assertThat(r.startsNanos()).containsExactly(0, 110_000_000, 220_000_000);
    }

    @Test
    void rateAndConcurrencyDoNotMix() {
        assertThatThrownBy(() -> helloworld().send(3).from("nginx").rate(5).concurrency(2))
                .hasMessageContaining("open loop");
    }

    @Test
    void appBehaviourFromTheDslAndFromAnnotations() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(20)).failing(503, 1.0).body("nope"))
                .apply("""
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: slow
                          labels: {app: slow}
                          annotations: {meshtest.dev/service-time: 250ms, meshtest.dev/status: "201"}
                        spec: {containers: [{name: slow, image: slow, ports: [{containerPort: 8080}]}]}
                        """);
        TrafficResult v1 = mesh.send(1).from("nginx").to(V1_URL);
        assertThat(v1.outcomes().get(0).status()).isEqualTo(503);
        assertThat(v1.outcomes().get(0).workload()).contains("helloworld-v1");
        assertThat(v1.outcomes().get(0).body()).isEqualTo("nope");
        assertThat(v1.latencyOf(0)).isEqualTo(ms(21));
        String slowIp = Internals.state(mesh).pod("default", "slow").orElseThrow().ip();
        TrafficResult slow = mesh.send(1).from("nginx").to("http://" + slowIp + ":8080/");
        assertThat(slow.outcomes().get(0).status()).isEqualTo(201);
        // A pod IP: the sidecar passes it through (ALLOW_ANY), then slow's sidecar and app.
        assertThat(slow.latencyOf(0)).isEqualTo(ms(251));
    }

    @Test
    void aClientWithoutSidecarPaysOnlyTheServerSidecar() {
        Mesh mesh = helloworld().withNamespace("plain", false).withPod("curl", "plain");
        TrafficResult r = mesh.send(2).from("plain/curl").to(V1_URL);
        assertThat(r.latencyOf(0)).isEqualTo(ms(100.5));
        assertThat(r.attemptsOf(0)).isEqualTo(1);
    }

    @Test
    void sidecarOverheadIsConfigurable() {
        TrafficResult r = helloworld().withSidecarOverhead(Duration.ZERO).send(1).from("nginx").to(V1_URL);
        assertThat(r.latencyOf(0)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void percentilesAndWindows() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.serviceTime(Latency.uniform(Duration.ofMillis(10), Duration.ofMillis(30))));
        TrafficResult r = mesh.send(1000).from("nginx").to(V1_URL);
        assertThat(r.latencyPercentile(50)).isBetween(ms(19), ms(23));
        assertThat(r.latencyPercentile(100)).isEqualTo(r.maxLatency()).isLessThanOrEqualTo(ms(31));
        assertThat(r.latencyPercentile(1)).isGreaterThanOrEqualTo(ms(11));
        TrafficResult firstSecond = r.between(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(firstSecond.size()).isEqualTo(r.countByStatusPerSecond().get(0L).get(200).intValue());
        assertThat(r.firstFailureAt()).isEmpty();
    }
}
