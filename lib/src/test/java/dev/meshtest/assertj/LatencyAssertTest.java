package dev.meshtest.assertj;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.assertThatThrownBy;
import static dev.meshtest.assertj.Results.DELAYED_V1;
import static dev.meshtest.assertj.Results.V2;
import static dev.meshtest.assertj.Results.of;
import static dev.meshtest.assertj.Results.timed;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofNanos;
import static java.time.Duration.ofSeconds;

import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** latency(): each figure and comparison passing and failing, with the exact message. */
class LatencyAssertTest {

    /**
     * One client loop: 900 x v2 in 101 ms, 90 x v2 in 150 ms, 10 x v1 delayed to 2.101 s. Nearest
     * rank: p50 = p90 = 101 ms, p99 = 150 ms, p99.9 = max = 2.101 s; mean 125.41 ms.
     */
    static final TrafficResult SLOW_TAIL = timed()
            .sequential(900, V2, ofMillis(101), 1)
            .sequential(90, V2, ofMillis(150), 1)
            .sequential(10, DELAYED_V1, ofMillis(2101), 1)
            .build();

    private static final String SUMMARY = """
            Latencies of the 1000 requests: p50 101ms, p90 101ms, p99 150ms, max 2.101s.
            Traffic (seed 42): 1000 x GET http://helloworld:5000/hello from default/nginx
              helloworld-v2  200  -   990  99.0%
              helloworld-v1  200  DI   10   1.0%""";

    private static void fails(ThrowingCallable call, String lines) {
        assertThatThrownBy(call).isInstanceOf(AssertionError.class).hasMessage("\n" + lines + SUMMARY);
    }

    @Nested
    @DisplayName("percentiles, median, mean and max")
    class Figures {
        @Test
        void passWhenTheFigureMeetsTheBound() {
            assertThat(SLOW_TAIL).latency().percentile(99).isLessThan(ofMillis(151)).isLessThanOrEqualTo(ofMillis(150))
                    .isEqualTo(ofMillis(150)).isGreaterThan(ofMillis(101)).isGreaterThanOrEqualTo(ofMillis(150))
                    .isBetween(ofMillis(150), ofMillis(200)).isStrictlyBetween(ofMillis(149), ofMillis(151));
            assertThat(SLOW_TAIL).latency().median().isEqualTo(ofMillis(101));
            assertThat(SLOW_TAIL).latency().percentile(90).isEqualTo(ofMillis(101));
            assertThat(SLOW_TAIL).latency().percentile(99.9).isEqualTo(ofMillis(2101));
            assertThat(SLOW_TAIL).latency().max().isEqualTo(ofMillis(2101)).isGreaterThan(ofSeconds(2));
            assertThat(SLOW_TAIL).latency().mean().isEqualTo(ofNanos(125_410_000)).isCloseTo(ofMillis(125), ofMillis(1));
        }

        @Test
        @DisplayName("it is an AssertJ Duration assertion: the rest of AssertJ's Duration API works, with AssertJ's messages")
        void assertJsDurationAssertionsApply() {
            assertThat(SLOW_TAIL).latency().percentile(99).hasMillis(150).isPositive().isNotEqualTo(ofMillis(1));
            assertThatThrownBy(() -> assertThat(SLOW_TAIL).latency().max().hasSeconds(3))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("3");
        }

        @Test
        void percentileOutsideZeroToHundredIsAMistake() {
            assertThatThrownBy(() -> assertThat(SLOW_TAIL).latency().percentile(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("a percentile lies in (0, 100], was 0 (write 99 for p99)");
            assertThatThrownBy(() -> assertThat(SLOW_TAIL).latency().percentile(0.99 * 100 + 2))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("failure messages: the figure, its value, the distribution, the seed, the traffic")
    class FailureMessages {
        @Test
        void isLessThanCountsTheRequestsAtOrAboveTheBound() {
            fails(() -> assertThat(SLOW_TAIL).latency().percentile(99).isLessThan(ofMillis(150)), """
                    Expecting the p99 latency to be less than 150ms
                    but it was 150ms; 100 of 1000 requests (10.0%) took 150ms or longer.
                    """);
            fails(() -> assertThat(SLOW_TAIL).latency().percentile(99).isLessThan(ofMillis(100)), """
                    Expecting the p99 latency to be less than 100ms
                    but it was 150ms; 1000 of 1000 requests (100.0%) took 100ms or longer.
                    """);
        }

        @Test
        void isLessThanOrEqualToCountsTheRequestsAboveTheBound() {
            fails(() -> assertThat(SLOW_TAIL).latency().max().isLessThanOrEqualTo(ofMillis(150)), """
                    Expecting the max latency to be at most 150ms
                    but it was 2.101s; 10 of 1000 requests (1.0%) took longer than 150ms.
                    """);
            fails(() -> assertThat(SLOW_TAIL).latency().percentile(99.9).isLessThanOrEqualTo(ofSeconds(2)), """
                    Expecting the p99.9 latency to be at most 2s
                    but it was 2.101s; 10 of 1000 requests (1.0%) took longer than 2s.
                    """);
        }

        @Test
        void lowerBounds() {
            fails(() -> assertThat(SLOW_TAIL).latency().median().isGreaterThan(ofMillis(101)), """
                    Expecting the p50 latency to be greater than 101ms
                    but it was 101ms.
                    """);
            fails(() -> assertThat(SLOW_TAIL).latency().percentile(90).isGreaterThanOrEqualTo(ofSeconds(2)), """
                    Expecting the p90 latency to be at least 2s
                    but it was 101ms.
                    """);
        }

        @Test
        void ranges() {
            fails(() -> assertThat(SLOW_TAIL).latency().mean().isBetween(ofMillis(100), ofMillis(110)), """
                    Expecting the mean latency to be between 100ms and 110ms (inclusive)
                    but it was 125.41ms; 100 of 1000 requests (10.0%) took longer than 110ms.
                    """);
            fails(() -> assertThat(SLOW_TAIL).latency().median().isBetween(ofMillis(110), ofMillis(120)), """
                    Expecting the p50 latency to be between 110ms and 120ms (inclusive)
                    but it was 101ms.
                    """);
            fails(() -> assertThat(SLOW_TAIL).latency().percentile(99).isStrictlyBetween(ofMillis(100), ofMillis(150)), """
                    Expecting the p99 latency to be strictly between 100ms and 150ms
                    but it was 150ms; 100 of 1000 requests (10.0%) took 150ms or longer.
                    """);
            assertThatThrownBy(() -> assertThat(SLOW_TAIL).latency().max().isBetween(ofSeconds(2), ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("the end 1s lies before the start 2s");
        }

        @Test
        void exactValues() {
            fails(() -> assertThat(SLOW_TAIL).latency().max().isEqualTo(ofMillis(101)), """
                    Expecting the max latency to be 101ms
                    but it was 2.101s.
                    """);
            fails(() -> assertThat(SLOW_TAIL).latency().mean().isCloseTo(ofMillis(101), ofMillis(5)), """
                    Expecting the mean latency to be 101ms ± 5ms
                    but it was 125.41ms.
                    """);
        }

        @Test
        void asDescriptionIsKept() {
            assertThatThrownBy(() -> assertThat(SLOW_TAIL).as("SLO").latency().percentile(99).isLessThan(ofMillis(120)))
                    .hasMessageStartingWith("[SLO] \nExpecting the p99 latency to be less than 120ms\nbut it was 150ms;");
        }

        @Test
        void anEmptyResultHasNoLatencyToCompare() {
            assertThatThrownBy(() -> assertThat(of()).latency().percentile(99).isLessThan(ofMillis(100)))
                    .isInstanceOf(AssertionError.class).hasMessage("""

                            Expecting the p99 latency to be less than 100ms
                            but the result holds no requests.
                            Traffic (seed 42): 0 x GET http://helloworld:5000/hello from default/nginx
                              no requests""");
        }

        @Test
        void aNullResultFailsAsAssertJSays() {
            assertThatThrownBy(() -> assertThat((TrafficResult) null).latency())
                    .isInstanceOf(AssertionError.class).hasMessage("\nExpecting actual not to be null");
            assertThatThrownBy(() -> new LatencyAssert(null).max())
                    .isInstanceOf(AssertionError.class).hasMessage("\nExpecting actual not to be null");
        }

        @Test
        void aLatencyValueAssertBuiltByHandHasNoTrafficToShow() {
            assertThatThrownBy(() -> new LatencyValueAssert(ofMillis(5)).isLessThan(ofMillis(1)))
                    .isInstanceOf(AssertionError.class).hasMessage("\nExpecting the latency to be less than 1ms\nbut it was 5ms.");
        }
    }

    @Test
    @DisplayName("durations print as people write latencies, exactly")
    void durationsPrintExactly() {
        assertThat(Messages.duration(Duration.ZERO)).isEqualTo("0ms");
        assertThat(Messages.duration(ofNanos(500_000))).isEqualTo("0.5ms");
        assertThat(Messages.duration(ofNanos(1))).isEqualTo("0.000001ms");
        assertThat(Messages.duration(ofMillis(101))).isEqualTo("101ms");
        assertThat(Messages.duration(ofMillis(1000))).isEqualTo("1s");
        assertThat(Messages.duration(ofMillis(2101))).isEqualTo("2.101s");
        assertThat(Messages.duration(ofSeconds(300))).isEqualTo("300s");
        assertThat(Messages.duration(ofMillis(-5))).isEqualTo("-5ms");
    }
}
