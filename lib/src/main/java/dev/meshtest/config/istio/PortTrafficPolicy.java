package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The policies for one port of a host (proto {@code TrafficPolicy.PortTrafficPolicy}).
 *
 * <pre>{@code
 * portLevelSettings:
 * - port: {number: 9080}
 *   loadBalancer: {simple: RANDOM}
 *   connectionPool:
 *     http: {http1MaxPendingRequests: 1}
 * }</pre>
 *
 * @param port the port these policies apply to
 * @param loadBalancer how endpoints are picked
 * @param connectionPool limits on connections and requests
 * @param outlierDetection ejection of endpoints that keep failing
 * @param tls TLS settings for connections to the endpoints
 */
@API(status = STABLE, since = "0.1")
public record PortTrafficPolicy(
        PortSelector port,
        LoadBalancerSettings loadBalancer,
        ConnectionPoolSettings connectionPool,
        OutlierDetection outlierDetection,
        ClientTlsSettings tls) {
}
