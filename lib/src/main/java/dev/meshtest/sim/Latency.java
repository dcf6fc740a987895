package dev.meshtest.sim;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A distribution of virtual durations, such as an app's service time. Sampled from the
 * simulation's seeded stream; a fixed latency draws nothing from it, so adding one never shifts
 * other random picks.
 *
 * <pre>{@code
 * Latency.fixed(Duration.ofMillis(120));
 * Latency.uniform(Duration.ofMillis(50), Duration.ofMillis(150));
 * Latency.exponential(Duration.ofMillis(100));            // mean 100 ms
 * Latency.logNormal(Duration.ofMillis(100), 0.5);         // median 100 ms, sigma 0.5
 * Latency.parse("uniform(50ms,150ms)");                   // the annotation syntax
 * }</pre>
 */
public final class Latency {

    enum Kind { FIXED, UNIFORM, EXPONENTIAL, LOG_NORMAL }

    private final Kind kind;
    private final long a;
    private final long b;
    private final double sigma;

    private Latency(Kind kind, long a, long b, double sigma) {
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.sigma = sigma;
    }

    /** Always {@code d}. */
    public static Latency fixed(Duration d) {
        return new Latency(Kind.FIXED, nanos(d, "fixed"), 0, 0);
    }

    /** Uniform in {@code [min, max]}. */
    public static Latency uniform(Duration min, Duration max) {
        long lo = nanos(min, "min");
        long hi = nanos(max, "max");
        if (hi < lo) {
            throw new IllegalArgumentException("uniform(" + min + ", " + max + "): max is below min");
        }
        return new Latency(Kind.UNIFORM, lo, hi, 0);
    }

    /** Exponential with the given mean (memoryless: many short, a few long). */
    public static Latency exponential(Duration mean) {
        return new Latency(Kind.EXPONENTIAL, nanos(mean, "mean"), 0, 0);
    }

    /** Log-normal with the given median and shape {@code sigma} (the usual long tail of real services). */
    public static Latency logNormal(Duration median, double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("logNormal: sigma must be a finite number >= 0, got " + sigma);
        }
        return new Latency(Kind.LOG_NORMAL, nanos(median, "median"), 0, sigma);
    }

    private static long nanos(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
        return d.toNanos();
    }

    /** Whether every sample is the same (no random draw). */
    public boolean isFixed() {
        return kind == Kind.FIXED;
    }

    /** The mean, in nanoseconds (for documentation and tests). */
    public double meanNanos() {
        return switch (kind) {
            case FIXED, EXPONENTIAL -> a;
            case UNIFORM -> (a + b) / 2.0;
            case LOG_NORMAL -> a * Math.exp(sigma * sigma / 2);
        };
    }

    /** The longest sample: a day. A heavy-tailed distribution could otherwise overflow the clock. */
    static final long MAX_SAMPLE_NANOS = 86_400_000_000_000L;

    /** One sample, in nanoseconds, at most {@link #MAX_SAMPLE_NANOS}; draws from {@code random} unless fixed. */
    long sample(SplittableRandom random) {
        if (kind == Kind.FIXED) {
            return a;
        }
        if (kind == Kind.UNIFORM) {
            return a == b ? a : a + random.nextLong(b - a + 1);
        }
        double v = kind == Kind.EXPONENTIAL ? -StrictMath.log(1.0 - random.nextDouble()) * a
                : a * StrictMath.exp(sigma * gaussian(random));
        return (long) Math.min(v, MAX_SAMPLE_NANOS);
    }

    /** A standard normal sample by Box–Muller from two uniform draws (StrictMath: the same on every JVM). */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    /**
     * Parses the annotation syntax: {@code 120ms} (fixed), {@code uniform(50ms,150ms)},
     * {@code exponential(100ms)}, {@code lognormal(100ms,0.5)}. Durations take {@code ns},
     * {@code us}, {@code ms}, {@code s} or {@code m}.
     */
    public static Latency parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        try {
            int open = t.indexOf('(');
            if (open < 0) {
                return fixed(duration(t));
            }
            if (!t.endsWith(")")) {
                throw new IllegalArgumentException("missing )");
            }
            String[] args = t.substring(open + 1, t.length() - 1).split(",");
            return switch (t.substring(0, open)) {
                case "fixed" -> fixed(duration(args[0]));
                case "uniform" -> uniform(duration(args[0]), duration(args[1]));
                case "exponential" -> exponential(duration(args[0]));
                case "lognormal" -> logNormal(duration(args[0]), Double.parseDouble(args[1]));
                default -> throw new IllegalArgumentException("unknown distribution " + t.substring(0, open));
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("latency \"" + text + "\" is not one of 120ms, uniform(50ms,150ms), "
                    + "exponential(100ms), lognormal(100ms,0.5): " + e.getMessage(), e);
        }
    }

    /** {@code 120ms}, {@code 1.5s}, {@code 250us}, {@code 2m}, {@code 10ns}. */
    static Duration duration(String s) {
        String t = s.trim();
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"µs", "1000"}, {"ms", "1000000"}, {"s", "1000000000"},
                {"m", "60000000000"}, {"h", "3600000000000"}};
        for (String[] u : units) {
            if (t.endsWith(u[0]) && !(u[0].equals("s") && (t.endsWith("ms") || t.endsWith("us") || t.endsWith("ns")))
                    && !(u[0].equals("m") && t.endsWith("ms"))) {
                double v = Double.parseDouble(t.substring(0, t.length() - u[0].length()));
                if (v < 0 || Double.isNaN(v)) {
                    throw new IllegalArgumentException("negative duration " + s);
                }
                return Duration.ofNanos(Math.round(v * Long.parseLong(u[1])));
            }
        }
        throw new IllegalArgumentException("duration \"" + s + "\" needs a unit: ns, us, ms, s, m or h");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FIXED -> fmt(a);
            case UNIFORM -> "uniform(" + fmt(a) + "," + fmt(b) + ")";
            case EXPONENTIAL -> "exponential(" + fmt(a) + ")";
            case LOG_NORMAL -> "lognormal(" + fmt(a) + "," + sigma + ")";
        };
    }

    static String fmt(long nanos) {
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        if (nanos % 1000 == 0) {
            return nanos / 1000 + "us";
        }
        return nanos + "ns";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Latency l && l.kind == kind && l.a == a && l.b == b && Double.compare(l.sigma, sigma) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, a, b, sigma);
    }
}
