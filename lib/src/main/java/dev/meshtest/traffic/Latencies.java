package dev.meshtest.traffic;

import java.math.BigInteger;
import java.util.Arrays;
import org.HdrHistogram.PackedHistogram;

/**
 * A tally of latencies, and how a result's latency figures are computed from it: in one place for
 * both forms of a result (every request kept, or aggregated), so that both give the same figure
 * to the nanosecond and every assertion the same verdict.
 *
 * <ul>
 *   <li>While the latencies take at most {@value #EXACT_VALUES} distinct values (fixed service
 *       times, a few retries or delays: most tests), the tally keeps each value with its count,
 *       and a percentile is the exact nearest rank: the smallest latency that at least {@code p}%
 *       of the requests do not exceed.</li>
 *   <li>Beyond that, it records into an HdrHistogram with {@value #SIGNIFICANT_DIGITS}
 *       significant digits, and a percentile is HdrHistogram's {@code getValueAtPercentile}
 *       (within 0.1% of the nearest rank), held within the exact smallest and largest latency.</li>
 * </ul>
 *
 * <p>Whether a set of latencies has more than {@value #EXACT_VALUES} distinct values does not
 * depend on how it was split into tallies, so merged tallies choose as one tally would. The count,
 * smallest, largest and sum (128 bits) are always exact.
 *
 * <pre>{@code
 * Latencies l = new Latencies();
 * l.record(101_000_000);
 * l.record(150_000_000);
 * l.percentile(50);   // 101000000
 * l.mean();           // 125500000
 * }</pre>
 */
final class Latencies {

    /** Distinct values kept exactly before the tally turns to a histogram. */
    static final int EXACT_VALUES = 128;
    /** HdrHistogram's precision: values that differ by less than 0.1% may share a bucket. */
    static final int SIGNIFICANT_DIGITS = 3;

    /** Open addressing, at most half full; a slot is free when its count is 0. Null once a histogram. */
    private long[] values = new long[8];
    private long[] counts = new long[8];
    private int distinct;
    /** The last value recorded and its slot: most latencies repeat the one before. */
    private long lastValue = -1;
    private int lastSlot;
    private PackedHistogram histogram;
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long sumLow;
    private long sumHigh;

    /** Adds one latency, in nanoseconds (not negative). */
    void record(long latency) {
        record(latency, 1);
    }

    private void record(long latency, long n) {
        count += n;
        min = Math.min(min, latency);
        max = Math.max(max, latency);
        addToSum(Math.multiplyHigh(latency, n), latency * n);
        if (histogram != null) {
            histogram.recordValueWithCount(latency, n);
            return;
        }
        if (latency == lastValue && counts[lastSlot] != 0) {
            counts[lastSlot] += n;   // fixed service times: the same latency again
            return;
        }
        int slot = find(latency);
        lastValue = latency;
        lastSlot = slot;
        if (counts[slot] == 0) {
            if (distinct == EXACT_VALUES) {
                toHistogram();
                histogram.recordValueWithCount(latency, n);
                return;
            }
            if (2 * (distinct + 1) > values.length) {
                grow();
                slot = find(latency);
                lastSlot = slot;
            }
            values[slot] = latency;
            distinct++;
        }
        counts[slot] += n;
    }

    /** The slot holding {@code v}, or the free slot where it goes. */
    private int find(long v) {
        int mask = values.length - 1;
        int slot = (int) (mix(v) & mask);
        while (counts[slot] != 0 && values[slot] != v) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] v = values;
        long[] c = counts;
        values = new long[v.length * 2];
        counts = new long[v.length * 2];
        int mask = values.length - 1;
        for (int i = 0; i < v.length; i++) {
            if (c[i] != 0) {
                int slot = (int) (mix(v[i]) & mask);
                while (counts[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                values[slot] = v[i];
                counts[slot] = c[i];
            }
        }
    }

    private static long mix(long v) {
        long z = v * 0x9E3779B97F4A7C15L;
        return z ^ (z >>> 29);
    }

    private void toHistogram() {
        histogram = new PackedHistogram(SIGNIFICANT_DIGITS);
        for (int i = 0; i < values.length; i++) {
            if (counts[i] != 0) {
                histogram.recordValueWithCount(values[i], counts[i]);
            }
        }
        values = null;
        counts = null;
    }

    private void addToSum(long high, long low) {
        long s = sumLow + low;
        sumHigh += high + (Long.compareUnsigned(s, sumLow) < 0 ? 1 : 0);
        sumLow = s;
    }

    /** Adds every latency of {@code other}. */
    void addAll(Latencies other) {
        if (other.count == 0) {
            return;
        }
        long c = count;
        long lo = sumLow;
        long hi = sumHigh;
        long mn = Math.min(min, other.min);
        long mx = Math.max(max, other.max);
        if (other.histogram != null) {
            if (histogram == null) {
                toHistogram();
            }
            histogram.add(other.histogram);
        } else {
            for (int i = 0; i < other.values.length; i++) {
                if (other.counts[i] != 0) {
                    record(other.values[i], other.counts[i]);
                }
            }
        }
        // record() above counted the values again: set the exact figures from both tallies.
        count = c + other.count;
        min = mn;
        max = mx;
        sumLow = lo;
        sumHigh = hi;
        addToSum(other.sumHigh, other.sumLow);
    }

    /** {@return how many latencies} */
    long count() {
        return count;
    }

    /** {@return the largest latency; 0 when none} */
    long max() {
        return count == 0 ? 0 : max;
    }

    /** {@return the mean, rounded down; 0 when none} */
    long mean() {
        if (count == 0) {
            return 0;
        }
        BigInteger sum = BigInteger.valueOf(sumHigh).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(sumLow)));
        return sum.divide(BigInteger.valueOf(count)).longValue();
    }

    /** {@return whether figures are exact: at most {@value #EXACT_VALUES} distinct latencies} */
    boolean exact() {
        return histogram == null;
    }

    /**
     * {@return how many latencies exceed {@code bound}: exactly while {@link #exact()}, else to the
     * histogram's resolution (the bound's bucket counts as not exceeding it)}
     */
    long countAbove(long bound) {
        if (count == 0 || bound >= max) {
            return 0;
        }
        if (bound < min) {
            return count;
        }
        if (histogram != null) {
            return count - histogram.getCountBetweenValues(0, bound);
        }
        long above = 0;
        for (int i = 0; i < values.length; i++) {
            if (counts[i] != 0 && values[i] > bound) {
                above += counts[i];
            }
        }
        return above;
    }

    /** {@return the latency at percentile {@code p} in (0, 100], as the class comment says; 0 when none} */
    long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        if (histogram != null) {
            return Math.max(min, Math.min(max, histogram.getValueAtPercentile(p)));
        }
        long[] sorted = new long[distinct];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            if (counts[i] != 0) {
                sorted[k++] = values[i];
            }
        }
        Arrays.sort(sorted);
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
        long seen = 0;
        for (long v : sorted) {
            seen += countOf(v);
            if (seen >= rank) {
                return v;
            }
        }
        return max;
    }

    private long countOf(long v) {
        return counts[find(v)];
    }
}
