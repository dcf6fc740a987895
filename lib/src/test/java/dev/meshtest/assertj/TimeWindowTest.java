package dev.meshtest.assertj;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.assertThatThrownBy;
import static dev.meshtest.assertj.Results.OVERFLOW;
import static dev.meshtest.assertj.Results.V1;
import static dev.meshtest.assertj.Results.timed;
import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofNanos;
import static java.time.Duration.ofSeconds;

import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** before / after / between: "no errors before t, errors after", windows chosen by start time as TrafficResult.between. */
class TimeWindowTest {

    /**
     * An open loop of 10 requests/s for 10 s: request k starts at k x 100 ms. The first 50 (before
     * 5 s) succeed in 101 ms; from 5 s on, every other one overflows in 0.5 ms.
     */
    static final TrafficResult DEGRADING;

    static {
        Results.Timed t = timed();
        for (int k = 0; k < 100; k++) {
            boolean overflow = k >= 50 && k % 2 == 0;
            t.add(1, overflow ? OVERFLOW : V1, ofMillis(100L * k), ZERO, overflow ? ofNanos(500_000) : ofMillis(101), 1);
        }
        DEGRADING = t.build();
    }

    @Test
    @DisplayName("the issue's example: no errors before 5 s, overflows after")
    void noErrorsBeforeErrorsAfter() {
        assertThat(DEGRADING).before(ofSeconds(5)).allSucceeded().hasNoOverflowErrors();
        assertThat(DEGRADING).after(ofSeconds(5)).hasOverflowErrors().reached("helloworld-v1").exactly(25);
    }

    @Test
    @DisplayName("a failure names the window, counts within it, and shows the window's traffic")
    void failuresDescribeTheWindow() {
        assertThatThrownBy(() -> assertThat(DEGRADING).after(ofSeconds(5)).allSucceeded()).hasMessage("""

                Expecting all requests to succeed (status 2xx)
                but 25 of 50 (50.0%) did not: 25 x 503 UO "upstream connect error or disconnect/reset before headers. reset reason: overflow".
                Traffic (seed 42): 100 x GET http://helloworld:5000/hello from default/nginx, those started at or after 5s (50 of 100)
                  helloworld-v1                                        200  -   25  50.0%
                  outbound|5000||helloworld.default.svc.cluster.local  503  UO  25  50.0%""");
        assertThatThrownBy(() -> assertThat(DEGRADING).before(ofSeconds(6)).hasNoOverflowErrors()).hasMessage("""

                Expecting no request to fail with Envoy's overflow error (flag UO)
                but 5 of 60 (8.3%) did: 5 x 503 UO "upstream connect error or disconnect/reset before headers. reset reason: overflow";
                the first of them started at 5s since the send began.
                Traffic (seed 42): 100 x GET http://helloworld:5000/hello from default/nginx, those started before 6s (60 of 100)
                  helloworld-v1                                        200  -   55  91.7%
                  outbound|5000||helloworld.default.svc.cluster.local  503  UO   5   8.3%""");
    }

    @Test
    @DisplayName("windows choose by start time, half open [from, to), exactly as TrafficResult.between")
    void windowsMatchTrafficResultBetween() {
        // Request 49 starts at 4.9 s and answers at 5.001 s: it is before 5 s. Request 50 starts at exactly 5 s: after.
        assertThat(DEGRADING).before(ofSeconds(5)).satisfies(r -> {
            assertThat(r.size()).isEqualTo(50);
            assertThat(r.startOf(49)).isEqualTo(ofMillis(4900));
        });
        assertThat(DEGRADING).after(ofSeconds(5)).satisfies(r -> assertThat(r.startOf(0)).isEqualTo(ofSeconds(5)));
        assertThat(DEGRADING).between(ofSeconds(2), ofSeconds(5)).satisfies(r -> {
            TrafficResult between = DEGRADING.between(ofSeconds(2), ofSeconds(5));
            assertThat(r.outcomes()).containsExactlyElementsOf(between.outcomes());
            assertThat(r.startsNanos()).isEqualTo(between.startsNanos());
            assertThat(r.latenciesNanos()).isEqualTo(between.latenciesNanos());
            assertThat(r.description()).endsWith(", those started in [2s, 5s) (30 of 100)");
        });
    }

    @Test
    @DisplayName("times stay counted from the start of the send, so windows nest")
    void windowsNest() {
        assertThat(DEGRADING).after(ofSeconds(2)).before(ofSeconds(5)).satisfies(r -> {
            assertThat(r.outcomes()).containsExactlyElementsOf(DEGRADING.between(ofSeconds(2), ofSeconds(5)).outcomes());
            assertThat(r.description()).endsWith(", those started at or after 2s (80 of 100), those started before 5s (30 of 80)");
        });
    }

    @Test
    @DisplayName("latencies and attempts come along: latency() and wasRetried() work on a window")
    void latenciesAndAttemptsComeAlong() {
        assertThat(DEGRADING).before(ofSeconds(5)).latency().max().isEqualTo(ofMillis(101));
        assertThat(DEGRADING).after(ofSeconds(5)).latency().median().isEqualTo(ofNanos(500_000));
        assertThatThrownBy(() -> assertThat(DEGRADING).after(ofSeconds(5)).latency().percentile(99).isLessThan(ofMillis(100)))
                .hasMessageContaining("but it was 101ms; 25 of 50 requests (50.0%) took 100ms or longer.\n"
                        + "Latencies of the 50 requests: p50 0.5ms, p90 101ms, p99 101ms, max 101ms.\n"
                        + "Traffic (seed 42): 100 x GET http://helloworld:5000/hello from default/nginx, those started at or after 5s (50 of 100)");
    }

    @Test
    @DisplayName("headers come along: requestsWithHeader works on a window")
    void headersComeAlong() {
        Outcome[] outcomes = {V1, V1, OVERFLOW, OVERFLOW};
        List<Map<String, String>> headers = new ArrayList<>(List.of(Map.of("end-user", "jason"), Map.of(), Map.of("end-user", "jason"),
                Map.of()));
        TrafficResult r = new TrafficResult("4 x GET", 7, outcomes, Map.of(), headers,
                new TrafficResult.Timing(0, new long[] {0, 1, 2_000_000_000L, 2_000_000_001L}, new long[4], new int[] {1, 1, 1, 1}, 0));
        assertThat(r).before(ofSeconds(1)).requestsWithHeader("end-user", "jason").allSucceeded();
        assertThat(r).after(ofSeconds(1)).requestsWithHeader("end-user", "jason").hasOverflowErrors();
    }

    @Test
    @DisplayName("an empty window fails the assertions that follow, it does not pass them by default")
    void anEmptyWindowFails() {
        assertThatThrownBy(() -> assertThat(DEGRADING).after(ofSeconds(20)).hasNoOverflowErrors()).hasMessage("""

                Expecting no request to fail with Envoy's overflow error (flag UO)
                but the result holds no requests.
                Traffic (seed 42): 100 x GET http://helloworld:5000/hello from default/nginx, those started at or after 20s (0 of 100)
                  no requests""");
    }

    @Test
    void aNullResultFailsAsAssertJSays() {
        assertThatThrownBy(() -> assertThat((TrafficResult) null).before(ofSeconds(1)))
                .isInstanceOf(AssertionError.class).hasMessage("\nExpecting actual not to be null");
    }

    @Test
    void negativeOrInvertedWindowsAreMistakes() {
        assertThatThrownBy(() -> assertThat(DEGRADING).before(ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t counts from the start of the send and must not be negative, was -1s");
        assertThatThrownBy(() -> assertThat(DEGRADING).between(ofSeconds(5), ofSeconds(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the window ends (2s) before it starts (5s)");
    }

    @Test
    void aHeaderFilterKeepsLatenciesAndAttempts() {
        TrafficResult r = dev.meshtest.Mesh.mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .send(10).from("nginx").headers(i -> java.util.Map.of("user", i % 2 == 0 ? "even" : "odd"))
                .to("helloworld:5000/hello");
        // helloworld takes 100 ms, each sidecar 0.5 ms: a filter must not lose that.
        assertThat(r).requestsWithHeader("user", "even").latency().max().isEqualTo(ofMillis(101));
        TrafficResult even = r.select(i -> "even".equals(r.headersOf(i).get("user")), "the even ones");
        org.assertj.core.api.Assertions.assertThat(even.size()).isEqualTo(5);
        org.assertj.core.api.Assertions.assertThat(even.attemptsOf(0)).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(even.description()).endsWith(", the even ones (5 of 10)");
    }
}
