package dev.meshtest.assertj;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.assertThatThrownBy;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import dev.meshtest.traffic.ResponseFlag;

/**
 * The time and resilience assertions on traffic from the simulated mesh, with VirtualServices and
 * DestinationRules in YAML. Virtual times are exact, so where no random pick is involved the tests
 * pin exact latencies and whole failure messages.
 */
class ResilienceRealMeshTest {

    private static final String V1_URL = "http://helloworld-v1:5000/hello";
    private static final String V2_URL = "http://helloworld-v2:5000/hello";

    /** helloworld v1 and v2, each with a Service of its own, and nginx with a sidecar. */
    private static Mesh helloworld() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml");
    }

    @Test
    @DisplayName("latency: nginx -> helloworld-v1 takes exactly 0.5 + 0.5 + 100 ms")
    void exactLatency() {
        TrafficResult r = helloworld().send(100).from("nginx").to(V1_URL);

        assertThat(r).allSucceeded().hasNoTimeouts().hasNoOverflowErrors();
        assertThat(r).latency().percentile(99).isEqualTo(ofMillis(101)).isLessThan(ofMillis(150));
        assertThat(r).latency().mean().isEqualTo(ofMillis(101));
        assertThatThrownBy(() -> assertThat(r).latency().percentile(99).isLessThan(ofMillis(100))).hasMessage("""

                Expecting the p99 latency to be less than 100ms
                but it was 101ms; 100 of 100 requests (100.0%) took 100ms or longer.
                Latencies of the 100 requests: p50 101ms, p90 101ms, p99 101ms, max 101ms.
                Traffic (seed 42): 100 x GET http://helloworld-v1:5000/hello from default/nginx
                  helloworld-v1  200  -  100  100.0%""");
    }

    @Test
    @DisplayName("VirtualService timeout 50ms: every request ends 504 UT at exactly 50 ms")
    void timeout() {
        TrafficResult r = helloworld().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld-v1-timeout}
                spec:
                  hosts: [helloworld-v1]
                  http:
                  - timeout: 50ms
                    route:
                    - destination: {host: helloworld-v1}
                """).send(10).from("nginx").to(V1_URL);

        assertThat(r).hasTimeouts().hasNoOverflowErrors().latency().max().isEqualTo(ofMillis(50));
        assertThatThrownBy(() -> assertThat(r).hasNoTimeouts()).hasMessage("""

                Expecting no request to fail with Envoy's timeout (flag UT)
                but 10 of 10 (100.0%) did: 10 x 504 UT "upstream request timeout";
                the first of them started at 0ms since the send began.
                Traffic (seed 42): 10 x GET http://helloworld-v1:5000/hello from default/nginx
                  outbound|5000||helloworld-v1.default.svc.cluster.local  504  UT  10  100.0%""");
    }

    @Test
    @DisplayName("VirtualService retries on 5xx: an app failing half the time is retried; one failing always exhausts them (URX)")
    void retries() {
        String retries = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld-v2-retries}
                spec:
                  hosts: [helloworld-v2]
                  http:
                  - retries: {attempts: 3, retryOn: 5xx}
                    route:
                    - destination: {host: helloworld-v2}
                """;
        TrafficResult flaky = helloworld().withVirtualService(retries)
                .withApp("helloworld-v2", App.serviceTime(Duration.ofMillis(10)).failing(503, 0.5))
                .send(200).from("nginx").to(V2_URL);
        assertThat(flaky).wasRetried().hasNoTimeouts();

        TrafficResult broken = helloworld().withVirtualService(retries)
                .withApp("helloworld-v2", App.serviceTime(Duration.ofMillis(10)).failing(503, 1))
                .send(5).from("nginx").to(V2_URL);
        assertThat(broken).wasRetried().hasRetriesExhausted().hasStatus(503).withFlag(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED);

        TrafficResult istioDefault = helloworld().withApp("helloworld-v2", App.serviceTime(Duration.ofMillis(10)).failing(503, 1))
                .send(5).from("nginx").to(V2_URL);
        assertThatThrownBy(() -> assertThat(istioDefault).wasRetried()).hasMessageStartingWith("""

                Expecting some requests to be retried (more than one upstream attempt)
                but none of 5 were; attempts per request: 5 x 1.
                Traffic (seed 42): 5 x GET http://helloworld-v2:5000/hello from default/nginx""");
    }

    @Test
    @DisplayName("VirtualService fault injection: aborts (FI) with their status, delays (DI) on the clock")
    void faults() {
        TrafficResult aborted = helloworld().apply("classpath:resilience/helloworld-policies.yaml")
                .send(3).from("nginx").to("http://helloworld:5000/hello");
        assertThat(aborted).hasFaultAborts().hasFaultAborts(418);
        assertThatThrownBy(() -> assertThat(aborted).hasFaultAborts(503)).hasMessage("""

                Expecting some requests to fail with a fault injection abort (status 503, flag FI, body "fault filter abort")
                but none of 3 did; the failures were: 3 x 418 FI "fault filter abort".
                Traffic (seed 42): 3 x GET http://helloworld:5000/hello from default/nginx
                  -  418  FI  3  100.0%""");

        TrafficResult delayed = helloworld().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld-v1-delay}
                spec:
                  hosts: [helloworld-v1]
                  http:
                  - fault:
                      delay: {fixedDelay: 2s, percentage: {value: 100}}
                    route:
                    - destination: {host: helloworld-v1}
                """).send(5).from("nginx").to(V1_URL);
        assertThat(delayed).hasFaultDelays().allSucceeded().latency().median().isEqualTo(ofMillis(2101));
    }

    @Test
    @DisplayName("outlier detection with maxEjectionPercent 100: the failing host is ejected, then 503 UH")
    void noHealthyUpstream() {
        TrafficResult r = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(1)).failing(500, 1))
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld-v1-outliers}
                        spec:
                          host: helloworld-v1
                          trafficPolicy:
                            outlierDetection: {consecutive5xxErrors: 2, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}
                        """).send(4).from("nginx").to(V1_URL);
        assertThat(r).hasNoHealthyUpstream().before(r.startOf(2)).hasStatus(500);
        assertThat(r).after(r.startOf(2)).hasStatus(503).withFlag(ResponseFlag.NO_HEALTHY_UPSTREAM);
    }

    @Test
    @DisplayName("E7: one client loop stays under http2MaxRequests: 1, two overflow it")
    void overflow() {
        Mesh e7 = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:experiments/e6-circular.yaml")
                .apply("classpath:experiments/e7-max-connection.yaml");
        assertThat(e7.send(200).from("nginx").concurrency(1).to(V2_URL)).hasNoOverflowErrors().allSucceeded();
        assertThat(e7.send(200).from("nginx").concurrency(2).to(V2_URL)).hasOverflowErrors();
    }

    @Test
    @DisplayName("the issue's case: a queue builds up behind one connection; no errors before 900 ms, overflows after")
    void noErrorsBeforeErrorsAfter() {
        // 10 requests/s, each holding helloworld-v1's only connection for 151 ms: the queue grows until
        // http1MaxPendingRequests (3) is full, and the request sent at 900 ms is the first to overflow.
        TrafficResult r = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(150)))
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld-v1-pool}
                        spec:
                          host: helloworld-v1
                          trafficPolicy:
                            connectionPool:
                              tcp: {maxConnections: 1}
                              http: {http1MaxPendingRequests: 3}
                        """)
                .send(ofSeconds(5)).from("nginx").rate(10).to(V1_URL);

        assertThat(r).before(ofMillis(900)).allSucceeded().hasNoOverflowErrors()
                .latency().max().isEqualTo(ofMillis(559));   // waiting grows by 51 ms a request
        assertThat(r).after(ofMillis(900)).hasOverflowErrors();
        assertThat(r).between(ofSeconds(1), ofSeconds(5)).latency().max().isLessThan(ofMillis(600));   // the queue is capped
        assertThatThrownBy(() -> assertThat(r).before(ofSeconds(1)).hasNoOverflowErrors()).hasMessage("""

                Expecting no request to fail with Envoy's overflow error (flag UO)
                but 1 of 10 (10.0%) did: 1 x 503 UO "upstream connect error or disconnect/reset before headers. reset reason: overflow";
                the first of them started at 900ms since the send began.
                Traffic (seed 42): for 5s (50 requests) at 10.0/s x GET http://helloworld-v1:5000/hello from default/nginx, \
                those started before 1s (10 of 50)
                  helloworld-v1                                           200  -   9  90.0%
                  outbound|5000||helloworld-v1.default.svc.cluster.local  503  UO  1  10.0%""");
    }
}
