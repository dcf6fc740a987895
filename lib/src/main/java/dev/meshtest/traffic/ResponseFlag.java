package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.internal.text.Suggestions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Envoy's response flags, the {@code %RESPONSE_FLAGS%} of an access log line: why a proxy answered
 * itself or how it got the answer. Declared in the order Envoy prints them (its
 * {@code ResponseFlagUtils::toShortString} walks the flags in this order), so a set of flags
 * iterates as an access log shows it: a request timed out after a fault delay is {@code UT,DI},
 * a connection failure after retries {@code UF,URX}.
 *
 * <pre>{@code
 * ResponseFlag.of("UO");                                        // UPSTREAM_OVERFLOW
 * ResponseFlag.UPSTREAM_OVERFLOW.code();                        // "UO"
 * ResponseFlag.UPSTREAM_OVERFLOW.longName();                    // "UpstreamOverflow"
 * ResponseFlag.format(EnumSet.of(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED,
 *         ResponseFlag.UPSTREAM_REQUEST_TIMEOUT));              // "UT,URX"
 * ResponseFlag.parse("UT,URX");                                 // [UPSTREAM_REQUEST_TIMEOUT, UPSTREAM_RETRY_LIMIT_EXCEEDED]
 * }</pre>
 *
 * <p>Codes and long names are Envoy's ({@code source/common/stream_info/utility.h}); meshtest
 * produces {@code UH}, {@code UT}, {@code UF}, {@code UO}, {@code NR}, {@code DI}, {@code FI},
 * {@code URX} and {@code NC}; the others are listed so that any flag of a real access log can be
 * named.
 */
@API(status = STABLE, since = "0.1")
public enum ResponseFlag {
    /** {@code LH}: the local health check failed. */
    FAILED_LOCAL_HEALTH_CHECK("LH", "FailedLocalHealthCheck"),
    /** {@code UH}: no healthy upstream host in the cluster: 503 {@code no healthy upstream}. */
    NO_HEALTHY_UPSTREAM("UH", "NoHealthyUpstream"),
    /** {@code UT}: the upstream request timed out (route or per-try timeout): 504. */
    UPSTREAM_REQUEST_TIMEOUT("UT", "UpstreamRequestTimeout"),
    /** {@code LR}: the connection was reset locally. */
    LOCAL_RESET("LR", "LocalReset"),
    /** {@code UR}: the upstream reset the connection. */
    UPSTREAM_REMOTE_RESET("UR", "UpstreamRemoteReset"),
    /** {@code UF}: the upstream connection failed (connection refused): 503. */
    UPSTREAM_CONNECTION_FAILURE("UF", "UpstreamConnectionFailure"),
    /** {@code UC}: the upstream connection was terminated. */
    UPSTREAM_CONNECTION_TERMINATION("UC", "UpstreamConnectionTermination"),
    /** {@code UO}: a circuit breaker overflowed (connection pool or retry budget): 503. */
    UPSTREAM_OVERFLOW("UO", "UpstreamOverflow"),
    /** {@code NR}: no route matched the request (or no virtual host its authority): 404. */
    NO_ROUTE_FOUND("NR", "NoRouteFound"),
    /** {@code DI}: the fault filter delayed the request. */
    DELAY_INJECTED("DI", "DelayInjected"),
    /** {@code FI}: the fault filter aborted the request. */
    FAULT_INJECTED("FI", "FaultInjected"),
    /** {@code RL}: rate limited. */
    RATE_LIMITED("RL", "RateLimited"),
    /** {@code UAEX}: the external authorization service denied the request. */
    UNAUTHORIZED_EXTERNAL_SERVICE("UAEX", "UnauthorizedExternalService"),
    /** {@code RLSE}: the rate limit service failed. */
    RATELIMIT_SERVICE_ERROR("RLSE", "RateLimitServiceError"),
    /** {@code DC}: the downstream connection was terminated. */
    DOWNSTREAM_CONNECTION_TERMINATION("DC", "DownstreamConnectionTermination"),
    /** {@code URX}: retries were exhausted (or refused): the last attempt's answer is returned. */
    UPSTREAM_RETRY_LIMIT_EXCEEDED("URX", "UpstreamRetryLimitExceeded"),
    /** {@code SI}: the stream idle timeout fired. */
    STREAM_IDLE_TIMEOUT("SI", "StreamIdleTimeout"),
    /** {@code IH}: invalid {@code x-envoy-*} request headers. */
    INVALID_ENVOY_REQUEST_HEADERS("IH", "InvalidEnvoyRequestHeaders"),
    /** {@code DPE}: a downstream protocol error. */
    DOWNSTREAM_PROTOCOL_ERROR("DPE", "DownstreamProtocolError"),
    /** {@code UMSDR}: the upstream request reached its maximum stream duration. */
    UPSTREAM_MAX_STREAM_DURATION_REACHED("UMSDR", "UpstreamMaxStreamDurationReached"),
    /** {@code RFCF}: the response came from the cache filter. */
    RESPONSE_FROM_CACHE_FILTER("RFCF", "ResponseFromCacheFilter"),
    /** {@code NFCF}: no filter configuration was found. */
    NO_FILTER_CONFIG_FOUND("NFCF", "NoFilterConfigFound"),
    /** {@code DT}: the request reached its maximum duration. */
    DURATION_TIMEOUT("DT", "DurationTimeout"),
    /** {@code UPE}: an upstream protocol error. */
    UPSTREAM_PROTOCOL_ERROR("UPE", "UpstreamProtocolError"),
    /** {@code NC}: the route's cluster does not exist: 503, empty body. */
    NO_CLUSTER_FOUND("NC", "NoClusterFound"),
    /** {@code OM}: the overload manager terminated the request. */
    OVERLOAD_MANAGER("OM", "OverloadManagerTerminated"),
    /** {@code DF}: DNS resolution failed. */
    DNS_RESOLUTION_FAILED("DF", "DnsResolutionFailed"),
    /** {@code DO}: dropped by the overload configuration of the control plane. */
    DROP_OVERLOAD("DO", "DropOverload"),
    /** {@code DR}: the downstream reset the stream. */
    DOWNSTREAM_REMOTE_RESET("DR", "DownstreamRemoteReset");

    private final String code;
    private final String longName;

    ResponseFlag(String code, String longName) {
        this.code = code;
        this.longName = longName;
    }

    /** {@return Envoy's short code, as {@code %RESPONSE_FLAGS%} prints it: {@code UO}} */
    public String code() {
        return code;
    }

    /** {@return Envoy's long name, as {@code %RESPONSE_FLAGS_LONG%} prints it: {@code UpstreamOverflow}} */
    public String longName() {
        return longName;
    }

    /**
     * The flag with a short code ({@code UO}) or long name ({@code UpstreamOverflow}), case-sensitive
     * as in Envoy.
     *
     * @param codeOrLongName the code or long name
     * @return the flag
     * @throws IllegalArgumentException naming the flag meant when the text is not one ({@code U0}: did you mean {@code UO}?)
     */
    public static ResponseFlag of(String codeOrLongName) {
        for (ResponseFlag f : values()) {
            if (f.code.equals(codeOrLongName) || f.longName.equals(codeOrLongName)) {
                return f;
            }
        }
        throw new IllegalArgumentException("\"" + codeOrLongName + "\" is not an Envoy response flag"
                + didYouMean(String.valueOf(codeOrLongName)) + "; the flags are " + codes());
    }

    /**
     * The flags of a {@code %RESPONSE_FLAGS%} text: comma-separated codes, {@code -} or empty for none.
     *
     * @param flags for example {@code UT,URX}
     * @return the flags, iterating in Envoy's order
     * @throws IllegalArgumentException when a code is not a flag
     */
    public static Set<ResponseFlag> parse(String flags) {
        EnumSet<ResponseFlag> set = EnumSet.noneOf(ResponseFlag.class);
        if (flags == null || flags.isEmpty() || flags.equals("-")) {
            return Collections.unmodifiableSet(set);
        }
        for (String f : flags.split(",", -1)) {
            set.add(of(f.trim()));
        }
        return Collections.unmodifiableSet(set);
    }

    /**
     * Flags as Envoy's access log prints them: codes in Envoy's order joined by commas, {@code -} for none.
     *
     * @param flags the flags, in any order
     * @return for example {@code UT,URX}, or {@code -}
     */
    public static String format(Set<ResponseFlag> flags) {
        if (flags.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (ResponseFlag f : values()) {
            if (flags.contains(f)) {
                sb.append(sb.length() == 0 ? "" : ",").append(f.code);
            }
        }
        return sb.toString();
    }

    private static String didYouMean(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('0', 'O').replace('1', 'I');
        for (ResponseFlag f : values()) {
            if (f.code.equals(t) || f.longName.toUpperCase(Locale.ROOT).equals(t)) {
                return " (did you mean " + f.code + ", " + f.longName + "?)";
            }
        }
        int limit = Math.max(1, t.length() / 3);
        ResponseFlag best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ResponseFlag f : values()) {
            int d = Math.min(Suggestions.distance(t, f.code, limit),
                    Suggestions.distance(t, f.longName.toUpperCase(Locale.ROOT), limit));
            if (d < bestDistance) {
                bestDistance = d;
                best = f;
            }
        }
        return best != null && bestDistance <= limit
                ? " (did you mean " + best.code + ", " + best.longName + "?)" : "";
    }

    private static List<String> codes() {
        List<String> codes = new ArrayList<>();
        for (ResponseFlag f : values()) {
            codes.add(f.code);
        }
        return codes;
    }
}
