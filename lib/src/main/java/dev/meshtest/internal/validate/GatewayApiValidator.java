package dev.meshtest.internal.validate;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.Resource;
import dev.meshtest.config.gateway.BackendObjectReference;
import dev.meshtest.config.gateway.Fraction;
import dev.meshtest.config.gateway.Gateway;
import dev.meshtest.config.gateway.GatewayClass;
import dev.meshtest.config.gateway.GatewayInfrastructure;
import dev.meshtest.config.gateway.GatewaySpec;
import dev.meshtest.config.gateway.GatewaySpecAddress;
import dev.meshtest.config.gateway.GrpcBackendRef;
import dev.meshtest.config.gateway.GrpcMethodMatch;
import dev.meshtest.config.gateway.GrpcRoute;
import dev.meshtest.config.gateway.GrpcRouteFilter;
import dev.meshtest.config.gateway.GrpcRouteRule;
import dev.meshtest.config.gateway.GrpcRouteSpec;
import dev.meshtest.config.gateway.HttpBackendRef;
import dev.meshtest.config.gateway.HttpCorsFilter;
import dev.meshtest.config.gateway.HttpPathMatch;
import dev.meshtest.config.gateway.HttpPathModifier;
import dev.meshtest.config.gateway.HttpPathModifierType;
import dev.meshtest.config.gateway.HttpRequestMirrorFilter;
import dev.meshtest.config.gateway.HttpRoute;
import dev.meshtest.config.gateway.HttpRouteFilter;
import dev.meshtest.config.gateway.HttpRouteMatch;
import dev.meshtest.config.gateway.HttpRouteRule;
import dev.meshtest.config.gateway.HttpRouteSpec;
import dev.meshtest.config.gateway.HttpRouteTimeouts;
import dev.meshtest.config.gateway.Listener;
import dev.meshtest.config.gateway.ListenerTlsConfig;
import dev.meshtest.config.gateway.ParentReference;
import dev.meshtest.config.gateway.PathMatchType;
import dev.meshtest.config.gateway.ReferenceGrant;
import dev.meshtest.config.gateway.TcpRoute;
import dev.meshtest.config.gateway.TcpRouteRule;
import dev.meshtest.config.gateway.TcpRouteSpec;
import dev.meshtest.config.gateway.TlsModeType;
import dev.meshtest.config.gateway.TlsPortConfig;
import dev.meshtest.config.gateway.TlsRoute;
import dev.meshtest.config.gateway.TlsRouteRule;
import dev.meshtest.config.gateway.TlsRouteSpec;
import dev.meshtest.internal.yaml.Kinds;
import dev.meshtest.internal.text.ApiServerText;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * What the API server checks when a Gateway API object is applied with the standard-channel CRDs of
 * Gateway API v1.6 installed: the OpenAPI schema ({@link CrdSchema#GATEWAY_API}, its constraints in
 * {@link GatewayApiSchema}) and the CRDs' {@code x-kubernetes-validations} CEL rules, each with the
 * API server's message, e.g.
 * {@code spec.listeners: Invalid value: "array": Listener name must be unique within the Gateway}.
 * There is no webhook for these kinds: what the API server admits, istiod reads.
 *
 * <p>As the API server does ({@code customResourceStrategy.Validate}), the CEL rules run after the
 * schema unless the schema found a blocking error (a required field missing, a value not among an
 * enum's, a string too long, a list too long); then only the schema's errors are reported, followed by
 * the API server's note that the rules were not checked. Pattern, minimum-length and range errors do
 * not block: they are reported together with the CEL rules' errors.
 *
 * <p>The API server applies the CRDs' defaults before it validates, so the rules see them: a
 * {@code backendRef} without {@code kind} is a {@code Service}, a path match without {@code type} is a
 * {@code PathPrefix} of {@code /}, a listener's {@code tls} without {@code mode} terminates.
 *
 * <pre>{@code
 * List<Problem> problems = GatewayApiValidator.review(manifest);
 * // [gw.yaml:9:5: Gateway default/gw: spec.listeners: Invalid value: "array": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']]
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class GatewayApiValidator {

    private static final String ARRAY = "array";
    private static final String OBJECT = "object";

    private GatewayApiValidator() {
    }

    /** Whether {@code resource} is one of the Gateway API records this validates. */
    public static boolean handles(Resource resource) {
        return resource != null && resource.getClass().getPackageName().equals(Gateway.class.getPackageName());
    }

    /** The API server's rejections of this object; empty when it is admitted (or not a Gateway API record). */
    public static List<Problem> review(Manifest manifest) {
        Findings f = new Findings(manifest);
        validate(f, manifest.resource());
        return f.rejections();
    }

    /** Checks a Gateway API object, reporting to {@code findings} as schema problems. */
    static void validate(Findings findings, Resource resource) {
        if (!handles(resource)) {
            return;
        }
        if (Kinds.fieldChecks(resource.getClass()) == Kinds.FieldChecks.CRD_SCHEMA) {
            findings.withoutCelRules();
        }
        Report report = new Report(findings);
        Record spec = spec(resource);
        if (spec == null) {
            report.openApi("spec", ApiServerText.required(""), true);
        } else {
            CrdSchema.GATEWAY_API.check(spec, "spec", findings);
            if (!findings.blocked()) {
                new Rules(report, findings).check(spec);   // else the API server does not evaluate them
            }
        }
    }

    private static Record spec(Resource r) {
        if (r instanceof Gateway g) {
            return g.spec();
        } else if (r instanceof GatewayClass c) {
            return c.spec();
        } else if (r instanceof HttpRoute h) {
            return h.spec();
        } else if (r instanceof GrpcRoute g) {
            return g.spec();
        } else if (r instanceof TcpRoute t) {
            return t.spec();
        } else if (r instanceof TlsRoute t) {
            return t.spec();
        } else if (r instanceof ReferenceGrant g) {
            return g.spec();
        }
        return null;
    }

    /** The API server's OpenAPI and CEL failures, as {@link Findings} keeps them. */
    static final class Report {
        private final Findings f;

        Report(Findings f) {
            this.f = f;
        }

        void openApi(String path, String reason, boolean blocks) {
            if (blocks) {
                f.blockingSchema(path, reason);
            } else {
                f.schema(path, reason);
            }
        }

        /** A CEL rule failed at {@code path}, a value of the schema type {@code type}. */
        void rule(String path, String type, String message) {
            f.cel(path, ApiServerText.invalid(type, message));
        }
    }

    // ---- the CEL rules ----

    private static final class Rules {
        private final Report r;
        private final Findings f;

        Rules(Report report, Findings findings) {
            this.r = report;
            this.f = findings;
        }

        void check(Record spec) {
            if (spec instanceof GatewaySpec g) {
                gateway(g);
            } else if (spec instanceof HttpRouteSpec h) {
                parentRefs(h.parentRefs());
                httpRoute(h);
            } else if (spec instanceof GrpcRouteSpec g) {
                parentRefs(g.parentRefs());
                grpcRoute(g);
            } else if (spec instanceof TcpRouteSpec t) {
                parentRefs(t.parentRefs());
                for (int i = 0; i < t.rules().size(); i++) {
                    TcpRouteRule rule = t.rules().get(i);
                    for (int j = 0; j < rule.backendRefs().size(); j++) {
                        var b = rule.backendRefs().get(j);
                        servicePort("spec.rules[" + i + "].backendRefs[" + j + "]", b.group(), b.kind(), b.port());
                    }
                }
            } else if (spec instanceof TlsRouteSpec t) {
                parentRefs(t.parentRefs());
                tlsHostnames(t.hostnames());
                for (int i = 0; i < t.rules().size(); i++) {
                    TlsRouteRule rule = t.rules().get(i);
                    for (int j = 0; j < rule.backendRefs().size(); j++) {
                        var b = rule.backendRefs().get(j);
                        servicePort("spec.rules[" + i + "].backendRefs[" + j + "]", b.group(), b.kind(), b.port());
                    }
                }
            }
        }

        // ---- Gateway ----

        private void gateway(GatewaySpec g) {
            List<GatewaySpecAddress> addresses = g.addresses();
            for (String type : List.of("IPAddress", "Hostname")) {
                for (GatewaySpecAddress a : addresses) {
                    if (type.equals(addressType(a)) && a.value() != null
                            && addresses.stream().filter(b -> type.equals(addressType(b)) && a.value().equals(b.value()))
                                    .count() != 1) {
                        r.rule("spec.addresses", ARRAY, type + " values must be unique");
                        break;
                    }
                }
            }
            for (int i = 0; i < addresses.size(); i++) {
                GatewaySpecAddress a = addresses.get(i);
                if ("Hostname".equals(addressType(a)) && a.value() != null && !find(GatewayApiSchema.HOSTNAME, a.value())) {
                    r.rule("spec.addresses[" + i + "]", OBJECT, "Hostname value must be empty or contain only valid"
                            + " characters (matching ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)");
                }
            }
            GatewayInfrastructure infra = g.infrastructure();
            if (infra != null) {
                keys("spec.infrastructure.annotations", infra.annotations(), "Annotation", "annotation");
                keys("spec.infrastructure.labels", infra.labels(), "Label", "label");
            }
            listeners(g.listeners());
            if (g.tls() != null && g.tls().frontend() != null) {
                List<TlsPortConfig> perPort = g.tls().frontend().perPort();
                if (perPort.stream().anyMatch(t -> perPort.stream().filter(u -> Objects.equals(t.port(), u.port())).count() != 1)) {
                    r.rule("spec.tls.frontend.perPort", ARRAY, "Port for TLS configuration must be unique within the Gateway");
                }
            }
        }

        private static String addressType(GatewaySpecAddress a) {
            return a.type() == null ? "IPAddress" : a.type();
        }

        private static final String LABEL_KEY =
                "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$";

        private void keys(String path, Map<String, String> map, String what, String lower) {
            if (map.isEmpty()) {
                return;
            }
            if (!map.keySet().stream().allMatch(k -> k != null && find(LABEL_KEY, k))) {
                r.rule(path, OBJECT, what + " keys must be in the form of an optional DNS subdomain prefix followed by a"
                        + " required name segment of up to 63 characters.");
            }
            if (!map.keySet().stream().allMatch(k -> k == null || prefixLength(k) < 253)) {
                r.rule(path, OBJECT, "If specified, the " + lower + " key's prefix must be a DNS subdomain not longer than"
                        + " 253 characters in total.");
            }
        }

        private static int prefixLength(String key) {
            String prefix = key.split("/", -1)[0];
            return prefix.codePointCount(0, prefix.length());
        }

        private void listeners(List<Listener> ls) {
            String p = "spec.listeners";
            if (ls.stream().anyMatch(l -> List.of("HTTP", "TCP", "UDP").contains(l.protocol()) && l.tls() != null)) {
                r.rule(p, ARRAY, "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']");
            }
            if (ls.stream().anyMatch(l -> "HTTPS".equals(l.protocol()) && l.tls() != null && l.tls().mode() == TlsModeType.Passthrough)) {
                r.rule(p, ARRAY, "tls mode must be Terminate for protocol HTTPS");
            }
            if (ls.stream().anyMatch(l -> "TLS".equals(l.protocol()) && l.tls() == null)) {
                r.rule(p, ARRAY, "tls mode must be set for protocol TLS");
            }
            if (ls.stream().anyMatch(l -> List.of("TCP", "UDP").contains(l.protocol()) && l.hostname() != null
                    && !l.hostname().isEmpty())) {
                r.rule(p, ARRAY, "hostname must not be specified for protocols ['TCP', 'UDP']");
            }
            if (ls.stream().anyMatch(a -> ls.stream().filter(b -> Objects.equals(a.name(), b.name())).count() != 1)) {
                r.rule(p, ARRAY, "Listener name must be unique within the Gateway");
            }
            if (ls.stream().anyMatch(a -> ls.stream().filter(b -> Objects.equals(a.port(), b.port())
                    && Objects.equals(a.protocol(), b.protocol()) && Objects.equals(a.hostname(), b.hostname())).count() != 1)) {
                r.rule(p, ARRAY, "Combination of port, protocol and hostname must be unique for each listener");
            }
            for (int i = 0; i < ls.size(); i++) {
                ListenerTlsConfig tls = ls.get(i).tls();
                if (tls != null && (tls.mode() == null || tls.mode() == TlsModeType.Terminate)
                        && tls.certificateRefs().isEmpty() && tls.options().isEmpty()) {
                    terminateWithoutCertificates(p + "[" + i + "].tls");
                }
            }
        }

        /**
         * {@code size(self.certificateRefs) > 0 || size(self.options) > 0} reads both fields without
         * {@code has()}: on an absent one CEL stops with {@code no such key}, and the API server
         * reports that evaluation error with the rule's message (an empty list written as {@code []}
         * is present). The records read an absent list or map as empty; the source tells them apart.
         */
        private void terminateWithoutCertificates(String p) {
            String message = "certificateRefs or options must be specified when mode is Terminate";
            if (!f.written(p + ".certificateRefs")) {
                r.rule(p, OBJECT, "no such key: certificateRefs evaluating rule: " + message);
            } else if (!f.written(p + ".options")) {
                r.rule(p, OBJECT, "no such key: options evaluating rule: " + message);
            } else {
                r.rule(p, OBJECT, message);
            }
        }

        // ---- routes ----

        /** The parent a reference names, with the CRD's defaults: group, kind, name, namespace ("" when unset). */
        private static List<String> parent(ParentReference p) {
            ParentReference d = p.withDefaults();
            return List.of(d.group(), d.kind(), p.name() == null ? "" : p.name(), p.namespace() == null ? "" : p.namespace());
        }

        private static String section(ParentReference p) {
            return p.sectionName() == null ? "" : p.sectionName();
        }

        private void parentRefs(List<ParentReference> refs) {
            boolean mixed = false;
            boolean repeated = false;
            for (ParentReference a : refs) {
                int same = 0;
                for (ParentReference b : refs) {
                    if (parent(a).equals(parent(b))) {
                        mixed |= section(a).isEmpty() != section(b).isEmpty();
                        if (section(a).equals(section(b))) {
                            same++;
                        }
                    }
                }
                repeated |= same != 1;
            }
            if (mixed) {
                r.rule("spec.parentRefs", ARRAY,
                        "sectionName must be specified when parentRefs includes 2 or more references to the same parent");
            }
            if (repeated) {
                r.rule("spec.parentRefs", ARRAY,
                        "sectionName must be unique when parentRefs includes 2 or more references to the same parent");
            }
        }

        private void servicePort(String path, String group, String kind, Integer port) {
            if ((group == null || group.isEmpty()) && (kind == null || kind.equals("Service")) && port == null) {
                r.rule(path, OBJECT, "Must have port for Service reference");
            }
        }

        private void totalMatches(int total) {
            if (total > 128) {
                r.rule("spec.rules", ARRAY, "While 16 rules and 64 matches per rule are allowed, the total number of"
                        + " matches across all rules in a route must be less than 128");
            }
        }

        /** How many matches a rule has once defaulted: none written is one ({@code PathPrefix /}), unless written empty. */
        private int httpMatches(HttpRouteRule rule, String path) {
            return rule.matches().isEmpty() && !f.written(path + ".matches") ? 1 : rule.matches().size();
        }

        private void httpRoute(HttpRouteSpec h) {
            int total = 0;
            for (int i = 0; i < h.rules().size(); i++) {
                total += httpMatches(h.rules().get(i), "spec.rules[" + i + "]");
            }
            totalMatches(total);
            for (int i = 0; i < h.rules().size(); i++) {
                httpRule(h.rules().get(i), "spec.rules[" + i + "]");
            }
        }

        private static boolean prefixRewrite(HttpPathModifier m) {
            return m != null && m.type() == HttpPathModifierType.ReplacePrefixMatch && m.replacePrefixMatch() != null;
        }

        private static boolean redirectsPrefix(HttpRouteFilter x) {
            return x.requestRedirect() != null && prefixRewrite(x.requestRedirect().path());
        }

        private static boolean rewritesPrefix(HttpRouteFilter x) {
            return x.urlRewrite() != null && prefixRewrite(x.urlRewrite().path());
        }

        private static <T> boolean existsOne(List<T> list, Function<T, Boolean> p) {
            return list.stream().filter(p::apply).count() == 1;
        }

        private void httpRule(HttpRouteRule rule, String p) {
            if (!rule.backendRefs().isEmpty() && rule.filters().stream().anyMatch(x -> x.requestRedirect() != null)) {
                r.rule(p, OBJECT, "RequestRedirect filter must not be used together with backendRefs");
            }
            boolean onePrefixMatch = onePrefixMatch(rule, p);
            if (existsOne(rule.filters(), Rules::redirectsPrefix) && !onePrefixMatch) {
                r.rule(p, OBJECT, "When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix"
                        + " match must be specified");
            }
            if (existsOne(rule.filters(), Rules::rewritesPrefix) && !onePrefixMatch) {
                r.rule(p, OBJECT, "When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match"
                        + " must be specified");
            }
            if (existsOne(rule.backendRefs(), b -> existsOne(b.filters(), Rules::redirectsPrefix)) && !onePrefixMatch) {
                r.rule(p, OBJECT, "Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch,"
                        + " exactly one PathPrefix match must be specified");
            }
            if (existsOne(rule.backendRefs(), b -> existsOne(b.filters(), Rules::rewritesPrefix)) && !onePrefixMatch) {
                r.rule(p, OBJECT, "Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch,"
                        + " exactly one PathPrefix match must be specified");
            }
            for (int i = 0; i < rule.matches().size(); i++) {
                HttpRouteMatch m = rule.matches().get(i);
                if (m.path() != null) {
                    pathMatch(m.path(), p + ".matches[" + i + "].path");
                }
            }
            httpFilters(rule.filters(), p + ".filters");
            for (int i = 0; i < rule.backendRefs().size(); i++) {
                HttpBackendRef b = rule.backendRefs().get(i);
                String bp = p + ".backendRefs[" + i + "]";
                servicePort(bp, b.group(), b.kind(), b.port());
                httpFilters(b.filters(), bp + ".filters");
            }
            HttpRouteTimeouts t = rule.timeouts();
            if (t != null && t.request() != null && t.backendRequest() != null && !t.request().isZero()
                    && t.backendRequest().compareTo(t.request()) > 0) {
                r.rule(p + ".timeouts", OBJECT, "backendRequest timeout cannot be longer than request timeout");
            }
        }

        /** Exactly one match, whose path (defaulted) is a {@code PathPrefix}. */
        private boolean onePrefixMatch(HttpRouteRule rule, String p) {
            if (httpMatches(rule, p) != 1) {
                return false;
            }
            if (rule.matches().isEmpty()) {
                return true;   // the default match
            }
            HttpPathMatch path = rule.matches().get(0).path();
            return path == null || path.type() == null || path.type() == PathMatchType.PathPrefix;
        }

        private static final String PATH_CHARS = "^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$";

        private void pathMatch(HttpPathMatch m, String p) {
            PathMatchType type = m.type() == null ? PathMatchType.PathPrefix : m.type();
            if (type == PathMatchType.RegularExpression) {
                return;
            }
            String v = m.value() == null ? "/" : m.value();
            String when = " when type one of ['Exact', 'PathPrefix']";
            if (!v.startsWith("/")) {
                r.rule(p, OBJECT, "value must be an absolute path and start with '/'" + when);
            }
            for (String bad : List.of("//", "/./", "/../", "%2f", "%2F", "#")) {
                if (v.contains(bad)) {
                    r.rule(p, OBJECT, "must not contain '" + bad + "'" + when);
                }
            }
            for (String end : List.of("/..", "/.")) {
                if (v.endsWith(end)) {
                    r.rule(p, OBJECT, "must not end with '" + end + "'" + when);
                }
            }
            if (!find(PATH_CHARS, v)) {
                r.rule(p, OBJECT, "must only contain valid characters (matching " + PATH_CHARS
                        + ") for types ['Exact', 'PathPrefix']");
            }
        }

        private void httpFilters(List<HttpRouteFilter> filters, String p) {
            if (filters.stream().anyMatch(x -> x.type() == dev.meshtest.config.gateway.HttpRouteFilterType.RequestRedirect)
                    && filters.stream().anyMatch(x -> x.type() == dev.meshtest.config.gateway.HttpRouteFilterType.URLRewrite)) {
                r.rule(p, ARRAY, "May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both");
            }
            for (String type : List.of("CORS", "RequestHeaderModifier", "ResponseHeaderModifier", "RequestRedirect", "URLRewrite")) {
                if (filters.stream().filter(x -> x.type() != null && x.type().name().equals(type)).count() > 1) {
                    r.rule(p, ARRAY, type + " filter cannot be repeated");
                }
            }
            for (int i = 0; i < filters.size(); i++) {
                HttpRouteFilter x = filters.get(i);
                String fp = p + "[" + i + "]";
                String type = x.type() == null ? "" : x.type().name();
                filterField(fp, type, "cors", "CORS", x.cors());
                filterField(fp, type, "requestHeaderModifier", "RequestHeaderModifier", x.requestHeaderModifier());
                filterField(fp, type, "responseHeaderModifier", "ResponseHeaderModifier", x.responseHeaderModifier());
                filterField(fp, type, "requestMirror", "RequestMirror", x.requestMirror());
                filterField(fp, type, "requestRedirect", "RequestRedirect", x.requestRedirect());
                filterField(fp, type, "urlRewrite", "URLRewrite", x.urlRewrite());
                filterField(fp, type, "extensionRef", "ExtensionRef", x.extensionRef());
                if (x.cors() != null) {
                    cors(x.cors(), fp + ".cors");
                }
                if (x.requestMirror() != null) {
                    mirror(x.requestMirror(), fp + ".requestMirror");
                }
                if (x.requestRedirect() != null && x.requestRedirect().path() != null) {
                    pathModifier(x.requestRedirect().path(), fp + ".requestRedirect.path");
                }
                if (x.urlRewrite() != null && x.urlRewrite().path() != null) {
                    pathModifier(x.urlRewrite().path(), fp + ".urlRewrite.path");
                }
            }
        }

        private void filterField(String p, String type, String field, String forType, Object value) {
            if (value != null && !type.equals(forType)) {
                r.rule(p, OBJECT, "filter." + field + " must be nil if the filter.type is not " + forType);
            }
            if (value == null && type.equals(forType)) {
                r.rule(p, OBJECT, "filter." + field + " must be specified for " + forType + " filter.type");
            }
        }

        private void cors(HttpCorsFilter c, String p) {
            starAlone(c.allowHeaders(), p + ".allowHeaders", "AllowHeaders cannot contain '*' alongside other methods");
            starAlone(c.allowMethods(), p + ".allowMethods", "AllowMethods cannot contain '*' alongside other methods");
            starAlone(c.allowOrigins(), p + ".allowOrigins", "AllowOrigins cannot contain '*' alongside other origins");
        }

        private void starAlone(List<String> values, String p, String message) {
            if (values.contains("*") && values.size() > 1) {
                r.rule(p, ARRAY, message);
            }
        }

        private void mirror(HttpRequestMirrorFilter m, String p) {
            if (m.percent() != null && m.fraction() != null) {
                r.rule(p, OBJECT, "Only one of percent or fraction may be specified in HTTPRequestMirrorFilter");
            }
            BackendObjectReference b = m.backendRef();
            if (b != null) {
                servicePort(p + ".backendRef", b.group(), b.kind(), b.port());
            }
            Fraction fr = m.fraction();
            if (fr != null && fr.numerator() != null && fr.numerator() > (fr.denominator() == null ? 100 : fr.denominator())) {
                r.rule(p + ".fraction", OBJECT, "numerator must be less than or equal to denominator");
            }
        }

        private void pathModifier(HttpPathModifier m, String p) {
            HttpPathModifierType t = m.type();
            if (t == HttpPathModifierType.ReplaceFullPath && m.replaceFullPath() == null) {
                r.rule(p, OBJECT, "replaceFullPath must be specified when type is set to 'ReplaceFullPath'");
            }
            if (m.replaceFullPath() != null && t != HttpPathModifierType.ReplaceFullPath) {
                r.rule(p, OBJECT, "type must be 'ReplaceFullPath' when replaceFullPath is set");
            }
            if (t == HttpPathModifierType.ReplacePrefixMatch && m.replacePrefixMatch() == null) {
                r.rule(p, OBJECT, "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'");
            }
            if (m.replacePrefixMatch() != null && t != HttpPathModifierType.ReplacePrefixMatch) {
                r.rule(p, OBJECT, "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set");
            }
        }

        // ---- GRPCRoute ----

        private static final String GRPC_SERVICE = "^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$";
        private static final String GRPC_METHOD = "^[A-Za-z_][A-Za-z_0-9]*$";

        private void grpcRoute(GrpcRouteSpec g) {
            totalMatches(g.rules().stream().mapToInt(x -> x.matches().size()).sum());
            for (int i = 0; i < g.rules().size(); i++) {
                GrpcRouteRule rule = g.rules().get(i);
                String p = "spec.rules[" + i + "]";
                for (int j = 0; j < rule.matches().size(); j++) {
                    GrpcMethodMatch m = rule.matches().get(j).method();
                    if (m != null) {
                        grpcMethod(m, p + ".matches[" + j + "].method");
                    }
                }
                grpcFilters(rule.filters(), p + ".filters");
                for (int j = 0; j < rule.backendRefs().size(); j++) {
                    GrpcBackendRef b = rule.backendRefs().get(j);
                    String bp = p + ".backendRefs[" + j + "]";
                    servicePort(bp, b.group(), b.kind(), b.port());
                    grpcFilters(b.filters(), bp + ".filters");
                }
            }
        }

        private void grpcMethod(GrpcMethodMatch m, String p) {
            // type defaults to Exact, so has(self.type) always holds
            if (m.service() == null && m.method() == null) {
                r.rule(p, OBJECT, "One or both of 'service' or 'method' must be specified");
            }
            boolean exact = m.type() == null || m.type().name().equals("Exact");
            if (exact && m.service() != null && !find(GRPC_SERVICE, m.service())) {
                r.rule(p, OBJECT, "service must only contain valid characters (matching " + GRPC_SERVICE + ")");
            }
            if (exact && m.method() != null && !find(GRPC_METHOD, m.method())) {
                r.rule(p, OBJECT, "method must only contain valid characters (matching " + GRPC_METHOD + ")");
            }
        }

        private void grpcFilters(List<GrpcRouteFilter> filters, String p) {
            for (String type : List.of("RequestHeaderModifier", "ResponseHeaderModifier")) {
                if (filters.stream().filter(x -> x.type() != null && x.type().name().equals(type)).count() > 1) {
                    r.rule(p, ARRAY, type + " filter cannot be repeated");
                }
            }
            for (int i = 0; i < filters.size(); i++) {
                GrpcRouteFilter x = filters.get(i);
                String fp = p + "[" + i + "]";
                String type = x.type() == null ? "" : x.type().name();
                filterField(fp, type, "requestHeaderModifier", "RequestHeaderModifier", x.requestHeaderModifier());
                filterField(fp, type, "responseHeaderModifier", "ResponseHeaderModifier", x.responseHeaderModifier());
                filterField(fp, type, "requestMirror", "RequestMirror", x.requestMirror());
                filterField(fp, type, "extensionRef", "ExtensionRef", x.extensionRef());
                if (x.requestMirror() != null) {
                    mirror(x.requestMirror(), fp + ".requestMirror");
                }
            }
        }

        // ---- TLSRoute ----

        private static final String RFC1123 = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$";

        private void tlsHostnames(List<String> hostnames) {
            if (hostnames.stream().anyMatch(Rules::isIp)) {
                r.rule("spec.hostnames", ARRAY, "Hostnames cannot contain an IP");
            }
            if (!hostnames.stream().allMatch(h -> h.contains("*") || find(RFC1123, h))) {
                r.rule("spec.hostnames", ARRAY, "Hostnames must be valid based on RFC-1123");
            }
            if (!hostnames.stream().allMatch(h -> !h.contains("*") || (h.startsWith("*.") && find(RFC1123, h.substring(2))))) {
                r.rule("spec.hostnames", ARRAY, "Wildcards on hostnames must be the first label, and the rest of hostname"
                        + " must be valid based on RFC-1123");
            }
        }

        /** CEL's {@code isIP}: an IPv4 address in dotted-quad form (no leading zeros), or an IPv6 address. */
        private static boolean isIp(String h) {
            if (h.contains(":")) {
                return h.matches("[0-9A-Fa-f:.]+") && h.chars().filter(c -> c == ':').count() >= 2;
            }
            String[] parts = h.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String part : parts) {
                if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                        || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---- helpers ----

    private static final Map<String, com.google.re2j.Pattern> PATTERNS = new ConcurrentHashMap<>();

    /** Whether {@code regex} (RE2 syntax, as the API server's OpenAPI and CEL evaluate it) matches within {@code s}. */
    static boolean find(String regex, String s) {
        return PATTERNS.computeIfAbsent(regex, com.google.re2j.Pattern::compile).matcher(s).find();
    }

    /** A duration as Go's {@code time.Duration.String} prints it ({@code 1.5s}, {@code 1h0m0s}, {@code 500µs}). */
    static String goDuration(Duration d) {
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException e) {
            return d.toString();
        }
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        BigDecimal abs = BigDecimal.valueOf(nanos).abs();
        if (abs.compareTo(BigDecimal.valueOf(1_000_000_000L)) < 0) {
            if (abs.compareTo(BigDecimal.valueOf(1_000)) < 0) {
                return sign + abs.toPlainString() + "ns";
            }
            if (abs.compareTo(BigDecimal.valueOf(1_000_000)) < 0) {
                return sign + plain(abs.movePointLeft(3)) + "µs";
            }
            return sign + plain(abs.movePointLeft(6)) + "ms";
        }
        long total = abs.longValue();
        long hours = total / 3_600_000_000_000L;
        long minutes = total / 60_000_000_000L % 60;
        BigDecimal seconds = BigDecimal.valueOf(total % 60_000_000_000L).movePointLeft(9);
        StringBuilder sb = new StringBuilder(sign);
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        return sb.append(plain(seconds)).append('s').toString();
    }

    private static String plain(BigDecimal b) {
        String s = b.stripTrailingZeros().toPlainString();
        return s;
    }
}
