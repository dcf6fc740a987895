package dev.meshtest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.traffic.DurationFormat;
import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How long a configuration change takes to reach the proxies while traffic runs, on the virtual
 * clock: istiod's debounce, then each proxy's delivery. Istio's configuration is eventually
 * consistent: after {@code kubectl apply}, each Envoy routes by its old configuration until
 * istiod's push reaches it, and different proxies switch at different moments.
 *
 * <ul>
 *   <li>{@code debounceAfter} and {@code debounceMax}: istiod waits until no change came for
 *       {@code debounceAfter} ({@code PILOT_DEBOUNCE_AFTER}, 100 ms), or until {@code debounceMax}
 *       ({@code PILOT_DEBOUNCE_MAX}, 10 s) after the first change, then pushes the latest
 *       configuration (changes made meanwhile go out together);</li>
 *   <li>{@code deliveryMin} and {@code deliveryMax}: each proxy then has it after a delay drawn
 *       from the mesh's seed, uniformly in that range, one draw per proxy and push (building its
 *       configuration, sending it, Envoy applying it). Pushes to one proxy arrive in order.</li>
 * </ul>
 *
 * <p>It applies to changes made while traffic flows: {@code mesh.timeline().at(t).apply(...)}
 * and {@code mesh.apply(...)} while {@linkplain LiveTraffic live traffic} runs. A plain
 * {@code mesh.apply(...)} between sends is an apply followed by waiting until every proxy has
 * it, as one waits for {@code istioctl proxy-status} to say SYNCED: the next send sees the new
 * configuration everywhere.
 *
 * <pre>{@code
 * mesh.withPushDelay(PushDelay.ISTIO);                          // the default
 * mesh.withPushDelay(PushDelay.NONE);                           // every proxy at once
 * mesh.withPushDelay(PushDelay.fixed(Duration.ofSeconds(2)));   // every proxy 2 s after each change
 * }</pre>
 *
 * @param debounceAfter the quiet time istiod waits for after a change
 * @param debounceMax the longest istiod waits after the first change of a push
 * @param deliveryMin the shortest delivery to one proxy after the push
 * @param deliveryMax the longest delivery to one proxy after the push, not shorter than {@code deliveryMin}
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record PushDelay(Duration debounceAfter, Duration debounceMax, Duration deliveryMin, Duration deliveryMax) {

    /**
     * istiod's defaults ({@code PILOT_DEBOUNCE_AFTER} 100 ms, {@code PILOT_DEBOUNCE_MAX} 10 s) and
     * a delivery of 10 to 250 ms per proxy, meshtest's assumption for a small, healthy mesh (a real
     * one's is the {@code pilot_proxy_convergence_time} metric).
     */
    public static final PushDelay ISTIO = new PushDelay(Duration.ofMillis(100), Duration.ofSeconds(10),
            Duration.ofMillis(10), Duration.ofMillis(250));

    /** Every change reaches every proxy at the moment it is made. */
    public static final PushDelay NONE = new PushDelay(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /**
     * Checks the delays.
     *
     * @param debounceAfter the quiet time istiod waits for after a change
     * @param debounceMax the longest istiod waits after the first change of a push
     * @param deliveryMin the shortest delivery to one proxy after the push
     * @param deliveryMax the longest delivery to one proxy after the push
     * @throws IllegalArgumentException for a negative delay, or {@code deliveryMax < deliveryMin}
     */
    public PushDelay {
        for (Duration d : new Duration[] {debounceAfter, debounceMax, deliveryMin, deliveryMax}) {
            if (Objects.requireNonNull(d, "push delays").isNegative()) {
                throw new IllegalArgumentException("PushDelay(" + DurationFormat.of(debounceAfter) + ", " + DurationFormat.of(debounceMax)
                        + ", " + DurationFormat.of(deliveryMin) + ", " + DurationFormat.of(deliveryMax) + "): a delay is negative");
            }
        }
        if (deliveryMax.compareTo(deliveryMin) < 0) {
            throw new IllegalArgumentException("PushDelay: deliveryMax " + DurationFormat.of(deliveryMax) + " is shorter than deliveryMin "
                    + DurationFormat.of(deliveryMin));
        }
    }

    /**
     * Every proxy has each change exactly {@code delay} after it is made, without debounce.
     *
     * @param delay the delay, not negative
     * @return the push delay
     */
    public static PushDelay fixed(Duration delay) {
        return new PushDelay(Duration.ZERO, Duration.ZERO, delay, delay);
    }
}
