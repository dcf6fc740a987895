package dev.meshtest.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one place latency figures are computed: exact nearest rank up to 128 distinct values,
 * HdrHistogram beyond, and the same answer however the values were split into tallies and merged
 * (which is what makes an aggregated result answer as the full one).
 */
class LatenciesTest {

    private static long nearestRank(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    @ParameterizedTest(name = "{0} distinct values")
    @ValueSource(ints = {1, 2, 7, 64, 128, 129, 500, 10_000})
    @DisplayName("split into random tallies and merged, the figures equal one tally's; exact up to 128 distinct values")
    void mergingDoesNotChangeTheFigures(int distinct) {
        SplittableRandom g = new SplittableRandom(distinct);
        long[] pool = new long[distinct];
        for (int i = 0; i < distinct; i++) {
            pool[i] = 1 + g.nextLong(5_000_000_000L);
        }
        long[] values = new long[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = pool[i < distinct ? i : g.nextInt(distinct)];   // every value of the pool at least once
        }
        Latencies one = new Latencies();
        Latencies[] parts = new Latencies[1 + g.nextInt(20)];
        Arrays.setAll(parts, k -> new Latencies());
        BigInteger sum = BigInteger.ZERO;
        for (long v : values) {
            one.record(v);
            parts[g.nextInt(parts.length)].record(v);
            sum = sum.add(BigInteger.valueOf(v));
        }
        Latencies merged = new Latencies();
        for (Latencies part : parts) {
            merged.addAll(part);
        }
        assertThat(one.exact()).isEqualTo(distinct <= Latencies.EXACT_VALUES);
        assertThat(merged.exact()).isEqualTo(one.exact());
        assertThat(merged.count()).isEqualTo(values.length);
        assertThat(merged.mean()).isEqualTo(one.mean()).isEqualTo(sum.divide(BigInteger.valueOf(values.length)).longValue());
        assertThat(merged.max()).isEqualTo(one.max()).isEqualTo(Arrays.stream(values).max().orElseThrow());
        for (double p : new double[] {0.01, 1, 33.3, 50, 90, 99, 99.99, 100}) {
            long exact = nearestRank(values, p);
            assertThat(merged.percentile(p)).as("p%s", p).isEqualTo(one.percentile(p));
            if (one.exact()) {
                assertThat(one.percentile(p)).as("p%s", p).isEqualTo(exact);
            } else {
                assertThat((double) one.percentile(p)).as("p%s", p).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(0.1));
            }
            long bound = pool[g.nextInt(distinct)];
            long above = Arrays.stream(values).filter(v -> v > bound).count();
            assertThat(merged.countAbove(bound)).isEqualTo(one.countAbove(bound));
            if (one.exact()) {
                assertThat(one.countAbove(bound)).isEqualTo(above);
            }
        }
    }

    @Test
    @DisplayName("100 million latencies of an hour each do not overflow the sum")
    void theSumIsWide() {
        Latencies l = new Latencies();
        Latencies hour = new Latencies();
        hour.record(3_600_000_000_000L);
        for (int i = 0; i < 30; i++) {
            hour.addAll(copyOf(hour));   // doubles: 2^30 latencies of an hour, far past Long.MAX_VALUE in all
        }
        l.addAll(hour);
        assertThat(l.count()).isEqualTo(1L << 30);
        assertThat(l.mean()).isEqualTo(3_600_000_000_000L);
        assertThat(l.percentile(50)).isEqualTo(3_600_000_000_000L);
    }

    private static Latencies copyOf(Latencies l) {
        Latencies c = new Latencies();
        c.addAll(l);
        return c;
    }

    @Test
    void empty() {
        Latencies l = new Latencies();
        assertThat(l.percentile(50)).isZero();
        assertThat(l.mean()).isZero();
        assertThat(l.max()).isZero();
        assertThat(l.countAbove(0)).isZero();
    }
}
