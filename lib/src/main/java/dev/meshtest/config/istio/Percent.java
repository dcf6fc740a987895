package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

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
@API(status = STABLE, since = "0.1")
public record Percent(Double value) {
}
