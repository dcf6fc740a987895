package dev.meshtest.internal.gatewayapi;

import dev.meshtest.config.gateway.GrpcBackendRef;
import dev.meshtest.config.gateway.GrpcHeaderMatch;
import dev.meshtest.config.gateway.GrpcMethodMatch;
import dev.meshtest.config.gateway.GrpcMethodMatchType;
import dev.meshtest.config.gateway.GrpcRouteFilter;
import dev.meshtest.config.gateway.GrpcRouteFilterType;
import dev.meshtest.config.gateway.GrpcRouteMatch;
import dev.meshtest.config.gateway.GrpcRouteRule;
import dev.meshtest.config.gateway.HeaderMatchType;
import dev.meshtest.config.gateway.HttpBackendRef;
import dev.meshtest.config.gateway.HttpCorsFilter;
import dev.meshtest.config.gateway.HttpHeader;
import dev.meshtest.config.gateway.HttpHeaderFilter;
import dev.meshtest.config.gateway.HttpHeaderMatch;
import dev.meshtest.config.gateway.HttpPathMatch;
import dev.meshtest.config.gateway.HttpPathModifierType;
import dev.meshtest.config.gateway.HttpQueryParamMatch;
import dev.meshtest.config.gateway.HttpRequestMirrorFilter;
import dev.meshtest.config.gateway.HttpRequestRedirectFilter;
import dev.meshtest.config.gateway.HttpRouteFilter;
import dev.meshtest.config.gateway.HttpRouteFilterType;
import dev.meshtest.config.gateway.HttpRouteMatch;
import dev.meshtest.config.gateway.HttpRouteRule;
import dev.meshtest.config.gateway.HttpRouteTimeouts;
import dev.meshtest.config.gateway.HttpUrlRewriteFilter;
import dev.meshtest.config.gateway.PathMatchType;
import dev.meshtest.config.gateway.QueryParamMatchType;
import dev.meshtest.config.istio.CorsPolicy;
import dev.meshtest.config.istio.Destination;
import dev.meshtest.config.istio.HeaderOperations;
import dev.meshtest.config.istio.Headers;
import dev.meshtest.config.istio.HttpDirectResponse;
import dev.meshtest.config.istio.HttpMatchRequest;
import dev.meshtest.config.istio.HttpMirrorPolicy;
import dev.meshtest.config.istio.HttpRedirect;
import dev.meshtest.config.istio.HttpRewrite;
import dev.meshtest.config.istio.HttpRoute;
import dev.meshtest.config.istio.HttpRouteDestination;
import dev.meshtest.config.istio.Percent;
import dev.meshtest.config.istio.PortSelector;
import dev.meshtest.config.istio.RedirectPortSelection;
import dev.meshtest.config.istio.RegexRewrite;
import dev.meshtest.config.istio.StringMatch;
import dev.meshtest.config.istio.UnmatchedPreflights;
import dev.meshtest.internal.istio.GeneratedNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Gateway API rule (with at most one match, as the caller splits them) to one Istio HTTP route,
 * as istiod's {@code conversion.go} does it. The CRD defaults the API server would have written
 * in are applied here: a rule without matches matches prefix {@code /} (HTTPRoute only), a path
 * without type is a {@code PathPrefix}, a backend without weight weighs 1, a redirect without
 * status code is a 302, a CORS filter without {@code maxAge} caches for 5 seconds.
 */
final class RuleConversion {

    /** A route's error, reported on its {@code ResolvedRefs} condition. */
    record ConfigError(String reason, String message) {
    }

    /**
     * The conversion of one rule: {@code route} is null on a hard error (the route's rules are all
     * dropped); else {@code error} may report a soft one (an invalid backend) alongside the route.
     */
    record Converted(HttpRoute route, ConfigError error) {
    }

    static final String INVALID_DESTINATION = "InvalidDestination";
    static final String REF_NOT_PERMITTED = "RefNotPermitted";
    static final String INVALID_KIND = "InvalidKind";
    static final String BACKEND_NOT_FOUND = "BackendNotFound";
    static final String INVALID_FILTER = "InvalidFilter";

    private final Context ctx;

    RuleConversion(Context ctx) {
        this.ctx = ctx;
    }

    // ---- HTTPRoute ---------------------------------------------------------------------------

    /** {@code conversion.go convertHTTPRoute}: {@code match} is the rule's one match after splitting. */
    Converted convertHttp(HttpRouteRule r, HttpRouteMatch match, String routeNamespace, String routeName, int pos,
                          boolean enforceRefGrant) {
        String name = GeneratedNames.rule(r.name(), routeNamespace, routeName, pos);
        List<HttpMatchRequest> matches = new ArrayList<>();
        if (match != null) {
            matches.add(new HttpMatchRequest(null, uriMatch(match.path()), null,
                    match.method() == null ? null : new StringMatch(match.method().name(), null, null),
                    null, headerMatches(match.headers()), null, null, null, queryMatches(match.queryParams()),
                    null, null, null, null));
        }
        HeaderEdits edits = new HeaderEdits();
        HttpRedirect redirect = null;
        HttpRewrite rewrite = null;
        CorsPolicy cors = null;
        List<HttpMirrorPolicy> mirrors = new ArrayList<>();
        ConfigError mirrorError = null;
        for (HttpRouteFilter f : r.filters()) {
            switch (f.type()) {
                case RequestHeaderModifier, ResponseHeaderModifier -> {
                    ConfigError e = edits.add(f.type() == HttpRouteFilterType.RequestHeaderModifier, f.requestHeaderModifier(),
                            f.responseHeaderModifier());
                    if (e != null) {
                        return new Converted(null, e);
                    }
                }
                case RequestRedirect -> redirect = redirectFilter(f.requestRedirect());
                case RequestMirror -> {
                    Result<HttpMirrorPolicy> m = mirrorFilter(f.requestMirror(), routeNamespace, enforceRefGrant, "HTTPRoute");
                    if (m.error() != null) {
                        mirrorError = m.error();
                    } else if (m.value() != null) {
                        mirrors.add(m.value());
                    }
                }
                case URLRewrite -> rewrite = rewriteFilter(f.urlRewrite());
                case CORS -> cors = corsFilter(f.cors());
                default -> {
                    return new Converted(null, new ConfigError(INVALID_FILTER,
                            "unsupported filter type \"" + f.type().name() + "\""));
                }
            }
        }
        Headers headers = edits.headers();
        Duration timeout = timeout(r.timeouts());

        if (weightSum(r.backendRefs().stream().map(HttpBackendRef::weight).toList()) == 0 && redirect == null) {
            // The spec asks for a 500 when no backend has a weight above 0.
            return new Converted(route(name, matches, List.of(), redirect, new HttpDirectResponse(500, null), rewrite,
                    timeout, mirrors, cors, headers), mirrorError);
        }
        List<Backend> backends = new ArrayList<>();
        for (HttpBackendRef b : r.backendRefs()) {
            backends.add(new Backend(b.group(), b.kind(), b.name(), b.namespace(), b.port(), b.weight(),
                    BackendFilter.ofHttp(b.filters())));
        }
        Destinations d = destinations(backends, routeNamespace, enforceRefGrant, "HTTPRoute");
        if (d.hardError() != null) {
            return new Converted(null, d.hardError());
        }
        return new Converted(route(name, matches, d.routes(), redirect, null, rewrite, timeout, mirrors, cors, headers),
                join(d.softError(), mirrorError));
    }

    // ---- GRPCRoute ---------------------------------------------------------------------------

    /** {@code conversion.go convertGRPCRoute}. */
    Converted convertGrpc(GrpcRouteRule r, GrpcRouteMatch match, String routeNamespace, String routeName, int pos,
                          boolean enforceRefGrant) {
        String name = GeneratedNames.rule(r.name(), routeNamespace, routeName, pos);
        List<HttpMatchRequest> matches = new ArrayList<>();
        if (match != null) {
            Result<StringMatch> uri = grpcUriMatch(match.method());
            if (uri.error() != null) {
                return new Converted(null, uri.error());
            }
            matches.add(new HttpMatchRequest(null, uri.value(), null, null, null, grpcHeaderMatches(match.headers()),
                    null, null, null, null, null, null, null, null));
        }
        HeaderEdits edits = new HeaderEdits();
        List<HttpMirrorPolicy> mirrors = new ArrayList<>();
        for (GrpcRouteFilter f : r.filters()) {
            switch (f.type()) {
                case RequestHeaderModifier, ResponseHeaderModifier -> {
                    ConfigError e = edits.add(f.type() == GrpcRouteFilterType.RequestHeaderModifier, f.requestHeaderModifier(),
                            f.responseHeaderModifier());
                    if (e != null) {
                        return new Converted(null, e);
                    }
                }
                case RequestMirror -> {
                    Result<HttpMirrorPolicy> m = mirrorFilter(f.requestMirror(), routeNamespace, enforceRefGrant, "GRPCRoute");
                    if (m.error() != null) {
                        return new Converted(null, m.error());   // unlike HTTPRoute, a bad mirror is a hard error
                    }
                    if (m.value() != null) {
                        mirrors.add(m.value());
                    }
                }
                default -> {
                    return new Converted(null, new ConfigError(INVALID_FILTER,
                            "unsupported filter type \"" + f.type().name() + "\""));
                }
            }
        }
        Headers headers = edits.headers();
        if (weightSum(r.backendRefs().stream().map(GrpcBackendRef::weight).toList()) == 0) {
            return new Converted(route(name, matches, List.of(), null, new HttpDirectResponse(500, null), null, null,
                    mirrors, null, headers), null);
        }
        List<Backend> backends = new ArrayList<>();
        for (GrpcBackendRef b : r.backendRefs()) {
            backends.add(new Backend(b.group(), b.kind(), b.name(), b.namespace(), b.port(), b.weight(),
                    BackendFilter.ofGrpc(b.filters())));
        }
        Destinations d = destinations(backends, routeNamespace, enforceRefGrant, "GRPCRoute");
        if (d.hardError() != null) {
            return new Converted(null, d.hardError());
        }
        return new Converted(route(name, matches, d.routes(), null, null, null, null, mirrors, null, headers), d.softError());
    }

    // ---- pieces ------------------------------------------------------------------------------

    private static HttpRoute route(String name, List<HttpMatchRequest> match, List<HttpRouteDestination> route,
                                   HttpRedirect redirect, HttpDirectResponse direct, HttpRewrite rewrite, Duration timeout,
                                   List<HttpMirrorPolicy> mirrors, CorsPolicy cors, Headers headers) {
        return new HttpRoute(name, match, route, redirect, direct, null, rewrite, timeout, null, null, null,
                mirrors, null, null, null, cors, headers);
    }

    /** {@code conversion.go convertHTTPRoute}, the timeouts: {@code 0s} sets none. */
    private static Duration timeout(HttpRouteTimeouts t) {
        if (t == null) {
            return null;
        }
        Duration timeout = null;
        if (t.request() != null && !t.request().isZero()) {
            timeout = t.request();
        }
        if (t.backendRequest() != null && !t.backendRequest().isZero()) {
            // Without a retry policy (not in the standard channel) the backend timeout replaces the request's.
            timeout = t.backendRequest();
        }
        return timeout;
    }

    /** {@code conversion.go createURIMatch}: absent type and value are {@code PathPrefix} and {@code /}. */
    static StringMatch uriMatch(HttpPathMatch path) {
        PathMatchType type = path == null || path.type() == null ? PathMatchType.PathPrefix : path.type();
        String value = path == null || path.value() == null ? "/" : path.value();
        return switch (type) {
            case PathPrefix -> new StringMatch(null, !value.equals("/") && value.endsWith("/")
                    ? value.substring(0, value.length() - 1) : value, null);
            case Exact -> new StringMatch(value, null, null);
            case RegularExpression -> new StringMatch(null, null, value);
        };
    }

    /** {@code conversion.go createHeadersMatch}: a later entry for the same name replaces an earlier one. */
    private static Map<String, StringMatch> headerMatches(List<HttpHeaderMatch> headers) {
        Map<String, StringMatch> out = new LinkedHashMap<>();
        for (HttpHeaderMatch h : headers) {
            out.put(h.name(), stringMatch(h.type() == HeaderMatchType.RegularExpression, h.value()));
        }
        return out;
    }

    private static Map<String, StringMatch> grpcHeaderMatches(List<GrpcHeaderMatch> headers) {
        Map<String, StringMatch> out = new LinkedHashMap<>();
        for (GrpcHeaderMatch h : headers) {
            out.put(h.name(), stringMatch(h.type() == HeaderMatchType.RegularExpression, h.value()));
        }
        return out;
    }

    /** {@code conversion.go createQueryParamsMatch}. */
    private static Map<String, StringMatch> queryMatches(List<HttpQueryParamMatch> params) {
        Map<String, StringMatch> out = new LinkedHashMap<>();
        for (HttpQueryParamMatch q : params) {
            out.put(q.name(), stringMatch(q.type() == QueryParamMatchType.RegularExpression, q.value()));
        }
        return out;
    }

    private static StringMatch stringMatch(boolean regex, String value) {
        return regex ? new StringMatch(null, null, value) : new StringMatch(value, null, null);
    }

    /**
     * {@code conversion.go createGRPCURIMatch}: gRPC paths are {@code /<service>/<method>}, so a
     * method match becomes an exact, prefix or regex match on the path.
     */
    private static Result<StringMatch> grpcUriMatch(GrpcMethodMatch m) {
        if (m == null) {
            return Result.of(null);
        }
        if (m.method() == null && m.service() == null) {
            return Result.failed(new ConfigError("InvalidConfiguration", "gRPC match must have method or service defined"));
        }
        boolean regex = m.type() == GrpcMethodMatchType.RegularExpression;
        if (m.method() == null) {
            return Result.of(regex ? new StringMatch(null, null, "/" + m.service() + "/.+")
                    : new StringMatch(null, "/" + m.service() + "/", null));
        }
        if (m.service() == null) {
            return Result.of(new StringMatch(null, null, "/[^/]+/" + m.method()));
        }
        return Result.of(regex ? new StringMatch(null, null, "/" + m.service() + "/" + m.method())
                : new StringMatch("/" + m.service() + "/" + m.method(), null, null));
    }

    /** A value or the error found instead ({@code value} may be null: nothing to convert). */
    private record Result<T>(T value, ConfigError error) {
        static <T> Result<T> of(T value) {
            return new Result<>(value, null);
        }

        static <T> Result<T> failed(ConfigError error) {
            return new Result<>(null, error);
        }
    }

    /**
     * The header modifiers of a rule or a backend, for HTTPRoute and GRPCRoute alike: the last
     * request and the last response modifier are kept ({@code conversion.go createHeadersFilter}).
     */
    private static final class HeaderEdits {
        private HeaderOperations request;
        private HeaderOperations response;

        /** Adds a {@code RequestHeaderModifier} (or a response one); answers its error, or null. */
        ConfigError add(boolean isRequest, HttpHeaderFilter requestModifier, HttpHeaderFilter responseModifier) {
            HttpHeaderFilter f = isRequest ? requestModifier : responseModifier;
            if (f == null) {
                return null;
            }
            List<HttpHeader> both = new ArrayList<>(f.set());
            both.addAll(f.add());
            for (HttpHeader h : both) {
                if (!validHeaderValue(h.value())) {
                    return new ConfigError(INVALID_FILTER, "header \"" + h.name() + "\" value contains invalid characters");
                }
            }
            HeaderOperations ops = new HeaderOperations(headerMap(f.set()), headerMap(f.add()), f.remove());
            if (isRequest) {
                request = ops;
            } else {
                response = ops;
            }
            return null;
        }

        /** {@return the edits as a route's or a destination's {@code headers}, or null when there are none} */
        Headers headers() {
            return request == null && response == null ? null : new Headers(request, response);
        }
    }

    /** {@code conversion.go headerListToMap}: names lower-cased, later duplicates ignored. */
    private static Map<String, String> headerMap(List<HttpHeader> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HttpHeader h : headers) {
            out.putIfAbsent(h.name().toLowerCase(Locale.ROOT), h.value());
        }
        return out;
    }

    /** {@code conversion.go isValidHeaderValue}: tab and visible characters, no other controls. */
    private static boolean validHeaderValue(String v) {
        for (byte c : v.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int u = c & 0xff;
            if (u == 0x09 || (u >= 0x20 && u != 0x7f)) {
                continue;
            }
            return false;
        }
        return true;
    }

    /**
     * {@code conversion.go createRedirectFilter}. Without a port, the redirect keeps the request's
     * port, or the scheme's default port when it changes the scheme.
     */
    static HttpRedirect redirectFilter(HttpRequestRedirectFilter f) {
        if (f == null) {
            return null;
        }
        Integer code = f.statusCode() == null ? 302 : f.statusCode();
        Integer port = f.port();
        RedirectPortSelection derive = null;
        if (port == null) {
            derive = f.scheme() != null ? RedirectPortSelection.FROM_PROTOCOL_DEFAULT : RedirectPortSelection.FROM_REQUEST_PORT;
        }
        String uri = null;
        String prefixRewrite = null;
        if (f.path() != null) {
            if (f.path().type() == HttpPathModifierType.ReplaceFullPath) {
                uri = f.path().replaceFullPath();
            } else {
                prefixRewrite = f.path().replacePrefixMatch();
            }
        }
        return new HttpRedirect(uri, f.hostname(), port, derive, f.scheme(), code, prefixRewrite);
    }

    /**
     * {@code conversion.go createRewriteFilter}: a prefix replacement loses its trailing slash
     * ({@code /} stays {@code /}); a full-path replacement is a regex rewrite of {@code /.*}.
     */
    static HttpRewrite rewriteFilter(HttpUrlRewriteFilter f) {
        if (f == null) {
            return null;
        }
        String uri = null;
        RegexRewrite regex = null;
        if (f.path() != null) {
            if (f.path().type() == HttpPathModifierType.ReplacePrefixMatch) {
                String p = f.path().replacePrefixMatch() == null ? "" : f.path().replacePrefixMatch();
                uri = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
                if (uri.isEmpty()) {
                    uri = "/";
                }
            } else {
                regex = new RegexRewrite("/.*", f.path().replaceFullPath());
            }
        }
        if (uri == null && regex == null && f.hostname() == null) {
            return null;
        }
        return new HttpRewrite(uri, f.hostname(), regex);
    }

    /** {@code conversion.go createCorsFilter}: origins with {@code *} become prefix or regex matches. */
    static CorsPolicy corsFilter(HttpCorsFilter f) {
        if (f == null) {
            return null;
        }
        List<StringMatch> origins = new ArrayList<>();
        for (String o : f.allowOrigins()) {
            if (o.isEmpty()) {
                continue;
            }
            if (o.equals("*")) {
                origins.add(new StringMatch(null, null, "^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s?#]+$"));
            } else if (!o.contains("*")) {
                origins.add(new StringMatch(o, null, null));
            } else if (o.indexOf('*') == o.length() - 1) {
                origins.add(new StringMatch(null, o.substring(0, o.length() - 1), null));
            } else {
                origins.add(new StringMatch(null, null, "^" + quoteMeta(o).replace("\\*", ".*") + "$"));
            }
        }
        int maxAge = f.maxAge() == null ? 5 : f.maxAge();
        return new CorsPolicy(List.of(), origins, f.allowMethods(), f.allowHeaders(), f.exposeHeaders(),
                maxAge > 0 ? Duration.ofSeconds(maxAge) : null,
                Boolean.TRUE.equals(f.allowCredentials()) ? Boolean.TRUE : null, UnmatchedPreflights.IGNORE);
    }

    /** Go's {@code regexp.QuoteMeta}. */
    private static String quoteMeta(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** {@code conversion.go createMirrorFilter}: the mirror policy, or the backend's error. */
    private Result<HttpMirrorPolicy> mirrorFilter(HttpRequestMirrorFilter f, String ns, boolean enforceRefGrant, String routeKind) {
        if (f == null) {
            return Result.of(null);
        }
        var b = f.backendRef();
        Resolved dst = ctx.resolveBackend(b.group(), b.kind(), b.name(), b.namespace(), b.port(), ns, enforceRefGrant, routeKind);
        if (dst.error() != null) {
            return Result.failed(dst.error());
        }
        Percent percent = null;
        if (f.fraction() != null) {
            int denominator = f.fraction().denominator() == null ? 100 : f.fraction().denominator();
            percent = new Percent(100.0 * f.fraction().numerator() / denominator);
        } else if (f.percent() != null) {
            percent = new Percent(f.percent().doubleValue());
        }
        return Result.of(new HttpMirrorPolicy(dst.destination(), percent));
    }

    private static int weightSum(List<Integer> weights) {
        int sum = 0;
        for (Integer w : weights) {
            sum += w == null ? 1 : w;
        }
        return sum;
    }

    /** A backend of either route kind. */
    private record Backend(String group, String kind, String name, String namespace, Integer port, Integer weight,
                           List<BackendFilter> filters) {
    }

    /** A backend's filter of either route kind: its type's name and its header modifiers. */
    private record BackendFilter(String type, HttpHeaderFilter request, HttpHeaderFilter response) {

        static List<BackendFilter> ofHttp(List<HttpRouteFilter> filters) {
            return filters.stream().map(f -> new BackendFilter(f.type().name(), f.requestHeaderModifier(),
                    f.responseHeaderModifier())).toList();
        }

        static List<BackendFilter> ofGrpc(List<GrpcRouteFilter> filters) {
            return filters.stream().map(f -> new BackendFilter(f.type().name(), f.requestHeaderModifier(),
                    f.responseHeaderModifier())).toList();
        }
    }

    private record Destinations(List<HttpRouteDestination> routes, ConfigError softError, ConfigError hardError) {
    }

    /**
     * {@code conversion.go buildHTTPDestination} and {@code buildGRPCDestination}: zero weights are
     * dropped; a single backend left gets no weight; an invalid backend (not found, not permitted,
     * wrong kind) stays in the route, so its share of requests fails, and is reported.
     */
    private Destinations destinations(List<Backend> backends, String ns, boolean enforceRefGrant, String routeKind) {
        List<Backend> action = new ArrayList<>();
        for (Backend b : backends) {
            if ((b.weight() == null ? 1 : b.weight()) != 0) {
                action.add(b);
            }
        }
        ConfigError soft = null;
        List<HttpRouteDestination> out = new ArrayList<>();
        for (Backend b : action) {
            Resolved dst = ctx.resolveBackend(b.group(), b.kind(), b.name(), b.namespace(), b.port(), ns, enforceRefGrant, routeKind);
            if (dst.error() != null) {
                if (isInvalidBackend(dst.error())) {
                    soft = dst.error();
                } else {
                    return new Destinations(null, null, dst.error());
                }
            }
            Integer weight = action.size() == 1 ? null : (b.weight() == null ? 1 : b.weight());
            HeaderEdits edits = new HeaderEdits();
            for (BackendFilter f : b.filters()) {
                if (!f.type().equals("RequestHeaderModifier") && !f.type().equals("ResponseHeaderModifier")) {
                    return new Destinations(null, null, new ConfigError(INVALID_FILTER,
                            "unsupported filter type \"" + f.type() + "\""));
                }
                ConfigError e = edits.add(f.type().equals("RequestHeaderModifier"), f.request(), f.response());
                if (e != null) {
                    return new Destinations(null, null, e);
                }
            }
            out.add(new HttpRouteDestination(dst.destination(), weight, edits.headers()));
        }
        return new Destinations(out, soft, null);
    }

    static boolean isInvalidBackend(ConfigError e) {
        return e.reason().equals(REF_NOT_PERMITTED) || e.reason().equals(BACKEND_NOT_FOUND) || e.reason().equals(INVALID_KIND);
    }

    static ConfigError join(ConfigError a, ConfigError b) {
        if (b == null) {
            return a;
        }
        if (a == null) {
            return b;
        }
        return new ConfigError(a.reason(), a.message() + "; " + b.message());
    }

    /** A backend reference resolved to a destination, with the error found on the way if any. */
    record Resolved(Destination destination, ConfigError error) {
    }

    /** What rule conversion needs of the cluster. */
    interface Context {
        /**
         * {@code conversion.go buildDestination}: checks the ReferenceGrant (when enforced), the
         * kind, that a Service exists, and that a Service reference has a port.
         */
        Resolved resolveBackend(String group, String kind, String name, String namespace, Integer port, String routeNamespace,
                                boolean enforceRefGrant, String routeKind);
    }

    /** The destination of an invalid backend: no host, as istiod leaves it, so requests to it fail. */
    static Destination emptyDestination() {
        return new Destination("", null, null);
    }

    static Destination serviceDestination(String host, int port) {
        return new Destination(host, null, new PortSelector(port));
    }
}
