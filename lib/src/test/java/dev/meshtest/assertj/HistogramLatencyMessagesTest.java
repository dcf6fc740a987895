package dev.meshtest.assertj;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.assertThatThrownBy;
import static java.time.Duration.ofMillis;

import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Past 128 distinct latencies, percentiles and the count of slow requests come from HdrHistogram,
 * and a failure says so: "about", and where the percentiles come from.
 */
class HistogramLatencyMessagesTest {

    /** 1,000 requests of 1, 2, ... 1,000 ms: 1,000 distinct latencies. */
    private static TrafficResult spread() {
        int n = 1000;
        Outcome[] outcomes = new Outcome[n];
        Arrays.fill(outcomes, Outcome.of(200).withPod("default", "helloworld-v1-abc", "helloworld-v1", "v1"));
        long[] starts = new long[n];
        long[] latencies = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = i * 1_000_000_000L;
            latencies[i] = (i + 1) * 1_000_000L;
        }
        int[] attempts = new int[n];
        Arrays.fill(attempts, 1);
        return new TrafficResult("1000 x GET http://helloworld:5000/hello from default/nginx", 42, outcomes, Map.of(), null,
                new TrafficResult.Timing(0, starts, latencies, attempts, 0));
    }

    @Test
    @DisplayName("a failure on a histogram's figures says 'about' and where the percentiles come from")
    void histogramFiguresSaySo() {
        TrafficResult r = spread();
        assertThat(r.latencyFiguresExact()).isFalse();
        assertThat(r.maxLatency()).isEqualTo(ofMillis(1000));
        assertThat(r.meanLatency()).isEqualTo(ofMillis(500).plusNanos(500_000));
        // 500 ms shares its HdrHistogram bucket (3 significant digits) with 499.99... ms, so the
        // histogram counts 500 requests at 500 ms or longer where there are 501.
        assertThat(r.countLongerThan(ofMillis(500).minusNanos(1))).isEqualTo(500);
        assertThatThrownBy(() -> assertThat(r).latency().percentile(99).isLessThan(ofMillis(500)))
                .hasMessageContaining("; about 500 of 1000 requests (50.0%) took 500ms or longer.")
                .hasMessageContaining(", max 1s (percentiles from HdrHistogram, within 0.1%).");
    }
}
