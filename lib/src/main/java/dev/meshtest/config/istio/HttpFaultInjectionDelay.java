package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A delay fault (proto {@code HTTPFaultInjection.Delay}). {@code fixedDelay} and
 * {@code exponentialDelay} are a oneof.
 *
 * <pre>{@code
 * delay:
 *   percentage: {value: 0.1}
 *   fixedDelay: 5s
 * }</pre>
 *
 * @param percent deprecated integer percentage of requests delayed; superseded by {@code percentage}
 * @param fixedDelay the delay
 * @param exponentialDelay an exponential delay (hidden from Istio's docs; istiod logs a warning
 *     and drops such a delay)
 * @param percentage the percentage of requests delayed
 */
@API(status = STABLE, since = "0.1")
public record HttpFaultInjectionDelay(
        Integer percent,
        Duration fixedDelay,
        Duration exponentialDelay,
        Percent percentage) {
}
