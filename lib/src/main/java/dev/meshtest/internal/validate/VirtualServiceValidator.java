package dev.meshtest.internal.validate;

import static dev.meshtest.internal.validate.Values.isEmpty;
import static dev.meshtest.internal.validate.Values.orZero;
import static dev.meshtest.internal.validate.Values.quote;

import dev.meshtest.config.istio.CorsPolicy;
import dev.meshtest.config.istio.Destination;
import dev.meshtest.config.istio.HeaderOperations;
import dev.meshtest.config.istio.Headers;
import dev.meshtest.config.istio.HttpDirectResponse;
import dev.meshtest.config.istio.HttpFaultInjection;
import dev.meshtest.config.istio.HttpFaultInjectionAbort;
import dev.meshtest.config.istio.HttpFaultInjectionDelay;
import dev.meshtest.config.istio.HttpMatchRequest;
import dev.meshtest.config.istio.HttpMirrorPolicy;
import dev.meshtest.config.istio.HttpRedirect;
import dev.meshtest.config.istio.HttpRetry;
import dev.meshtest.config.istio.HttpRewrite;
import dev.meshtest.config.istio.HttpRoute;
import dev.meshtest.config.istio.HttpRouteDestination;
import dev.meshtest.config.istio.L4MatchAttributes;
import dev.meshtest.config.istio.RouteDestination;
import dev.meshtest.config.istio.StringMatch;
import dev.meshtest.config.istio.TcpRoute;
import dev.meshtest.config.istio.TlsMatchAttributes;
import dev.meshtest.config.istio.TlsRoute;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.config.istio.VirtualServiceSpec;
import dev.meshtest.internal.istio.HostName;
import dev.meshtest.internal.istio.RouteSemantics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Istio's {@code ValidateVirtualService} ({@code pkg/config/validation/validation.go} and
 * {@code virtualservice.go}) plus the VirtualService CRD's schema rules (oneofs, CEL durations).
 *
 * <pre>{@code
 * new VirtualServiceValidator(findings, "default").validate(virtualService);
 * }</pre>
 */
final class VirtualServiceValidator {

    private static final String MESH = "mesh";

    private final Findings f;
    private final String namespace;
    /** {@code internal.istio.io/route-semantics: gateway}: route destinations and gateway names are checked less (istio-rules §5.5). */
    private boolean gatewaySemantics;

    VirtualServiceValidator(Findings findings, String namespace) {
        this.f = findings;
        this.namespace = namespace;
    }

    void validate(VirtualService vs) {
        VirtualServiceSpec spec = vs.spec();
        if (spec == null) {
            spec = new VirtualServiceSpec(null, null, null, null, null, null);
        }
        gatewaySemantics = RouteSemantics.gateway(vs);
        schema(spec);

        boolean delegate = spec.hosts().isEmpty();
        if (delegate) {
            if (!spec.gateways().isEmpty()) {
                f.error("spec.gateways", "delegate virtual service must have no gateways specified");
            }
            if (!spec.tls().isEmpty()) {
                f.error("spec.tls", "delegate virtual service must have no tls route specified");
            }
            if (!spec.tcp().isEmpty()) {
                f.error("spec.tcp", "delegate virtual service must have no tcp route specified");
            }
        }

        boolean appliesToMesh;
        boolean appliesToGateway;
        if (spec.gateways().isEmpty()) {
            appliesToMesh = true;
            appliesToGateway = false;
        } else {
            gatewayNames(spec.gateways(), "spec.gateways", gatewaySemantics);
            appliesToGateway = !spec.gateways().contains(MESH);
            appliesToMesh = !appliesToGateway;
        }

        if (!appliesToGateway) {
            jwtClaimRoutes(spec);
        }

        hosts(spec, appliesToMesh, appliesToGateway);

        if (spec.http().isEmpty() && spec.tcp().isEmpty() && spec.tls().isEmpty()) {
            f.error("spec", "http, tcp or tls must be provided in virtual service");
        }
        for (int i = 0; i < spec.http().size(); i++) {
            HttpRoute route = spec.http().get(i);
            String path = "spec.http[" + i + "]";
            if (route == null) {
                f.error(path, "http route may not be null");
            } else {
                httpRoute(route, delegate, path);
            }
        }
        for (int i = 0; i < spec.tls().size(); i++) {
            tlsRoute(spec.tls().get(i), spec, "spec.tls[" + i + "]");
        }
        for (int i = 0; i < spec.tcp().size(); i++) {
            tcpRoute(spec.tcp().get(i), "spec.tcp[" + i + "]");
        }
        for (String err : Values.exportTo(namespace, spec.exportTo(), false, false)) {
            f.error("spec.exportTo", err);
        }

        new UnreachableRules(f).analyze(spec);
    }

    // ---- the CRD's schema: oneofs and CEL duration rules ----

    private void schema(VirtualServiceSpec spec) {
        for (int i = 0; i < spec.http().size(); i++) {
            HttpRoute r = spec.http().get(i);
            if (r == null) {
                continue;
            }
            String p = "spec.http[" + i + "]";
            for (int j = 0; j < r.match().size(); j++) {
                HttpMatchRequest m = r.match().get(j);
                if (m == null) {
                    continue;
                }
                String mp = p + ".match[" + j + "]";
                Values.stringMatchOneOf(f, mp + ".uri", m.uri());
                Values.stringMatchOneOf(f, mp + ".scheme", m.scheme());
                Values.stringMatchOneOf(f, mp + ".method", m.method());
                Values.stringMatchOneOf(f, mp + ".authority", m.authority());
                m.headers().forEach((k, v) -> Values.stringMatchOneOf(f, Findings.key(mp + ".headers", k), v));
                m.queryParams().forEach((k, v) -> Values.stringMatchOneOf(f, Findings.key(mp + ".queryParams", k), v));
                m.withoutHeaders().forEach((k, v) -> Values.stringMatchOneOf(f, Findings.key(mp + ".withoutHeaders", k), v));
            }
            if (r.redirect() != null) {
                Values.oneOf(f, p + ".redirect", r.redirect().port(), r.redirect().derivePort());
            }
            if (r.directResponse() != null && r.directResponse().body() != null) {
                Values.oneOf(f, p + ".directResponse.body", r.directResponse().body().string(),
                        r.directResponse().body().bytes());
            }
            if (r.fault() != null) {
                HttpFaultInjectionAbort a = r.fault().abort();
                if (a != null) {
                    Values.oneOf(f, p + ".fault.abort", a.httpStatus(), a.grpcStatus(), a.http2Error());
                }
                HttpFaultInjectionDelay d = r.fault().delay();
                if (d != null) {
                    Values.oneOf(f, p + ".fault.delay", d.fixedDelay(), d.exponentialDelay());
                }
            }
            if (r.corsPolicy() != null) {
                List<StringMatch> origins = r.corsPolicy().allowOrigins();
                for (int j = 0; j < origins.size(); j++) {
                    Values.stringMatchOneOf(f, p + ".corsPolicy.allowOrigins[" + j + "]", origins.get(j));
                }
            }
        }
    }

    // ---- hosts and gateways ----

    private void hosts(VirtualServiceSpec spec, boolean appliesToMesh, boolean appliesToGateway) {
        boolean allValid = true;
        boolean sni = isSniHost(spec);
        for (int i = 0; i < spec.hosts().size(); i++) {
            String h = Objects.requireNonNullElse(spec.hosts().get(i), "");
            String path = "spec.hosts[" + i + "]";
            String err = appliesToGateway ? Names.wildcardDomainForGateway(sni, h) : Names.wildcardDomain(h);
            if (err != null) {
                if (!Names.isIpAddress(h)) {
                    f.error(path, err);
                    allValid = false;
                }
            } else if (appliesToMesh && h.equals("*")) {
                f.error(path, "wildcard host * is not allowed for virtual services bound to the mesh gateway");
                allValid = false;
            }
        }
        if (allValid) {
            for (int i = 0; i < spec.hosts().size(); i++) {
                for (int j = i + 1; j < spec.hosts().size(); j++) {
                    String hi = spec.hosts().get(i);
                    String hj = spec.hosts().get(j);
                    if (HostName.matches(hi, hj)) {
                        f.error("spec.hosts[" + j + "]", "duplicate hosts in virtual service: " + hi + " & " + hj);
                    }
                }
            }
        }
    }

    private static boolean isSniHost(VirtualServiceSpec spec) {
        return spec.tls().stream().filter(Objects::nonNull)
                .flatMap(t -> t.match().stream()).filter(Objects::nonNull)
                .anyMatch(m -> !m.sniHosts().isEmpty());
    }

    /**
     * {@code validateGatewayNames}; like Istio it stops at the first name without a namespace. With
     * gateway route semantics (the VirtualService's own {@code gateways} only, not a match's) the name
     * after the {@code /} need not be a DNS label.
     */
    private void gatewayNames(List<String> names, String listPath, boolean gatewaySemantics) {
        for (int i = 0; i < names.size(); i++) {
            String name = Objects.requireNonNullElse(names.get(i), "");
            String path = listPath + "[" + i + "]";
            int slash = name.indexOf('/');
            if (slash < 0) {
                if (name.contains(".")) {
                    String[] parts = name.split("\\.", -1);
                    f.warn(path, "using legacy gatewayName format " + quote(name)
                            + "; prefer the <namespace>/<name> format: " + quote(parts[1] + "/" + parts[0]));
                }
                f.error(path, Names.fqdn(name));
                return;
            }
            String ns = name.substring(0, slash);
            String gw = name.substring(slash + 1);
            if (ns.isEmpty() || gw.isEmpty()) {
                f.error(path, "config namespace and gateway name cannot be empty");
            }
            if (!Names.isDns1123Label(ns)) {
                f.error(path, "invalid value for namespace: " + quote(ns));
            }
            if (!Names.isDns1123Label(gw) && !gatewaySemantics) {
                f.error(path, "invalid value for gateway name: " + quote(gw));
            }
        }
    }

    private void jwtClaimRoutes(VirtualServiceSpec spec) {
        for (int i = 0; i < spec.http().size(); i++) {
            HttpRoute r = spec.http().get(i);
            if (r == null) {
                continue;
            }
            for (int j = 0; j < r.match().size(); j++) {
                HttpMatchRequest m = r.match().get(j);
                if (m == null) {
                    continue;
                }
                String mp = "spec.http[" + i + "].match[" + j + "]";
                jwtClaims(m.headers(), mp + ".headers", spec.gateways());
                jwtClaims(m.withoutHeaders(), mp + ".withoutHeaders", spec.gateways());
            }
        }
    }

    private void jwtClaims(Map<String, StringMatch> headers, String path, List<String> gateways) {
        for (String key : headers.keySet()) {
            if (Values.isJwtClaim(key)) {
                f.error(Findings.key(path, key), "JWT claim based routing (key: " + key
                        + ") is only supported for gateway, found no gateways: " + Values.goList(gateways));
            }
        }
    }

    // ---- HTTP routes (virtualservice.go validateHTTPRoute) ----

    private void httpRoute(HttpRoute r, boolean delegate, String p) {
        routeConflicts(r, delegate, p);
        matchRequests(r, p);
        headerOperations(r.headers(), p + ".headers");
        cors(r.corsPolicy(), p + ".corsPolicy");
        fault(r.fault(), p + ".fault");

        Integer mirrorPercent = r.mirrorPercent() != null ? r.mirrorPercent() : r.mirror_percent();
        if (mirrorPercent != null) {
            String mp = p + (r.mirrorPercent() != null ? ".mirrorPercent" : ".mirror_percent");
            if (Integer.toUnsignedLong(mirrorPercent) > 100) {
                f.error(mp, "mirror_percent must have a max value of 100 (it has " + Integer.toUnsignedString(mirrorPercent) + ")");
            }
            f.warn(mp, "using deprecated setting \"mirrorPercent\", use \"mirrorPercentage\" instead");
        }
        if (r.mirrorPercentage() != null && r.mirrorPercentage().value() != null) {
            double v = r.mirrorPercentage().value();
            if (v > 100) {
                f.error(p + ".mirrorPercentage.value", "mirror_percentage must have a max value of 100 (it has " + Values.goFixed(v) + ")");
            }
            if (v < 0) {
                f.error(p + ".mirrorPercentage.value", "mirror_percentage must have a min value of 0 (it has " + Values.goFixed(v) + ")");
            }
        }
        destination(r.mirror(), p + ".mirror");
        mirrors(r.mirrors(), p + ".mirrors");
        redirect(r.redirect(), r.match(), p + ".redirect");
        directResponse(r.directResponse(), p + ".directResponse");
        retries(r.retries(), p + ".retries");
        rewrite(r.rewrite(), p + ".rewrite");
        authorityRewrite(r.rewrite(), r.headers(), p);
        httpRouteDestinations(r.route(), p + ".route");
        Values.validateDuration(f, p + ".timeout", r.timeout());
    }

    /** {@code validateHTTPRouteConflict}. */
    private void routeConflicts(HttpRoute r, boolean delegate, String p) {
        if (!delegate && r.delegate() != null) {
            String name = Objects.requireNonNullElse(r.name(), "");
            if (r.redirect() != null) {
                f.error(p + ".redirect", "root HTTP route " + name + " must not specify redirect");
            }
            if (!r.route().isEmpty()) {
                f.error(p + ".route", "root HTTP route " + name + " must not specify route");
            }
            return;
        }
        if (delegate && r.delegate() != null) {
            f.error(p + ".delegate", "delegate HTTP route cannot contain delegate");
        }
        if (r.redirect() != null) {
            if (!r.route().isEmpty()) {
                f.error(p + ".redirect", "HTTP route cannot contain both route and redirect");
            }
            if (r.fault() != null) {
                f.error(p + ".fault", "HTTP route cannot contain both fault and redirect");
            }
            if (r.rewrite() != null) {
                f.error(p + ".rewrite", "HTTP route rule cannot contain both rewrite and redirect");
            }
            if (r.directResponse() != null) {
                f.error(p + ".directResponse", "HTTP route rule cannot contain both direct_response and redirect");
            }
        } else if (r.directResponse() != null) {
            if (!r.route().isEmpty()) {
                f.error(p + ".directResponse", "HTTP route cannot contain both route and direct_response");
            }
            if (r.fault() != null) {
                f.error(p + ".fault", "HTTP route cannot contain both fault and direct_response");
            }
            if (r.rewrite() != null) {
                f.error(p + ".rewrite", "HTTP route rule cannot contain both rewrite and direct_response");
            }
        } else if (r.route().isEmpty()) {
            f.error(p, "HTTP route, redirect or direct_response is required");
        }
        if (r.mirror() != null && !r.mirrors().isEmpty()) {
            f.error(p + ".mirrors", "HTTP route cannot contain both mirror and mirrors");
        }
    }

    /** {@code validateHTTPRouteMatchRequest}. */
    private void matchRequests(HttpRoute r, String p) {
        for (int j = 0; j < r.match().size(); j++) {
            HttpMatchRequest m = r.match().get(j);
            if (m == null) {
                continue;
            }
            String mp = p + ".match[" + j + "]";
            m.headers().forEach((name, header) -> {
                String hp = Findings.key(mp + ".headers", name);
                if (header == null) {
                    f.error(hp, "header match " + name + " cannot be null");
                }
                f.error(hp, Values.headerNameOrJwtClaim(name));
                f.error(hp, Values.stringMatch(header, "headers"));
            });
            m.withoutHeaders().forEach((name, header) -> {
                String hp = Findings.key(mp + ".withoutHeaders", name);
                f.error(hp, Values.headerNameOrJwtClaim(name));
                // "*" is not a regex: Istio turns it into a presence match
                if (header != null && !"*".equals(header.regex())) {
                    f.error(hp, Values.stringMatch(header, "withoutHeaders"));
                }
            });
            f.error(mp + ".uri", Values.stringMatchRegexp(m.uri(), "uri"));
            f.error(mp + ".scheme", Values.stringMatch(m.scheme(), "scheme"));
            f.error(mp + ".method", Values.stringMatch(m.method(), "method"));
            f.error(mp + ".authority", Values.stringMatch(m.authority(), "authority"));
            m.queryParams().forEach((name, qp) ->
                    f.error(Findings.key(mp + ".queryParams", name), Values.stringMatch(qp, "queryParams")));
        }
        for (int j = 0; j < r.match().size(); j++) {
            HttpMatchRequest m = r.match().get(j);
            if (m == null) {
                continue;
            }
            String mp = p + ".match[" + j + "]";
            if (orZero(m.port()) != 0) {
                f.error(mp + ".port", Values.port(m.port()));
            }
            labels(m.sourceLabels(), mp + ".sourceLabels");
            gatewayNames(m.gateways(), mp + ".gateways", false);
            if (!isEmpty(m.sourceNamespace()) && !Names.isDns1123Label(m.sourceNamespace())) {
                f.error(mp + ".sourceNamespace", "sourceNamespace match " + m.sourceNamespace() + " is invalid");
            }
        }
    }

    private void labels(Map<String, String> labels, String path) {
        for (String[] err : Names.labels(labels)) {
            f.error(Findings.key(path, err[0]), err[1]);
        }
    }

    /** The header edits of a rule or of one destination. */
    private void headerOperations(Headers headers, String p) {
        if (headers == null) {
            return;
        }
        HeaderOperations req = headers.request();
        if (req != null) {
            req.add().forEach((name, val) -> {
                String hp = Findings.key(p + ".request.add", name);
                f.error(hp, Values.headerWithAuthorityOperationName(name));
                f.error(hp, Values.headerValue(Objects.requireNonNullElse(val, "")));
            });
            req.set().forEach((name, val) -> {
                String hp = Findings.key(p + ".request.set", name);
                f.error(hp, Values.headerWithAuthorityOperationName(name));
                f.error(hp, Values.headerValue(Objects.requireNonNullElse(val, "")));
            });
            for (int i = 0; i < req.remove().size(); i++) {
                f.error(p + ".request.remove[" + i + "]", Values.headerOperationName(Objects.requireNonNullElse(req.remove().get(i), "")));
            }
        }
        HeaderOperations resp = headers.response();
        if (resp != null) {
            resp.add().forEach((name, val) -> {
                String hp = Findings.key(p + ".response.add", name);
                f.error(hp, Values.headerOperationName(name));
                f.error(hp, Values.headerValue(Objects.requireNonNullElse(val, "")));
            });
            resp.set().forEach((name, val) -> {
                String hp = Findings.key(p + ".response.set", name);
                f.error(hp, Values.headerOperationName(name));
                f.error(hp, Values.headerValue(Objects.requireNonNullElse(val, "")));
            });
            for (int i = 0; i < resp.remove().size(); i++) {
                f.error(p + ".response.remove[" + i + "]", Values.headerOperationName(Objects.requireNonNullElse(resp.remove().get(i), "")));
            }
        }
    }

    private static final Set<String> CORS_METHODS = Set.of(
            "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE", "*");

    /** {@code validateCORSPolicy}. */
    private void cors(CorsPolicy cors, String p) {
        if (cors == null) {
            return;
        }
        for (int i = 0; i < cors.allowOrigins().size(); i++) {
            StringMatch origin = cors.allowOrigins().get(i);
            String op = p + ".allowOrigins[" + i + "]";
            String type = Values.matchType(origin);
            String match = type == null ? "" : switch (type) {
                case "exact" -> origin.exact();
                case "prefix" -> origin.prefix();
                default -> origin.regex();
            };
            if (match.isEmpty()) {
                f.error(op, "'" + match + "' is not a valid match type for CORS allow origins");
            } else {
                f.error(op, Values.stringMatchRegexp(origin, "corsPolicy.allowOrigins"));
            }
        }
        for (int i = 0; i < cors.allowMethods().size(); i++) {
            String m = cors.allowMethods().get(i);
            if (m == null || !CORS_METHODS.contains(m)) {
                f.error(p + ".allowMethods[" + i + "]", quote(String.valueOf(m)) + " is not a supported HTTP method");
            }
        }
        for (int i = 0; i < cors.allowHeaders().size(); i++) {
            f.error(p + ".allowHeaders[" + i + "]", Values.corsHeaderName(Objects.requireNonNullElse(cors.allowHeaders().get(i), "")));
        }
        for (int i = 0; i < cors.exposeHeaders().size(); i++) {
            f.error(p + ".exposeHeaders[" + i + "]", Values.corsHeaderName(Objects.requireNonNullElse(cors.exposeHeaders().get(i), "")));
        }
        if (cors.maxAge() != null) {
            Values.validateDuration(f, p + ".maxAge", cors.maxAge());
            if (cors.maxAge().getNano() > 0) {
                f.error(p + ".maxAge", "max_age duration is accurate only to seconds precision");
            }
        }
    }

    private static final Set<String> GRPC_STATUS = Set.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
            "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
            "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE",
            "DATA_LOSS", "UNAUTHENTICATED");

    /** {@code validateHTTPFaultInjection}. */
    private void fault(HttpFaultInjection fault, String p) {
        if (fault == null) {
            return;
        }
        if (fault.abort() == null && fault.delay() == null) {
            f.error(p, "HTTP fault injection must have an abort and/or a delay");
        }
        HttpFaultInjectionAbort abort = fault.abort();
        if (abort != null) {
            String ap = p + ".abort";
            if (abort.percentage() != null) {
                f.error(ap + ".percentage.value", Values.percentage(abort.percentage().value()));
            }
            if (abort.httpStatus() != null) {
                f.error(ap + ".httpStatus", Values.httpStatus(abort.httpStatus()));
            } else if (abort.grpcStatus() != null) {
                if (!GRPC_STATUS.contains(abort.grpcStatus())) {
                    f.error(ap + ".grpcStatus", "gRPC status " + quote(abort.grpcStatus()) + " is not supported. See "
                            + "https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list of supported codes, "
                            + "for example 'NOT_FOUND'");
                }
            } else if (abort.http2Error() != null) {
                f.error(ap + ".http2Error", "HTTP/2 abort fault injection not supported yet");
            } else {
                f.warn(ap, "abort configured, but error type not set");
            }
        }
        HttpFaultInjectionDelay delay = fault.delay();
        if (delay != null) {
            String dp = p + ".delay";
            if (delay.percentage() != null) {
                f.error(dp + ".percentage.value", Values.percentage(delay.percentage().value()));
            }
            if (delay.fixedDelay() != null) {
                Values.validateDuration(f, dp + ".fixedDelay", delay.fixedDelay());
            } else if (delay.exponentialDelay() != null) {
                Values.validateDuration(f, dp + ".exponentialDelay", delay.exponentialDelay());
                f.error(dp + ".exponentialDelay", "exponentialDelay not supported yet");
            }
        }
    }

    /** {@code validateDestination}. */
    void destination(Destination d, String p) {
        if (d == null) {
            return;
        }
        String host = Objects.requireNonNullElse(d.host(), "");
        if (host.equals("*")) {
            f.error(p + ".host", "invalid destination host *");
        } else {
            f.error(p + ".host", Names.wildcardDomain(host));
        }
        if (!isEmpty(d.subset())) {
            f.error(p + ".subset", subsetName(d.subset()));
        }
        if (d.port() != null) {
            f.error(p + ".port.number", Values.port(orZero(d.port().number())));
        }
    }

    /** {@code validateSubsetName}. */
    static String subsetName(String name) {
        if (isEmpty(name)) {
            return "subset name cannot be empty";
        }
        return Names.isDns1123Label(name) ? null : "subset name is invalid: " + name;
    }

    /** {@code validateHTTPMirrors}. */
    private void mirrors(List<HttpMirrorPolicy> mirrors, String p) {
        for (int i = 0; i < mirrors.size(); i++) {
            HttpMirrorPolicy m = mirrors.get(i);
            String mp = p + "[" + i + "]";
            if (m == null) {
                f.error(mp, "mirror cannot be null");
                continue;
            }
            if (m.destination() == null) {
                f.error(mp, "destination is required for mirrors");
                continue;
            }
            destination(m.destination(), mp + ".destination");
            if (m.percentage() != null && m.percentage().value() != null) {
                double v = m.percentage().value();
                if (v > 100) {
                    f.error(mp + ".percentage.value", "mirror percentage must have a max value of 100 (it has " + Values.goFixed(v) + ")");
                }
                if (v < 0) {
                    f.error(mp + ".percentage.value", "mirror percentage must have a min value of 0 (it has " + Values.goFixed(v) + ")");
                }
            }
        }
    }

    /** {@code validateHTTPRedirect}; like Istio it reports only the first problem. */
    private void redirect(HttpRedirect r, List<HttpMatchRequest> matches, String p) {
        if (r == null) {
            return;
        }
        if (!isEmpty(r.uri()) && !isEmpty(r.prefixRewrite())) {
            f.error(p, "redirect may only specify one of uri or prefix_rewrite");
            return;
        }
        if (!isEmpty(r.prefixRewrite())) {
            for (HttpMatchRequest m : matches) {
                if (m != null && m.uri() != null && !"prefix".equals(Values.matchType(m.uri()))) {
                    f.error(p + ".prefixRewrite", "redirect prefix_rewrite requires all URI matches to use prefix match type");
                    return;
                }
            }
        }
        if (isEmpty(r.uri()) && isEmpty(r.prefixRewrite()) && isEmpty(r.authority()) && r.port() == null
                && r.derivePort() == null && isEmpty(r.scheme())) {
            f.error(p, "redirect must specify URI, authority, scheme, or port");
            return;
        }
        int code = orZero(r.redirectCode());
        if (code != 0 && (code < 300 || code > 399)) {
            f.error(p + ".redirectCode", code + " is not a valid redirect code, must be 3xx");
            return;
        }
        if (!isEmpty(r.scheme()) && !r.scheme().equals("http") && !r.scheme().equals("https")) {
            f.error(p + ".scheme", "invalid redirect scheme, must be \"http\" or \"https\"");
            return;
        }
        if (orZero(r.port()) > 0) {
            f.error(p + ".port", Values.port(r.port()));
        }
    }

    /** {@code validateHTTPDirectResponse}. */
    private void directResponse(HttpDirectResponse dr, String p) {
        if (dr == null) {
            return;
        }
        if (dr.body() != null) {
            long size = 0;
            if (dr.body().string() != null) {
                size = dr.body().string().getBytes(StandardCharsets.UTF_8).length;
            } else if (dr.body().bytes() != null) {
                size = decodedLength(dr.body().bytes());
            }
            if (size > 1024 * 1024) {
                f.error(p + ".body", "large direct_responses may impact control plane performance, must be less than 1MB");
            } else if (size > 100 * 1024) {
                f.warn(p + ".body", "large direct_responses may impact control plane performance");
            }
        }
        f.error(p + ".status", Values.httpStatus(orZero(dr.status())));
    }

    private static long decodedLength(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return base64.length() * 3L / 4;
        }
    }

    private static final Set<String> RETRY_ON = Set.of("5xx", "gateway-error", "reset", "reset-before-request",
            "connect-failure", "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers",
            "envoy-ratelimited", "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal",
            "resource-exhausted", "unavailable");

    /** Status codes Go's {@code net/http.StatusText} knows. */
    private static final Set<Integer> HTTP_STATUS_TEXT = Set.of(100, 101, 102, 103, 200, 201, 202, 203, 204, 205,
            206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408,
            409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500,
            501, 502, 503, 504, 505, 506, 507, 508, 510, 511);

    /** {@code agent.ValidateHTTPRetry}. */
    private void retries(HttpRetry r, String p) {
        if (r == null) {
            return;
        }
        int attempts = orZero(r.attempts());
        if (attempts < 0) {
            f.error(p + ".attempts", "attempts cannot be negative");
        }
        if (attempts == 0 && (r.perTryTimeout() != null || !isEmpty(r.retryOn()) || r.retryRemoteLocalities() != null)) {
            f.error(p + ".attempts", "http retry policy configured when attempts are set to 0 (disabled)");
        }
        Values.validateDuration(f, p + ".perTryTimeout", r.perTryTimeout());
        if (!isEmpty(r.retryOn())) {
            for (String policy : r.retryOn().split(",", -1)) {
                int code = Names.isGoInteger(policy) && policy.replaceAll("^[+-]", "").length() < 10
                        ? Integer.parseInt(policy) : 0;
                if (!HTTP_STATUS_TEXT.contains(code) && !RETRY_ON.contains(policy)) {
                    f.error(p + ".retryOn", quote(policy) + " is not a valid retryOn policy");
                }
            }
        }
        Values.validateDuration(f, p + ".backoff", r.backoff());
    }

    /** {@code validateHTTPRewrite}. */
    private void rewrite(HttpRewrite rw, String p) {
        if (rw == null) {
            return;
        }
        if (!isEmpty(rw.uri()) && rw.uriRegexRewrite() != null) {
            f.error(p, "rewrite may only contain one of URI or UriRegexRewrite");
            return;
        }
        if (isEmpty(rw.uri()) && rw.uriRegexRewrite() == null && isEmpty(rw.authority())) {
            f.error(p, "rewrite must specify at least one of URI, UriRegexRewrite, or authority. "
                    + "Only one of URI or UriRegexRewrite may be specified");
            return;
        }
        if (rw.uriRegexRewrite() != null) {
            String match = rw.uriRegexRewrite().match();
            String err;
            if (isEmpty(match) || isEmpty(rw.uriRegexRewrite().rewrite())) {
                err = "UriRegexRewrite requires both Rewrite and Match fields to be specified";
            } else {
                err = Values.regex(match, "HTTPRewrite.UriRegexRewrite.Match");
            }
            if (err != null) {
                // Istio joins the two with a newline (errors.Join); one line reads better here
                f.error(p + ".uriRegexRewrite", "UriRegexRewrite has errors: " + err);
            }
        }
    }

    /** {@code validateAuthorityRewrite}: the authority may be rewritten in one place only. */
    private void authorityRewrite(HttpRewrite rw, Headers headers, String p) {
        String current = rw == null ? "" : Objects.requireNonNullElse(rw.authority(), "");
        if (headers == null || headers.request() == null) {
            return;
        }
        List<Map.Entry<String, String>> edits = new ArrayList<>();
        headers.request().set().entrySet().forEach(e -> edits.add(Map.entry("set", e.getKey() + "\u0000" + e.getValue())));
        headers.request().add().entrySet().forEach(e -> edits.add(Map.entry("add", e.getKey() + "\u0000" + e.getValue())));
        for (Map.Entry<String, String> edit : edits) {
            String[] kv = edit.getValue().split("\u0000", 2);
            if (!Values.isAuthorityHeader(kv[0])) {
                continue;
            }
            if (!current.isEmpty()) {
                f.error(Findings.key(p + ".headers.request." + edit.getKey(), kv[0]),
                        "authority header cannot be set multiple times: have " + quote(current)
                                + ", attempting to set " + quote(kv[1]));
                return;
            }
            current = kv[1];
        }
    }

    /** {@code validateHTTPRouteDestinations}. */
    private void httpRouteDestinations(List<HttpRouteDestination> route, String p) {
        long total = 0;
        for (int i = 0; i < route.size(); i++) {
            HttpRouteDestination d = route.get(i);
            String dp = p + "[" + i + "]";
            if (d == null) {
                f.error(dp, "weight may not be nil");
                continue;
            }
            if (d.destination() == null) {
                f.error(dp + ".destination", "destination is required");
            }
            headerOperations(d.headers(), dp + ".headers");
            if (!gatewaySemantics) {
                destination(d.destination(), dp + ".destination");   // not checked with gateway route semantics
            }
            int weight = orZero(d.weight());
            if (weight < 0) {
                f.error(dp + ".weight", "weight " + weight + " < 0");
            }
            total += weight;
        }
        if (route.size() > 1 && total == 0) {
            f.error(p, "total destination weight = 0");
        }
    }

    /** {@code validateRouteDestinations} (TCP and TLS). */
    private void routeDestinations(List<RouteDestination> route, String p) {
        long total = 0;
        for (int i = 0; i < route.size(); i++) {
            RouteDestination d = route.get(i);
            String dp = p + "[" + i + "]";
            if (d == null) {
                f.error(dp, "weight may not be nil");
                continue;
            }
            if (d.destination() == null) {
                f.error(dp + ".destination", "destination is required");
            }
            if (!gatewaySemantics) {
                destination(d.destination(), dp + ".destination");   // not checked with gateway route semantics
            }
            int weight = orZero(d.weight());
            if (weight < 0) {
                f.error(dp + ".weight", "weight " + weight + " < 0");
            }
            total += weight;
        }
        if (route.size() > 1 && total == 0) {
            f.error(p, "total destination weight = 0");
        }
    }

    // ---- TLS and TCP routes ----

    /** {@code validateTLSRoute}. */
    private void tlsRoute(TlsRoute tls, VirtualServiceSpec spec, String p) {
        if (tls == null) {
            return;
        }
        if (tls.match().isEmpty()) {
            f.error(p + ".match", "TLS route must have at least one match condition");
        }
        for (int i = 0; i < tls.match().size(); i++) {
            TlsMatchAttributes m = tls.match().get(i);
            String mp = p + ".match[" + i + "]";
            if (m == null) {
                f.error(mp, "TLS match may not be null");
                continue;
            }
            if (m.sniHosts().isEmpty()) {
                f.error(mp + ".sniHosts", "TLS match must have at least one SNI host");
            } else {
                for (int j = 0; j < m.sniHosts().size(); j++) {
                    sniHost(Objects.requireNonNullElse(m.sniHosts().get(j), ""), spec, mp + ".sniHosts[" + j + "]");
                }
            }
            for (int j = 0; j < m.destinationSubnets().size(); j++) {
                f.error(mp + ".destinationSubnets[" + j + "]", Names.ipSubnet(Objects.requireNonNullElse(m.destinationSubnets().get(j), "")));
            }
            if (orZero(m.port()) != 0) {
                f.error(mp + ".port", Values.port(m.port()));
            }
            labels(m.sourceLabels(), mp + ".sourceLabels");
            gatewayNames(m.gateways(), mp + ".gateways", false);
        }
        if (tls.route().isEmpty()) {
            f.error(p + ".route", "TLS route is required");
        }
        routeDestinations(tls.route(), p + ".route");
    }

    /** {@code validateSniHost}; note Istio treats a VirtualService without gateways as gateway-bound here. */
    private void sniHost(String sni, VirtualServiceSpec spec, String p) {
        boolean gateway = !spec.gateways().contains(MESH);
        String err = gateway ? Names.wildcardDomainForGateway(true, sni) : Names.wildcardDomain(sni);
        if (err != null) {
            if (Names.isIpAddress(sni)) {
                f.warn(p, "using an IP address (" + quote(sni) + ") goes against SNI spec and most clients do not support this");
            } else {
                f.error(p, err);
            }
            return;
        }
        for (String h : spec.hosts()) {
            if (h != null && HostName.subsetOf(sni, h)) {
                return;
            }
        }
        f.error(p, "SNI host " + quote(sni) + " is not a compatible subset of any of the virtual service hosts: ["
                + String.join(", ", spec.hosts()) + "]");
    }

    /** {@code validateTCPRoute}. */
    private void tcpRoute(TcpRoute tcp, String p) {
        if (tcp == null) {
            return;
        }
        for (int i = 0; i < tcp.match().size(); i++) {
            L4MatchAttributes m = tcp.match().get(i);
            String mp = p + ".match[" + i + "]";
            if (m == null) {
                f.error(mp, "tcp match may not be nil");
                continue;
            }
            for (int j = 0; j < m.destinationSubnets().size(); j++) {
                f.error(mp + ".destinationSubnets[" + j + "]", Names.ipSubnet(Objects.requireNonNullElse(m.destinationSubnets().get(j), "")));
            }
            if (orZero(m.port()) != 0) {
                f.error(mp + ".port", Values.port(m.port()));
            }
            labels(m.sourceLabels(), mp + ".sourceLabels");
            gatewayNames(m.gateways(), mp + ".gateways", false);
        }
        if (tcp.route().isEmpty()) {
            f.error(p + ".route", "TCP route is required");
        }
        routeDestinations(tcp.route(), p + ".route");
    }
}
