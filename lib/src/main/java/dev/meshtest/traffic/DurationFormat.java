package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Durations as people write them in Istio YAML and read them in messages: milliseconds below a
 * second, seconds from there, no trailing zeros.
 *
 * <pre>{@code
 * DurationFormat.of(Duration.ofMillis(101));     // "101ms"
 * DurationFormat.of(Duration.ofMillis(2101));    // "2.101s"
 * DurationFormat.of(Duration.ofNanos(1500));     // "0.0015ms"
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DurationFormat {

    private DurationFormat() {
    }

    /**
     * A duration as meshtest's messages print it.
     *
     * @param d the duration
     * @return {@code 101ms}, {@code 2.101s}, {@code 5s}
     */
    public static String of(Duration d) {
        BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
        if (seconds.abs().compareTo(BigDecimal.ONE) < 0) {
            return seconds.movePointRight(3).stripTrailingZeros().toPlainString() + "ms";
        }
        return seconds.stripTrailingZeros().toPlainString() + "s";
    }
}
