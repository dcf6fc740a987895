package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * An Envoy cluster's outlier detection as Istio derives it from a DestinationRule's
 * {@code outlierDetection} ({@code applyOutlierDetection}, istio-rules §6.7).
 *
 * <pre>{@code
 * outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 3m, maxEjectionPercent: 100}
 * }</pre>
 *
 * <p>Success-rate ejection is always off (Istio sets its enforcement to 0).
 *
 * @param consecutive5xx 5xx responses in a row that eject a host (0: off)
 * @param consecutiveGatewayErrors 502/503/504 in a row that eject a host (0: off)
 * @param interval how often ejections are re-examined
 * @param baseEjectionTime ejection time, multiplied by the host's number of ejections (capped at 300 s)
 * @param maxEjectionPercent most hosts that may be ejected at once, in percent (Envoy's default 10)
 * @param minHealthPercent below this share of healthy hosts Envoy ignores health (0: panic off)
 * @param splitExternalLocalOriginErrors whether locally originated failures (connect failures,
 *     timeouts, resets) are counted apart from upstream responses; when false they count as 5xx
 * @param consecutiveLocalOriginFailures locally originated failures in a row that eject a host,
 *     used only when split (Envoy's default 5); 0 when not split
 */
@API(status = INTERNAL, since = "0.1")
public record OutlierDetectionPolicy(int consecutive5xx, int consecutiveGatewayErrors, Duration interval,
                                     Duration baseEjectionTime, int maxEjectionPercent, int minHealthPercent,
                                     boolean splitExternalLocalOriginErrors, int consecutiveLocalOriginFailures) {

    /** A policy that does not split locally originated failures from upstream ones. */
    public OutlierDetectionPolicy(int consecutive5xx, int consecutiveGatewayErrors, Duration interval,
                                  Duration baseEjectionTime, int maxEjectionPercent, int minHealthPercent) {
        this(consecutive5xx, consecutiveGatewayErrors, interval, baseEjectionTime, maxEjectionPercent, minHealthPercent,
                false, 0);
    }
}
