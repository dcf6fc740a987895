package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

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
@API(status = STABLE, since = "0.1")
public record HttpFaultInjectionAbort(
        Integer httpStatus,
        String grpcStatus,
        String http2Error,
        Percent percentage) {
}
