package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The policies for traffic to a host or subset (proto {@code TrafficPolicy}).
 *
 * <pre>{@code
 * trafficPolicy:
 *   loadBalancer: {simple: ROUND_ROBIN}
 *   connectionPool:
 *     tcp: {maxConnections: 100}
 *     http: {http1MaxPendingRequests: 10}
 *   outlierDetection:
 *     consecutive5xxErrors: 7
 *     interval: 5m
 *     baseEjectionTime: 15m
 *   tls: {mode: ISTIO_MUTUAL}
 *   portLevelSettings:
 *   - port: {number: 80}
 *     loadBalancer: {simple: LEAST_REQUEST}
 * }</pre>
 *
 * @param loadBalancer how endpoints are picked
 * @param connectionPool limits on connections and requests (circuit breaking)
 * @param outlierDetection ejection of endpoints that keep failing
 * @param tls TLS settings for connections to the endpoints
 * @param portLevelSettings policies for single ports; they replace (not merge with) these
 * @param tunnel tunnelling of TCP connections over HTTP CONNECT or POST
 * @param proxyProtocol send the PROXY protocol header upstream
 * @param retryBudget a limit on concurrent retries relative to active requests
 */
@API(status = STABLE, since = "0.1")
public record TrafficPolicy(
        LoadBalancerSettings loadBalancer,
        ConnectionPoolSettings connectionPool,
        OutlierDetection outlierDetection,
        ClientTlsSettings tls,
        List<PortTrafficPolicy> portLevelSettings,
        TunnelSettings tunnel,
        ProxyProtocol proxyProtocol,
        RetryBudget retryBudget) {

    /**
     * Creates an instance, reading {@code null} {@code portLevelSettings} (as when left out of the
     * YAML) as empty.
     *
     * @param loadBalancer how endpoints are picked
     * @param connectionPool limits on connections and requests (circuit breaking)
     * @param outlierDetection ejection of endpoints that keep failing
     * @param tls TLS settings for connections to the endpoints
     * @param portLevelSettings policies for single ports; they replace (not merge with) these
     * @param tunnel tunnelling of TCP connections over HTTP CONNECT or POST
     * @param proxyProtocol send the PROXY protocol header upstream
     * @param retryBudget a limit on concurrent retries relative to active requests
     */
    public TrafficPolicy {
        portLevelSettings = portLevelSettings == null ? List.of() : portLevelSettings;
    }
}
