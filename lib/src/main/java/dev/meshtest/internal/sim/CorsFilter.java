package dev.meshtest.internal.sim;

import dev.meshtest.internal.proxy.CorsPolicy;
import dev.meshtest.internal.proxy.HeaderMutation;
import dev.meshtest.internal.proxy.HttpRequest;
import dev.meshtest.internal.proxy.RouteAction;
import dev.meshtest.internal.proxy.StringMatcher;
import dev.meshtest.traffic.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Envoy's CORS filter on one request ({@code source/extensions/filters/http/cors/cors_filter.cc}),
 * which Istio puts after the fault filter and before the router in every HTTP connection manager
 * ({@code listener_builder.go}), and which reads the route's {@link CorsPolicy} (docs/istio-rules.md
 * §4.12). It acts only on a request with a non-empty {@code origin} header to a route that
 * forwards and has a policy:
 *
 * <ul>
 *   <li>{@link #decodeHeaders}, once the fault filter let the request through: a preflight
 *       ({@code OPTIONS} with {@code access-control-request-method}) is answered here, 200 with the
 *       policy's headers, unless its origin is not allowed and the policy forwards such preflights;
 *       anything else goes on to the router;</li>
 *   <li>{@link #reply} ({@code encodeHeaders}): an answer to a request decodeHeaders saw from an
 *       allowed origin, whoever made it (the app, the router's 503 and 504, or this filter's own
 *       preflight answer), gets {@code access-control-allow-origin} (the origin),
 *       {@code access-control-allow-credentials} and {@code access-control-expose-headers}. A
 *       fault's abort, sent before decodeHeaders ran, gets none.</li>
 * </ul>
 *
 * <pre>{@code
 * CorsFilter cors = CorsFilter.of(forward, request, sink, replies, engine.now());   // a route with a policy; null: no origin
 * Outcome preflight = cors.decodeHeaders(trace);   // null: on to the router
 * }</pre>
 */
final class CorsFilter implements Simulation.Sink {
    private final CorsPolicy policy;
    private final HttpRequest request;
    private final String origin;
    private final boolean originAllowed;
    private final Simulation.Sink next;
    private final LocalReplies replies;
    /** When the proxy routed the request: a preflight's hop starts here (before a fault's delay). */
    final long startedAt;
    /** decodeHeaders ran: the answer is a CORS request's ({@code is_cors_request_}). */
    private boolean corsRequest;

    private CorsFilter(CorsPolicy policy, HttpRequest request, String origin, Simulation.Sink next, LocalReplies replies,
                       long startedAt) {
        this.policy = policy;
        this.request = request;
        this.origin = origin;
        this.originAllowed = isOriginAllowed(policy.allowOrigins(), origin);
        this.next = next;
        this.replies = replies;
        this.startedAt = startedAt;
    }

    /**
     * The filter for {@code request} (as the proxy received it, before the route's rewrites and
     * header edits) on route action {@code f}, which has a policy, answering to {@code next};
     * {@code null} when it has nothing to do: the request has no {@code origin}.
     */
    static CorsFilter of(RouteAction.Forward f, HttpRequest request, Simulation.Sink next, LocalReplies replies, long now) {
        String origin = request.header("origin");
        if (origin == null || origin.isEmpty()) {
            return null;
        }
        return new CorsFilter(f.cors(), request, origin, next, replies, now);
    }

    /** {@code isOriginAllowed}: a matcher that matches {@code *} itself allows every origin. */
    static boolean isOriginAllowed(List<StringMatcher> allowOrigins, String origin) {
        for (StringMatcher m : allowOrigins) {
            if (m.matches("*") || m.matches(origin)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code decodeHeaders}: marks the request as a CORS request and returns the proxy's answer to
     * a preflight it answers, or {@code null} for a request that goes on to the router.
     */
    Outcome decodeHeaders(Tracer trace) {
        corsRequest = true;
        String requestMethod = request.header("access-control-request-method");
        boolean preflight = "OPTIONS".equals(request.method()) && requestMethod != null && !requestMethod.isEmpty();
        boolean answered = preflight && (originAllowed || !policy.forwardNotMatchingPreflights());
        trace.cors(policy, origin, originAllowed, preflight, answered);
        if (!answered) {
            return null;
        }
        Map<String, String> set = new LinkedHashMap<>();
        if (originAllowed) {
            set.put("access-control-allow-origin", origin);
        }
        if (policy.allowCredentials()) {
            set.put("access-control-allow-credentials", "true");
        }
        if (!policy.allowMethods().isEmpty()) {
            set.put("access-control-allow-methods", policy.allowMethods().equals("*") ? requestMethod : policy.allowMethods());
        }
        if (!policy.allowHeaders().isEmpty()) {
            String asked = request.header("access-control-request-headers");
            set.put("access-control-allow-headers", policy.allowHeaders().equals("*") ? (asked == null ? "" : asked)
                    : policy.allowHeaders());
        }
        if (!policy.maxAge().isEmpty()) {
            set.put("access-control-max-age", policy.maxAge());
        }
        // A headers-only answer: HTTP/1.1's codec writes content-length 0, as for a redirect.
        return replies.edited(replies.envoyReply("", 200, ""), new HeaderMutation(set, Map.of(), List.of()));
    }

    /** {@code encodeHeaders}: an answer to a CORS request from an allowed origin gets the policy's headers. */
    @Override
    public void reply(Outcome o, int attempts, boolean overloaded) {
        if (corsRequest && originAllowed && o.status() != 0 && o != LocalReplies.CONNECT_RESET) {
            Map<String, String> set = new LinkedHashMap<>();
            set.put("access-control-allow-origin", origin);
            if (policy.allowCredentials()) {
                set.put("access-control-allow-credentials", "true");
            }
            if (!policy.exposeHeaders().isEmpty()) {
                set.put("access-control-expose-headers", policy.exposeHeaders());
            }
            o = replies.edited(o, new HeaderMutation(set, Map.of(), List.of()));
        }
        next.reply(o, attempts, overloaded);
    }
}
