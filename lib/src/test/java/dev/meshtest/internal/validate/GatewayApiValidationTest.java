package dev.meshtest.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.internal.gatewayapi.GatewayApiManifests;
import dev.meshtest.internal.text.ApiServerText;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API server's validation of the Gateway API kinds (standard CRDs v1.6): schema constraints and
 * CEL rules, with the API server's messages, field paths and the YAML line of each problem.
 */
class GatewayApiValidationTest {

    static List<String> problems(String yaml) {
        List<Manifest> docs = GatewayApiManifests.read(yaml, "gw.yaml");
        assertThat(docs).hasSize(1);
        return GatewayApiValidator.review(docs.get(0)).stream().map(Problem::toString).toList();
    }

    private static String gateway(String listeners) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: istio-ingress}
                spec:
                  gatewayClassName: istio
                  listeners:
                """ + listeners.indent(2);
    }

    private static String route(String spec) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                """ + spec.indent(2);
    }

    private static final String GW = "Gateway.gateway.networking.k8s.io istio-ingress/gw: ";
    private static final String RT = "HTTPRoute default/r: ";

    @Test
    void listenerTlsRulesNameTheListenersList() {
        assertThat(problems(gateway("""
                - {name: http, port: 80, protocol: HTTP, tls: {certificateRefs: [{name: c}]}}
                - {name: tls, port: 443, protocol: TLS}
                - {name: https, port: 8443, protocol: HTTPS, tls: {mode: Passthrough}}
                - {name: tcp, port: 9000, protocol: TCP, hostname: a.example.com}
                """))).containsExactly(
                "gw.yaml:6:3: " + GW + "spec.listeners: Invalid value: \"array\": tls must not be specified for protocols"
                        + " ['HTTP', 'TCP', 'UDP']",
                "gw.yaml:6:3: " + GW + "spec.listeners: Invalid value: \"array\": tls mode must be Terminate for protocol HTTPS",
                "gw.yaml:6:3: " + GW + "spec.listeners: Invalid value: \"array\": tls mode must be set for protocol TLS",
                "gw.yaml:6:3: " + GW + "spec.listeners: Invalid value: \"array\": hostname must not be specified for"
                        + " protocols ['TCP', 'UDP']");
    }

    @Test
    void listenerNamesAndPortProtocolHostnameAreUniqueAndTerminatingTlsNeedsCertificates() {
        assertThat(problems(gateway("""
                - {name: web, port: 80, protocol: HTTP}
                - {name: web, port: 80, protocol: HTTP}
                - {name: secure, port: 443, protocol: HTTPS, tls: {}}
                """))).containsExactly(
                "gw.yaml:6:3: " + GW + "spec.listeners: Invalid value: \"array\": Listener name must be unique within the Gateway",
                "gw.yaml:6:3: " + GW + "spec.listeners: Invalid value: \"array\": Combination of port, protocol and"
                        + " hostname must be unique for each listener",
                "gw.yaml:8:5: " + GW + "spec.listeners[1]: Duplicate value: map[string]interface {}{\"name\":\"web\"}",
                "gw.yaml:9:48: " + GW + "spec.listeners[2].tls: Invalid value: \"object\": no such key: certificateRefs"
                        + " evaluating rule: certificateRefs or options must be specified when mode is Terminate");
    }

    @Test
    void theTerminateRuleReadsFieldsThatMayBeAbsentAsTheApiServerEvaluatesIt() {
        assertThat(problems(gateway("""
                - {name: a, port: 443, protocol: HTTPS, tls: {certificateRefs: []}}
                - {name: b, port: 444, protocol: HTTPS, tls: {certificateRefs: [], options: {}}}
                - {name: c, port: 445, protocol: HTTPS, tls: {options: {}}}
                - {name: d, port: 446, protocol: HTTPS, tls: {options: {x: v}}}
                """))).containsExactly(
                "gw.yaml:7:43: " + GW + "spec.listeners[0].tls: Invalid value: \"object\": no such key: options"
                        + " evaluating rule: certificateRefs or options must be specified when mode is Terminate",
                "gw.yaml:8:43: " + GW + "spec.listeners[1].tls: Invalid value: \"object\": certificateRefs or options"
                        + " must be specified when mode is Terminate",
                "gw.yaml:9:43: " + GW + "spec.listeners[2].tls: Invalid value: \"object\": no such key: certificateRefs"
                        + " evaluating rule: certificateRefs or options must be specified when mode is Terminate");
    }

    @Test
    void aListWrittenAsNullIsAbsentForTheRulesAsThePrunedNullIsOnACluster() {
        // certificateRefs: ~ is pruned before the rules run, so the rule finds no such key, as
        // for a listener that does not write it (and unlike certificateRefs: [], which is written).
        assertThat(problems(gateway("""
                - name: a
                  port: 443
                  protocol: HTTPS
                  tls: {certificateRefs: ~, options: {}}
                """))).containsExactly(
                "gw.yaml:10:5: " + GW + "spec.listeners[0].tls: Invalid value: \"object\": no such key: certificateRefs"
                        + " evaluating rule: certificateRefs or options must be specified when mode is Terminate");
    }

    @Test
    void patternsAndRangesAreReportedWithTheCelRules() {
        assertThat(problems(gateway("""
                - {name: Web, port: 0, protocol: HTTP, hostname: "*.Example.com", tls: {options: {a: b}}}
                """))).containsExactly(
                "gw.yaml:6:3: " + GW + "spec.listeners: Invalid value: \"array\": tls must not be specified for protocols"
                        + " ['HTTP', 'TCP', 'UDP']",
                "gw.yaml:7:6: " + GW + "spec.listeners[0].name: Invalid value: \"Web\": spec.listeners[0].name in body"
                        + " should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'",
                "gw.yaml:7:17: " + GW + "spec.listeners[0].port: Invalid value: 0: spec.listeners[0].port in body should"
                        + " be greater than or equal to 1",
                "gw.yaml:7:42: " + GW + "spec.listeners[0].hostname: Invalid value: \"*.Example.com\":"
                        + " spec.listeners[0].hostname in body should match"
                        + " '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'");
    }

    @Test
    void aBlockingSchemaErrorLeavesTheCelRulesUnchecked() {
        String hosts = String.join(", ", java.util.Collections.nCopies(17, "a.example.com"));
        assertThat(problems(route("""
                hostnames: [%s]
                rules:
                - filters:
                  - {type: RequestRedirect, requestRedirect: {scheme: ftp}}
                  - {type: URLRewrite, urlRewrite: {hostname: b.example.com}}
                """.formatted(hosts)))).containsExactly(
                "gw.yaml:5:3: " + RT + "spec.hostnames: Too many: 17: must have at most 16 items",
                "gw.yaml:8:49: " + RT + "spec.rules[0].filters[0].requestRedirect.scheme: Unsupported value: \"ftp\":"
                        + " supported values: \"http\", \"https\"",
                "gw.yaml:1:1: " + RT + "<nil>: " + ApiServerText.NOT_CHECKED);
    }

    @Test
    void filterTypesMustMatchTheirFieldsAndRedirectExcludesRewriteAndBackends() {
        assertThat(problems(route("""
                rules:
                - filters:
                  - {type: RequestRedirect, requestRedirect: {statusCode: 301}}
                  - {type: URLRewrite, requestHeaderModifier: {set: [{name: x, value: v}]}}
                  - {type: RequestHeaderModifier, requestHeaderModifier: {remove: [a, a]}}
                  - {type: RequestHeaderModifier, requestHeaderModifier: {add: [{name: "bad header", value: v}]}}
                  backendRefs: [{name: svc, port: 80}]
                """))).containsExactly(
                "gw.yaml:6:5: " + RT + "spec.rules[0]: Invalid value: \"object\": RequestRedirect filter must not be used"
                        + " together with backendRefs",
                "gw.yaml:6:5: " + RT + "spec.rules[0].filters: Invalid value: \"array\": May specify either"
                        + " httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both",
                "gw.yaml:6:5: " + RT + "spec.rules[0].filters: Invalid value: \"array\": RequestHeaderModifier filter"
                        + " cannot be repeated",
                "gw.yaml:8:7: " + RT + "spec.rules[0].filters[1]: Invalid value: \"object\": filter.requestHeaderModifier"
                        + " must be nil if the filter.type is not RequestHeaderModifier",
                "gw.yaml:8:7: " + RT + "spec.rules[0].filters[1]: Invalid value: \"object\": filter.urlRewrite must be"
                        + " specified for URLRewrite filter.type",
                "gw.yaml:9:73: " + RT + "spec.rules[0].filters[2].requestHeaderModifier.remove[1]: Duplicate value: \"a\"",
                "gw.yaml:10:68: " + RT + "spec.rules[0].filters[3].requestHeaderModifier.add[0].name: Invalid value:"
                        + " \"bad header\": spec.rules[0].filters[3].requestHeaderModifier.add[0].name in body should match"
                        + " '^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$'");
    }

    @Test
    void pathsMustBeAbsoluteAndPrefixReplacementNeedsOnePrefixMatch() {
        assertThat(problems(route("""
                rules:
                - matches: [{path: {type: Exact, value: "foo//bar#"}}, {path: {value: /a/..}}]
                  filters:
                  - {type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /x}}}
                - matches: [{path: {type: RegularExpression, value: "a//b"}}]
                  filters:
                  - {type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath, replacePrefixMatch: /x}}}
                """))).containsExactly(
                "gw.yaml:6:5: " + RT + "spec.rules[0]: Invalid value: \"object\": When using URLRewrite filter with"
                        + " path.replacePrefixMatch, exactly one PathPrefix match must be specified",
                "gw.yaml:6:16: " + RT + "spec.rules[0].matches[0].path: Invalid value: \"object\": value must be an"
                        + " absolute path and start with '/' when type one of ['Exact', 'PathPrefix']",
                "gw.yaml:6:16: " + RT + "spec.rules[0].matches[0].path: Invalid value: \"object\": must not contain '//'"
                        + " when type one of ['Exact', 'PathPrefix']",
                "gw.yaml:6:16: " + RT + "spec.rules[0].matches[0].path: Invalid value: \"object\": must not contain '#'"
                        + " when type one of ['Exact', 'PathPrefix']",
                "gw.yaml:6:16: " + RT + "spec.rules[0].matches[0].path: Invalid value: \"object\": must only contain valid"
                        + " characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types"
                        + " ['Exact', 'PathPrefix']",
                "gw.yaml:6:59: " + RT + "spec.rules[0].matches[1].path: Invalid value: \"object\": must not end with '/..'"
                        + " when type one of ['Exact', 'PathPrefix']",
                "gw.yaml:11:39: " + RT + "spec.rules[1].filters[0].urlRewrite.path: Invalid value: \"object\":"
                        + " replaceFullPath must be specified when type is set to 'ReplaceFullPath'",
                "gw.yaml:11:39: " + RT + "spec.rules[1].filters[0].urlRewrite.path: Invalid value: \"object\": type must"
                        + " be 'ReplacePrefixMatch' when replacePrefixMatch is set");
    }

    @Test
    void twoReferencesToOneParentNeedDistinctSectionNames() {
        assertThat(problems(route("""
                parentRefs: [{name: gw}, {name: gw, sectionName: http}, {name: other, sectionName: a}, {name: other, sectionName: a}]
                """))).containsExactly(
                "gw.yaml:5:3: " + RT + "spec.parentRefs: Invalid value: \"array\": sectionName must be specified when"
                        + " parentRefs includes 2 or more references to the same parent",
                "gw.yaml:5:3: " + RT + "spec.parentRefs: Invalid value: \"array\": sectionName must be unique when"
                        + " parentRefs includes 2 or more references to the same parent");
        assertThat(problems(route("""
                parentRefs: [{name: gw, sectionName: http}, {name: gw, sectionName: https}, {name: gw, namespace: b}]
                """))).isEmpty();
    }

    @Test
    void backendsNeedPortsAndTimeoutsTheirPatternAndOrder() {
        assertThat(problems(route("""
                rules:
                - backendRefs: [{name: svc}, {name: other, kind: ServiceImport, group: multicluster.x-k8s.io}]
                  timeouts: {request: 1s, backendRequest: 2s}
                - backendRefs: [{name: svc, port: 80, weight: 1000001}]
                  timeouts: {request: 1s500ms}
                """))).containsExactly(
                "gw.yaml:6:19: " + RT + "spec.rules[0].backendRefs[0]: Invalid value: \"object\": Must have port for"
                        + " Service reference",
                "gw.yaml:7:5: " + RT + "spec.rules[0].timeouts: Invalid value: \"object\": backendRequest timeout cannot"
                        + " be longer than request timeout",
                "gw.yaml:8:41: " + RT + "spec.rules[1].backendRefs[0].weight: Invalid value: 1000001:"
                        + " spec.rules[1].backendRefs[0].weight in body should be less than or equal to 1000000");
    }

    @Test
    void durationsAreCheckedAsWritten() {
        // The API server checks the text: 1.5s and 1500us are refused, though 1s500ms and 1ms are
        // durations it accepts; the reader refuses them, as kubectl apply would.
        String route = route("""
                rules:
                - timeouts: {request: 1.5s, backendRequest: 1500us}
                - timeouts: {request: 1s500ms, backendRequest: 1ms}
                """);
        assertThatThrownBy(() -> problems(route)).isInstanceOf(MeshConfigException.class).hasMessage("""
                2 problems:
                  gw.yaml:6:25: %1$sspec.rules[0].timeouts.request: Invalid value: "1.5s": spec.rules[0].timeouts.request \
                in body should match '^([0-9]{1,5}(h|m|s|ms)){1,4}$'
                  gw.yaml:6:47: %1$sspec.rules[0].timeouts.backendRequest: Invalid value: "1500us": \
                spec.rules[0].timeouts.backendRequest in body should match '^([0-9]{1,5}(h|m|s|ms)){1,4}$'""".formatted(RT));
        assertThat(problems(route("""
                rules:
                - timeouts: {request: 1s500ms, backendRequest: 1ms}
                """))).isEmpty();
    }

    @Test
    void grpcMethodMatchesAndFilters() {
        assertThat(problems("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GRPCRoute
                metadata: {name: g}
                spec:
                  rules:
                  - matches: [{method: {}}, {method: {service: "foo.Bar-1", method: "Get/x"}}, {method: {type: RegularExpression, service: "f.*"}}]
                    filters:
                    - {type: RequestMirror}
                    backendRefs: [{name: svc}]
                """)).containsExactly(
                "gw.yaml:6:16: GRPCRoute default/g: spec.rules[0].matches[0].method: Invalid value: \"object\": One or"
                        + " both of 'service' or 'method' must be specified",
                "gw.yaml:6:30: GRPCRoute default/g: spec.rules[0].matches[1].method: Invalid value: \"object\": service"
                        + " must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)",
                "gw.yaml:6:30: GRPCRoute default/g: spec.rules[0].matches[1].method: Invalid value: \"object\": method"
                        + " must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)",
                "gw.yaml:8:7: GRPCRoute default/g: spec.rules[0].filters[0]: Invalid value: \"object\":"
                        + " filter.requestMirror must be specified for RequestMirror filter.type",
                "gw.yaml:9:19: GRPCRoute default/g: spec.rules[0].backendRefs[0]: Invalid value: \"object\": Must have"
                        + " port for Service reference");
    }

    @Test
    void tlsRouteHostnamesAndTcpRouteBackends() {
        assertThat(problems("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: TLSRoute
                metadata: {name: t}
                spec:
                  hostnames: [10.0.0.1]
                  rules: [{backendRefs: [{name: svc, port: 443}]}]
                """)).containsExactly(
                "gw.yaml:5:3: TLSRoute default/t: spec.hostnames: Invalid value: \"array\": Hostnames cannot contain an IP");
        assertThat(problems("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: TCPRoute
                metadata: {name: t}
                spec:
                  rules: [{backendRefs: [{name: svc}]}, {backendRefs: [{name: svc, port: 1}]}]
                """)).containsExactly(
                "gw.yaml:5:3: TCPRoute default/t: spec.rules: Too many: 2: must have at most 1 item",
                "gw.yaml:1:1: TCPRoute default/t: <nil>: " + ApiServerText.NOT_CHECKED);
    }

    @Test
    void referenceGrantListsMayNotBeEmptyAndHaveNoCelRules() {
        assertThat(problems("""
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: g}
                spec:
                  from: []
                  to: [{group: "", kind: "Service", name: ""}]
                """)).containsExactly(
                "gw.yaml:5:3: ReferenceGrant default/g: spec.from: Invalid value: 0: spec.from in body should have at least"
                        + " 1 items",
                "gw.yaml:6:37: ReferenceGrant default/g: spec.to[0].name: Invalid value: \"\": spec.to[0].name in body"
                        + " should be at least 1 chars long");
    }

    @Test
    void recordsBuiltInCodeAreCheckedForRequiredFields() {
        var route = new dev.meshtest.config.gateway.HttpRoute("gateway.networking.k8s.io/v1", "HTTPRoute",
                dev.meshtest.config.ObjectMeta.of("r", "default"),
                new dev.meshtest.config.gateway.HttpRouteSpec(
                        List.of(new dev.meshtest.config.gateway.ParentReference(null, null, null, null, null, null)),
                        null, null));
        assertThat(GatewayApiValidator.review(Manifest.inCode(route)).stream().map(Problem::toString))
                .containsExactly("<code>: " + RT + "spec.parentRefs[0].name: Required value",
                        "<code>: " + RT + "<nil>: " + ApiServerText.NOT_CHECKED);
    }

    @Test
    void gatewayAddressesInfrastructureAndPerPortTls() {
        assertThat(problems("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: istio-ingress}
                spec:
                  gatewayClassName: istio
                  listeners: [{name: http, port: 80, protocol: HTTP}]
                  addresses: [{value: 10.0.0.1}, {type: IPAddress, value: 10.0.0.1}, {type: Hostname, value: "Bad_Host"}]
                  infrastructure:
                    labels: {"-bad": x}
                  tls:
                    frontend:
                      default: {validation: {caCertificateRefs: [{group: "", kind: ConfigMap, name: ca}]}}
                      perPort:
                      - {port: 443, tls: {validation: {caCertificateRefs: [{group: "", kind: ConfigMap, name: ca}]}}}
                      - {port: 443, tls: {validation: {caCertificateRefs: [{group: "", kind: ConfigMap, name: ca}]}}}
                """)).containsExactly(
                "gw.yaml:7:3: " + GW + "spec.addresses: Invalid value: \"array\": IPAddress values must be unique",
                "gw.yaml:7:70: " + GW + "spec.addresses[2]: Invalid value: \"object\": Hostname value must be empty or"
                        + " contain only valid characters (matching"
                        + " ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)",
                "gw.yaml:9:5: " + GW + "spec.infrastructure.labels: Invalid value: \"object\": Label keys must be in the"
                        + " form of an optional DNS subdomain prefix followed by a required name segment of up to 63"
                        + " characters.",
                "gw.yaml:13:7: " + GW + "spec.tls.frontend.perPort: Invalid value: \"array\": Port for TLS configuration"
                        + " must be unique within the Gateway",
                "gw.yaml:15:9: " + GW + "spec.tls.frontend.perPort[1]: Duplicate value: map[string]interface {}{\"port\":443}");
    }

    @Test
    void corsMirrorsAndPrefixRedirectsInBackendFilters() {
        assertThat(problems(route("""
                rules:
                - matches: [{path: {type: Exact, value: /a}}]
                  filters:
                  - type: CORS
                    cors: {allowOrigins: ["*", "https://a.example.com"], allowMethods: ["*", GET], allowHeaders: ["*", x]}
                  - type: RequestMirror
                    requestMirror: {backendRef: {name: m, port: 80}, percent: 10, fraction: {numerator: 2, denominator: 1}}
                  backendRefs:
                  - name: svc
                    port: 80
                    filters:
                    - {type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /b}}}
                """))).containsExactly(
                "gw.yaml:6:5: " + RT + "spec.rules[0]: Invalid value: \"object\": Within backendRefs, When using URLRewrite"
                        + " filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified",
                "gw.yaml:9:14: " + RT + "spec.rules[0].filters[0].cors.allowOrigins: Invalid value: \"array\":"
                        + " AllowOrigins cannot contain '*' alongside other origins",
                "gw.yaml:9:60: " + RT + "spec.rules[0].filters[0].cors.allowMethods: Invalid value: \"array\":"
                        + " AllowMethods cannot contain '*' alongside other methods",
                "gw.yaml:9:86: " + RT + "spec.rules[0].filters[0].cors.allowHeaders: Invalid value: \"array\":"
                        + " AllowHeaders cannot contain '*' alongside other methods",
                "gw.yaml:11:7: " + RT + "spec.rules[0].filters[1].requestMirror: Invalid value: \"object\": Only one of"
                        + " percent or fraction may be specified in HTTPRequestMirrorFilter",
                "gw.yaml:11:69: " + RT + "spec.rules[0].filters[1].requestMirror.fraction: Invalid value: \"object\":"
                        + " numerator must be less than or equal to denominator");
    }

    @Test
    void routesMayHoldAtMost128MatchesAndLongValuesAreTooLong() {
        String match = "{path: {value: /a}}";
        String rule = "- matches: [" + String.join(", ", java.util.Collections.nCopies(43, match)) + "]\n";
        assertThat(problems(route("rules:\n" + rule.repeat(3)))).containsExactly(
                "gw.yaml:5:3: " + RT + "spec.rules: Invalid value: \"array\": While 16 rules and 64 matches per rule are"
                        + " allowed, the total number of matches across all rules in a route must be less than 128");
        assertThat(problems(route("rules: [{matches: [{path: {value: /%s}}]}]".formatted("a".repeat(1024)))))
                .containsExactly(
                        "gw.yaml:5:30: " + RT + "spec.rules[0].matches[0].path.value: Too long: may not be more than 1024"
                                + " bytes",
                        "gw.yaml:1:1: " + RT + "<nil>: " + ApiServerText.NOT_CHECKED);
    }

    @Test
    void aRuleWithMatchesWrittenAsNullHasTheDefaultMatchLikeARuleWithout() {
        String match = "{path: {value: /a}}";
        String full = "- matches: [" + String.join(", ", java.util.Collections.nCopies(64, match)) + "]\n";
        String tooMany = "gw.yaml:5:3: " + RT + "spec.rules: Invalid value: \"array\": While 16 rules and 64 matches per"
                + " rule are allowed, the total number of matches across all rules in a route must be less than 128";
        // 128 written, and a rule whose matches are defaulted to one (absent, or null: the API server
        // prunes a null that has a default, then defaults it) or written empty (none).
        assertThat(problems(route("rules:\n" + full.repeat(2) + "- {}\n"))).containsExactly(tooMany);
        assertThat(problems(route("rules:\n" + full.repeat(2) + "- matches: ~\n"))).containsExactly(tooMany);
        assertThat(problems(route("rules:\n" + full.repeat(2) + "- matches: []\n"))).isEmpty();
    }

    @Test
    void gatewayClassControllerNameAndTlsRouteWildcards() {
        assertThat(problems("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: c}
                spec: {controllerName: istio}
                """)).containsExactly(
                "gw.yaml:4:8: GatewayClass c: spec.controllerName: Invalid value: \"istio\": spec.controllerName in body"
                        + " should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/"
                        + "[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$'");
        assertThat(problems("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: TLSRoute
                metadata: {name: t}
                spec:
                  hostnames: ["a.*.example.com"]
                  rules: [{backendRefs: [{name: svc, port: 443}]}]
                """)).containsExactly(
                "gw.yaml:5:3: TLSRoute default/t: spec.hostnames: Invalid value: \"array\": Wildcards on hostnames must be"
                        + " the first label, and the rest of hostname must be valid based on RFC-1123",
                "gw.yaml:5:15: TLSRoute default/t: spec.hostnames[0]: Invalid value: \"a.*.example.com\":"
                        + " spec.hostnames[0] in body should match"
                        + " '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'");
    }

    @Test
    void aNullInAListBuiltInCodeIsATypeErrorNotACrash() {
        var route = new dev.meshtest.config.gateway.HttpRoute("gateway.networking.k8s.io/v1", "HTTPRoute",
                dev.meshtest.config.ObjectMeta.of("r", "default"),
                new dev.meshtest.config.gateway.HttpRouteSpec(java.util.Arrays.asList(null, null),
                        java.util.Arrays.asList("a.example.com", null), null));
        assertThat(GatewayApiValidator.review(Manifest.inCode(route)).stream().map(Problem::toString)).containsExactly(
                "<code>: " + RT + "spec.hostnames[1]: Invalid value: \"null\": spec.hostnames[1] in body must be of type"
                        + " string: \"null\"",
                "<code>: " + RT + "spec.parentRefs[0]: Invalid value: \"null\": spec.parentRefs[0] in body must be of type"
                        + " object: \"null\"",
                "<code>: " + RT + "spec.parentRefs[1]: Invalid value: \"null\": spec.parentRefs[1] in body must be of type"
                        + " object: \"null\"",
                "<code>: " + RT + "<nil>: " + ApiServerText.NOT_CHECKED);
    }

    @Test
    void admissionChecksTheKindsOnceTheReaderReadsThem() {
        Manifest m = GatewayApiManifests.read(route("rules: [{backendRefs: [{name: svc}]}]"), "gw.yaml").get(0);
        assertThat(Admission.review(m).stream().map(Problem::toString).toList()).containsExactly(
                "gw.yaml:5:26: HTTPRoute default/r: spec.rules[0].backendRefs[0]: Invalid value: \"object\": Must have port for Service reference");
    }
}
