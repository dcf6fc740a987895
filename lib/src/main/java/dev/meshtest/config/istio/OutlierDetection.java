package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Ejection of endpoints that keep failing (proto {@code OutlierDetection}).
 *
 * <pre>{@code
 * outlierDetection:
 *   consecutive5xxErrors: 7
 *   interval: 5m
 *   baseEjectionTime: 15m
 *   maxEjectionPercent: 100
 * }</pre>
 *
 * @param consecutiveErrors deprecated (use {@code consecutive5xxErrors}): consecutive 502, 503
 *     or 504 responses before ejection (hidden from Istio's docs)
 * @param splitExternalLocalOriginErrors whether local-origin failures (connect failures,
 *     timeouts) are counted apart from upstream errors
 * @param consecutiveLocalOriginFailures consecutive local-origin failures before ejection
 * @param consecutiveGatewayErrors consecutive 502, 503 or 504 responses before ejection
 * @param consecutive5xxErrors consecutive 5xx responses before ejection
 * @param interval time between ejection sweeps
 * @param baseEjectionTime the minimum ejection time; it grows with each ejection of the endpoint
 * @param maxEjectionPercent the most endpoints that may be ejected, as a percentage
 * @param minHealthPercent outlier detection is off while fewer endpoints are healthy, as a percentage
 * @param outlierDetectionHttpErrorCodes HTTP status codes counted as errors
 */
@API(status = STABLE, since = "0.1")
public record OutlierDetection(
        Integer consecutiveErrors,
        Boolean splitExternalLocalOriginErrors,
        Integer consecutiveLocalOriginFailures,
        Integer consecutiveGatewayErrors,
        Integer consecutive5xxErrors,
        Duration interval,
        Duration baseEjectionTime,
        Integer maxEjectionPercent,
        Integer minHealthPercent,
        List<Integer> outlierDetectionHttpErrorCodes) {

    /**
     * Creates an instance, reading {@code null} {@code outlierDetectionHttpErrorCodes} (as when
     * left out of the YAML) as empty.
     *
     * @param consecutiveErrors deprecated (use {@code consecutive5xxErrors}): consecutive 502, 503
     *     or 504 responses before ejection (hidden from Istio's docs)
     * @param splitExternalLocalOriginErrors whether local-origin failures (connect failures,
     *     timeouts) are counted apart from upstream errors
     * @param consecutiveLocalOriginFailures consecutive local-origin failures before ejection
     * @param consecutiveGatewayErrors consecutive 502, 503 or 504 responses before ejection
     * @param consecutive5xxErrors consecutive 5xx responses before ejection
     * @param interval time between ejection sweeps
     * @param baseEjectionTime the minimum ejection time; it grows with each ejection of the endpoint
     * @param maxEjectionPercent the most endpoints that may be ejected, as a percentage
     * @param minHealthPercent outlier detection is off while fewer endpoints are healthy, as a percentage
     * @param outlierDetectionHttpErrorCodes HTTP status codes counted as errors
     */
    public OutlierDetection {
        outlierDetectionHttpErrorCodes = outlierDetectionHttpErrorCodes == null
                ? List.of() : outlierDetectionHttpErrorCodes;
    }
}
