package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.TextPattern;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Timeouts of an HTTPRoute rule (Go type {@code HTTPRouteTimeouts}); {@code 0s} disables one.
 * Each is written as the Gateway API's {@code Duration} (GEP-2257, {@link #DURATION_PATTERN}):
 * up to four whole numbers of hours, minutes, seconds or milliseconds ({@code 1s500ms}, not
 * {@code 1.5s}).
 *
 * <pre>{@code
 * timeouts:
 *   request: 10s
 *   backendRequest: 2s
 * }</pre>
 *
 * @param request the time for the whole request, retries included
 * @param backendRequest the time for one request from the gateway to a backend
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpRouteTimeouts(
        @TextPattern(DURATION_PATTERN) Duration request,
        @TextPattern(DURATION_PATTERN) Duration backendRequest) {

    /** The Gateway API's {@code Duration} as its CRDs check it (GEP-2257). */
    public static final String DURATION_PATTERN = "^([0-9]{1,5}(h|m|s|ms)){1,4}$";
}
