package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Connection-pool settings for HTTP/1.1, HTTP/2 and gRPC (proto
 * {@code ConnectionPoolSettings.HTTPSettings}).
 *
 * <pre>{@code
 * http:
 *   http1MaxPendingRequests: 1
 *   http2MaxRequests: 1000
 *   maxRequestsPerConnection: 1
 *   maxRetries: 3
 *   idleTimeout: 1h
 *   h2UpgradePolicy: DO_NOT_UPGRADE
 * }</pre>
 *
 * @param http1MaxPendingRequests the most requests queued while waiting for a connection
 *     (HTTP/1.1 and HTTP/2)
 * @param http2MaxRequests the most active requests to the host (HTTP/1.1 and HTTP/2)
 * @param maxRequestsPerConnection requests per connection before it is closed; 0 or absent
 *     means unlimited, 1 disables keep-alive
 * @param maxRetries the most outstanding retries to the host
 * @param idleTimeout how long a connection pool connection may have no active requests
 * @param h2UpgradePolicy whether HTTP/1.1 connections are upgraded to HTTP/2
 * @param useClientProtocol whether to use the client's HTTP protocol upstream
 * @param maxConcurrentStreams the most concurrent streams per HTTP/2 connection
 * @param http2KeepAlive HTTP/2 PING keepalive
 */
@API(status = STABLE, since = "0.1")
public record HttpSettings(
        Integer http1MaxPendingRequests,
        Integer http2MaxRequests,
        Integer maxRequestsPerConnection,
        Integer maxRetries,
        Duration idleTimeout,
        H2UpgradePolicy h2UpgradePolicy,
        Boolean useClientProtocol,
        Integer maxConcurrentStreams,
        ConnectionKeepalive http2KeepAlive) {
}
