package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The kind of a GRPCRoute filter (Go type {@code GRPCRouteFilterType}).
 *
 * <pre>{@code
 * filters: [{type: ResponseHeaderModifier, responseHeaderModifier: {remove: [x-debug]}}]
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public enum GrpcRouteFilterType {
    /** Change response headers. */
    ResponseHeaderModifier,
    /** Change request headers. */
    RequestHeaderModifier,
    /** Mirror requests. */
    RequestMirror,
    /** An implementation-specific filter. */
    ExtensionRef
}
