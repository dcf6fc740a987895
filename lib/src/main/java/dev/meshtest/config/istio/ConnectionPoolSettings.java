package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

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
@API(status = STABLE, since = "0.1")
public record ConnectionPoolSettings(TcpSettings tcp, HttpSettings http) {
}
