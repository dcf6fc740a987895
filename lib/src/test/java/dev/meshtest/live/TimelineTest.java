package dev.meshtest.live;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.meshtest.Mesh;
import dev.meshtest.PushDelay;
import dev.meshtest.Timeline;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.traffic.ConfigPush;
import dev.meshtest.traffic.Decision;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TimelineResult;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Timelines: clients that start at different times, changes that reach the proxies as istiod pushes them. */
class TimelineTest {

    private static final String V2_URL = "http://helloworld-v2.default.svc.cluster.local:5000/hello";

    /** E6 (two VirtualServices that swap v1 and v2) plus E7 (http2MaxRequests: 1 on helloworld-v1). */
    private static Mesh e7() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:experiments/e6-circular.yaml")
                .apply("classpath:experiments/e7-max-connection.yaml");
    }

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

    private static Mesh canary() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx").withPod("sleep")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply(split(0, 100));
    }

    @Test
    @DisplayName("E7 as the blog post did it: one terminal alone never overflows; the second, from 10 s, overflows both")
    void e7SecondTerminalAtTenSeconds() {
        // A shell loop starts a new curl a few milliseconds after the last one ended: without that
        // pause, the first terminal would take the one free slot back at the very moment it frees it.
        Duration curlStart = Duration.ofMillis(5);
        TimelineResult t = e7().timeline()
                .send(Duration.ofSeconds(20)).from("nginx").thinkTime(curlStart).named("terminal 1").to(V2_URL)
                .send(Duration.ofSeconds(10)).startingAt(Duration.ofSeconds(10)).from("nginx").thinkTime(curlStart)
                .named("terminal 2").to(V2_URL)
                .run();
        TrafficResult one = t.client("terminal 1");
        TrafficResult two = t.client("terminal 2");
        // Alone, terminal 1 never overflows: every request answered by v1 (E6 reroutes v2's host).
        TrafficResult alone = one.between(Duration.ZERO, Duration.ofSeconds(10));
        assertThat(alone.countByStatus()).containsOnlyKeys(200);
        assertThat(alone.countByWorkload()).containsOnlyKeys("helloworld-v1");
        // Terminal 2 starts at 10 s: nothing before, and from then on both see 503 UO.
        assertThat(two.firstStartAt()).contains(Duration.ofSeconds(10));
        assertThat(one.between(Duration.ofSeconds(10), Duration.ofSeconds(20)).countByFlag()).containsKey(ResponseFlag.UPSTREAM_OVERFLOW);
        assertThat(two.countByFlag()).containsKey(ResponseFlag.UPSTREAM_OVERFLOW);
        for (long second = 0; second < 10; second++) {
            assertThat(t.perSecond("terminal 1").get(second)).containsOnlyKeys("helloworld-v1");
        }
        for (long second = 10; second < 20; second++) {
            assertThat(t.perSecond("terminal 1").get(second)).containsOnlyKeys("helloworld-v1", "503 UO");
            assertThat(t.perSecond("terminal 2").get(second)).containsOnlyKeys("helloworld-v1", "503 UO");
        }
        assertThat(t.perSecond("terminal 2").firstKey()).isEqualTo(10L);
        assertThat(t.perSecond("terminal 2").lastKey()).isEqualTo(19L);
        // Exact for the seed: the counts of the first second alone and of the first second together.
        assertThat(t.perSecond("terminal 1").get(0L)).isEqualTo(Map.of("helloworld-v1", EXPECTED_ALONE));
        assertThat(t.perSecond("terminal 1").get(10L)).isEqualTo(EXPECTED_TOGETHER_1);
        assertThat(t.perSecond("terminal 2").get(10L)).isEqualTo(EXPECTED_TOGETHER_2);
        assertThat(t.pushes()).isEmpty();
        assertThat(t.toString()).contains("terminal 1: helloworld-v1 x" + EXPECTED_ALONE);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) dev.meshtest.internal.text.JsonParser.parse(t.toJson());
        assertThat(json).containsEntry("kind", "TimelineResult").containsEntry("pushes", List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                ((List<Object>) json.get("clients")).get(1)).get("bySecond")).get("10");
        assertThat(second).containsEntry("503 UO", 86L).containsEntry("helloworld-v1", 5L);
    }

    /** helloworld answers in 100 ms: ten requests a second alone; together, the slot's holder gets five. */
    static final long EXPECTED_ALONE = 10;
    static final Map<String, Long> EXPECTED_TOGETHER_1 = Map.of("helloworld-v1", 5L, "503 UO", 90L);
    static final Map<String, Long> EXPECTED_TOGETHER_2 = Map.of("helloworld-v1", 5L, "503 UO", 86L);

    @Test
    @DisplayName("A weighted shift 0/100 -> 80/20 at 5 s: each proxy switches when its push arrives, not at the apply")
    void weightedShiftReachesEachProxyWhenItsPushArrives() {
        TimelineResult t = canary().timeline()
                .send(Duration.ofSeconds(10)).from("nginx").rate(100).to("http://helloworld:5000/hello")
                .send(Duration.ofSeconds(10)).from("sleep").rate(100).to("http://helloworld:5000/hello")
                .at(Duration.ofSeconds(5)).apply(split(80, 20))
                .run();
        List<ConfigPush> toNginx = t.pushesTo("nginx");
        List<ConfigPush> toSleep = t.pushesTo("sleep");
        assertThat(toNginx).hasSize(1);
        assertThat(toSleep).hasSize(1);
        Duration nginxAt = toNginx.get(0).at();
        Duration sleepAt = toSleep.get(0).at();
        // istiod's debounce (100 ms of quiet), then a delivery of 10 to 250 ms to each proxy.
        assertThat(nginxAt).isBetween(Duration.ofMillis(5110), Duration.ofMillis(5350));
        assertThat(sleepAt).isBetween(Duration.ofMillis(5110), Duration.ofMillis(5350));
        assertThat(nginxAt).isNotEqualTo(sleepAt);
        // Exact for the seed: one draw per proxy and push, whatever order they are pushed in.
        assertThat(t.pushes()).extracting(ConfigPush::workload, ConfigPush::at).containsExactly(
                tuple("nginx", Duration.ofMillis(5146)), tuple("helloworld-v1", Duration.ofMillis(5222)),
                tuple("istio-ingressgateway", Duration.ofMillis(5238)), tuple("helloworld-v2", Duration.ofMillis(5256)),
                tuple("sleep", Duration.ofMillis(5276)));
        for (String client : List.of("client 1", "client 2")) {
            Duration switched = client.equals("client 1") ? nginxAt : sleepAt;
            TrafficResult r = t.client(client);
            // Before its proxy has the push, every request goes the old way: v2 alone, also right after the apply.
            TrafficResult before = r.select(i -> r.startOf(i).compareTo(switched) < 0, "before the push");
            assertThat(before.countByWorkload()).containsOnlyKeys("helloworld-v2");
            assertThat(before.size()).isGreaterThan(500);
            TrafficResult after = r.select(i -> r.startOf(i).compareTo(switched) >= 0, "after the push");
            assertThat(after).reached("helloworld-v1").withShare(0.8);
        }
        // The same timeline with the same seed: the same pushes, the same answers.
        TimelineResult again = canary().timeline()
                .send(Duration.ofSeconds(10)).from("nginx").rate(100).to("http://helloworld:5000/hello")
                .send(Duration.ofSeconds(10)).from("sleep").rate(100).to("http://helloworld:5000/hello")
                .at(Duration.ofSeconds(5)).apply(split(80, 20))
                .run();
        assertThat(again.pushes()).isEqualTo(t.pushes());
        assertThat(again.client("client 1").outcomes()).isEqualTo(t.client("client 1").outcomes());
        assertThat(again.toString()).isEqualTo(t.toString());
    }

    @Test
    @DisplayName("PushDelay.NONE: every proxy switches at the moment of the change")
    void instantPushes() {
        TimelineResult t = canary().withPushDelay(PushDelay.NONE).timeline()
                .send(Duration.ofSeconds(2)).from("nginx").rate(100).to("http://helloworld:5000/hello")
                .at(Duration.ofSeconds(1)).apply(split(100, 0))
                .run();
        assertThat(t.pushesTo("nginx")).extracting(ConfigPush::at).containsExactly(Duration.ofSeconds(1));
        TrafficResult r = t.client("client 1");
        assertThat(r.between(Duration.ZERO, Duration.ofSeconds(1)).countByWorkload()).containsOnlyKeys("helloworld-v2");
        assertThat(r.between(Duration.ofSeconds(1), Duration.ofSeconds(2)).countByWorkload()).containsOnlyKeys("helloworld-v1");
    }

    @Test
    @DisplayName("istiod's debounce: changes 50 ms apart go out together, 100 ms after the last")
    void debounceMergesChanges() {
        PushDelay debounceOnly = new PushDelay(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO);
        TimelineResult t = canary().withPushDelay(debounceOnly).timeline()
                .send(Duration.ofSeconds(2)).from("nginx").rate(10).to("http://helloworld:5000/hello")
                .at(Duration.ofMillis(1000)).apply(split(50, 50))
                .at(Duration.ofMillis(1050)).apply(split(100, 0))
                .run();
        // One push, with the latest version, when 100 ms passed without a change.
        assertThat(t.pushesTo("nginx")).extracting(ConfigPush::at).containsExactly(Duration.ofMillis(1150));
        assertThat(t.pushesTo("nginx").get(0).version()).isEqualTo(t.pushesTo("sleep").get(0).version());
        TrafficResult r = t.client("client 1");
        assertThat(r.between(Duration.ZERO, Duration.ofMillis(1150)).countByWorkload()).containsOnlyKeys("helloworld-v2");
        assertThat(r.between(Duration.ofMillis(1150), Duration.ofSeconds(2)).countByWorkload()).containsOnlyKeys("helloworld-v1");
    }

    @Test
    @DisplayName("istiod's debounce: changes that never stop go out PILOT_DEBOUNCE_MAX after the first")
    void debounceMax() {
        PushDelay debounceOnly = new PushDelay(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO);
        Timeline timeline = canary().withPushDelay(debounceOnly).timeline()
                .send(Duration.ofSeconds(13)).from("nginx").rate(1).to("http://helloworld:5000/hello");
        for (int ms = 0; ms <= 12_000; ms += 50) {
            timeline.at(Duration.ofMillis(ms)).apply(split(ms / 50 % 2 == 0 ? 100 : 99, ms / 50 % 2 == 0 ? 0 : 1));
        }
        TimelineResult t = timeline.run();
        // The first round began at 0 and never had 100 ms of quiet: pushed at 10 s; the second ends 100 ms after the last change.
        assertThat(t.pushesTo("nginx")).extracting(ConfigPush::at)
                .containsExactly(Duration.ofSeconds(10), Duration.ofMillis(12_100));
    }

    @Test
    @DisplayName("A deleted pod is gone at once; a proxy that has not yet heard still sends to it and is refused")
    void staleEndpointsAreRefused() {
        TimelineResult t = canary().apply(split(50, 50)).withPushDelay(PushDelay.fixed(Duration.ofMillis(500))).timeline()
                .send(Duration.ofSeconds(2)).from("nginx").rate(50).to("http://helloworld:5000/hello")
                .at(Duration.ofSeconds(1)).delete(new ResourceRef("Deployment", "default", "helloworld-v1"))
                .run();
        TrafficResult r = t.client("client 1");
        // Until nginx's push at 1.5 s, its helloworld-v1 cluster still lists the deleted pod: refused, retried, refused.
        assertThat(t.pushesTo("nginx")).extracting(ConfigPush::at).containsExactly(Duration.ofMillis(1500));
        TrafficResult stale = r.between(Duration.ofSeconds(1), Duration.ofMillis(1500));
        assertThat(stale.where(o -> o.status() == 503, "the 503s").countByFlag()).containsOnlyKeys(
                ResponseFlag.UPSTREAM_CONNECTION_FAILURE, ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED);
        assertThat(r.explain(r.firstFailureIndex().orElseThrow()).toString())
                .contains("is gone from the cluster; the sending proxy's endpoints are older");
        // From the push on, the cluster has no endpoint: no healthy upstream.
        TrafficResult after = r.between(Duration.ofMillis(1500), Duration.ofSeconds(2));
        assertThat(after.where(o -> o.status() == 503, "the 503s").countByFlag()).containsOnlyKeys(ResponseFlag.NO_HEALTHY_UPSTREAM);
        assertThat(t.perSecond("client 1").get(1L)).isEqualTo(Map.of("503 UF,URX", 16L, "503 UH", 7L, "helloworld-v2", 27L));
    }

    @Test
    @DisplayName("DNS takes a change at once: a Service created at 1 s resolves from then on, deleted at 2 s no longer")
    void dnsTakesAChangeAtOnce() {
        String service = """
                apiVersion: v1
                kind: Service
                metadata: {name: hello2}
                spec:
                  ports: [{name: http, port: 5000}]
                  selector: {app: helloworld, version: v2}
                """;
        TimelineResult t = canary().withPushDelay(PushDelay.NONE).timeline()
                .send(Duration.ofSeconds(3)).from("nginx").rate(10).to("http://hello2:5000/hello")
                .at(Duration.ofSeconds(1)).apply(service)
                .at(Duration.ofSeconds(2)).delete(new ResourceRef("Service", "default", "hello2"))
                .run();
        TrafficResult r = t.client("client 1");

        assertThat(r.outcomes().get(0).where()).isEqualTo("curl: (6) Could not resolve host: hello2");
        assertThat(t.perSecond("client 1")).containsExactly(Map.entry(0L, Map.of("0", 10L)),
                Map.entry(1L, Map.of("helloworld-v2", 10L)), Map.entry(2L, Map.of("0", 10L)));
    }

    @Test
    @DisplayName("Before the push reaches nginx, its sidecar passes a new Service's ClusterIP through, and kube-proxy, which has the change, picks a pod")
    void kubeProxyTakesAChangeBeforeTheSidecar() {
        TimelineResult t = canary().timeline()
                .send(Duration.ofSeconds(3)).from("nginx").rate(10).to("http://hello2:5000/hello")
                .at(Duration.ofSeconds(1)).apply("""
                        apiVersion: v1
                        kind: Service
                        metadata: {name: hello2}
                        spec:
                          ports: [{name: http, port: 5000}]
                          selector: {app: helloworld, version: v2}
                        """)
                .run();
        TrafficResult r = t.client("client 1");

        assertThat(t.pushesTo("nginx")).extracting(ConfigPush::at).containsExactly(Duration.ofMillis(1146));
        assertThat(t.perSecond("client 1").get(1L)).isEqualTo(Map.of("helloworld-v2", 10L));
        assertThat(r.explain(10).toString())
                .contains("the cluster has version 6, whose push from istiod has not reached this proxy yet")
                .contains("route 5000 > virtual host allow_any > allow_any (match /*)")
                .contains("kube-proxy: Service default/hello2 picks helloworld-v2-");
    }

    @Test
    @DisplayName("A client whose own pod a change deletes stops sending, with one last answer that says so")
    void clientPodDeleted() {
        TimelineResult t = canary().timeline()
                .send(Duration.ofSeconds(3)).from("sleep").rate(10).to("http://helloworld:5000/hello")
                .send(Duration.ofSeconds(3)).from("nginx").rate(10).to("http://helloworld:5000/hello")
                .at(Duration.ofSeconds(1)).delete(new ResourceRef("Pod", "default", "sleep"))
                .run();
        TrafficResult sleep = t.client("client 1");
        assertThat(sleep.size()).isEqualTo(11);
        assertThat(sleep.outcomes().get(10).body()).isEqualTo("command terminated with exit code 137: pod default/sleep was deleted");
        assertThat(sleep.between(Duration.ZERO, Duration.ofSeconds(1)).countByWorkload()).containsOnlyKeys("helloworld-v2");
        assertThat(t.client("client 2").size()).isEqualTo(30);
    }

    @Test
    @DisplayName("A client kept aggregated over more than 1,024 seconds has no per-second series; the timeline still prints")
    void longAggregatedClient() {
        TimelineResult t = canary().timeline()
                .send(Duration.ofSeconds(1100)).from("nginx").rate(1).aggregate().named("long").to("http://helloworld:5000/hello")
                .run();
        assertThatThrownBy(() -> t.perSecond("long")).isInstanceOf(IllegalStateException.class).hasMessageContaining("bins of 2s");
        assertThat(t.toString()).contains("long: 1100 requests, kept in bins longer than a second: see client(\"long\")");
        assertThat(t.toJson()).contains("\"bySecond\": null");
    }

    @Test
    @DisplayName("A timeline's request explains itself by playing the timeline again, with the version its proxy had")
    void explainsWithTheVersionTheProxyHad() {
        Mesh mesh = canary().withPushDelay(PushDelay.fixed(Duration.ofMillis(500)));
        TimelineResult t = mesh.timeline()
                .send(Duration.ofSeconds(2)).from("nginx").rate(10).to("http://helloworld:5000/hello")
                .at(Duration.ofSeconds(1)).apply(split(100, 0))
                .run();
        mesh.withPushDelay(PushDelay.NONE);   // the replay pushes as the timeline did
        TrafficResult r = t.client("client 1");
        // Request 12 starts at 1.1 s: after the apply, before nginx's push at 1.5 s.
        assertThat(r.startOf(12)).isEqualTo(Duration.ofMillis(1200));
        Outcome o = r.outcomes().get(12);
        assertThat(o.workload()).contains("helloworld-v2");
        assertThat(r.explain(12).toString()).contains("helloworld-v2").contains("request 13 of 20 of client 1");
        // The explanation says why: nginx's sidecar still has the version before the apply.
        long before = t.pushesTo("nginx").get(0).version() - 1;
        assertThat(r.explain(12).decisions(Decision.Kind.CONFIG)).extracting(Decision::text).containsExactly(
                "sidecar of nginx routes with configuration version " + before + "; the cluster has version " + (before + 1)
                        + ", whose push from istiod has not reached this proxy yet");
        assertThat(r.explain(16).decisions(Decision.Kind.CONFIG)).isEmpty();
        assertThat(r.outcomes().get(16).workload()).contains("helloworld-v1");
    }

    @Test
    @DisplayName("A change the cluster rejects fails the timeline before anything runs, and nothing is applied")
    void rejectedChangeAppliesNothing() {
        Mesh mesh = canary();
        long version = mesh.proxyConfig("nginx").version();
        Duration now = mesh.now();
        assertThatThrownBy(() -> mesh.timeline()
                .send(10).from("nginx").to("http://helloworld:5000/hello")
                .at(Duration.ofSeconds(1)).apply(split(100, 0))
                .at(Duration.ofSeconds(2)).apply("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: Bad_Name}
                        spec:
                          hosts: [helloworld]
                          http:
                          - route:
                            - {destination: {host: helloworld-v1}}
                        """)
                .run())
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("metadata.name");
        assertThat(mesh.proxyConfig("nginx").version()).isEqualTo(version);
        assertThat(mesh.now()).isEqualTo(now);
        assertThat(mesh.send(100).from("nginx").to("http://helloworld:5000/hello").countByWorkload())
                .containsOnlyKeys("helloworld-v2");
    }

    @Test
    @DisplayName("After a timeline, the mesh has every change, every proxy the last version, the clock at the timeline's end")
    void meshAfterATimeline() {
        Mesh mesh = canary();
        TimelineResult t = mesh.timeline()
                .send(Duration.ofSeconds(1)).from("nginx").to("http://helloworld:5000/hello")
                .at(Duration.ofMillis(900)).apply(split(100, 0))
                .run();
        assertThat(mesh.now()).isEqualTo(t.startedAt().plus(t.elapsed()));
        assertThat(t.elapsed()).isGreaterThan(Duration.ofSeconds(1));   // the push came after the traffic
        assertThat(mesh.proxyConfig("nginx").version()).isEqualTo(t.pushesTo("nginx").get(0).version());
        assertThat(mesh.send(100).from("nginx").to("http://helloworld:5000/hello").countByWorkload())
                .containsOnlyKeys("helloworld-v1");
        assertThat(t.changes()).hasSize(1);
        assertThat(t.changes().get(0).lines()).containsExactly("virtualservice.networking.istio.io/helloworld configured");
    }

    @Test
    @DisplayName("onTraffic listeners (the JUnit extension's failure report) hear each client of a timeline")
    void listenersHearEachClient() {
        List<TrafficResult> heard = new java.util.ArrayList<>();
        TimelineResult t = canary().onTraffic(heard::add).timeline()
                .send(3).from("nginx").named("a").to("http://helloworld:5000/hello")
                .send(2).from("sleep").named("b").to("http://helloworld:5000/hello")
                .run();
        assertThat(heard).containsExactly(t.client("a"), t.client("b"));
    }

    @Test
    @DisplayName("Ramp-up: a closed loop's loops start one after another; an open loop's rate rises linearly")
    void rampUp() {
        TimelineResult t = canary().timeline()
                .send(Duration.ofSeconds(4)).from("nginx").concurrency(4).thinkTime(Duration.ofMillis(100))
                .rampUp(Duration.ofSeconds(2)).to("http://helloworld:5000/hello")
                .send(Duration.ofSeconds(4)).from("sleep").rate(100).rampUp(Duration.ofSeconds(2)).to("http://helloworld:5000/hello")
                .run();
        TrafficResult loops = t.client("client 1");
        // Loop k of 4 starts at k * 0.5 s.
        assertThat(loops.between(Duration.ZERO, Duration.ofMillis(500)).size()).isLessThan(
                loops.between(Duration.ofMillis(1500), Duration.ofMillis(2000)).size());
        TrafficResult open = t.client("client 2");
        // Expected starts: 0.5 x 100/s x 2 s = 100 during the ramp, then 100 per second.
        assertThat(open.between(Duration.ZERO, Duration.ofSeconds(2)).size()).isEqualTo(100);
        assertThat(open.between(Duration.ofSeconds(2), Duration.ofSeconds(4)).size()).isEqualTo(200);
        assertThat(open.between(Duration.ZERO, Duration.ofSeconds(1)).size()).isEqualTo(25);
    }

    @Test
    @DisplayName("startingAt on a plain send: the clock moves on first")
    void startingAtOnASend() {
        Mesh mesh = canary();
        Duration before = mesh.now();
        TrafficResult r = mesh.send(1).from("nginx").startingAt(Duration.ofSeconds(3)).named("later").to("http://helloworld:5000/hello");
        assertThat(r.startedAt()).isEqualTo(before.plus(Duration.ofSeconds(3)));
        assertThat(r.description()).startsWith("later: 1 x GET");
        // explain(n) on a fork does the same: an outlier ejection 30 s long is over 40 s later.
        Mesh ejecting = canary().apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: helloworld-v2}
                spec:
                  host: helloworld-v2
                  trafficPolicy: {outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}}
                """).withApp("helloworld-v2", dev.meshtest.app.App.generic().status(503));
        ejecting.send(2).from("nginx").to("http://helloworld:5000/hello");
        assertThat(ejecting.explain(1).from("nginx").to("http://helloworld:5000/hello").outcome().flags())
                .contains(ResponseFlag.NO_HEALTHY_UPSTREAM);
        assertThat(ejecting.explain(1).from("nginx").startingAt(Duration.ofSeconds(40)).to("http://helloworld:5000/hello")
                .outcome().status()).isEqualTo(503);
        assertThat(ejecting.explain(1).from("nginx").startingAt(Duration.ofSeconds(40)).to("http://helloworld:5000/hello")
                .outcome().flags()).doesNotContain(ResponseFlag.NO_HEALTHY_UPSTREAM);
    }

    @Test
    @DisplayName("Clients are named apart; an unknown name says which there are")
    void clientNames() {
        assertThatThrownBy(() -> canary().timeline()
                .send(1).from("nginx").named("a").to("http://helloworld:5000/hello")
                .send(1).from("nginx").named("a").to("http://helloworld:5000/hello"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two clients named \"a\"");
        TimelineResult t = canary().timeline().send(1).from("nginx").to("http://helloworld:5000/hello").run();
        assertThatThrownBy(() -> t.client("b")).hasMessageContaining("no client named \"b\"").hasMessageContaining("[client 1]");
        assertThatThrownBy(() -> canary().timeline().run()).hasMessageContaining("a timeline without clients");
    }
}
