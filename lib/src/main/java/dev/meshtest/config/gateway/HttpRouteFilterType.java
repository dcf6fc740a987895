package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The kind of an HTTPRoute filter (Go type {@code HTTPRouteFilterType}).
 *
 * <pre>{@code
 * filters: [{type: RequestMirror, requestMirror: {backendRef: {name: v2, port: 80}}}]
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public enum HttpRouteFilterType {
    /** Change request headers. */
    RequestHeaderModifier,
    /** Change response headers. */
    ResponseHeaderModifier,
    /** Mirror requests. */
    RequestMirror,
    /** Answer with a redirect. */
    RequestRedirect,
    /** Rewrite the host or path. */
    URLRewrite,
    /** An implementation-specific filter. */
    ExtensionRef,
    /** A CORS policy. */
    CORS
}
