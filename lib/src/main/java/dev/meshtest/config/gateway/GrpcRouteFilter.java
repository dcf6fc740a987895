package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A filter of a GRPCRoute rule or backend (Go type {@code GRPCRouteFilter}).
 *
 * <pre>{@code
 * filters:
 * - type: RequestHeaderModifier
 *   requestHeaderModifier: {add: [{name: x-canary, value: "true"}]}
 * }</pre>
 *
 * @param type the filter's kind
 * @param requestHeaderModifier with {@code RequestHeaderModifier}: changes to request headers
 * @param responseHeaderModifier with {@code ResponseHeaderModifier}: changes to response headers
 * @param requestMirror with {@code RequestMirror}: where to mirror requests
 * @param extensionRef with {@code ExtensionRef}: an implementation-specific filter
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record GrpcRouteFilter(
        @Required GrpcRouteFilterType type,
        HttpHeaderFilter requestHeaderModifier,
        HttpHeaderFilter responseHeaderModifier,
        HttpRequestMirrorFilter requestMirror,
        LocalObjectReference extensionRef) {
}
