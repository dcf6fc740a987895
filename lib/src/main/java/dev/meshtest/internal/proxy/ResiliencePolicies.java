package dev.meshtest.internal.proxy;

import dev.meshtest.config.istio.ConnectionPoolSettings;
import dev.meshtest.config.istio.HttpFaultInjection;
import dev.meshtest.config.istio.HttpFaultInjectionAbort;
import dev.meshtest.config.istio.HttpFaultInjectionDelay;
import dev.meshtest.config.istio.HttpMirrorPolicy;
import dev.meshtest.config.istio.HttpRetry;
import dev.meshtest.config.istio.HttpRoute;
import dev.meshtest.config.istio.HttpSettings;
import dev.meshtest.config.istio.OutlierDetection;
import dev.meshtest.config.istio.Percent;
import dev.meshtest.config.istio.TcpSettings;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Istio's translation of the resilience settings into Envoy's: a VirtualService rule's
 * {@code retries}, {@code fault}, {@code mirror} percentages (istio-rules §4.5–§4.8), and a DestinationRule's
 * {@code connectionPool} and {@code outlierDetection} (istio-rules §6.5–§6.7). Which rule or policy applies
 * is decided by the callers ({@link RouteTranslator}, {@link DestinationRules}); this class only
 * converts one block into the policy record the data plane enforces.
 */
final class ResiliencePolicies {

    /** Envoy's retry back-off when the rule sets none: 25 ms base. */
    static final Duration ENVOY_BACKOFF_BASE = Duration.ofMillis(25);
    /** Istio's mesh {@code connectTimeout} default. */
    static final Duration MESH_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Go's {@code http.StatusText} knows these codes; {@code parseRetryOn} takes a number in
     * {@code retryOn} as a status code only if it is one of them.
     */
    private static final Set<Integer> GO_STATUS_CODES = Set.of(
            100, 101, 102, 103,
            200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
            300, 301, 302, 303, 304, 305, 307, 308,
            400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
            421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
            500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511);

    /** Istio's {@code grpc.SupportedGRPCStatus}: gRPC status names to codes. */
    private static final Map<String, Integer> GRPC_STATUS = Map.ofEntries(
            Map.entry("OK", 0), Map.entry("CANCELLED", 1), Map.entry("UNKNOWN", 2), Map.entry("INVALID_ARGUMENT", 3),
            Map.entry("DEADLINE_EXCEEDED", 4), Map.entry("NOT_FOUND", 5), Map.entry("ALREADY_EXISTS", 6),
            Map.entry("PERMISSION_DENIED", 7), Map.entry("RESOURCE_EXHAUSTED", 8), Map.entry("FAILED_PRECONDITION", 9),
            Map.entry("ABORTED", 10), Map.entry("OUT_OF_RANGE", 11), Map.entry("UNIMPLEMENTED", 12),
            Map.entry("INTERNAL", 13), Map.entry("UNAVAILABLE", 14), Map.entry("DATA_LOSS", 15),
            Map.entry("UNAUTHENTICATED", 16));

    private ResiliencePolicies() {
    }

    // ---------------------------------------------------------------- routes (istio-rules §4.5–§4.8)

    /**
     * Istio's {@code retry.ConvertPolicy}. No {@code retries}: the default policy, without the
     * {@code previous_hosts} predicate when the route's single destination hashes consistently.
     * {@code attempts} unset or ≤ 0: no retry policy at all. Otherwise {@code attempts} retries;
     * a non-empty {@code retryOn} replaces the default conditions, numbers that are HTTP status
     * codes becoming retriable status codes (with {@code retriable-status-codes} added when
     * missing); {@code retryIgnorePreviousHosts}, when set, decides the predicate; a
     * {@code backoff} sets Envoy's base interval (its maximum is then Envoy's 10 × base).
     */
    /**
     * The one place that decides a route's retries (istio-rules §4.7): the VirtualService rule's
     * {@code retries}, else MeshConfig's {@code defaultHttpRetryPolicy}, else Istio's default
     * ({@code TranslateRoute}; a Service's default route passes no rule and no hash).
     *
     * @param rule the rule's {@code retries}, or {@code null} (none, or a default route)
     * @param meshDefault MeshConfig's {@code defaultHttpRetryPolicy}, or {@code null}
     * @param consistentHash whether the route's one destination uses consistent hashing
     * @return the policy
     */
    static RetryPolicy routeRetries(HttpRetry rule, HttpRetry meshDefault, boolean consistentHash) {
        return retryPolicy(rule != null ? rule : meshDefault, consistentHash);
    }

    static RetryPolicy retryPolicy(HttpRetry in, boolean consistentHash) {
        if (in == null) {
            return consistentHash ? RetryPolicy.ISTIO_DEFAULT_CONSISTENT_HASH : RetryPolicy.ISTIO_DEFAULT;
        }
        int attempts = in.attempts() == null ? 0 : in.attempts();
        if (attempts <= 0) {
            return RetryPolicy.NONE;
        }
        Set<String> retryOn = RetryPolicy.ISTIO_DEFAULT.retryOn();
        Set<Integer> codes = new LinkedHashSet<>();
        if (in.retryOn() != null && !in.retryOn().isEmpty()) {
            Set<String> conditions = new LinkedHashSet<>();
            parseRetryOn(in.retryOn(), conditions, codes);
            if (!codes.isEmpty() && !conditions.contains("retriable-status-codes")) {
                conditions.add("retriable-status-codes");
            }
            retryOn = conditions;
        }
        boolean otherHosts = !consistentHash;
        if (in.retryIgnorePreviousHosts() != null) {
            otherHosts = in.retryIgnorePreviousHosts();
        }
        Duration base = in.backoff() != null ? in.backoff() : ENVOY_BACKOFF_BASE;
        return new RetryPolicy(attempts, retryOn, codes, in.perTryTimeout(), otherHosts, base, base.multipliedBy(10),
                Boolean.TRUE.equals(in.retryRemoteLocalities()));
    }

    /**
     * Istio's {@code parseRetryOn}: comma-separated, blanks trimmed and empty parts dropped; a
     * part that parses as an integer Go knows as an HTTP status is a status code, anything else
     * an Envoy condition.
     */
    private static void parseRetryOn(String retryOn, Set<String> conditions, Set<Integer> codes) {
        for (String raw : retryOn.split(",", -1)) {
            String part = raw.strip();
            if (part.isEmpty()) {
                continue;
            }
            Integer code = null;
            try {
                code = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                // not a number: a condition
            }
            if (code != null && GO_STATUS_CODES.contains(code)) {
                codes.add(code);
            } else {
                conditions.add(part);
            }
        }
    }

    /**
     * Istio's {@code TranslateFault}, or {@code null} when nothing is left. Delay: only a
     * {@code fixedDelay} counts (an exponential or missing one drops the delay); its share is
     * {@code percentage}, else the deprecated integer {@code percent} (unset: 0). Abort: an
     * {@code httpStatus}, or a {@code grpcStatus} (HTTP 200 plus the gRPC code, as Envoy's fault
     * filter answers); anything else drops the abort; its share is {@code percentage}, unset 0.
     */
    static Fault fault(HttpFaultInjection in) {
        if (in == null) {
            return null;
        }
        Duration delay = null;
        double delayPercent = 0;
        HttpFaultInjectionDelay d = in.delay();
        if (d != null && d.fixedDelay() != null) {
            delay = d.fixedDelay();
            delayPercent = d.percentage() != null ? perMillion(d.percentage()) : d.percent() == null ? 0 : d.percent();
        }
        Integer abortStatus = null;
        Integer grpcStatus = null;
        double abortPercent = 0;
        HttpFaultInjectionAbort a = in.abort();
        if (a != null && (a.httpStatus() != null || a.grpcStatus() != null)) {
            if (a.httpStatus() != null) {
                abortStatus = a.httpStatus();
            } else {
                // Validation rejects unknown names; Go's map lookup would give 0 (OK).
                abortStatus = 200;
                grpcStatus = GRPC_STATUS.getOrDefault(a.grpcStatus(), 0);
            }
            abortPercent = a.percentage() != null ? perMillion(a.percentage()) : 0;
        }
        if (delay == null && abortStatus == null) {
            return null;
        }
        return new Fault(delay, delayPercent, abortStatus, abortPercent, grpcStatus);
    }

    /**
     * Istio's {@code MirrorPercent} for a rule's single {@code mirror}: {@code mirrorPercentage}
     * if present (0 or less: no mirroring), else the deprecated integer {@code mirrorPercent}
     * (alias {@code mirror_percent}; 0: no mirroring), else 100. {@code null} means "do not
     * mirror".
     */
    static Double mirrorPercent(HttpRoute in) {
        if (in.mirrorPercentage() != null) {
            double v = value(in.mirrorPercentage());
            return v > 0 ? perMillion(in.mirrorPercentage()) : null;
        }
        Integer legacy = in.mirrorPercent() != null ? in.mirrorPercent() : in.mirror_percent();
        if (legacy != null) {
            return legacy > 0 ? (double) legacy : null;
        }
        return 100.0;
    }

    /** Istio's {@code MirrorPercentByPolicy} for one entry of {@code mirrors}: its percentage (0: none), else 100. */
    static Double mirrorPercent(HttpMirrorPolicy in) {
        if (in.percentage() != null) {
            return value(in.percentage()) > 0 ? perMillion(in.percentage()) : null;
        }
        return 100.0;
    }

    /**
     * Istio's {@code translatePercentToFractionalPercent}: a percentage becomes a whole number of
     * parts per million ({@code uint32(value * 10000)}, truncated); returned as a percentage again.
     */
    private static double perMillion(Percent p) {
        double v = value(p);
        if (v <= 0) {
            return 0;
        }
        long ppm = (long) (v * 10000);
        return Math.min(ppm, 1_000_000L) / 10000.0;
    }

    private static double value(Percent p) {
        return p == null || p.value() == null ? 0 : p.value();
    }

    // ---------------------------------------------------------------- clusters (istio-rules §6.5–§6.7)

    /**
     * Istio's {@code applyConnectionPool} on {@code getDefaultCircuitBreakerThresholds}: every
     * threshold 2^32 − 1 unless the block sets it above 0 (Istio cannot tell 0 from unset);
     * {@code maxRequestsPerConnection} 0 (unlimited) unless above 0; {@code connectTimeout} the
     * mesh's 10 s unless set. No block (null) gives the same defaults.
     */
    static CircuitBreakers circuitBreakers(ConnectionPoolSettings cp) {
        return circuitBreakers(cp, null);
    }

    /**
     * As {@link #circuitBreakers(ConnectionPoolSettings)}, with the retry budget in effect for the
     * cluster ({@code applyRetryBudget}, called from {@code applyConnectionPool} whatever the pool):
     * {@code percent} 20 unless set, {@code minRetryConcurrency} 3 unless above 0.
     */
    static CircuitBreakers circuitBreakers(ConnectionPoolSettings cp, dev.meshtest.config.istio.RetryBudget budget) {
        CircuitBreakers.RetryBudget retryBudget = budget == null ? null : new CircuitBreakers.RetryBudget(
                budget.percent() == null ? 20.0 : budget.percent(),
                budget.minRetryConcurrency() != null && budget.minRetryConcurrency() > 0 ? budget.minRetryConcurrency() : 3);
        if (cp == null) {
            return retryBudget == null ? CircuitBreakers.DEFAULT : new CircuitBreakers(CircuitBreakers.UNLIMITED,
                    CircuitBreakers.UNLIMITED, CircuitBreakers.UNLIMITED, CircuitBreakers.UNLIMITED, 0, MESH_CONNECT_TIMEOUT,
                    retryBudget, false, 0);
        }
        long maxConnections = CircuitBreakers.UNLIMITED;
        long maxPending = CircuitBreakers.UNLIMITED;
        long maxRequests = CircuitBreakers.UNLIMITED;
        long maxRetries = CircuitBreakers.UNLIMITED;
        int perConnection = 0;
        int concurrentStreams = 0;
        Duration connectTimeout = MESH_CONNECT_TIMEOUT;
        HttpSettings http = cp.http();
        if (http != null) {
            maxRequests = positiveOr(http.http2MaxRequests(), maxRequests);
            maxPending = positiveOr(http.http1MaxPendingRequests(), maxPending);
            maxRetries = positiveOr(http.maxRetries(), maxRetries);
            perConnection = (int) positiveOr(http.maxRequestsPerConnection(), 0);
            // Set on the HTTP/2 protocol options when the cluster has them (applyConnectionPool).
            concurrentStreams = (int) positiveOr(http.maxConcurrentStreams(), 0);
        }
        TcpSettings tcp = cp.tcp();
        if (tcp != null) {
            if (tcp.connectTimeout() != null) {
                connectTimeout = tcp.connectTimeout();
            }
            maxConnections = positiveOr(tcp.maxConnections(), maxConnections);
        }
        return new CircuitBreakers(maxConnections, maxPending, maxRequests, maxRetries, perConnection, connectTimeout, retryBudget,
                false, concurrentStreams);
    }

    /**
     * Whether an outbound cluster speaks HTTP/2 upstream, as Istio decides after its traffic
     * policy ({@code applyH2Upgrade}, {@code shouldH2Upgrade}, then {@code setUpstreamProtocol}):
     * an HTTP2, gRPC or gRPC-Web port, or a connection pool with {@code h2UpgradePolicy: UPGRADE};
     * but {@code useClientProtocol} keeps the client's protocol whatever the port (HTTP/1.1 for
     * meshtest's clients). MeshConfig's own {@code h2UpgradePolicy} is refused, so the mesh default
     * is never to upgrade; a sniffed port keeps the client's protocol.
     */
    static boolean outboundHttp2(dev.meshtest.config.istio.Protocol port, ConnectionPoolSettings cp) {
        HttpSettings http = cp == null ? null : cp.http();
        if (http != null && Boolean.TRUE.equals(http.useClientProtocol())) {
            return false;   // setUseDownstreamProtocol, applied after setUpstreamProtocol: HTTP/1.1 from meshtest's clients
        }
        return port.isHttp2() || http != null && http.h2UpgradePolicy() == dev.meshtest.config.istio.H2UpgradePolicy.UPGRADE;
    }

    /**
     * Whether an inbound cluster (the server's sidecar to its app) speaks HTTP/2 upstream
     * ({@code setUpstreamProtocol} only: clusters are upgraded on the outbound side alone): on an
     * HTTP2, gRPC or gRPC-Web port, unless the pool's {@code useClientProtocol} passes on what the
     * client's sidecar sent, which meshtest takes as HTTP/1.1 (the client's own rule then keeps
     * curl's protocol too).
     */
    static boolean inboundHttp2(dev.meshtest.config.istio.Protocol port, ConnectionPoolSettings cp) {
        HttpSettings http = cp == null ? null : cp.http();
        return port != null && port.isHttp2() && !(http != null && Boolean.TRUE.equals(http.useClientProtocol()));
    }

    private static long positiveOr(Integer v, long dflt) {
        return v != null && v > 0 ? v : dflt;
    }

    /** Envoy's outlier-detection defaults Istio leaves in place. */
    private static final int ENVOY_CONSECUTIVE_5XX = 5;
    private static final Duration ENVOY_INTERVAL = Duration.ofSeconds(10);
    private static final Duration ENVOY_BASE_EJECTION_TIME = Duration.ofSeconds(30);
    private static final int ENVOY_MAX_EJECTION_PERCENT = 10;
    private static final int ENVOY_CONSECUTIVE_LOCAL_ORIGIN_FAILURE = 5;

    /**
     * Istio's {@code applyOutlierDetection}, or {@code null} without a block. {@code consecutive5xxErrors}
     * unset: Envoy's 5 (enforced); set: that many, 0 turning it off. {@code consecutiveGatewayErrors}
     * off unless set above 0 (Envoy enforces it at 0% otherwise). {@code interval} 10 s and
     * {@code baseEjectionTime} 30 s unless set; {@code maxEjectionPercent} Envoy's 10 unless above 0;
     * {@code minHealthPercent} becomes the panic threshold as written (unset: 0, panic off).
     * The deprecated {@code consecutiveErrors} is ignored, as Istio has done since 1.7.
     * Split local-origin errors: {@code consecutiveLocalOriginFailures} if above 0, else Envoy's 5.
     */
    static OutlierDetectionPolicy outlierDetection(OutlierDetection od) {
        if (od == null) {
            return null;
        }
        int consecutive5xx = od.consecutive5xxErrors() == null ? ENVOY_CONSECUTIVE_5XX : Math.max(0, od.consecutive5xxErrors());
        int gateway = od.consecutiveGatewayErrors() == null ? 0 : Math.max(0, od.consecutiveGatewayErrors());
        Duration interval = od.interval() != null ? od.interval() : ENVOY_INTERVAL;
        Duration baseEjection = od.baseEjectionTime() != null ? od.baseEjectionTime() : ENVOY_BASE_EJECTION_TIME;
        int maxEjection = (int) positiveOr(od.maxEjectionPercent(), ENVOY_MAX_EJECTION_PERCENT);
        int minHealth = od.minHealthPercent() == null ? 0 : Math.max(0, od.minHealthPercent());
        boolean split = Boolean.TRUE.equals(od.splitExternalLocalOriginErrors());
        int localOrigin = split ? (int) positiveOr(od.consecutiveLocalOriginFailures(), ENVOY_CONSECUTIVE_LOCAL_ORIGIN_FAILURE) : 0;
        return new OutlierDetectionPolicy(consecutive5xx, gateway, interval, baseEjection, maxEjection, minHealth, split,
                localOrigin);
    }
}
