package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * HTTP/2 PING keepalive (proto {@code ConnectionPoolSettings.HTTPSettings.ConnectionKeepalive}).
 *
 * <pre>{@code
 * http2KeepAlive:
 *   interval: 30s
 *   timeout: 5s
 * }</pre>
 *
 * @param interval time between PINGs
 * @param timeout how long to wait for a PING response before closing the connection
 */
@API(status = STABLE, since = "0.1")
public record ConnectionKeepalive(Duration interval, Duration timeout) {
}
