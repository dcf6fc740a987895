package dev.meshtest.internal.proxy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.meshtest.config.istio.Destination;
import dev.meshtest.config.istio.HttpMatchRequest;
import dev.meshtest.config.istio.HttpMirrorPolicy;
import dev.meshtest.config.istio.HttpRedirect;
import dev.meshtest.config.istio.HttpRetry;
import dev.meshtest.config.istio.HttpRoute;
import dev.meshtest.config.istio.HttpRouteDestination;
import dev.meshtest.config.istio.StringMatch;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.internal.cluster.LabelSelector;
import dev.meshtest.internal.istio.InternalAnnotations;
import dev.meshtest.internal.istio.RouteSemantics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Turns a VirtualService's {@code http} rules into Envoy routes for one proxy and listener port,
 * as Istio's {@code BuildHTTPRoutesForVirtualService} and {@code TranslateRoute} do (istio-rules §4.1–§4.9):
 * matches, destinations, rewrites, header edits, and the timeout, retry policy, fault and mirrors
 * of each forwarding route. A destination becomes a cluster name here, once; nothing downstream looks up a
 * VirtualService again (istio-rules §3).
 */
final class RouteTranslator {

    /** Who the routes are for: the proxy's namespace and labels, and the gateway names it serves. */
    record Context(String namespace, Map<String, String> labels, Set<String> gatewayNames, boolean gateway,
                   ServiceRegistry registry,
                   BiFunction<String, String, DestinationRules.Applied> destinationRule, HttpRetry meshRetries,
                   java.util.function.Function<VirtualService, List<Delegation.Origin>> origins, ClusterNames names) {
    }

    /** {@code GetDestinationCluster}'s cluster for a destination without host: never a cluster of the proxy. */
    static final String UNKNOWN_SERVICE = "UnknownService";

    private RouteTranslator() {
    }

    /** The routes of a VirtualService on a listener port; empty when every rule is filtered out. */
    static List<Route> routes(VirtualService vs, int listenerPort, Context ctx) {
        List<Route> out = new ArrayList<>();
        List<HttpRoute> rules = vs.spec().http();
        List<Delegation.Origin> origins = ctx.origins().apply(vs);
        for (int i = 0; i < rules.size(); i++) {
            HttpRoute rule = rules.get(i);
            if (rule.delegate() != null) {
                continue; // only a delegate that was not found or not exported is left: istiod drops the rule
            }
            Delegation.Origin origin = origins == null ? new Delegation.Origin(i, null, -1) : origins.get(i);
            boolean catchAll = false;
            if (rule.match().isEmpty()) {
                out.add(translate(vs, rule, origin, null, -1, listenerPort, ctx));
                catchAll = true;
            } else {
                for (int m = 0; m < rule.match().size(); m++) {
                    HttpMatchRequest match = rule.match().get(m);
                    if (!keep(match, vs, listenerPort, ctx)) {
                        continue;
                    }
                    Route r = translate(vs, rule, origin, match, m, listenerPort, ctx);
                    out.add(r);
                    // Istio stops at a catch-all route: later routes could never match.
                    if (r.match().isCatchAll()) {
                        catchAll = true;
                        break;
                    }
                }
            }
            if (catchAll) {
                break;
            }
        }
        return out;
    }

    /**
     * Config-time filters (istio-rules §4.1): {@code port} must be the listener's; {@code gateways} on the
     * match overrides the VirtualService's and then {@code sourceLabels}/{@code sourceNamespace}
     * are ignored; otherwise the proxy must carry the source labels and be in the source namespace.
     */
    private static boolean keep(HttpMatchRequest m, VirtualService vs, int listenerPort, Context ctx) {
        if (m.port() != null && m.port() != 0 && m.port() != listenerPort) {
            return false;
        }
        if (!m.gateways().isEmpty()) {
            for (String g : m.gateways()) {
                // Match gateways are resolved like the VirtualService's own (ResolveVirtualServiceShortnames
                // applies resolveGatewayName to them): "gw" means "<vs namespace>/gw"; as written with
                // gateway route semantics.
                if (ctx.gatewayNames().contains(VirtualServices.gatewayName(vs, g))) {
                    return true;
                }
            }
            return false;
        }
        if (!LabelSelector.matches(m.sourceLabels(), ctx.labels())) {
            return false;
        }
        return m.sourceNamespace() == null || m.sourceNamespace().isEmpty() || m.sourceNamespace().equals(ctx.namespace());
    }

    private static Route translate(VirtualService vs, HttpRoute rule, Delegation.Origin origin, HttpMatchRequest match,
                                   int matchIndex, int listenerPort, Context ctx) {
        String name = rule.name() == null ? "" : rule.name();
        if (match != null && match.name() != null && !match.name().isEmpty()) {
            name = name + "." + match.name();
        }
        RouteMatch routeMatch = match == null ? RouteMatch.ANY : translateMatch(vs, match);
        RouteAction action;
        if (rule.redirect() != null) {
            action = redirect(rule.redirect(), listenerPort);
        } else if (rule.directResponse() != null) {
            String body = rule.directResponse().body() == null ? "" : bodyText(rule.directResponse().body());
            action = new RouteAction.DirectResponse(rule.directResponse().status(), body);
        } else {
            action = forward(vs, rule, routeMatch, listenerPort, ctx);
        }
        // TranslateRoute: the rule's response edits go on the route whatever its action; a single
        // destination's join them after (processDestination), a weighted one's stay on its entry.
        HeaderMutation responseEdits = rule.headers() == null ? HeaderMutation.NONE : HeaderOps.of(rule.headers().response()).mutation();
        if (action instanceof RouteAction.Forward f && rule.route().size() == 1 && f.clusters().size() == 1) {
            RouteAction.WeightedCluster c = f.clusters().get(0);
            if (!c.responseHeaders().isEmpty()) {
                responseEdits = responseEdits.then(c.responseHeaders());
                action = new RouteAction.Forward(List.of(new RouteAction.WeightedCluster(c.name(), c.weight(), c.requestHeaders(),
                        c.authorityRewrite(), HeaderMutation.NONE, c.destination())), f.hashPolicy(), f.rewrite(), f.authorityRewrite(), f.requestHeaders(), f.timeout(),
                        f.retryPolicy(), f.fault(), f.mirrors(), f.clusterNotFoundStatus(), f.cors());
            }
        }
        Route.Delegated delegated = origin.delegate() == null ? null : new Route.Delegated(origin.delegate(), origin.delegateRule());
        return new Route(name, routeMatch, action, vs.ref(), origin.rootRule(), matchIndex, responseEdits, delegated,
                vs.metadata().annotations().get(InternalAnnotations.PARENTS));
    }

    private static String bodyText(dev.meshtest.config.istio.HttpBody body) {
        if (body.string() != null) {
            return body.string();
        }
        return body.bytes() == null ? "" : new String(java.util.Base64.getDecoder().decode(body.bytes()),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Istio's {@code ApplyRedirect}: {@code derivePort: FROM_REQUEST_PORT} becomes the listener's port
     * (Envoy cannot derive it), and a port that is the scheme's default (80 for http, 443 for https)
     * is dropped.
     */
    private static RouteAction redirect(HttpRedirect r, int listenerPort) {
        int status = r.redirectCode() == null || r.redirectCode() == 0 ? 301 : r.redirectCode();
        Integer port = r.port();
        if (r.derivePort() == dev.meshtest.config.istio.RedirectPortSelection.FROM_REQUEST_PORT) {
            port = listenerPort;
        }
        String scheme = r.scheme() == null || r.scheme().isEmpty() ? "http" : r.scheme();
        if (port != null && (port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https"))) {
            port = null;
        }
        return new RouteAction.Redirect(status, r.scheme(), r.authority(), port, r.uri(), r.prefixRewrite());
    }

    private static RouteAction.Forward forward(VirtualService vs, HttpRoute rule, RouteMatch routeMatch, int listenerPort,
                                               Context ctx) {
        boolean gatewaySemantics = RouteSemantics.gateway(vs);
        List<RouteAction.WeightedCluster> clusters = new ArrayList<>();
        HashPolicy hash = null;
        List<HttpRouteDestination> dests = rule.route();
        for (int index = 0; index < dests.size(); index++) {
            HttpRouteDestination d = dests.get(index);
            // Weights are relative; with several destinations, zero weights are dropped (istio-rules §4.3).
            int weight = d.weight() == null ? 0 : d.weight();
            if (dests.size() > 1 && weight == 0) {
                continue;
            }
            String host = VirtualServices.host(vs, d.destination().host());
            Integer destPort = d.destination().port() == null ? null : d.destination().port().number();
            String cluster = clusterName(d.destination(), host, listenerPort, ctx);
            HeaderOps edits = d.headers() == null ? HeaderOps.NONE : HeaderOps.of(d.headers().request());
            HeaderMutation responseEdits = d.headers() == null ? HeaderMutation.NONE : HeaderOps.of(d.headers().response()).mutation();
            clusters.add(new RouteAction.WeightedCluster(cluster, dests.size() == 1 ? 1 : weight, edits.mutation(),
                    edits.authority(), responseEdits, index));
            if (hash == null) {
                IstioService svc = ctx.registry().byHostname(host);
                DestinationRules.Applied dr = ctx.destinationRule().apply(host, svc == null ? null : svc.namespace());
                if (dr != null) {
                    hash = DestinationRules.hashPolicy(dr.consistentHash(destPort, d.destination().subset()));
                }
            }
        }
        PathRewrite rewrite = null;
        HeaderOps ruleOps = rule.headers() == null ? HeaderOps.NONE : HeaderOps.of(rule.headers().request());
        String authority = ruleOps.authority();
        if (rule.rewrite() != null) {
            if (rule.rewrite().uriRegexRewrite() != null) {
                rewrite = new PathRewrite(null, Pattern.compile(rule.rewrite().uriRegexRewrite().match()),
                        rule.rewrite().uriRegexRewrite().rewrite());
            } else if (rule.rewrite().uri() != null && !rule.rewrite().uri().isEmpty()) {
                rewrite = gatewaySemantics && rule.rewrite().uri().equals("/") ? removePrefix(routeMatch)
                        : new PathRewrite(rule.rewrite().uri(), null, null);
            }
            if (rule.rewrite().authority() != null && !rule.rewrite().authority().isEmpty()) {
                authority = rule.rewrite().authority();
            }
        }
        if (dests.size() == 1 && clusters.size() == 1 && authority == null && clusters.get(0).authorityRewrite() != null) {
            // processDestination: a single destination's authority applies only when the rule sets none.
            authority = clusters.get(0).authorityRewrite();
            RouteAction.WeightedCluster c = clusters.get(0);
            clusters.set(0, c.with(c.requestHeaders(), null));
        }
        HeaderMutation routeEdits = ruleOps.mutation();
        if (dests.size() == 1 && clusters.size() == 1 && !clusters.get(0).requestHeaders().isEmpty()) {
            // processDestination: a single destination's edits join the rule's at route level, after
            // them, in one Envoy header parser (all removes first, then sets and adds in order).
            RouteAction.WeightedCluster c = clusters.get(0);
            routeEdits = routeEdits.then(c.requestHeaders());
            clusters.set(0, c.with(HeaderMutation.NONE, c.authorityRewrite()));
        }
        // applyHTTPRouteDestination: the consistent-hash case of the retry policy looks only at a
        // rule with exactly one destination (a weighted route keeps the previous_hosts predicate).
        boolean consistentHash = dests.size() == 1 && consistentHash(vs, dests.get(0), ctx);
        RetryPolicy retry = ResiliencePolicies.routeRetries(rule.retries(), ctx.meshRetries(), consistentHash);
        // setTimeout: the rule's timeout, else none (Envoy's 0 = disabled).
        java.time.Duration timeout = rule.timeout() == null || rule.timeout().isZero() ? null : rule.timeout();
        // applyHTTPRouteDestination: with gateway route semantics a destination that is no cluster answers
        // 500 (Gateway API's rule for invalid backends), not Envoy's default 503.
        return new RouteAction.Forward(clusters, hash, rewrite, authority, routeEdits, timeout, retry,
                ResiliencePolicies.fault(rule.fault()), mirrors(vs, rule, listenerPort, ctx),
                gatewaySemantics ? 500 : RouteAction.Forward.CLUSTER_NOT_FOUND_DEFAULT, translateCorsPolicy(rule.corsPolicy()));
    }

    /**
     * Istio's {@code route.go TranslateCORSPolicy}: {@code allowOrigins} as Envoy string matchers
     * ({@code ConvertToEnvoyMatches}: exact, prefix, or a regular expression of the whole origin; a
     * match of no type is dropped), else the deprecated {@code allowOrigin} as exact matches; the
     * lists joined with commas; {@code maxAge} in whole seconds; {@code unmatchedPreflights: IGNORE}
     * answers a preflight from an origin not allowed at the proxy, anything else forwards it
     * (Envoy's default before 1.30, which Istio keeps). {@code null} for a rule without one.
     */
    static CorsPolicy translateCorsPolicy(dev.meshtest.config.istio.CorsPolicy in) {
        if (in == null) {
            return null;
        }
        List<StringMatcher> origins = new ArrayList<>();
        if (!in.allowOrigins().isEmpty()) {
            for (StringMatch m : in.allowOrigins()) {
                if (m == null) {
                    continue;
                }
                if (m.exact() != null) {
                    origins.add(StringMatcher.exact(m.exact()));
                } else if (m.prefix() != null) {
                    origins.add(StringMatcher.prefix(m.prefix()));
                } else if (m.regex() != null) {
                    origins.add(regex(m.regex()));
                }
            }
        } else {
            in.allowOrigin().forEach(o -> origins.add(StringMatcher.exact(o)));
        }
        return new CorsPolicy(origins, String.join(",", in.allowMethods()), String.join(",", in.allowHeaders()),
                String.join(",", in.exposeHeaders()), in.maxAge() == null ? "" : Long.toString(in.maxAge().getSeconds()),
                Boolean.TRUE.equals(in.allowCredentials()),
                in.unmatchedPreflights() != dev.meshtest.config.istio.UnmatchedPreflights.IGNORE);
    }

    /**
     * applyHTTPRouteDestination's {@code rewrite.uri: /} with gateway route semantics (istio-rules §5.5):
     * not a prefix rewrite but a regex one that removes the route's path-separated prefix and keeps
     * one leading {@code /} ({@code /v2/x} and {@code /v2} become {@code /x} and {@code /}). A route
     * without a path-separated prefix (prefix {@code /}, exact, regex, no match) uses the empty prefix,
     * which leaves the path as it was, apart from a doubled leading slash.
     */
    private static PathRewrite removePrefix(RouteMatch routeMatch) {
        String prefix = routeMatch.path() instanceof StringMatcher.PathSeparatedPrefix p ? p.value() : "";
        return new PathRewrite(null, Pattern.compile("^" + quoteMeta(prefix) + "(/?)(.*)"), "/\\2");
    }

    /** Go's {@code regexp.QuoteMeta}: every RE2 metacharacter escaped with a backslash. */
    static String quoteMeta(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Whether the destination's DestinationRule gives it a consistent hash ({@code HashForHTTPDestination} non-nil). */
    private static boolean consistentHash(VirtualService vs, HttpRouteDestination d, Context ctx) {
        String host = VirtualServices.host(vs, d.destination().host());
        Integer destPort = d.destination().port() == null ? null : d.destination().port().number();
        IstioService svc = ctx.registry().byHostname(host);
        DestinationRules.Applied dr = ctx.destinationRule().apply(host, svc == null ? null : svc.namespace());
        return dr != null && dr.consistentHash(destPort, d.destination().subset()) != null;
    }

    /**
     * The rule's request mirrors (applyHTTPRouteDestination): {@code mirror} with the rule's
     * percentage ({@code MirrorPercent}), then each of {@code mirrors} with its own
     * ({@code MirrorPercentByPolicy}); a zero percentage drops the mirror. The cluster follows
     * the same port rule as a route destination (istio-rules §4.2), the host resolved against the VirtualService.
     */
    private static List<Mirror> mirrors(VirtualService vs, HttpRoute rule, int listenerPort, Context ctx) {
        List<Mirror> out = new ArrayList<>();
        if (rule.mirror() != null) {
            Double percent = ResiliencePolicies.mirrorPercent(rule);
            if (percent != null) {
                out.add(new Mirror(clusterName(rule.mirror(), vs, listenerPort, ctx), percent));
            }
        }
        for (HttpMirrorPolicy m : rule.mirrors()) {
            Double percent = ResiliencePolicies.mirrorPercent(m);
            if (percent != null && m.destination() != null) {
                out.add(new Mirror(clusterName(m.destination(), vs, listenerPort, ctx), percent));
            }
        }
        return out;
    }

    /**
     * The TCP proxy of a {@code tls} or {@code tcp} route (networkfilter.go
     * {@code buildOutboundNetworkFilters}): one cluster per destination, {@code GetDestinationCluster}
     * with the server's or listener's port; with several destinations, Envoy's weighted clusters
     * (a destination without weight counts 0 and is dropped). No retries, timeouts or header edits.
     */
    static RouteAction.Forward tcpRoute(VirtualService vs, List<dev.meshtest.config.istio.RouteDestination> route, int port,
                                        Context ctx) {
        List<RouteAction.WeightedCluster> clusters = new ArrayList<>();
        for (dev.meshtest.config.istio.RouteDestination d : route) {
            int weight = d.weight() == null ? 0 : d.weight();
            if (route.size() > 1 && weight == 0) {
                continue;
            }
            clusters.add(new RouteAction.WeightedCluster(clusterName(d.destination(), vs, port, ctx), route.size() == 1 ? 1 : weight,
                    HeaderMutation.NONE));
        }
        return new RouteAction.Forward(clusters, null, null, null, HeaderMutation.NONE, null, RetryPolicy.NONE, null, List.of());
    }

    /** Istio's {@code GetDestinationCluster}: {@code outbound|port|subset|host} for a destination of this VirtualService. */
    private static String clusterName(Destination d, VirtualService vs, int listenerPort, Context ctx) {
        return clusterName(d, VirtualServices.host(vs, d.host()), listenerPort, ctx);
    }

    /** As {@link #clusterName(Destination, VirtualService, int, Context)}, the host already resolved against the VirtualService. */
    private static String clusterName(Destination d, String resolvedHost, int listenerPort, Context ctx) {
        if (d.host() == null || d.host().isEmpty()) {
            // GetDestinationCluster: a destination without host (only the webhook's unchecked gateway-semantics
            // destinations get here; istio-rules §5.5) names the cluster "UnknownService", which never exists.
            return UNKNOWN_SERVICE;
        }
        String host = resolvedHost;
        Integer destPort = d.port() == null ? null : d.port().number();
        int port = clusterPort(host, destPort, listenerPort, ctx);
        // GetDestinationCluster: a destination that is an alias (an ExternalName Service) uses the
        // cluster of the host it names, as written in spec.externalName (istio-rules §2.8).
        IstioService svc = ctx.registry().byHostname(host);
        if (svc != null && svc.aliasFor() != null) {
            host = svc.aliasFor();
        }
        return ctx.names().outbound(port, d.subset(), host);
    }

    /**
     * Istio's {@code GetDestinationCluster} port (istio-rules §4.2): the destination's port when set; on a
     * gateway, a destination service with a single port uses it; otherwise the listener port (on
     * sidecars, in effect always the port the client called).
     */
    private static int clusterPort(String host, Integer destPort, int listenerPort, Context ctx) {
        if (destPort != null && destPort != 0) {
            return destPort;
        }
        if (ctx.gateway()) {
            IstioService svc = ctx.registry().byHostname(host);
            if (svc != null && svc.ports().size() == 1) {
                return svc.ports().get(0).port();
            }
        }
        return listenerPort;
    }

    /**
     * Istio's {@code TranslateHeadersOperations}: request header edits, where {@code host} or
     * {@code :authority} in {@code set} or {@code add} is an authority rewrite ({@code set} wins),
     * and pseudo-headers and {@code host} are never edited as headers ({@code isInternalHeader}).
     */
    private record HeaderOps(HeaderMutation mutation, String authority) {
        static final HeaderOps NONE = new HeaderOps(HeaderMutation.NONE, null);

        static HeaderOps of(dev.meshtest.config.istio.HeaderOperations ops) {
            if (ops == null) {
                return NONE;
            }
            String addAuthority = authorityOf(ops.add());
            String setAuthority = authorityOf(ops.set());
            return new HeaderOps(new HeaderMutation(dropInternal(ops.set()), dropInternal(ops.add()),
                    ops.remove() == null ? List.of() : ops.remove().stream().filter(k -> !isInternal(k)).toList()),
                    setAuthority != null ? setAuthority : addAuthority);
        }

        private static String authorityOf(Map<String, String> headers) {
            String found = null;
            if (headers != null) {
                for (Map.Entry<String, String> e : headers.entrySet()) {
                    if (e.getKey().equalsIgnoreCase("host") || e.getKey().equalsIgnoreCase(":authority")) {
                        found = e.getValue();
                    }
                }
            }
            return found;
        }

        private static Map<String, String> dropInternal(Map<String, String> headers) {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            if (headers != null) {
                headers.forEach((k, v) -> {
                    if (!isInternal(k)) {
                        out.put(k, v);
                    }
                });
            }
            return out;
        }

        private static boolean isInternal(String key) {
            return key.startsWith(":") || key.equalsIgnoreCase("host");
        }
    }

    /**
     * Istio's {@code TranslateRouteMatch} for one match block of a VirtualService. With gateway or
     * ingress route semantics a {@code uri.prefix} other than {@code /} is a path-separated prefix,
     * its trailing {@code /} dropped ({@code /v2/} and {@code /v2} both match {@code /v2} and
     * {@code /v2/x}, not {@code /v2x}; istio-rules §5.5).
     */
    static RouteMatch translateMatch(VirtualService vs, HttpMatchRequest m) {
        boolean ignoreCase = Boolean.TRUE.equals(m.ignoreUriCase());
        StringMatcher path = StringMatcher.prefix("/");
        if (m.uri() != null) {
            StringMatch u = m.uri();
            if (u.exact() != null) {
                path = new StringMatcher.Exact(u.exact(), ignoreCase);
            } else if (u.prefix() != null && !u.prefix().equals("/") && (RouteSemantics.gateway(vs) || RouteSemantics.ingress(vs))) {
                String p = u.prefix().endsWith("/") ? u.prefix().substring(0, u.prefix().length() - 1) : u.prefix();
                path = new StringMatcher.PathSeparatedPrefix(p, ignoreCase);
            } else if (u.prefix() != null) {
                path = new StringMatcher.Prefix(u.prefix(), ignoreCase);
            } else if (u.regex() != null) {
                path = regex(u.regex());
            }
        }
        List<RouteMatch.HeaderMatcher> headers = new ArrayList<>();
        m.headers().forEach((k, v) -> headers.add(new RouteMatch.HeaderMatcher(k.toLowerCase(Locale.ROOT), matcher(v), false)));
        if (m.scheme() != null) {
            headers.add(new RouteMatch.HeaderMatcher(":scheme", matcher(m.scheme()), false));
        }
        if (m.method() != null) {
            headers.add(new RouteMatch.HeaderMatcher(":method", matcher(m.method()), false));
        }
        if (m.authority() != null) {
            headers.add(new RouteMatch.HeaderMatcher(":authority", matcher(m.authority()), false));
        }
        // Istio's TranslateRouteMatch: withoutHeaders are inverted and, unless they only test
        // presence, treat a missing header as empty (TreatMissingHeaderAsEmpty), so a missing
        // header is first matched as "" and only then inverted.
        m.withoutHeaders().forEach((k, v) -> {
            StringMatcher sm = matcher(v);
            headers.add(new RouteMatch.HeaderMatcher(k.toLowerCase(Locale.ROOT), sm, true, sm != StringMatcher.PRESENT));
        });
        List<RouteMatch.QueryMatcher> query = new ArrayList<>();
        m.queryParams().forEach((k, v) -> query.add(new RouteMatch.QueryMatcher(k, matcher(v))));
        return new RouteMatch(path, headers, query);
    }

    /** A StringMatch as an Envoy matcher; empty or {@code regex: "*"} means "present". */
    private static StringMatcher matcher(StringMatch s) {
        if (s == null || (s.exact() == null && s.prefix() == null && s.regex() == null) || "*".equals(s.regex())) {
            return StringMatcher.PRESENT;
        }
        if (s.exact() != null) {
            return StringMatcher.exact(s.exact());
        }
        if (s.prefix() != null) {
            return StringMatcher.prefix(s.prefix());
        }
        return regex(s.regex());
    }

    private static StringMatcher regex(String re) {
        try {
            return StringMatcher.regex(re);
        } catch (PatternSyntaxException e) {
            // Admission rejects invalid regexes; should one get here, it matches nothing.
            return StringMatcher.regex("[^\\x00-\\x{10FFFF}]");
        }
    }
}
