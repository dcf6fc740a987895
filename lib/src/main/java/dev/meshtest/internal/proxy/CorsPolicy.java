package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The CORS policy of a route as Envoy's CORS filter reads it (its {@code typed_per_filter_config}
 * for {@code envoy.filters.http.cors}), written by {@link RouteTranslator#translateCorsPolicy}
 * from a VirtualService rule's {@code corsPolicy} as Istio's {@code route.go TranslateCORSPolicy}
 * writes it: the lists joined with commas, {@code maxAge} in whole seconds, the filter enabled for
 * every request (docs/istio-rules.md §4.12).
 *
 * <pre>{@code
 * CorsPolicy p = new CorsPolicy(List.of(StringMatcher.exact("https://app.example.com")), "GET,POST",
 *         "", "x-total", "86400", true, true);
 * }</pre>
 *
 * @param allowOrigins the origins allowed ({@code allow_origin_string_match}); none allows none
 * @param allowMethods {@code access-control-allow-methods} of a preflight's answer, or empty
 * @param allowHeaders {@code access-control-allow-headers} of a preflight's answer, or empty;
 *     {@code *} repeats the preflight's {@code access-control-request-headers}
 * @param exposeHeaders {@code access-control-expose-headers} of an answer to an allowed origin, or empty
 * @param maxAge {@code access-control-max-age} of a preflight's answer (seconds), or empty
 * @param allowCredentials whether answers to an allowed origin say {@code access-control-allow-credentials: true}
 * @param forwardNotMatchingPreflights whether a preflight from an origin not allowed goes on to the
 *     app ({@code unmatchedPreflights: FORWARD}, Istio's default) instead of being answered by the proxy
 */
@API(status = INTERNAL, since = "0.7")
public record CorsPolicy(List<StringMatcher> allowOrigins, String allowMethods, String allowHeaders, String exposeHeaders,
                         String maxAge, boolean allowCredentials, boolean forwardNotMatchingPreflights) {

    public CorsPolicy {
        allowOrigins = List.copyOf(allowOrigins);
    }
}
