package dev.meshtest.config.istio;

/**
 * Limits on connections and requests to each endpoint of a host (proto
 * {@code ConnectionPoolSettings}): Envoy's circuit breakers.
 *
 * <pre>{@code
 * connectionPool:
 *   tcp:
 *     maxConnections: 100
 *     connectTimeout: 30ms
 *   http:
 *     http1MaxPendingRequests: 1
 *     maxRequestsPerConnection: 1
 * }</pre>
 *
 * @param tcp settings common to HTTP and TCP connections
 * @param http settings for HTTP connections
 */
public record ConnectionPoolSettings(TcpSettings tcp, HttpSettings http) {
}
