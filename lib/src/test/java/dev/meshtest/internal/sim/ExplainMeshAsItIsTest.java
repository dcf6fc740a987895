package dev.meshtest.internal.sim;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.traffic.Decision;
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
        Mesh mesh = overflowing();
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

    private static Mesh overflowing() {
        return helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(100)))
                .apply("classpath:scenarios/helloworld-v1-pool-of-one.yaml");
    }

    @Test
    void aRequestOfAResultSentWithoutTracingIsExplainedAfterwards() {
        Mesh mesh = overflowing();
        TrafficResult r = mesh.send(10).from("nginx").concurrency(3).to("helloworld-v1:5000/hello");
        int failed = r.firstFailureIndex().orElseThrow();
        assertThat(failed).isEqualTo(1);
        Explanation e = r.explain(failed);
        assertThat(e.steps()).containsExactly(
                "request 2 of 10",
                "DNS in namespace default: helloworld-v1 -> " + clusterIp(mesh, "helloworld-v1"),
                "sidecar of nginx: listener 0.0.0.0_5000",
                ROUTE,
                "cluster " + V1 + " (DestinationRule helloworld-v1.default, LEAST_REQUEST) picks " + host(mesh),
                "client-side circuit breaker of nginx, cluster " + V1 + ": http1MaxPendingRequests 1 reached (1 pending, "
                        + "1 of maxConnections 1 open): 503 UO, not retried");
        assertThat(e.outcome()).isEqualTo(r.outcomes().get(failed));
        // A selection explains its own requests by their place in the send.
        TrafficResult failures = r.select(i -> !r.outcomes().get(i).succeeded(), "failures");
        assertThat(failures.explain(0).steps().get(0)).isEqualTo("request 2 of 10");
    }

    @Test
    void everyReplayedRequestAnswersAsItDidAndLaterSendsAndAppChangesDoNotMatter() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(5)).failing(503, 0.5))
                .withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: helloworld}
                        spec:
                          hosts: [helloworld]
                          http:
                          - retries: {attempts: 2, retryOn: 5xx}
                            route:
                            - destination: {host: helloworld}
                        """);
        mesh.send(5).from("nginx").to("helloworld:5000/hello");
        TrafficResult r = mesh.send(40).from("nginx").concurrency(4).to("helloworld:5000/hello");
        mesh.send(5).from("nginx").to("helloworld:5000/hello");
        mesh.withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(1)));
        everyRequestReplaysAsSent(r);
    }

    /** Each request's explanation ends as the send answered it. */
    private static void everyRequestReplaysAsSent(TrafficResult r) {
        for (int i = 0; i < r.size(); i++) {
            assertThat(r.explain(i).outcome()).as("request %d", i).isEqualTo(r.outcomes().get(i));
        }
    }

    @Test
    void aResultMadeByItsConstructorHasNothingToReplay() {
        TrafficResult made = new TrafficResult("made", 1, new dev.meshtest.traffic.Outcome[] {
                dev.meshtest.traffic.Outcome.of(200)}, java.util.Map.of(), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> made.explain(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("explain(0): this result was not made by a mesh's send, so there is nothing to replay; "
                        + "explain a request of mesh.send(...)");
    }

    @Test
    void decisionsAreTypedByKind() {
        Mesh mesh = overflowing();
        Explanation e = mesh.explain(10).from("nginx").concurrency(3).to("helloworld-v1:5000/hello");
        assertThat(e.decisions()).extracting(Decision::kind).containsExactly(
                Decision.Kind.LOAD, Decision.Kind.DNS,
                Decision.Kind.LISTENER, Decision.Kind.ROUTE,
                Decision.Kind.ENDPOINT, Decision.Kind.CIRCUIT_BREAKER);
        assertThat(e.first(Decision.Kind.CIRCUIT_BREAKER)).get()
                .extracting(Decision::text).asString().contains("http1MaxPendingRequests 1 reached");
        assertThat(e.decisions(Decision.Kind.RETRY)).isEmpty();
        assertThat(e.steps()).hasSize(6);
    }

    @Test
    void aSendIsReplayedFromTheStateItStartedWithThoughOtherSendsCameBetween() {
        // Send A ejects v1 hosts, send B touches another cluster, send C goes back to A's cluster:
        // C's replay needs A's cluster as it was when C began, which only A and C touched.
        Mesh mesh = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(5)).failing(503, 0.4))
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld}
                        spec:
                          host: helloworld
                          trafficPolicy:
                            connectionPool: {tcp: {maxConnections: 2}, http: {http1MaxPendingRequests: 2}}
                            outlierDetection: {consecutive5xxErrors: 2, interval: 1s, baseEjectionTime: 2s, maxEjectionPercent: 100}
                        """);
        mesh.send(30).from("nginx").concurrency(2).to("helloworld:5000/hello");
        mesh.send(10).from("nginx").to("helloworld-v2:5000/hello");
        TrafficResult c = mesh.send(40).from("nginx").concurrency(4).to("helloworld:5000/hello");
        mesh.advance(Duration.ofSeconds(5));
        mesh.send(10).from("nginx").to("helloworld:5000/hello");
        assertThat(c.countByStatus()).containsKeys(200, 503);
        everyRequestReplaysAsSent(c);
    }

    @Test
    void aReplayUsesTheHeadersTheSendMadeNotTheFunctionAgain() {
        Mesh mesh = helloworld().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  http:
                  - match: [{headers: {end-user: {exact: jason}}}]
                    route: [{destination: {host: helloworld-v2}}]
                  - route: [{destination: {host: helloworld-v1}}]
                """);
        // A header function with state: asked again, it would give other headers.
        int[] calls = {0};
        TrafficResult r = mesh.send(4).from("nginx")
                .headers(i -> java.util.Map.of("end-user", calls[0]++ < 2 ? "jason" : "someone"))
                .to("helloworld:5000/hello");
        assertThat(r.countByWorkload()).containsEntry("helloworld-v2", 2L).containsEntry("helloworld-v1", 2L);
        for (int i = 0; i < 4; i++) {
            assertThat(r.explain(i).outcome()).isEqualTo(r.outcomes().get(i));
        }
        assertThat(calls[0]).isEqualTo(4);
    }
}
