package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A route's fault injection (VirtualService {@code fault}, istio-rules §4.5): a delay and an abort, each with
 * the share of requests it applies to. The delay comes first, then the abort check; both happen
 * before the router, so an aborted request is never retried.
 *
 * <pre>{@code
 * fault:
 *   delay: {fixedDelay: 7s, percentage: {value: 100}}
 * }</pre>
 *
 * <p>A gRPC abort ({@code abort.grpcStatus}) is, as in Envoy's fault filter, a local reply with
 * HTTP status 200 and the gRPC status: {@code abortHttpStatus} is 200 and
 * {@code abortGrpcStatus} holds the code ({@code UNAVAILABLE} is 14). A gRPC client reads the
 * {@code grpc-status}; a plain HTTP client sees 200 with body {@code fault filter abort}.
 *
 * @param delay the fixed delay, or {@code null} for none
 * @param delayPercent the share of requests delayed, 0..100 (unset percentage is 0)
 * @param abortHttpStatus the abort's HTTP status, or {@code null} for no abort
 * @param abortPercent the share of requests aborted, 0..100 (unset percentage is 0)
 * @param abortGrpcStatus the abort's gRPC status code, or {@code null} for an HTTP abort
 */
@API(status = INTERNAL, since = "0.1")
public record Fault(Duration delay, double delayPercent, Integer abortHttpStatus, double abortPercent,
                    Integer abortGrpcStatus) {

    /** A fault whose abort, if any, is an HTTP status. */
    public Fault(Duration delay, double delayPercent, Integer abortHttpStatus, double abortPercent) {
        this(delay, delayPercent, abortHttpStatus, abortPercent, null);
    }
}
