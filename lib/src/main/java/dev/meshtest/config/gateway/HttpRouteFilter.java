package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.ExperimentalFields;
import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A filter of an HTTPRoute rule or backend; {@code type} says which of the other fields applies
 * (Go type {@code HTTPRouteFilter}).
 *
 * <pre>{@code
 * filters:
 * - type: RequestRedirect
 *   requestRedirect: {scheme: https, statusCode: 301}
 * - type: URLRewrite
 *   urlRewrite:
 *     path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}
 * }</pre>
 *
 * @param type the filter's kind
 * @param requestHeaderModifier with {@code RequestHeaderModifier}: changes to request headers
 * @param responseHeaderModifier with {@code ResponseHeaderModifier}: changes to response headers
 * @param requestMirror with {@code RequestMirror}: where to mirror requests
 * @param requestRedirect with {@code RequestRedirect}: the redirect to answer with
 * @param urlRewrite with {@code URLRewrite}: how to rewrite the host and path
 * @param extensionRef with {@code ExtensionRef}: an implementation-specific filter
 * @param cors with {@code CORS}: the Cross-Origin Resource Sharing policy
 */
@ExperimentalFields({"externalAuth"})
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpRouteFilter(
        @Required HttpRouteFilterType type,
        HttpHeaderFilter requestHeaderModifier,
        HttpHeaderFilter responseHeaderModifier,
        HttpRequestMirrorFilter requestMirror,
        HttpRequestRedirectFilter requestRedirect,
        HttpUrlRewriteFilter urlRewrite,
        LocalObjectReference extensionRef,
        HttpCorsFilter cors) {
}
