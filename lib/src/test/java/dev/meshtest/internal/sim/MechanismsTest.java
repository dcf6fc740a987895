package dev.meshtest.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.Replies;
import dev.meshtest.app.App;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each resilience mechanism of the data plane with exact virtual times, its policy written as a
 * user writes it: a VirtualService (timeout, retries, fault, mirror) or a DestinationRule
 * (connection pool, outlier detection), compiled by the proxy.
 *
 * <p>Where a policy must act on one side only: a pool on {@code helloworld-v1} limits the client
 * sidecars that call that host and no server, because the pods' primary Service is the older
 * {@code helloworld} (istio-rules §6.6, experiment E7); a pool on {@code helloworld} limits the helloworld
 * server sidecars for every caller, and a client that calls {@code helloworld-v1} sees no client
 * limit.
 */
class MechanismsTest {

    private static final String V1 = "outbound|5000||helloworld-v1.default.svc.cluster.local";
    private static final String V1_URL = "http://helloworld-v1.default.svc.cluster.local:5000/hello";

    private static Duration ms(double ms) {
        return Duration.ofNanos(Math.round(ms * 1_000_000));
    }

    private static Mesh helloworld() {
        return LoadShapesTest.helloworld();
    }

    /** A VirtualService for helloworld-v1 whose only rule routes there with {@code policy} (YAML lines at rule level). */
    private static String v1Rule(String policy) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld-v1}
                spec:
                  hosts: [helloworld-v1]
                  http:
                  - route:
                    - destination: {host: helloworld-v1}
                """ + policy.indent(4);
    }

    /** A DestinationRule for {@code host} with this top-level traffic policy (YAML lines). */
    private static String trafficPolicy(String host, String policy) {
        return """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: %s}
                spec:
                  host: %s
                  trafficPolicy:
                """.formatted(host, host) + policy.indent(4);
    }

    /** One request at a time on the pods' primary Service: enforced by the server sidecars (istio-rules §6.6). */
    private static final String SERVER_LIMIT = trafficPolicy("helloworld", "connectionPool: {http: {http2MaxRequests: 1}}");

    @Test
    void routeTimeoutAnswers504UtAtTheDeadline() {
        Mesh mesh = helloworld().withVirtualService(v1Rule("timeout: 50ms"));
        TrafficResult r = mesh.send(2).from("nginx").to(V1_URL);
        Outcome o = r.outcomes().get(0);
        assertThat(o).isEqualTo(Replies.sidecar(V1, 504, "upstream request timeout", ResponseFlag.UPSTREAM_REQUEST_TIMEOUT));
        assertThat(r.latencyOf(0)).isEqualTo(ms(50));
        assertThat(r.startOf(1)).isEqualTo(ms(50));
        assertThat(r.attemptsOf(0)).isEqualTo(1);
    }

    @Test
    void istioDefaultRetriesDoNotRetryAnApp503() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(10)).failing(503, 1));
        TrafficResult r = mesh.send(1).from("nginx").to(V1_URL);
        assertThat(r.outcomes().get(0).status()).isEqualTo(503);
        assertThat(r.outcomes().get(0).flagsText()).isEqualTo("-");
        assertThat(r.attemptsOf(0)).isEqualTo(1);
    }

    @Test
    void retriesOn5xxUntilExhaustedGiveTheLastResponseWithUrx() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(10)).failing(503, 1))
                .withVirtualService(v1Rule("retries: {attempts: 2, retryOn: 5xx}"));
        TrafficResult r = mesh.send(1).from("nginx").to(V1_URL);
        Outcome o = r.outcomes().get(0);
        assertThat(o.status()).isEqualTo(503);
        assertThat(o.flagsText()).isEqualTo("URX");
        assertThat(o.workload()).contains("helloworld-v1");
        assertThat(r.attemptsOf(0)).isEqualTo(3);
        // Three attempts of 11 ms each, plus two backoffs below 25 ms and 50 ms.
        assertThat(r.latencyOf(0)).isBetween(ms(33), ms(33 + 24 + 49));
    }

    @Test
    void retriesSucceedOnTheSecondAttempt() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(10)).failing(503, 0.5))
                .withVirtualService(v1Rule("retries: {attempts: 3, retryOn: gateway-error}"));
        TrafficResult r = mesh.send(400).from("nginx").to(V1_URL);
        // P(4 failures in a row) = 1/16: about 25 of 400 end as 503 URX.
        assertThat(r.countByStatus().get(200)).isBetween(350L, 395L);
        assertThat(r.countByFlag().get(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED)).isEqualTo(r.countByStatus().get(503));
        assertThat(r.countByAttempts().keySet()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void theRouteTimeoutCoversAllRetries() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(40)).failing(503, 1))
                .withVirtualService(v1Rule("""
                        timeout: 100ms
                        retries: {attempts: 5, retryOn: 5xx}
                        """));
        TrafficResult r = mesh.send(20).from("nginx").to(V1_URL);
        assertThat(r.countByFlag()).containsOnlyKeys(ResponseFlag.UPSTREAM_REQUEST_TIMEOUT);
        for (int i = 0; i < r.size(); i++) {
            assertThat(r.latencyOf(i)).isEqualTo(ms(100));
            assertThat(r.attemptsOf(i)).isBetween(2, 3);
        }
    }

    @Test
    void perTryTimeoutsAreRetriedOn5xxAndEndIn504UtUrx() {
        Mesh mesh = helloworld().withSidecarOverhead(Duration.ZERO)
                .withVirtualService(v1Rule("retries: {attempts: 2, retryOn: 5xx, perTryTimeout: 30ms}"));
        TrafficResult r = mesh.send(1).from("nginx").to(V1_URL);
        assertThat(r.outcomes().get(0)).isEqualTo(Replies.sidecar(V1, 504, "upstream request timeout", ResponseFlag.UPSTREAM_REQUEST_TIMEOUT, ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED));
        assertThat(r.attemptsOf(0)).isEqualTo(3);
        assertThat(r.latencyOf(0)).isBetween(ms(90), ms(90 + 24 + 49));
    }

    @Test
    void faultAbortIsALocalReplyNeverRetried() {
        Mesh mesh = helloworld().withVirtualService(v1Rule("""
                retries: {attempts: 2, retryOn: 5xx}
                fault:
                  abort: {httpStatus: 503, percentage: {value: 100}}
                """));
        TrafficResult r = mesh.send(1).from("nginx").to(V1_URL);
        assertThat(r.outcomes().get(0)).isEqualTo(Replies.sidecar("", 503, "fault filter abort", ResponseFlag.FAULT_INJECTED));
        assertThat(r.attemptsOf(0)).isZero();
        assertThat(r.latencyOf(0)).isEqualTo(ms(0.5));
    }

    @Test
    void faultDelayComesBeforeTheRouterAndItsTimeout() {
        Mesh mesh = helloworld().withVirtualService(v1Rule("""
                timeout: 150ms
                fault:
                  delay: {fixedDelay: 2s, percentage: {value: 100}}
                """));
        TrafficResult r = mesh.send(1).from("nginx").to(V1_URL);
        assertThat(r.outcomes().get(0).status()).isEqualTo(200);
        assertThat(r.outcomes().get(0).flagsText()).isEqualTo("DI");
        assertThat(r.latencyOf(0)).isEqualTo(ms(2101));
    }

    @Test
    void faultPercentagesAreSampledPerRequest() {
        Mesh mesh = helloworld().withVirtualService(v1Rule("""
                fault:
                  abort: {httpStatus: 500, percentage: {value: 25}}
                """));
        TrafficResult r = mesh.send(2000).from("nginx").to(V1_URL);
        assertThat(r.countByFlag().get(ResponseFlag.FAULT_INJECTED)).isBetween(420L, 580L);
    }

    @Test
    void outlierDetectionEjectsAFailingHostAndBringsItBack() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(10)).failing(500, 1))
                .withDestinationRule(trafficPolicy("helloworld",
                        "outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 3s, maxEjectionPercent: 100}"));
        TrafficResult r = mesh.send(Duration.ofSeconds(10)).from("nginx").rate(10).to("helloworld:5000/hello");
        // v1 answers 500 once, is ejected for 3 s (back at the first 1 s tick after), and again for 6 s.
        long v1Errors = r.countByStatus().getOrDefault(500, 0L);
        assertThat(v1Errors).isBetween(1L, 3L);
        assertThat(r.countByWorkload().get("helloworld-v2")).isEqualTo(r.size() - v1Errors);
        TrafficResult afterFirst = r.between(r.firstFailureAt().orElseThrow().plusMillis(1), r.firstFailureAt().orElseThrow().plusSeconds(3));
        assertThat(afterFirst.countByWorkload()).containsOnlyKeys("helloworld-v2");
    }

    @Test
    void allHostsEjectedIs503Uh() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(1)).failing(500, 1))
                .withDestinationRule(trafficPolicy("helloworld-v1",
                        "outlierDetection: {consecutive5xxErrors: 1, interval: 10s, baseEjectionTime: 30s, maxEjectionPercent: 100}"));
        TrafficResult r = mesh.send(3).from("nginx").to(V1_URL);
        assertThat(r.outcomes().get(0).status()).isEqualTo(500);
        assertThat(r.outcomes().get(1)).isEqualTo(Replies.sidecar(V1, 503, "no healthy upstream", ResponseFlag.NO_HEALTHY_UPSTREAM));
        assertThat(r.attemptsOf(1)).isEqualTo(1);
    }

    @Test
    void mirrorsAreFireAndForget() {
        Mesh mesh = helloworld().withApp("helloworld-v2", App.serviceTime(Duration.ofSeconds(5)).failing(500, 1))
                .withVirtualService(v1Rule("mirror: {host: helloworld-v2}"));
        TrafficResult r = mesh.send(10).from("nginx").to(V1_URL);
        assertThat(r.countByWorkload()).containsExactly(Map.entry("helloworld-v1", 10L));
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 10L));
        assertThat(r.mirrored()).isEqualTo(10);
        assertThat(r.latencyPercentile(100)).isEqualTo(ms(101));
        // The copies still take their 5 s on v2: the send ends when they are done.
        assertThat(mesh.now()).isEqualTo(ms(101 * 9).plus(ms(5001)));
    }

    @Test
    void clientCircuitBreakerOverflowsTheSecondConcurrentRequest() {
        // E7: helloworld-v1 is not the v1 pod's primary Service, so only the client sidecar enforces this pool.
        Mesh mesh = helloworld().withDestinationRule(trafficPolicy("helloworld-v1", "connectionPool: {http: {http2MaxRequests: 1}}"));
        TrafficResult one = mesh.send(20).from("nginx").to(V1_URL);
        assertThat(one.countByStatus()).containsExactly(Map.entry(200, 20L));
        TrafficResult two = mesh.send(20).from("nginx").concurrency(2).to(V1_URL);
        Outcome uo = Replies.sidecar(V1, 503, "upstream connect error or disconnect/reset before headers. reset reason: overflow", ResponseFlag.UPSTREAM_OVERFLOW)
                .withResponseHeader("x-envoy-overloaded", "true");
        assertThat(two.outcomes()).contains(uo);
        assertThat(two.countByStatus().keySet()).containsExactly(200, 503);
        int firstOverflow = two.outcomes().indexOf(uo);
        assertThat(two.latencyOf(firstOverflow)).isEqualTo(ms(0.5));
        assertThat(two.attemptsOf(firstOverflow)).isEqualTo(1);
    }

    @Test
    void aRequestWaitingForItsNewConnectionIsPendingAndTheOverheadStaysTheSame() {
        // One connection, one pending request, a fresh connection per request (Istio's circuit-breaking task).
        Mesh mesh = helloworld().withDestinationRule(trafficPolicy("helloworld-v1", "connectionPool: {tcp: {maxConnections: 1}, "
                + "http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}}"));
        TrafficResult two = mesh.send(2).from("nginx").concurrency(2).to(V1_URL);
        // Both loops reach the pool 0.25 ms in; the first waits for its connection (ready at 0.5 ms), so the
        // second finds the one pending slot taken: 503 UO, answered after the sidecar's overhead.
        assertThat(two.outcomes().get(1).flagsText()).isEqualTo("UO");
        assertThat(two.latencyOf(1)).isEqualTo(ms(0.5));
        // A request on a new connection takes what one on a reused connection takes: 0.5 + 0.5 + 100 ms.
        assertThat(two.outcomes().get(0).status()).isEqualTo(200);
        assertThat(two.latencyOf(0)).isEqualTo(ms(101));
        // One loop: each request's connection is set up while it waits, nothing overflows.
        TrafficResult one = mesh.send(5).from("nginx").to(V1_URL);
        assertThat(one.countByFlag()).isEmpty();
        assertThat(one.latencyPercentile(100)).isEqualTo(ms(101));
    }

    @Test
    void serverCircuitBreakerLimitsEveryCallerEvenWithoutSidecar() {
        Mesh mesh = helloworld().withNamespace("plain", false).withPod("curl", "plain").withDestinationRule(SERVER_LIMIT);
        TrafficResult r = mesh.send(10).from("plain/curl").concurrency(2).to(V1_URL);
        assertThat(r.countByStatus().keySet()).containsExactly(200, 503);
        assertThat(r.countByFlag().keySet()).containsExactly(ResponseFlag.UPSTREAM_OVERFLOW);
        // The server sidecar's overflow comes back at once: 0.5 ms for the hop into the sidecar.
        int i = r.outcomes().stream().map(Outcome::status).toList().indexOf(503);
        assertThat(r.latencyOf(i)).isEqualTo(ms(0.5));
    }

    @Test
    void aServerOverflowIsNotRetriedByTheClient() {
        // nginx calls helloworld-v1: no client pool there; the pool on helloworld is the v1 server sidecar's.
        Mesh mesh = helloworld().withVirtualService(v1Rule("retries: {attempts: 3, retryOn: 5xx}")).withDestinationRule(SERVER_LIMIT);
        TrafficResult r = mesh.send(10).from("nginx").concurrency(2).to(V1_URL);
        assertThat(r.countByStatus()).containsKey(503);
        for (int i = 0; i < r.size(); i++) {
            if (r.outcomes().get(i).status() == 503) {
                assertThat(r.attemptsOf(i)).isEqualTo(1);
                assertThat(r.outcomes().get(i).flagsText()).isEqualTo("UO");
                assertThat(r.outcomes().get(i).cluster()).contains(V1);
                // From the server sidecar: both sidecars' overhead (a client overflow would take 0.5 ms).
                assertThat(r.latencyOf(i)).isEqualTo(ms(1));
            }
        }
    }
}
