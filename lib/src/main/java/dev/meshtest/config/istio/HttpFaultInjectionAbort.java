package dev.meshtest.config.istio;

/**
 * An abort fault (proto {@code HTTPFaultInjection.Abort}). {@code httpStatus},
 * {@code grpcStatus} and {@code http2Error} are a oneof.
 *
 * <pre>{@code
 * abort:
 *   percentage: {value: 10}
 *   httpStatus: 400
 * }</pre>
 *
 * @param httpStatus the HTTP status to answer with
 * @param grpcStatus the gRPC status to answer with, by name ({@code UNAVAILABLE})
 * @param http2Error an HTTP/2 error (hidden from Istio's docs)
 * @param percentage the percentage of requests aborted
 */
public record HttpFaultInjectionAbort(
        Integer httpStatus,
        String grpcStatus,
        String http2Error,
        Percent percentage) {
}
