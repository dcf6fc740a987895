package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Timeouts of an HTTPRoute rule (Go type {@code HTTPRouteTimeouts}); {@code 0s} disables one.
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
        Duration request,
        Duration backendRequest) {
}
