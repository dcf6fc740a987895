package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One HTTP rule of a VirtualService (proto {@code HTTPRoute}): conditions and the action for
 * requests that meet them. The action is one of {@code route}, {@code redirect},
 * {@code directResponse} or {@code delegate}; the other components modify it.
 *
 * <pre>{@code
 * - name: reviews-v2-for-jason
 *   match:
 *   - headers: {end-user: {exact: jason}}
 *   route:
 *   - destination: {host: reviews, subset: v2}
 *   timeout: 10s
 *   retries: {attempts: 3, perTryTimeout: 2s, retryOn: "5xx,connect-failure"}
 * }</pre>
 *
 * @param name the route's name, for logs and stats
 * @param match conditions, any one of which selects this rule; none means every request
 * @param route weighted destinations to forward to
 * @param redirect answer with an HTTP redirect (301 by default) instead of forwarding
 * @param directResponse answer with a fixed status and body instead of forwarding
 * @param delegate hand the rule's matching over to another VirtualService (only on a root
 *     VirtualService, only with {@code match})
 * @param rewrite rewrite the URI or authority before forwarding
 * @param timeout the timeout for the whole request, including retries
 * @param retries the retry policy
 * @param fault fault injection (delay, abort) applied at the sending proxy
 * @param mirror a destination to mirror (shadow) requests to
 * @param mirrors destinations to mirror requests to, each with its own percentage
 * @param mirrorPercent deprecated integer percentage of requests mirrored to {@code mirror}
 * @param mirror_percent the same deprecated field under the snake_case name the CRD also
 *     accepts ({@code +kubebuilder:altName}); a Java component because YAML keys are component names
 * @param mirrorPercentage the percentage of requests mirrored to {@code mirror}
 * @param corsPolicy the Cross-Origin Resource Sharing policy
 * @param headers header operations on requests and responses
 */
@API(status = STABLE, since = "0.1")
public record HttpRoute(
        String name,
        List<HttpMatchRequest> match,
        List<HttpRouteDestination> route,
        HttpRedirect redirect,
        HttpDirectResponse directResponse,
        Delegate delegate,
        HttpRewrite rewrite,
        Duration timeout,
        HttpRetry retries,
        HttpFaultInjection fault,
        Destination mirror,
        List<HttpMirrorPolicy> mirrors,
        Integer mirrorPercent,
        Integer mirror_percent,
        Percent mirrorPercentage,
        CorsPolicy corsPolicy,
        Headers headers) {

    /**
     * Creates an instance, reading {@code null} {@code match}, {@code route} and {@code mirrors}
     * (as when left out of the YAML) as empty.
     *
     * @param name the route's name, for logs and stats
     * @param match conditions, any one of which selects this rule; none means every request
     * @param route weighted destinations to forward to
     * @param redirect answer with an HTTP redirect (301 by default) instead of forwarding
     * @param directResponse answer with a fixed status and body instead of forwarding
     * @param delegate hand the rule's matching over to another VirtualService (only on a root
     *     VirtualService, only with {@code match})
     * @param rewrite rewrite the URI or authority before forwarding
     * @param timeout the timeout for the whole request, including retries
     * @param retries the retry policy
     * @param fault fault injection (delay, abort) applied at the sending proxy
     * @param mirror a destination to mirror (shadow) requests to
     * @param mirrors destinations to mirror requests to, each with its own percentage
     * @param mirrorPercent deprecated integer percentage of requests mirrored to {@code mirror}
     * @param mirror_percent the same deprecated field under the snake_case name the CRD also
     *     accepts ({@code +kubebuilder:altName}); a Java component because YAML keys are component names
     * @param mirrorPercentage the percentage of requests mirrored to {@code mirror}
     * @param corsPolicy the Cross-Origin Resource Sharing policy
     * @param headers header operations on requests and responses
     */
    public HttpRoute {
        match = match == null ? List.of() : match;
        route = route == null ? List.of() : route;
        mirrors = mirrors == null ? List.of() : mirrors;
    }
}
