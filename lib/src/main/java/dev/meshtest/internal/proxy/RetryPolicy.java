package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * An Envoy route's retry policy as Istio builds it ({@code retry.ConvertPolicy}, istio-rules §4.7
 * ): how many retries, on which conditions, with which per-try timeout and backoff.
 *
 * <pre>{@code
 * RetryPolicy.ISTIO_DEFAULT.numRetries();   // 2
 * RetryPolicy.ISTIO_DEFAULT.retryOn();      // [connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes]
 * }</pre>
 *
 * @param numRetries retries after the first attempt (0: none)
 * @param retryOn Envoy retry conditions, for example {@code 5xx}, {@code gateway-error}, {@code connect-failure}
 * @param retriableStatusCodes statuses retried under {@code retriable-status-codes}
 * @param perTryTimeout timeout of each attempt, or {@code null} for none
 * @param retryOtherHosts whether a retry prefers hosts not tried yet (Envoy's {@code previous_hosts} predicate)
 * @param backoffBase Envoy's base retry interval (25 ms by default)
 * @param backoffMax Envoy's maximum retry interval (10 × base by default)
 * @param retryRemoteLocalities whether retries prefer other localities (Envoy's {@code previous_priorities}
 *     retry priority); without localities in the simulation it changes nothing
 */
@API(status = INTERNAL, since = "0.1")
public record RetryPolicy(int numRetries, Set<String> retryOn, Set<Integer> retriableStatusCodes, Duration perTryTimeout,
                          boolean retryOtherHosts, Duration backoffBase, Duration backoffMax,
                          boolean retryRemoteLocalities) {

    /** Istio's default outbound policy since 1.24: 2 retries on connect failures, refused streams and gRPC unavailable/cancelled. */
    public static final RetryPolicy ISTIO_DEFAULT = new RetryPolicy(2,
            Set.of("connect-failure", "refused-stream", "unavailable", "cancelled", "retriable-status-codes"), Set.of(),
            null, true, Duration.ofMillis(25), Duration.ofMillis(250), false);

    /**
     * {@link #ISTIO_DEFAULT} for a route whose single destination uses consistent hashing: no
     * {@code previous_hosts} predicate, so a retry may land on the same host (Istio's
     * {@code DefaultConsistentHashPolicy}).
     */
    public static final RetryPolicy ISTIO_DEFAULT_CONSISTENT_HASH = new RetryPolicy(2, ISTIO_DEFAULT.retryOn(), Set.of(),
            null, false, Duration.ofMillis(25), Duration.ofMillis(250), false);

    /** No retries ({@code retries: {attempts: 0}}). */
    public static final RetryPolicy NONE = new RetryPolicy(0, Set.of(), Set.of(), null, false, Duration.ofMillis(25),
            Duration.ofMillis(250), false);

    public RetryPolicy {
        retryOn = Set.copyOf(retryOn);
        retriableStatusCodes = Set.copyOf(retriableStatusCodes);
    }

    /** A policy that does not prefer other localities. */
    public RetryPolicy(int numRetries, Set<String> retryOn, Set<Integer> retriableStatusCodes, Duration perTryTimeout,
                       boolean retryOtherHosts, Duration backoffBase, Duration backoffMax) {
        this(numRetries, retryOn, retriableStatusCodes, perTryTimeout, retryOtherHosts, backoffBase, backoffMax, false);
    }
}
