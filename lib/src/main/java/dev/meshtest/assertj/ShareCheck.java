package dev.meshtest.assertj;

import static dev.meshtest.assertj.Messages.num;
import static dev.meshtest.assertj.Messages.share;

import java.math.BigDecimal;

/**
 * Whether an observed share of requests ({@code count} of {@code total}) is the expected one, in
 * one place for every assertion that counts a share ({@link ShareAssert}, {@link StatusAssert}):
 * the expected share lies in the 99.9% Wilson score interval of the observed one, or within an
 * explicit tolerance. Answers {@code null} when it is, else the failure's text after "but".
 *
 * <pre>{@code
 * String why = ShareCheck.wilson(174, 1000, 0.2);   // null: 0.2 lies in the interval of 0.174
 * }</pre>
 */
final class ShareCheck {

    /** An absolute tolerance below which two binary doubles are the same decimal ({@code 0.2 - 0.18}). */
    private static final double ROUNDING = 1e-12;

    private ShareCheck() {
    }

    /** Throws when {@code expected} is not a share. */
    static void requireShare(double expected) {
        if (!(expected >= 0 && expected <= 1)) {
            throw new IllegalArgumentException("a share lies in [0, 1], was " + expected + " (write 0.2 for 20%)");
        }
    }

    /** Throws when {@code tolerance} is not a finite number {@code >= 0}. */
    static void requireTolerance(double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0, was " + tolerance);
        }
    }

    /** {@code count of total} in words: {@code 17.4% (174 of 1000 requests)}. */
    static String observed(long count, long total) {
        return share((double) count / total) + " (" + count + " of " + total + " requests)";
    }

    /** The expected share against the 99.9% Wilson score interval of the observed one. */
    static String wilson(long count, long total, double expected) {
        double[] interval = Stats.wilson(count, total);
        if (expected < interval[0] || expected > interval[1]) {
            return observed(count, total) + ",\nand " + num(expected) + " lies outside "
                    + Messages.interval(interval[0], interval[1], expected) + ", the 99.9% Wilson score interval of the observed share.";
        }
        return null;
    }

    /** The expected share give or take {@code tolerance} ({@code strict}: strictly within). */
    static String within(long count, long total, double expected, double tolerance, boolean strict) {
        double diff = Math.abs((double) count / total - expected);
        boolean ok = strict ? diff < tolerance - ROUNDING : diff <= tolerance + ROUNDING;
        if (ok) {
            return null;
        }
        BigDecimal e = BigDecimal.valueOf(expected);
        BigDecimal t = BigDecimal.valueOf(tolerance);
        return observed(count, total) + ", outside [" + e.subtract(t).stripTrailingZeros().toPlainString() + ", "
                + e.add(t).stripTrailingZeros().toPlainString() + "].";
    }

    /** How a tolerance reads after the expected share: {@code  ± 0.02 (strictly)}. */
    static String tolerance(double tolerance, boolean strict) {
        return " ± " + num(tolerance) + (strict ? " (strictly)" : "");
    }
}
