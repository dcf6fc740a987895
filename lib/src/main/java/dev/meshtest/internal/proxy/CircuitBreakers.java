package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * An Envoy cluster's circuit-breaker thresholds as Istio derives them from a DestinationRule's
 * {@code connectionPool} ({@code applyConnectionPool}, istio-rules §6.5): counted per proxy and per cluster
 * on the client side, and per server pod and target port on the inbound side (istio-rules §6.6).
 *
 * <pre>{@code
 * trafficPolicy:
 *   connectionPool:
 *     http: {http2MaxRequests: 1}     # -> maxRequests 1, everything else Istio's default
 * }</pre>
 *
 * @param maxConnections {@code tcp.maxConnections}
 * @param maxPendingRequests {@code http.http1MaxPendingRequests}
 * @param maxRequests {@code http.http2MaxRequests}
 * @param maxRetries {@code http.maxRetries}; Envoy ignores it when a retry budget is set
 * @param maxRequestsPerConnection {@code http.maxRequestsPerConnection}, 0 for unlimited
 * @param connectTimeout {@code tcp.connectTimeout} (mesh default 10 s)
 * @param retryBudget the DestinationRule's {@code retryBudget} ({@code applyRetryBudget}), or {@code null}
 * @param http2 whether the cluster speaks HTTP/2 upstream ({@code setH2Options}): its connections
 *     carry many requests at once, so one connection per host mostly serves them all
 * @param maxConcurrentStreams {@code http.maxConcurrentStreams}: the most requests one HTTP/2
 *     connection carries at once, 0 for Envoy's default (2^31 − 1); unused on HTTP/1.1
 */
@API(status = INTERNAL, since = "0.1")
public record CircuitBreakers(long maxConnections, long maxPendingRequests, long maxRequests, long maxRetries,
                              int maxRequestsPerConnection, Duration connectTimeout, RetryBudget retryBudget,
                              boolean http2, int maxConcurrentStreams) {

    /**
     * Envoy's retry budget ({@code CircuitBreakers.Thresholds.RetryBudget}): at most
     * {@code max(percent% of the cluster's active and pending requests, minRetryConcurrency)}
     * retries at once (istio-rules §6.5).
     *
     * @param percent {@code budget_percent} (Istio's default 20)
     * @param minRetryConcurrency {@code min_retry_concurrency} (Istio's default 3)
     */
    public record RetryBudget(double percent, long minRetryConcurrency) {
    }

    /** Thresholds of an HTTP/1.1 cluster without a retry budget. */
    public CircuitBreakers(long maxConnections, long maxPendingRequests, long maxRequests, long maxRetries,
                           int maxRequestsPerConnection, Duration connectTimeout) {
        this(maxConnections, maxPendingRequests, maxRequests, maxRetries, maxRequestsPerConnection, connectTimeout, null, false, 0);
    }

    /** These thresholds on a cluster that speaks HTTP/2 upstream, or HTTP/1.1. */
    public CircuitBreakers withHttp2(boolean h2) {
        return h2 == http2 ? this : new CircuitBreakers(maxConnections, maxPendingRequests, maxRequests, maxRetries,
                maxRequestsPerConnection, connectTimeout, retryBudget, h2, maxConcurrentStreams);
    }

    /** Istio's default for every threshold: 2^32 − 1, in effect unlimited. */
    public static final long UNLIMITED = 4_294_967_295L;

    /** Istio's defaults: no limit, 10 s connect timeout. */
    public static final CircuitBreakers DEFAULT = new CircuitBreakers(UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, 0,
            Duration.ofSeconds(10));
}
