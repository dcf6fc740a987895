package dev.meshtest.config.istio;

/**
 * A percentage in the range 0.0 to 100.0, as in a fault's or mirror's {@code percentage}.
 *
 * <pre>{@code
 * percentage:
 *   value: 0.1
 * }</pre>
 *
 * @param value the percentage
 */
public record Percent(Double value) {
}
