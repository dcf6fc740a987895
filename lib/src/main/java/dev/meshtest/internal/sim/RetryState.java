package dev.meshtest.internal.sim;

import dev.meshtest.internal.proxy.RetryPolicy;
import java.util.Set;

/**
 * Envoy's retry decisions for one route's retry policy, as pure functions of the policy, the
 * attempt and its answer ({@code source/common/router/retry_state_impl.cc}): whether a response
 * or a reset is retriable ({@code wouldRetryFromHeaders}, {@code wouldRetryFromReset}), whether
 * the retries are exhausted (flag {@code URX}), and the jittered exponential backoff
 * ({@code JitteredExponentialBackOffStrategy}). The router asks; the circuit breaker's
 * {@code maxRetries} is the router's own check (istio-rules §4.7).
 *
 * <pre>{@code
 * RetryState.Decision d = RetryState.onResponse(policy, 1, 503, false);   // RETRY with retryOn 5xx and attempts 2
 * long ceiling = RetryState.backoffCeilingMs(policy, 2);                 // 50: 25 ms doubled once
 * }</pre>
 */
final class RetryState {

    private RetryState() {
    }

    /** Why an attempt ended without an HTTP response. */
    enum Reset {
        /** The connection was refused: Envoy's remote connection failure. */
        CONNECT_FAILURE,
        /** The TLS handshake failed (a plain-text peer): also a remote connection failure. */
        TLS_FAILURE,
        /** The peer closed the connection before a response (a STRICT sidecar to plain text). */
        CONNECTION_TERMINATION,
        /** The per-try timeout fired. */
        PER_TRY_TIMEOUT
    }

    /** What the router does after an attempt. */
    enum Decision {
        /** Retry (if the circuit breaker's maxRetries allows). */
        RETRY,
        /** Retriable, but the retries are used up: the answer stands, with flag URX. */
        EXHAUSTED,
        /** Not retriable under this policy: the answer stands. */
        NOT_RETRIABLE
    }

    /** The decision after attempt {@code attempt} (1 for the first) got an HTTP response. */
    static Decision onResponse(RetryPolicy policy, int attempt, int status, boolean overloaded) {
        return decide(policy, attempt, wouldRetryFromHeaders(policy, status, overloaded));
    }

    /** The decision after attempt {@code attempt} ended without a response. */
    static Decision onReset(RetryPolicy policy, int attempt, Reset reason) {
        return decide(policy, attempt, wouldRetryFromReset(policy, reason));
    }

    private static Decision decide(RetryPolicy policy, int attempt, boolean retriable) {
        if (!retriable) {
            return Decision.NOT_RETRIABLE;
        }
        return attempt <= policy.numRetries() ? Decision.RETRY : Decision.EXHAUSTED;
    }

    /**
     * Envoy's {@code wouldRetryFromHeaders}: {@code 5xx} any 5xx, {@code gateway-error} 502 to
     * 504, {@code retriable-4xx} 409, {@code retriable-status-codes} the listed ones; a response
     * with {@code x-envoy-overloaded} never.
     */
    static boolean wouldRetryFromHeaders(RetryPolicy policy, int status, boolean overloaded) {
        if (overloaded || policy.numRetries() == 0) {
            return false;
        }
        Set<String> on = policy.retryOn();
        if (status >= 500 && on.contains("5xx")) {
            return true;
        }
        if (status >= 502 && status <= 504 && on.contains("gateway-error")) {
            return true;
        }
        if (status == 409 && on.contains("retriable-4xx")) {
            return true;
        }
        return !policy.retriableStatusCodes().isEmpty() && on.contains("retriable-status-codes")
                && policy.retriableStatusCodes().contains(status);
    }

    /**
     * Envoy's {@code wouldRetryFromReset}: 5xx, gateway-error and reset retry any reset;
     * connect-failure only connection failures (refused, or a failed TLS handshake).
     */
    static boolean wouldRetryFromReset(RetryPolicy policy, Reset reason) {
        if (policy.numRetries() == 0) {
            return false;
        }
        Set<String> on = policy.retryOn();
        if (on.contains("5xx") || on.contains("gateway-error") || on.contains("reset")) {
            return true;
        }
        return (reason == Reset.CONNECT_FAILURE || reason == Reset.TLS_FAILURE) && on.contains("connect-failure");
    }

    /**
     * The ceiling of the backoff before the retry that follows attempt {@code attempt}: the base
     * interval (at least 1 ms) doubled once per earlier retry, capped at the maximum.
     */
    static long backoffCeilingMs(RetryPolicy policy, int attempt) {
        long max = backoffMaxMs(policy);
        long interval = backoffBaseMs(policy);
        for (int i = 1; i < attempt && interval < max; i++) {
            interval = interval > max / 2 ? max : interval * 2;
        }
        return interval;
    }

    /** The jittered backoff: a random number of milliseconds below the ceiling, at most the maximum. */
    static long backoffMs(RetryPolicy policy, int attempt, SeededRandom random) {
        return Math.min(random.nextLong(backoffCeilingMs(policy, attempt)), backoffMaxMs(policy));
    }

    /** The base interval, at least 1 ms. */
    private static long backoffBaseMs(RetryPolicy policy) {
        return Math.max(1, policy.backoffBase().toMillis());
    }

    /** The maximum interval, at least the base. */
    private static long backoffMaxMs(RetryPolicy policy) {
        return Math.max(backoffBaseMs(policy), policy.backoffMax().toMillis());
    }
}
