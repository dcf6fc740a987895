package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Slow start for new endpoints (proto {@code WarmupConfiguration}): a new endpoint's share of
 * traffic grows over {@code duration}.
 *
 * <pre>{@code
 * warmup:
 *   duration: 60s
 *   minimumPercent: 10
 *   aggression: 1.0
 * }</pre>
 *
 * @param duration the warm-up window
 * @param minimumPercent the share a new endpoint gets at first, as a percentage of its full weight
 * @param aggression how fast the share grows; 1.0 is linear
 */
@API(status = STABLE, since = "0.1")
public record WarmupConfiguration(@Required Duration duration, Double minimumPercent, Double aggression) {
}
