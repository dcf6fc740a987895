package dev.meshtest.assertj;

import static dev.meshtest.assertj.Messages.duration;
import static dev.meshtest.assertj.Messages.percent;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractDurationAssert;

/**
 * Assertions on one latency figure of a result (a percentile, the mean, the maximum): what
 * {@link LatencyAssert#percentile(double)}, {@link LatencyAssert#median() median()},
 * {@link LatencyAssert#mean() mean()} and {@link LatencyAssert#max() max()} lead to. It is an AssertJ
 * {@link AbstractDurationAssert}, so all of AssertJ's {@code Duration} assertions apply.
 *
 * <pre>{@code
 * assertThat(result).latency().percentile(99).isLessThan(ofMillis(150));
 * assertThat(result).latency().median().isBetween(ofMillis(100), ofMillis(110));
 * assertThat(result).latency().max().isLessThanOrEqualTo(ofMillis(50));   // the route timeout
 * assertThat(result).latency().mean().isCloseTo(ofMillis(101), ofMillis(5));
 * assertThat(result).latency().max().isEqualTo(ofMillis(101));           // virtual times are exact
 * }</pre>
 *
 * <p>{@code isLessThan}, {@code isLessThanOrEqualTo}, {@code isGreaterThan},
 * {@code isGreaterThanOrEqualTo}, {@code isBetween}, {@code isStrictlyBetween}, {@code isCloseTo} and
 * {@code isEqualTo(Duration)} fail with meshtest's message: the figure asked for, its value, for an
 * upper bound how many requests reached it, the distribution (p50, p90, p99, max) over the sample,
 * the seed and the traffic summary:
 *
 * <pre>
 * Expecting the p99 latency to be less than 100ms
 * but it was 101ms; 1000 of 1000 requests (100.0%) took 100ms or longer.
 * Latencies of the 1000 requests: p50 101ms, p90 101ms, p99 101ms, max 101ms.
 * Traffic (seed 42): 1000 x GET http://helloworld:5000/hello from default/nginx
 *   helloworld-v2  200  -  826  82.6%
 *   helloworld-v1  200  -  174  17.4%
 * </pre>
 *
 * <p>The other {@code Duration} assertions ({@code hasMillis}, {@code isPositive}, ...) keep AssertJ's
 * own messages. A figure of an empty result fails every assertion of this class ("the result holds
 * no requests") rather than comparing a made-up zero.
 *
 * <p>Not final: soft assertions subclass it (AssertJ's proxies) to collect its failures.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class LatencyValueAssert extends AbstractDurationAssert<LatencyValueAssert> {

    /** The result the figure was taken from; {@code null} when built by hand. */
    TrafficResult result;

    /** How messages name the figure, after "the": {@code p99 latency}, {@code mean latency}. */
    String figure = "latency";

    /**
     * Prefer {@code assertThat(result).latency().percentile(p)}, which also tells the messages where
     * the value came from.
     *
     * <pre>{@code new LatencyValueAssert(result.latencyPercentile(99)).isLessThan(ofMillis(150));}</pre>
     *
     * @param actual the latency to check
     */
    public LatencyValueAssert(Duration actual) {
        super(actual, LatencyValueAssert.class);
    }

    /** Names the figure and its result, for the messages. */
    LatencyValueAssert describing(TrafficResult result, String figure) {
        this.result = result;
        this.figure = figure;
        return this;
    }

    /**
     * The figure is strictly below {@code other}.
     *
     * <pre>{@code assertThat(result).latency().percentile(99).isLessThan(ofMillis(150));}</pre>
     */
    @Override
    public LatencyValueAssert isLessThan(Duration other) {
        requireBound(other, "other");
        return check("to be less than " + duration(other), actual.compareTo(other) < 0, other, true);
    }

    /**
     * The figure is at most {@code other}.
     *
     * <pre>{@code assertThat(result).latency().max().isLessThanOrEqualTo(ofMillis(50));}</pre>
     */
    @Override
    public LatencyValueAssert isLessThanOrEqualTo(Duration other) {
        requireBound(other, "other");
        return check("to be at most " + duration(other), actual.compareTo(other) <= 0, other, false);
    }

    /**
     * The figure is strictly above {@code other}.
     *
     * <pre>{@code assertThat(delayed).latency().median().isGreaterThan(ofSeconds(2));}</pre>
     */
    @Override
    public LatencyValueAssert isGreaterThan(Duration other) {
        requireBound(other, "other");
        return check("to be greater than " + duration(other), actual.compareTo(other) > 0, null, false);
    }

    /**
     * The figure is at least {@code other}.
     *
     * <pre>{@code assertThat(delayed).latency().percentile(10).isGreaterThanOrEqualTo(ofSeconds(2));}</pre>
     */
    @Override
    public LatencyValueAssert isGreaterThanOrEqualTo(Duration other) {
        requireBound(other, "other");
        return check("to be at least " + duration(other), actual.compareTo(other) >= 0, null, false);
    }

    /**
     * The figure lies in {@code [start, end]}.
     *
     * <pre>{@code assertThat(result).latency().median().isBetween(ofMillis(100), ofMillis(110));}</pre>
     *
     * @throws IllegalArgumentException if {@code end} is before {@code start}
     */
    @Override
    public LatencyValueAssert isBetween(Duration start, Duration end) {
        requireRange(start, end);
        return check("to be between " + duration(start) + " and " + duration(end) + " (inclusive)",
                actual.compareTo(start) >= 0 && actual.compareTo(end) <= 0, actual.compareTo(end) > 0 ? end : null, false);
    }

    /**
     * The figure lies in {@code (start, end)}.
     *
     * <pre>{@code assertThat(result).latency().percentile(99).isStrictlyBetween(ofMillis(100), ofMillis(200));}</pre>
     *
     * @throws IllegalArgumentException if {@code end} is before {@code start}
     */
    @Override
    public LatencyValueAssert isStrictlyBetween(Duration start, Duration end) {
        requireRange(start, end);
        return check("to be strictly between " + duration(start) + " and " + duration(end),
                actual.compareTo(start) > 0 && actual.compareTo(end) < 0, actual.compareTo(end) >= 0 ? end : null, true);
    }

    /**
     * The figure is {@code expected}, give or take {@code allowedDifference} (inclusive).
     *
     * <pre>{@code assertThat(result).latency().mean().isCloseTo(ofMillis(101), ofMillis(5));}</pre>
     */
    @Override
    public LatencyValueAssert isCloseTo(Duration expected, Duration allowedDifference) {
        requireBound(expected, "expected");
        requireBound(allowedDifference, "allowedDifference");
        if (allowedDifference.isNegative()) {
            throw new IllegalArgumentException("allowedDifference must not be negative, was " + duration(allowedDifference));
        }
        boolean ok = actual.minus(expected).abs().compareTo(allowedDifference) <= 0;
        return check("to be " + duration(expected) + " ± " + duration(allowedDifference), ok, null, false);
    }

    /**
     * With a {@code Duration}: the figure is exactly {@code expected} (virtual times are exact, so a
     * deterministic experiment can say so). Anything else: AssertJ's {@code isEqualTo}.
     *
     * <pre>{@code assertThat(timedOut).latency().max().isEqualTo(ofMillis(50));}</pre>
     */
    @Override
    public LatencyValueAssert isEqualTo(Object expected) {
        if (!(expected instanceof Duration d)) {
            return super.isEqualTo(expected);
        }
        isNotNull();
        return check("to be " + duration(d), d.equals(actual), null, false);
    }

    /**
     * Fails unless {@code ok}; {@code upper}, when the value lies above an upper bound, makes the
     * message count the requests at or above it ({@code strict}) or above it.
     */
    private LatencyValueAssert check(String expectation, boolean ok, Duration upper, boolean strict) {
        String expecting = "Expecting the " + figure + " " + expectation;
        if (result != null && result.size() == 0) {
            throw failure(Messages.failureText(expecting + "\nbut the result holds no requests.", result));
        }
        if (ok) {
            return myself;
        }
        StringBuilder m = new StringBuilder(expecting).append("\nbut it was ").append(duration(actual));
        if (result == null) {
            throw failure(Messages.escape("\n" + m + "."));
        }
        if (upper != null) {
            long over = result.countLongerThan(strict ? upper.minusNanos(1) : upper);
            m.append("; ").append(result.latencyFiguresExact() ? "" : "about ").append(over).append(" of ").append(result.size()).append(" requests (")
                    .append(percent(over, result.size())).append(") took ")
                    .append(strict ? duration(upper) + " or longer" : "longer than " + duration(upper)).append('.');
        } else {
            m.append('.');
        }
        m.append("\nLatencies of the ").append(result.size()).append(result.size() == 1 ? " request: " : " requests: ")
                .append(Messages.latencies(result)).append('.');
        throw failure(Messages.failureText(m.toString(), result));
    }

    private void requireBound(Duration d, String name) {
        Objects.requireNonNull(d, name);
        isNotNull();
    }

    private void requireRange(Duration start, Duration end) {
        isNotNull();
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("the end " + duration(end) + " lies before the start " + duration(start));
        }
    }
}
