package dev.meshtest.internal.validate;

import dev.meshtest.internal.validate.CrdSchema.Size;
import dev.meshtest.internal.validate.CrdSchema.Str;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI constraints of the Gateway API CRDs (standard channel v1.6, read from their kubebuilder
 * markers as the CRDs render them), as data for {@link CrdSchema#GATEWAY_API}: string patterns and
 * lengths, list and map sizes (the integers' ranges and formats are
 * {@link dev.meshtest.internal.yaml.CrdIntegers}'), the enums the records hold as strings, the
 * uniqueness of {@code x-kubernetes-list-type: map/set} lists, and the components whose durations
 * have the API's duration pattern. Required fields are the records' {@code @Required}.
 *
 * <p>Keyed by record and component ({@code ParentReference.group}; {@code []} for a list's items,
 * <code>{}</code> for a map's values): the CRDs repeat one Go type's markers wherever it is used, so
 * a record's constraints are the same at every path. The messages are the API server's, e.g.
 * {@code spec.hostnames[0]: Invalid value: "Foo": spec.hostnames[0] in body should match '^(\*\.)?...$'}.
 *
 * <pre>{@code
 * GatewayApiSchema.SIZES.get("HttpHeaderFilter.remove");   // Size[min=-1, max=16, mapKey=null, set=true]
 * }</pre>
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

    static final Map<String, Str> STRINGS = new HashMap<>();
    static final Map<String, Size> SIZES = new HashMap<>();

    private static void str(Str s, String... keys) {
        for (String k : keys) {
            STRINGS.put(k, s);
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
        setList(64, "HttpCorsFilter.allowOrigins");
        setList(9, "HttpCorsFilter.allowMethods");
        setList(64, "HttpCorsFilter.allowHeaders");
        setList(64, "HttpCorsFilter.exposeHeaders");
        str(new Str(1, 253, ORIGIN), "HttpCorsFilter.allowOrigins[]");
        str(new Str(1, 256, HEADER_NAME), "HttpCorsFilter.allowHeaders[]", "HttpCorsFilter.exposeHeaders[]");
        str(new Str(-1, -1, null, List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
                "PATCH", "*")), "HttpCorsFilter.allowMethods[]");

        // ReferenceGrant
        size(1, 16, "ReferenceGrantSpec.from");
        size(1, 16, "ReferenceGrantSpec.to");
    }

    /** Components whose values are durations with the API's duration pattern ({@link CrdSchema#DURATION}). */
    static final Set<String> DURATIONS = Set.of("HttpRouteTimeouts.request", "HttpRouteTimeouts.backendRequest");

    private GatewayApiSchema() {
    }
}
