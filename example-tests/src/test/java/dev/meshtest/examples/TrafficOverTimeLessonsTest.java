package dev.meshtest.examples;

import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.LiveTraffic;
import dev.meshtest.Mesh;
import dev.meshtest.junit.MeshTest;
import dev.meshtest.traffic.ConfigPush;
import dev.meshtest.traffic.TimelineResult;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Istio's configuration is eventually consistent. Leave a curl loop running, apply a new
 * VirtualService, and the traffic shifts a moment later: istiod waits 100 ms for more changes
 * (its debounce), then pushes the new routes to every proxy, and each proxy switches when its push
 * arrives. The same experiment twice: on a timeline (virtual time, exact for the seed) and live
 * (the wall clock, watched with Awaitility).
 */
@DisplayName("Traffic over time: a canary applied while curl loops run")
@ExtendWith(LessonPrinter.class)
@MeshTest(fixtures = "helloworld")
class TrafficOverTimeLessonsTest {

    static String split(int v1, int v2) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  http:
                  - route:
                    - {destination: {host: helloworld-v1}, weight: %d}
                    - {destination: {host: helloworld-v2}, weight: %d}
                """.formatted(v1, v2);
    }

    @Test
    @DisplayName("Timeline: all to v2, then 80/20 applied at 5 s; nginx's sidecar switches when its push arrives, a little later")
    void onATimeline(Mesh mesh) {
        mesh.apply(split(0, 100)).withPod("sleep");
        TimelineResult t = mesh.timeline()
                .send(Duration.ofSeconds(10)).from("nginx").rate(50).named("nginx's loop").to("http://helloworld:5000/hello")
                .send(Duration.ofSeconds(10)).from("sleep").rate(50).named("sleep's loop").to("http://helloworld:5000/hello")
                .at(Duration.ofSeconds(5)).apply(split(80, 20))
                .run();
        System.out.println(t);
        ConfigPush toNginx = t.pushesTo("nginx").get(0);
        ConfigPush toSleep = t.pushesTo("sleep").get(0);
        // The apply is at 5 s; each proxy has it after istiod's 100 ms debounce and its own delivery.
        assertThat(toNginx.at()).isGreaterThan(Duration.ofMillis(5100));
        assertThat(toNginx.at()).isNotEqualTo(toSleep.at());
        TrafficResult nginx = t.client("nginx's loop");
        TrafficResult stillOld = nginx.select(i -> nginx.startOf(i).compareTo(toNginx.at()) < 0
                && nginx.startOf(i).compareTo(Duration.ofSeconds(5)) >= 0, "after the apply, before the push");
        assertThat(stillOld).allReached("helloworld-v2");
        assertThat(nginx.between(Duration.ofSeconds(6), Duration.ofSeconds(10))).reached("helloworld-v1").withShare(0.8);
    }

    @Test
    @DisplayName("Live: the same shift watched on the wall clock; the proxy keeps the old version for a moment")
    void live(Mesh mesh) {
        mesh.apply(split(0, 100)).withLiveSpeedUp(5);
        long before = mesh.proxyConfig("nginx").version();
        try (LiveTraffic loop = mesh.startTraffic().from("nginx").rate(100).named("terminal 1").to("http://helloworld:5000/hello")) {
            loop.await().until(() -> loop.total().size() > 20);
            assertThat(loop.total()).allReached("helloworld-v2");
            mesh.apply(split(80, 20));
            loop.await().untilAsserted(() -> assertThat(loop.last(300)).reached("helloworld-v1").withShare(0.8));
            assertThat(mesh.proxyConfig("nginx").version()).isGreaterThan(before);
            System.out.println(loop.window(Duration.ofSeconds(2)));
        }
    }
}
