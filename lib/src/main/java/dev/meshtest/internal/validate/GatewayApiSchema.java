package dev.meshtest.internal.validate;

import dev.meshtest.internal.text.ApiServerText;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI part of the Gateway API CRDs (standard channel v1.6) as the API server applies it:
 * string patterns and lengths, integer ranges, list and map sizes, the enums the records hold as
 * strings, required fields, and the uniqueness of {@code x-kubernetes-list-type: map/set} lists.
 *
 * <p>The constraints are keyed by record and component ({@code ParentReference.group}): the CRDs
 * repeat one Go type's markers wherever it is used, so a record's constraints are the same at every
 * path. Messages are those of the API server's schema validator, e.g.
 * {@code spec.hostnames[0]: Invalid value: "Foo": spec.hostnames[0] in body should match '^(\*\.)?...$'}.
 * Errors the API server counts as blocking (required, unsupported, too long, too many) are marked, as
 * they stop it from evaluating the CEL rules.
 */
final class GatewayApiSchema {

    // The CRDs' patterns, as written there (the message quotes them).
    static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    static final String HOSTNAME = "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    private static final String GROUP = "^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    private static final String KIND = "^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$";
    private static final String NAMESPACE = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    private static final String HEADER_NAME = "^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$";
    private static final String CONTROLLER =
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$";
    private static final String PROTOCOL =
            "^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9]+$";
    private static final String ADDRESS_TYPE = "^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?"
            + "(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$";
    private static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
    private static final String ORIGIN =
            "(^\\*$)|(^(http(s)?):\\/\\/(((\\*\\.)?([a-zA-Z0-9\\-]+\\.)*[a-zA-Z0-9-]+|\\*)(:([0-9]{1,5}))?)$)";
    static final String DURATION = dev.meshtest.config.gateway.HttpRouteTimeouts.DURATION_PATTERN;

    /** A string's constraints; {@code -1} for none. */
    private record Str(int minLength, int maxLength, String pattern, List<String> oneOf) {
        Str(int minLength, int maxLength, String pattern) {
            this(minLength, maxLength, pattern, null);
        }
    }

    /** An integer's range; {@code null} for none. */
    private record Int(Long minimum, Long maximum, List<Long> oneOf) {
    }

    /** A list's or map's size limits ({@code -1} for none) and, for lists, its uniqueness rule. */
    private record Size(int min, int max, String mapKey, boolean set) {
    }

    private static final Map<String, Str> STRINGS = new HashMap<>();
    private static final Map<String, Int> INTS = new HashMap<>();
    private static final Map<String, Size> SIZES = new HashMap<>();

    private static void str(Str s, String... keys) {
        for (String k : keys) {
            STRINGS.put(k, s);
        }
    }

    private static void range(long min, Long max, String... keys) {
        for (String k : keys) {
            INTS.put(k, new Int(min, max, null));
        }
    }

    private static void size(int min, int max, String key) {
        SIZES.put(key, new Size(min, max, null, false));
    }

    private static void mapList(int max, String key, String mapKey) {
        SIZES.put(key, new Size(-1, max, mapKey, false));
    }

    private static void setList(int max, String key) {
        SIZES.put(key, new Size(-1, max, null, true));
    }

    static {
        Str group = new Str(-1, 253, GROUP);
        Str kind = new Str(1, 63, KIND);
        Str name = new Str(1, 253, null);
        Str namespace = new Str(1, 63, NAMESPACE);
        Str section = new Str(1, 253, DNS_SUBDOMAIN);
        for (String ref : List.of("ParentReference", "BackendRef", "HttpBackendRef", "GrpcBackendRef",
                "BackendObjectReference", "SecretObjectReference", "ObjectReference", "ParametersReference",
                "LocalParametersReference", "LocalObjectReference", "ReferenceGrantFrom", "ReferenceGrantTo",
                "RouteGroupKind")) {
            str(group, ref + ".group");
            str(kind, ref + ".kind");
            str(name, ref + ".name");
            str(namespace, ref + ".namespace");
        }
        str(section, "ParentReference.sectionName");
        range(1, 65535L, "ParentReference.port", "BackendRef.port", "HttpBackendRef.port", "GrpcBackendRef.port",
                "BackendObjectReference.port", "Listener.port", "TlsPortConfig.port");
        range(0, 1_000_000L, "BackendRef.weight", "HttpBackendRef.weight", "GrpcBackendRef.weight");
        size(-1, 32, "HttpRouteSpec.parentRefs");
        size(-1, 32, "GrpcRouteSpec.parentRefs");
        size(-1, 32, "TcpRouteSpec.parentRefs");
        size(-1, 32, "TlsRouteSpec.parentRefs");

        // GatewayClass
        str(new Str(1, 253, CONTROLLER), "GatewayClassSpec.controllerName");
        str(new Str(-1, 64, null), "GatewayClassSpec.description");

        // Gateway
        str(new Str(1, 253, null), "GatewaySpec.gatewayClassName");
        size(1, 64, "GatewaySpec.listeners");
        SIZES.put("GatewaySpec.listeners", new Size(1, 64, "name", false));
        size(-1, 16, "GatewaySpec.addresses");
        str(new Str(1, 253, ADDRESS_TYPE), "GatewaySpecAddress.type");
        str(new Str(-1, 253, null), "GatewaySpecAddress.value");
        size(-1, 16, "GatewayInfrastructure.annotations");
        size(-1, 8, "GatewayInfrastructure.labels");
        str(new Str(0, 4096, null), "GatewayInfrastructure.annotations{}");
        str(new Str(0, 63, LABEL_VALUE), "GatewayInfrastructure.labels{}");
        str(new Str(1, 253, DNS_SUBDOMAIN), "Listener.name");
        str(new Str(1, 253, HOSTNAME), "Listener.hostname");
        str(new Str(1, 255, PROTOCOL), "Listener.protocol");
        size(-1, 64, "ListenerTlsConfig.certificateRefs");
        size(-1, 16, "ListenerTlsConfig.options");
        str(new Str(0, 4096, null), "ListenerTlsConfig.options{}");
        size(-1, 8, "AllowedRoutes.kinds");
        size(1, 16, "FrontendTlsValidation.caCertificateRefs");
        SIZES.put("FrontendTlsConfig.perPort", new Size(-1, 64, "port", false));

        // Routes
        Str hostname = new Str(1, 253, HOSTNAME);
        for (String spec : List.of("HttpRouteSpec", "GrpcRouteSpec")) {
            size(-1, 16, spec + ".hostnames");
            str(hostname, spec + ".hostnames[]");
        }
        size(1, 1024, "TlsRouteSpec.hostnames");
        str(hostname, "TlsRouteSpec.hostnames[]");
        for (String rule : List.of("HttpRouteRule", "GrpcRouteRule", "TcpRouteRule", "TlsRouteRule")) {
            str(section, rule + ".name");
        }
        SIZES.put("HttpRouteSpec.rules", new Size(1, 16, null, false));
        size(-1, 16, "GrpcRouteSpec.rules");
        size(1, 1, "TcpRouteSpec.rules");
        size(1, 1, "TlsRouteSpec.rules");
        size(1, 16, "TcpRouteRule.backendRefs");
        size(1, 16, "TlsRouteRule.backendRefs");
        for (String rule : List.of("HttpRouteRule", "GrpcRouteRule")) {
            size(-1, 64, rule + ".matches");
            size(-1, 16, rule + ".filters");
            size(-1, 16, rule + ".backendRefs");
        }
        size(-1, 16, "HttpBackendRef.filters");
        size(-1, 16, "GrpcBackendRef.filters");
        Str headerName = new Str(1, 256, HEADER_NAME);
        str(headerName, "HttpHeaderMatch.name", "GrpcHeaderMatch.name", "HttpQueryParamMatch.name", "HttpHeader.name");
        str(new Str(1, 4096, null), "HttpHeaderMatch.value", "GrpcHeaderMatch.value", "HttpHeader.value");
        str(new Str(1, 1024, null), "HttpQueryParamMatch.value");
        str(new Str(-1, 1024, null), "HttpPathMatch.value", "HttpPathModifier.replaceFullPath",
                "HttpPathModifier.replacePrefixMatch", "GrpcMethodMatch.service", "GrpcMethodMatch.method");
        mapList(16, "HttpRouteMatch.headers", "name");
        mapList(16, "HttpRouteMatch.queryParams", "name");
        mapList(16, "GrpcRouteMatch.headers", "name");
        mapList(16, "HttpHeaderFilter.set", "name");
        mapList(16, "HttpHeaderFilter.add", "name");
        setList(16, "HttpHeaderFilter.remove");
        Str dnsName = new Str(1, 253, DNS_SUBDOMAIN);
        str(dnsName, "HttpRequestRedirectFilter.hostname", "HttpUrlRewriteFilter.hostname");
        str(new Str(-1, -1, null, List.of("http", "https")), "HttpRequestRedirectFilter.scheme");
        INTS.put("HttpRequestRedirectFilter.statusCode", new Int(null, null, List.of(301L, 302L, 303L, 307L, 308L)));
        range(1, 65535L, "HttpRequestRedirectFilter.port");
        range(0, 100L, "HttpRequestMirrorFilter.percent");
        range(0, null, "Fraction.numerator");
        range(1, null, "Fraction.denominator");
        setList(64, "HttpCorsFilter.allowOrigins");
        setList(9, "HttpCorsFilter.allowMethods");
        setList(64, "HttpCorsFilter.allowHeaders");
        setList(64, "HttpCorsFilter.exposeHeaders");
        str(new Str(1, 253, ORIGIN), "HttpCorsFilter.allowOrigins[]");
        str(new Str(1, 256, HEADER_NAME), "HttpCorsFilter.allowHeaders[]", "HttpCorsFilter.exposeHeaders[]");
        str(new Str(-1, -1, null, List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
                "PATCH", "*")), "HttpCorsFilter.allowMethods[]");
        range(1, null, "HttpCorsFilter.maxAge");

        // ReferenceGrant
        size(1, 16, "ReferenceGrantSpec.from");
        size(1, 16, "ReferenceGrantSpec.to");
    }

    /** Components whose values are durations with the API's pattern. */
    private static final Set<String> DURATIONS = Set.of("HttpRouteTimeouts.request", "HttpRouteTimeouts.backendRequest");

    private final GatewayApiValidator.Report report;
    private final Findings findings;

    GatewayApiSchema(GatewayApiValidator.Report report, Findings findings) {
        this.report = report;
        this.findings = findings;
    }

    /** Checks a record and everything under it; {@code path} is its field path ({@code spec}). */
    void walk(Record rec, String path) {
        for (SchemaComponents.Component c : SchemaComponents.of(rec.getClass())) {
            String at = path + "." + c.name();
            Object value = c.valueIn(rec);
            if (value == null) {
                if (c.required()) {
                    report.openApi(at, ApiServerText.required(""), true);
                }
                continue;
            }
            if (value instanceof String s) {
                string(STRINGS.get(c.key()), at, s);
            } else if (value instanceof Integer i) {
                integer(INTS.get(c.key()), at, i);
            } else if (value instanceof Duration d) {
                if (DURATIONS.contains(c.key())) {
                    duration(at, d);
                }
            } else if (value instanceof List<?> list) {
                list(c.key(), at, list, c.required(), c.stringList());
            } else if (value instanceof Map<?, ?> map) {
                map(c.key(), at, map);
            } else if (value instanceof Record child && isGatewayApi(child)) {
                walk(child, at);
            }
        }
    }

    static boolean isGatewayApi(Object o) {
        return o.getClass().getPackageName().equals("dev.meshtest.config.gateway");
    }

    private void list(String key, String at, List<?> list, boolean required, boolean strings) {
        Size size = SIZES.get(key);
        if (list.isEmpty() && !findings.written(at)) {
            // The records read an absent list as empty: only a list written in the source is empty.
            if (required) {
                report.openApi(at, ApiServerText.required(""), true);
            }
            return;
        }
        if (size != null) {
            Values.size(findings, at, list.size(), size.min(), size.max(), "items");
            unique(size, at, list);
        }
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            String item = at + "[" + i + "]";
            if (e == null) {
                // only a list built in code can hold a null; the API server would refuse the JSON null by type
                report.openApi(item, ApiServerText.typeInvalid(item, strings ? "string" : "object", "null"), true);
            } else if (e instanceof String s) {
                string(STRINGS.get(key + "[]"), item, s);
            } else if (e instanceof Record r && isGatewayApi(r)) {
                walk(r, item);
            }
        }
    }

    /** {@code x-kubernetes-list-type}: a set's values, and a map-list's keys, are unique. */
    private void unique(Size size, String at, List<?> list) {
        if (size.set()) {
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                if (!seen.add(list.get(i))) {
                    report.openApi(at + "[" + i + "]", ApiServerText.duplicate(list.get(i)), false);
                }
            }
        } else if (size.mapKey() != null) {
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Object k = keyOf(list.get(i), size.mapKey());
                if (k != null && !seen.add(k)) {
                    String shown = k instanceof String s ? ApiServerText.goValue(s) : String.valueOf(k);
                    report.openApi(at + "[" + i + "]", "Duplicate value: map[string]interface {}{\"" + size.mapKey()
                            + "\":" + shown + "}", false);
                }
            }
        }
    }

    private static Object keyOf(Object element, String component) {
        if (element instanceof Record r) {
            for (SchemaComponents.Component c : SchemaComponents.of(r.getClass())) {
                if (c.accessor().getName().equals(component)) {
                    return c.valueIn(r);
                }
            }
        }
        return null;
    }

    private void map(String key, String at, Map<?, ?> map) {
        Size size = SIZES.get(key);
        if (size != null) {
            Values.size(findings, at, map.size(), size.min(), size.max(), "properties");
        }
        Str values = STRINGS.get(key + "{}");
        for (Map.Entry<?, ?> e : new LinkedHashMap<>(map).entrySet()) {
            if (e.getValue() instanceof String s) {
                string(values, Findings.key(at, String.valueOf(e.getKey())), s);
            }
        }
    }

    private void string(Str c, String at, String s) {
        if (c == null) {
            return;
        }
        if (c.oneOf() != null) {
            if (!c.oneOf().contains(s)) {
                report.openApi(at, ApiServerText.notSupported(s, c.oneOf()), true);
            }
            return;
        }
        Values.string(findings, at, s, c.minLength(), c.maxLength(), c.pattern());
    }

    private void integer(Int c, String at, int v) {
        if (c == null) {
            return;
        }
        if (c.oneOf() != null) {
            if (!c.oneOf().contains((long) v)) {
                report.openApi(at, ApiServerText.notSupported((long) v, c.oneOf().stream().map(String::valueOf).toList()),
                        true);
            }
            return;
        }
        Values.range(findings, at, v, c.minimum(), c.maximum());
    }

    /**
     * The API's duration pattern on a parsed value: the reader checks the text of YAML against the
     * pattern ({@code @TextPattern}); a duration made in code is refused when no text of that
     * pattern can express it (a fraction of a millisecond, or more than 99999 hours), and shown as
     * Go prints it.
     */
    private void duration(String at, Duration d) {
        boolean expressible = !d.isNegative() && d.getNano() % 1_000_000 == 0 && d.toHours() <= 99_999;
        if (!expressible) {
            report.openApi(at, ApiServerText.notMatching(GatewayApiValidator.goDuration(d), at, DURATION), false);
        }
    }
}
