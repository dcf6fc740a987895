package dev.meshtest.assertj;

import static dev.meshtest.assertj.Messages.num;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ShouldNotBeNull;

/**
 * The latencies of a result's requests, on the virtual clock: what
 * {@link TrafficResultAssert#latency()} leads to. Pick a figure, then assert on it with AssertJ's
 * {@code Duration} assertions ({@link LatencyValueAssert}).
 *
 * <pre>{@code
 * import static dev.meshtest.assertj.MeshAssertions.*;
 * import static java.time.Duration.*;
 *
 * TrafficResult r = mesh.send(1000).from("nginx").to("helloworld:5000/hello");
 * assertThat(r).latency().percentile(99).isLessThan(ofMillis(150));
 * assertThat(r).latency().median().isEqualTo(ofMillis(101));     // 100 ms app + two sidecars of 0.5 ms
 * assertThat(r).latency().max().isLessThanOrEqualTo(ofMillis(50)); // nothing outlasts a 50 ms route timeout
 * assertThat(r).latency().mean().isBetween(ofMillis(100), ofMillis(110));
 * }</pre>
 *
 * <p>A request's latency runs from its start to its answer, as {@link TrafficResult#latencyOf(int)};
 * percentiles are nearest rank, as {@link TrafficResult#latencyPercentile(double)}. Failures name
 * the figure, its value and the distribution (p50, p90, p99, max) of the sample.
 *
 * <p>Not final: soft assertions subclass it (AssertJ's proxies) to collect its failures.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class LatencyAssert extends AbstractAssert<LatencyAssert, TrafficResult> {

    /** Makes the follow-up assertions; {@link MeshSoftAssertions} replaces it with soft proxies. */
    Spawn spawn = Spawn.HARD;

    /**
     * Prefer {@code assertThat(result).latency()}.
     *
     * @param actual the traffic whose latencies are checked
     */
    public LatencyAssert(TrafficResult actual) {
        super(actual, LatencyAssert.class);
    }

    /**
     * The latency at percentile {@code p} (0 &lt; p &le; 100, nearest rank): the smallest latency that at
     * least {@code p}% of the requests do not exceed.
     *
     * <pre>{@code
     * assertThat(r).latency().percentile(99).isLessThan(ofMillis(150));
     * assertThat(r).latency().percentile(99.9).isLessThanOrEqualTo(ofSeconds(1));
     * }</pre>
     *
     * @param p the percentile, in 0..100
     * @return assertions on that latency
     * @throws IllegalArgumentException if {@code p} is not in (0, 100]
     */
    public LatencyValueAssert percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile lies in (0, 100], was " + num(p) + " (write 99 for p99)");
        }
        TrafficResult r = requests();
        return figure(r, r.latencyPercentile(p), "p" + num(p) + " latency");
    }

    /**
     * The median latency, {@code percentile(50)}.
     *
     * <pre>{@code assertThat(r).latency().median().isEqualTo(ofMillis(101));}</pre>
     *
     * @return assertions on the median latency
     */
    public LatencyValueAssert median() {
        return percentile(50);
    }

    /**
     * The mean latency.
     *
     * <pre>{@code assertThat(r).latency().mean().isCloseTo(ofMillis(101), ofMillis(5));}</pre>
     *
     * @return assertions on the mean latency
     */
    public LatencyValueAssert mean() {
        TrafficResult r = requests();
        return figure(r, r.meanLatency(), "mean latency");
    }

    /**
     * The longest latency.
     *
     * <pre>{@code assertThat(timedOut).latency().max().isLessThanOrEqualTo(ofMillis(50));}</pre>
     *
     * @return assertions on the longest latency
     */
    public LatencyValueAssert max() {
        TrafficResult r = requests();
        return figure(r, r.maxLatency(), "max latency");
    }

    private LatencyValueAssert figure(TrafficResult r, Duration value, String name) {
        return Messages.inherit(spawn.latencyValue(value), this).describing(r, name);
    }

    /** A null result is reported (thrown, or collected when soft, so the chain goes on) and stands in as an empty one. */
    private TrafficResult requests() {
        if (actual == null) {
            spawn.report(assertionError(ShouldNotBeNull.shouldNotBeNull()));
            return TrafficResultAssert.nullStandIn();
        }
        return actual;
    }
}
