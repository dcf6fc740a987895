package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A fraction, {@code numerator/denominator}.
 *
 * <pre>{@code
 * fraction: {numerator: 1, denominator: 3}
 * }</pre>
 *
 * @param numerator the numerator
 * @param denominator the denominator; absent for 100
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record Fraction(
        @Required Integer numerator,
        Integer denominator) {
}
