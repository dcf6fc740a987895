package dev.meshtest.proxy;

import java.time.Duration;

/**
 * An Envoy cluster's outlier detection as Istio derives it from a DestinationRule's
 * {@code outlierDetection} ({@code applyOutlierDetection}, §6.7).
 *
 * <pre>{@code
 * outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 3m, maxEjectionPercent: 100}
 * }</pre>
 *
 * @param consecutive5xx 5xx responses in a row that eject a host (0: off)
 * @param consecutiveGatewayErrors 502/503/504 in a row that eject a host (0: off)
 * @param interval how often ejections are re-examined
 * @param baseEjectionTime ejection time, multiplied by the host's number of ejections (capped at 300 s)
 * @param maxEjectionPercent most hosts that may be ejected at once, in percent (Envoy's default 10)
 * @param minHealthPercent below this share of healthy hosts Envoy ignores health (0: panic off)
 */
public record OutlierDetectionPolicy(int consecutive5xx, int consecutiveGatewayErrors, Duration interval,
                                     Duration baseEjectionTime, int maxEjectionPercent, int minHealthPercent) {
}
