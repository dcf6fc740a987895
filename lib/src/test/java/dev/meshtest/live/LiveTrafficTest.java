package dev.meshtest.live;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.LiveTraffic;
import dev.meshtest.Mesh;
import dev.meshtest.PushDelay;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Live traffic on the wall clock, watched with Awaitility. What happens when depends on the wall
 * clock, so these tests assert what must hold whatever the timing, within bounded wall time.
 */
class LiveTrafficTest {

    private static Mesh canary() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx").withPod("sleep")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply(TimelineTest.split(0, 100));
    }

    @AfterEach
    void noLiveThreadLeft() {
        assertThat(LiveThreads.running()).as("meshtest-live threads after the test").isEmpty();
    }

    @Test
    @DisplayName("A weighted shift 0/100 -> 80/20 observed live with Awaitility; right after the apply the proxy has the old version")
    void weightedShiftLive() {
        // 20 virtual seconds of push delay at 10x: the proxy keeps the old version for 2 s of wall time.
        Mesh mesh = canary().withLiveSpeedUp(10).withPushDelay(PushDelay.fixed(Duration.ofSeconds(20)));
        long before = mesh.proxyConfig("nginx").version();
        try (LiveTraffic live = mesh.startTraffic().from("nginx").rate(200).named("terminal 1").to("http://helloworld:5000/hello")) {
            live.await().untilAsserted(() -> assertThat(live.total().size()).isGreaterThan(50));
            assertThat(live.total().countByWorkload()).containsOnlyKeys("helloworld-v2");
            mesh.apply(TimelineTest.split(80, 20));
            // Kubernetes has the change; nginx's proxy does not yet.
            assertThat(mesh.proxyConfig("nginx").version()).isEqualTo(before);
            live.await().untilAsserted(() -> assertThat(live.last(400)).reached("helloworld-v1").withShare(0.8));
            assertThat(mesh.proxyConfig("nginx").version()).isGreaterThan(before);
            assertThat(live.name()).isEqualTo("terminal 1");
            assertThat(live.running()).isTrue();
        }
        // Stopped: the mesh is at rest, every proxy has the change, and sends work again.
        assertThat(mesh.send(1000).from("sleep").to("http://helloworld:5000/hello")).reached("helloworld-v1").withShare(0.8);
    }

    @Test
    @DisplayName("E7 live: one terminal alone succeeds; once a second terminal runs, the first sees 503 UO")
    void e7Live() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:experiments/e6-circular.yaml")
                .apply("classpath:experiments/e7-max-connection.yaml")
                .withLiveSpeedUp(5);
        String url = "http://helloworld-v2.default.svc.cluster.local:5000/hello";
        Duration curlStart = Duration.ofMillis(5);
        try (LiveTraffic one = mesh.startTraffic().from("nginx").thinkTime(curlStart).named("terminal 1").to(url)) {
            one.await().untilAsserted(() -> assertThat(one.total().size()).isGreaterThanOrEqualTo(20));
            assertThat(one.total().countByStatus()).containsOnlyKeys(200);
            try (LiveTraffic two = mesh.startTraffic().from("nginx").thinkTime(curlStart).named("terminal 2").to(url)) {
                one.await().untilAsserted(() -> assertThat(one.window(Duration.ofSeconds(2)).countByFlag())
                        .containsKey(ResponseFlag.UPSTREAM_OVERFLOW));
                assertThat(two.total().countByWorkload()).doesNotContainKey("helloworld-v2");   // E6 reroutes v2's host
            }
            TrafficResult total = one.total();
            // A failed assertion on a snapshot says the seed and shows the snapshot's traffic.
            assertThatThrownBy(() -> assertThat(total).allReached("helloworld-v2"))
                    .hasMessageContaining("seed 42")
                    .hasMessageContaining("terminal 1: live x GET")
                    .hasMessageContaining("503");
            assertThat(total.description()).startsWith("terminal 1: live x GET http://helloworld-v2.default.svc.cluster.local:5000/hello");
            assertThatThrownBy(() -> total.explain(0)).hasMessageContaining("a live snapshot cannot replay");
        }
    }

    @Test
    @DisplayName("awaitConvergence waits until every proxy has the change; between sends it returns at once")
    void awaitConvergence() {
        Mesh mesh = canary().withLiveSpeedUp(20);
        assertThat(mesh.awaitConvergence()).isSameAs(mesh);
        try (LiveTraffic live = mesh.startTraffic().from("sleep").to("http://helloworld:5000/hello")) {
            long before = mesh.proxyConfig("nginx").version();
            mesh.apply(TimelineTest.split(100, 0)).awaitConvergence();
            assertThat(mesh.proxyConfig("nginx").version()).isGreaterThan(before);
            assertThat(mesh.proxyConfig("sleep").version()).isEqualTo(mesh.proxyConfig("nginx").version());
            int converged = live.total().size();
            live.await().untilAsserted(() -> assertThat(live.total().size()).isGreaterThan(converged + 20));
            // Requests started after convergence all take the new route.
            TrafficResult after = live.last(10);
            assertThat(after.countByWorkload()).containsOnlyKeys("helloworld-v1");
        }
    }

    @Test
    @DisplayName("While live traffic runs, sends and other changes are refused with what to do")
    void refusedWhileLive() {
        Mesh mesh = canary();
        LiveTraffic live = mesh.startTraffic().from("nginx").to("http://helloworld:5000/hello");
        try {
            assertThatThrownBy(() -> mesh.send(1).from("nginx").to("http://helloworld:5000/hello"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("send(...) while live traffic runs")
                    .hasMessageContaining("mesh.stopTraffic()");
            assertThatThrownBy(() -> mesh.timeline().send(1).from("nginx").to("http://helloworld:5000/hello").run())
                    .hasMessageContaining("timeline().run() while live traffic runs");
            assertThatThrownBy(() -> mesh.advance(Duration.ofSeconds(1))).hasMessageContaining("advance(...) while live traffic runs");
        } finally {
            mesh.stopTraffic();
        }
        assertThat(live.running()).isFalse();
        live.stop();   // idempotent
        assertThat(live.running()).isFalse();
        assertThat(mesh.send(1).from("nginx").to("http://helloworld:5000/hello").size()).isEqualTo(1);
    }

    @Test
    @DisplayName("A live client whose answers take no time at all stops the live traffic with what to do")
    void instantAnswersStopLiveTraffic() {
        Mesh mesh = canary();
        LiveTraffic live = mesh.startTraffic().from("nginx").to("http://no-such-host:5000/");
        assertThatThrownBy(() -> live.await().until(() -> live.total().size() < 0))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("every answer is instant");
        assertThatThrownBy(live::total).hasMessageContaining("live traffic stopped: a client's requests are answered "
                + "without any virtual time passing").hasMessageContaining("thinkTime");
        // Stopping still ends the run, and says once more what went wrong.
        assertThatThrownBy(live::stop).hasMessageContaining("live traffic stopped");
        assertThat(live.running()).isFalse();
        assertThat(mesh.send(1).from("nginx").to("http://helloworld:5000/hello").size()).isEqualTo(1);
        // At rest again: an explanation forks the data plane, which it refuses with requests in flight.
        assertThat(mesh.explain().from("nginx").to("http://helloworld:5000/hello").outcome().status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Two meshes live at once do not interfere")
    void twoMeshes() {
        Mesh a = canary().withLiveSpeedUp(10);
        Mesh b = canary().withLiveSpeedUp(10).apply(TimelineTest.split(100, 0));
        try (LiveTraffic la = a.startTraffic().from("nginx").to("http://helloworld:5000/hello");
             LiveTraffic lb = b.startTraffic().from("nginx").to("http://helloworld:5000/hello")) {
            la.await().untilAsserted(() -> assertThat(la.total().size()).isGreaterThan(20));
            lb.await().untilAsserted(() -> assertThat(lb.total().size()).isGreaterThan(20));
            assertThat(la.total().countByWorkload()).containsOnlyKeys("helloworld-v2");
            assertThat(lb.total().countByWorkload()).containsOnlyKeys("helloworld-v1");
        }
    }
}
