package dev.meshtest.resilience;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.Replies;
import dev.meshtest.app.App;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Resilience from real YAML to the data plane: VirtualService timeouts, retries, faults and
 * mirrors and DestinationRule connection pools and outlier detection, compiled by the proxy and
 * enforced on the virtual clock. Needs the proxy's compilation of these policies (branch
 * {@code resilience-proxy}); with only the data plane they see Istio's neutral defaults.
 */
class ResilienceEndToEndTest {

    private static final String V1 = "helloworld-v1";
    private static final String V2 = "helloworld-v2";
    private static final String OVERFLOW = "upstream connect error or disconnect/reset before headers. reset reason: overflow";
    private static final String V2_URL = "helloworld-v2.default.svc.cluster.local:5000/hello";

    /** E6 (two VirtualServices that swap v1 and v2) plus E7 (http2MaxRequests: 1 on helloworld-v1). */
    private static Mesh e7() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:experiments/e6-circular.yaml")
                .apply("classpath:experiments/e7-max-connection.yaml");
    }

    @Test
    @DisplayName("E7: one terminal on nginx: every request succeeds, answered by v1 because of E6")
    void e7OneTerminal() {
        TrafficResult r = e7().send(200).from("nginx").concurrency(1).to(V2_URL);
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 200L));
        assertThat(r.countByWorkload()).containsExactly(Map.entry(V1, 200L));
    }

    @Test
    @DisplayName("E7: two terminals on nginx: the second concurrent request overflows the v1 cluster, 503 UO, not retried")
    void e7TwoTerminals() {
        TrafficResult r = e7().send(200).from("nginx").concurrency(2).to(V2_URL);
        Outcome uo = Replies.sidecar("outbound|5000||helloworld-v1.default.svc.cluster.local", 503, OVERFLOW, ResponseFlag.UPSTREAM_OVERFLOW)
                .withResponseHeader("x-envoy-overloaded", "true");
        assertThat(r.outcomes()).contains(uo);
        assertThat(r.countByStatus().keySet()).containsExactly(200, 503);
        assertThat(r.countByWorkload()).containsOnlyKeys(V1, "-");
        for (int i = 0; i < r.size(); i++) {
            if (r.outcomes().get(i).status() == 503) {
                assertThat(r.outcomes().get(i)).isEqualTo(uo);
                assertThat(r.attemptsOf(i)).isEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("E7, istio-rules §6.6(b): a client without a sidecar is not rerouted to v1 and never sees v1's limit")
    void e7ClientWithoutSidecar() {
        Mesh mesh = e7().withNamespace("plain", false).withPod("curl", "plain");
        TrafficResult r = mesh.send(200).from("plain/curl").concurrency(2).to("http://" + V2_URL);
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 200L));
        assertThat(r.countByWorkload()).containsExactly(Map.entry(V2, 200L));
        // helloworld-v1 is not the v1 pod's primary Service (helloworld is older): no inbound limit either.
        TrafficResult direct = mesh.send(200).from("plain/curl").concurrency(2).to("http://helloworld-v1.default:5000/hello");
        assertThat(direct.countByStatus()).containsExactly(Map.entry(200, 200L));
    }

    @Test
    @DisplayName("istio-rules §6.6: a pool on the pods' primary Service is enforced by the server sidecars, for clients without sidecar too")
    void serverSideLimitForEveryCaller() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").withNamespace("plain", false).withPod("curl", "plain")
                .apply("classpath:resilience/helloworld-primary-dr.yaml");
        TrafficResult r = mesh.send(200).from("plain/curl").concurrency(4).to("http://helloworld.default:5000/hello");
        assertThat(r.countByStatus().keySet()).containsExactly(200, 503);
        assertThat(r.countByFlag().keySet()).containsExactly(ResponseFlag.UPSTREAM_OVERFLOW);
        assertThat(r.outcomes()).filteredOn(o -> o.status() == 503).allMatch(o -> o.body().equals(OVERFLOW));
    }

    @Test
    @DisplayName("VirtualService timeout: 504 UT upstream request timeout at the deadline")
    void timeoutFromYaml() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:resilience/helloworld-policies.yaml");
        TrafficResult r = mesh.send(3).from("nginx").to("http://helloworld-v1:5000/hello");
        assertThat(r.countByFlag()).containsExactly(Map.entry(ResponseFlag.UPSTREAM_REQUEST_TIMEOUT, 3L));
        assertThat(r.outcomes().get(0).body()).isEqualTo("upstream request timeout");
        assertThat(r.latencyOf(0)).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    @DisplayName("VirtualService retries on 5xx: three attempts, the last response with URX; the mirror's answers never reach the client")
    void retriesAndMirrorFromYaml() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:resilience/helloworld-policies.yaml")
                .withApp(V2, App.serviceTime(Duration.ofMillis(10)).failing(503, 1));
        TrafficResult r = mesh.send(5).from("nginx").to("http://helloworld-v2:5000/hello");
        assertThat(r.countByFlag()).containsExactly(Map.entry(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED, 5L));
        assertThat(r.countByAttempts()).containsExactly(Map.entry(3, 5L));
        assertThat(r.countByWorkload()).containsExactly(Map.entry(V2, 5L));
        assertThat(r.mirrored()).isEqualTo(5);
    }

    @Test
    @DisplayName("VirtualService fault abort: the configured status, FI, fault filter abort, never retried")
    void faultFromYaml() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:resilience/helloworld-policies.yaml");
        TrafficResult r = mesh.send(3).from("nginx").to("http://helloworld:5000/hello");
        assertThat(r.outcomes()).containsOnly(Replies.sidecar("", 418, "fault filter abort", ResponseFlag.FAULT_INJECTED));
        assertThat(r.countByAttempts()).containsExactly(Map.entry(0, 3L));
    }

    @Test
    @DisplayName("DestinationRule outlier detection with maxEjectionPercent 100: a failing single host is ejected, then 503 UH")
    void outlierDetectionFromYaml() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .withApp(V1, App.serviceTime(Duration.ofMillis(1)).failing(500, 1))
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld-v1-outliers}
                        spec:
                          host: helloworld-v1
                          trafficPolicy:
                            outlierDetection: {consecutive5xxErrors: 2, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}
                        """);
        TrafficResult r = mesh.send(4).from("nginx").to("http://helloworld-v1:5000/hello");
        assertThat(r.outcomes().get(0).status()).isEqualTo(500);
        assertThat(r.outcomes().get(1).status()).isEqualTo(500);
        assertThat(r.outcomes().get(2).flagsText()).isEqualTo("UH");
        assertThat(r.outcomes().get(2).body()).isEqualTo("no healthy upstream");
        // After 30 s (and the next 1 s tick) the host is back.
        mesh.advance(Duration.ofSeconds(31));
        assertThat(mesh.send(1).from("nginx").to("http://helloworld-v1:5000/hello").outcomes().get(0).status()).isEqualTo(500);
    }

    @Test
    @DisplayName("With the default maxEjectionPercent (10%) two hosts are never ejected")
    void noEjectionBelowTenHosts() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .withApp(V1, App.serviceTime(Duration.ofMillis(1)).failing(500, 1))
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld-outliers}
                        spec:
                          host: helloworld
                          trafficPolicy:
                            outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s}
                        """);
        TrafficResult r = mesh.send(400).from("nginx").to("http://helloworld:5000/hello");
        assertThat(r.countByWorkload().get(V1)).isBetween(150L, 250L);
    }
}
