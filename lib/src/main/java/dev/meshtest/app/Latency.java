package dev.meshtest.app;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A distribution of virtual durations, such as an app's service time: fixed, uniform, exponential
 * or log-normal. The simulation samples it from its one seeded stream; a fixed latency draws
 * nothing, so adding one never shifts other random picks.
 *
 * <pre>{@code
 * Latency.fixed(Duration.ofMillis(120));
 * Latency.uniform(Duration.ofMillis(50), Duration.ofMillis(150));
 * Latency.exponential(Duration.ofMillis(100));            // mean 100 ms
 * Latency.logNormal(Duration.ofMillis(100), 0.5);         // median 100 ms, sigma 0.5
 * Latency.parse("uniform(50ms,150ms)");                   // the annotation syntax
 * }</pre>
 *
 * <p>Each distribution is a record, so a latency can be inspected and compared:
 * {@code Latency.parse("120ms").equals(new Latency.Fixed(Duration.ofMillis(120)))}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface Latency permits Latency.Fixed, Latency.Uniform, Latency.Exponential, Latency.LogNormal {

    /**
     * Always {@code value}.
     *
     * @param value the latency, not negative
     */
    record Fixed(Duration value) implements Latency {
        /**
         * Checks the value.
         *
         * @param value the latency, not negative
         */
        public Fixed {
            notNegative(value, "fixed");
        }

        @Override
        public double meanNanos() {
            return value.toNanos();
        }

        @Override
        public String toString() {
            return Durations.format(value.toNanos());
        }
    }

    /**
     * Uniform in {@code [min, max]}, to the nanosecond.
     *
     * @param min the shortest latency, not negative
     * @param max the longest latency, at least {@code min}
     */
    record Uniform(Duration min, Duration max) implements Latency {
        /**
         * Checks the bounds.
         *
         * @param min the shortest latency, not negative
         * @param max the longest latency, at least {@code min}
         */
        public Uniform {
            notNegative(min, "min");
            notNegative(max, "max");
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("uniform(" + min + ", " + max + "): max is below min");
            }
        }

        @Override
        public double meanNanos() {
            return (min.toNanos() + max.toNanos()) / 2.0;
        }

        @Override
        public String toString() {
            return "uniform(" + Durations.format(min.toNanos()) + "," + Durations.format(max.toNanos()) + ")";
        }
    }

    /**
     * Exponential with the given mean: memoryless, many short and a few long.
     *
     * @param mean the mean latency, not negative
     */
    record Exponential(Duration mean) implements Latency {
        /**
         * Checks the mean.
         *
         * @param mean the mean latency, not negative
         */
        public Exponential {
            notNegative(mean, "mean");
        }

        @Override
        public double meanNanos() {
            return mean.toNanos();
        }

        @Override
        public String toString() {
            return "exponential(" + Durations.format(mean.toNanos()) + ")";
        }
    }

    /**
     * Log-normal with the given median and shape: the usual long tail of real services.
     *
     * @param median the median latency, not negative
     * @param sigma the shape, a finite number {@code >= 0}; larger is a longer tail
     */
    record LogNormal(Duration median, double sigma) implements Latency {
        /**
         * Checks the median and the shape.
         *
         * @param median the median latency, not negative
         * @param sigma the shape, a finite number {@code >= 0}
         */
        public LogNormal {
            notNegative(median, "median");
            if (!(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("logNormal: sigma must be a finite number >= 0, got " + sigma);
            }
        }

        @Override
        public double meanNanos() {
            return median.toNanos() * Math.exp(sigma * sigma / 2);
        }

        @Override
        public String toString() {
            return "lognormal(" + Durations.format(median.toNanos()) + "," + sigma + ")";
        }
    }

    /**
     * Always {@code d}.
     *
     * @param d the latency, not negative
     * @return the distribution
     */
    static Latency fixed(Duration d) {
        return new Fixed(d);
    }

    /**
     * Uniform in {@code [min, max]}.
     *
     * @param min the shortest latency, not negative
     * @param max the longest latency, at least {@code min}
     * @return the distribution
     */
    static Latency uniform(Duration min, Duration max) {
        return new Uniform(min, max);
    }

    /**
     * Exponential with the given mean (memoryless: many short, a few long).
     *
     * @param mean the mean latency, not negative
     * @return the distribution
     */
    static Latency exponential(Duration mean) {
        return new Exponential(mean);
    }

    /**
     * Log-normal with the given median and shape (the usual long tail of real services).
     *
     * @param median the median latency, not negative
     * @param sigma the shape, a finite number {@code >= 0}; larger is a longer tail
     * @return the distribution
     */
    static Latency logNormal(Duration median, double sigma) {
        return new LogNormal(median, sigma);
    }

    /** {@return whether every sample is the same (no random draw)} */
    default boolean isFixed() {
        return this instanceof Fixed;
    }

    /** {@return the mean, in nanoseconds} */
    double meanNanos();

    /**
     * Parses the annotation syntax: {@code 120ms} (fixed), {@code uniform(50ms,150ms)},
     * {@code exponential(100ms)}, {@code lognormal(100ms,0.5)}. Durations take {@code ns},
     * {@code us}, {@code ms}, {@code s}, {@code m} or {@code h}.
     *
     * @param text the annotation's value
     * @return the distribution
     * @throws IllegalArgumentException saying what is wrong
     */
    static Latency parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        try {
            int open = t.indexOf('(');
            if (open < 0) {
                return fixed(Durations.parse(t));
            }
            if (!t.endsWith(")")) {
                throw new IllegalArgumentException("missing )");
            }
            String[] args = t.substring(open + 1, t.length() - 1).split(",");
            return switch (t.substring(0, open)) {
                case "fixed" -> fixed(Durations.parse(args[0]));
                case "uniform" -> uniform(Durations.parse(args[0]), Durations.parse(args[1]));
                case "exponential" -> exponential(Durations.parse(args[0]));
                case "lognormal" -> logNormal(Durations.parse(args[0]), Double.parseDouble(args[1]));
                default -> throw new IllegalArgumentException("unknown distribution " + t.substring(0, open));
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("latency \"" + text + "\" is not one of 120ms, uniform(50ms,150ms), "
                    + "exponential(100ms), lognormal(100ms,0.5): " + e.getMessage(), e);
        }
    }

    private static void notNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
    }
}
