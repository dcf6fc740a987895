package dev.meshtest.assertj;

/** The statistics behind the share assertions. */
final class Stats {

    /** The confidence of {@link #wilson(long, long)}. */
    static final double CONFIDENCE = 0.999;

    /**
     * The standard normal quantile of {@code 1 - (1 - 0.999) / 2 = 0.9995}: the z of a two-sided
     * 99.9% interval. Hard-coded so meshtest needs no distribution library; {@code StatsTest} checks it
     * against {@code NormalDistribution.of(0, 1).inverseCumulativeProbability(0.9995)}.
     */
    static final double Z_999 = 3.2905267314919255;

    private Stats() {
    }

    /**
     * The Wilson score interval of a binomial proportion ({@code k} successes in {@code n} trials)
     * at {@link #CONFIDENCE}: {@code {low, high}}. Unlike the normal (Wald) interval it keeps its
     * coverage for shares near 0 and 1 and never leaves [0, 1].
     */
    static double[] wilson(long k, long n) {
        return wilson(k, n, Z_999);
    }

    static double[] wilson(long k, long n, double z) {
        if (n <= 0 || k < 0 || k > n) {
            throw new IllegalArgumentException(k + " of " + n);
        }
        double p = (double) k / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double center = (p + z2 / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // At k = 0 (k = n) the bound is exactly 0 (1); rounding must not move it off.
        double low = k == 0 ? 0 : Math.max(0, center - half);
        double high = k == n ? 1 : Math.min(1, center + half);
        return new double[] {low, high};
    }
}
