package dev.meshtest.app;

import java.time.Duration;

/** Durations as the annotations write them: {@code 120ms}, {@code 1.5s}, {@code 250us}. */
final class Durations {

    private Durations() {
    }

    /** {@code 120ms}, {@code 1.5s}, {@code 250us}, {@code 2m}, {@code 10ns}. */
    static Duration parse(String s) {
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

    /** {@code 120ms}, {@code 250us} or {@code 7ns}: the largest unit that keeps it whole. */
    static String format(long nanos) {
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        if (nanos % 1000 == 0) {
            return nanos / 1000 + "us";
        }
        return nanos + "ns";
    }
}
