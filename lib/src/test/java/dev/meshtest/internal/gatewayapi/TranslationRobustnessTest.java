package dev.meshtest.internal.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.meshtest.config.MeshConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Whatever the manifests say, the translation either is refused by the reader with a
 * {@link MeshConfigException} or translates: it never fails with an exception of its own (such as
 * a NullPointerException) on anything the reader accepts.
 */
class TranslationRobustnessTest {

    private static final String SEED = ConformanceTest.FIXTURE + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: multi, namespace: gateway-conformance-infra}
            spec:
              gatewayClassName: istio
              listeners:
              - {name: a, port: 80, protocol: HTTP, hostname: "*.example.com", allowedRoutes: {namespaces: {from: All}}}
              - {name: b, port: 80, protocol: HTTP, hostname: b.example.com}
              - name: tls
                port: 443
                protocol: HTTPS
                tls: {mode: Terminate, certificateRefs: [{name: cert, namespace: other}]}
                allowedRoutes:
                  namespaces: {from: Selector, selector: {matchExpressions: [{key: x, operator: In, values: [z]}]}}
                  kinds: [{kind: HTTPRoute}]
              - {name: tcp, port: 9000, protocol: TCP}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: r, namespace: gateway-conformance-infra, creationTimestamp: "2024-01-01T00:00:00Z"}
            spec:
              parentRefs:
              - {name: multi, sectionName: a}
              - {name: same-namespace, port: 80}
              - {group: "", kind: Service, name: infra-backend-v1, port: 8080}
              hostnames: [x.example.com, b.example.com]
              rules:
              - name: one
                matches:
                - path: {type: PathPrefix, value: /v2/}
                  headers: [{name: h, value: v}, {type: RegularExpression, name: r, value: "a.*"}]
                  queryParams: [{name: q, value: "1"}]
                  method: GET
                filters:
                - {type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: a, value: b}], remove: [c]}}
                - {type: URLRewrite, urlRewrite: {hostname: h.example.com, path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}}
                - {type: RequestMirror, requestMirror: {backendRef: {name: infra-backend-v2, port: 8080}, fraction: {numerator: 1}}}
                - {type: CORS, cors: {allowOrigins: ["*", "https://*.example.com"], maxAge: 10}}
                backendRefs:
                - {name: infra-backend-v1, port: 8080, weight: 2}
                - name: web-backend
                  namespace: gateway-conformance-web-backend
                  port: 8080
                  filters: [{type: ResponseHeaderModifier, responseHeaderModifier: {add: [{name: x, value: z}]}}]
                timeouts: {request: 10s, backendRequest: 1s}
              - filters: [{type: RequestRedirect, requestRedirect: {scheme: https, port: 443, path: {type: ReplaceFullPath, replaceFullPath: /x}}}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata: {name: g, namespace: gateway-conformance-infra}
            spec:
              parentRefs: [{name: multi}]
              rules:
              - matches: [{method: {service: s.S, method: M}, headers: [{name: h, value: v}]}]
                filters: [{type: RequestMirror, requestMirror: {backendRef: {name: infra-backend-v3, port: 8080}, percent: 5}}]
                backendRefs: [{name: infra-backend-v3, port: 8080}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: TLSRoute
            metadata: {name: t, namespace: gateway-conformance-infra}
            spec:
              parentRefs: [{name: multi}, {group: "", kind: Service, name: infra-backend-v2, port: 8080}]
              hostnames: [a.example.com, "*.com"]
              rules: [{backendRefs: [{name: infra-backend-v2, port: 8080, weight: 0}]}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: TCPRoute
            metadata: {name: c, namespace: gateway-conformance-infra}
            spec:
              parentRefs: [{name: multi, sectionName: tcp}, {group: "", kind: Service, name: infra-backend-v3}]
              rules: [{backendRefs: [{name: infra-backend-v1, port: 8080}, {name: nope, port: 1}]}]
            ---
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: g, namespace: gateway-conformance-web-backend}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: gateway-conformance-infra}]
              to: [{group: "", kind: Service}]
            """;

    private static final List<String> VALUES = List.of("\"\"", "/", "*", "\"*\"", "0", "1", "65535", "x.y", "a", "Exact",
            "PathPrefix", "RegularExpression", "Service", "Gateway", "HTTP", "TLS", "TCP", "Passthrough", "\"\"", "[]", "{}",
            "null", "\"*.com\"", "\"~\"", "\"/.*\"", "RequestMirror", "ExtensionRef", "gateway.networking.k8s.io", "-1");

    @Test
    void theSeedTranslates() {
        GatewayApiOutput out = Translations.translate(SEED);
        assertThat(out.virtualServices()).isNotEmpty();
        assertThat(out.routeStatus()).hasSize(4);
    }

    @Test
    void mutatedManifestsAreRefusedByTheReaderOrTranslated() {
        SplittableRandom random = new SplittableRandom(18);
        List<String> lines = Arrays.asList(SEED.split("\n", -1));
        int translated = 0;
        for (int i = 0; i < 2000; i++) {
            String yaml = mutate(lines, random);
            GatewayApiOutput out;
            try {
                out = Translations.translate(yaml);
            } catch (MeshConfigException refused) {
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("translation failed on mutation " + i + ":\n" + yaml, e);
            }
            assertThat(out).isNotNull();
            translated++;
        }
        if (translated < 200) {
            fail("only " + translated + " of 2000 mutations were read; the test no longer exercises the translation");
        }
    }

    /** 1 to 3 edits: a scalar value replaced, a line deleted or duplicated. */
    private static String mutate(List<String> lines, SplittableRandom random) {
        List<String> out = new ArrayList<>(lines);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(out.size());
            String line = out.get(at);
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    int colon = line.indexOf(": ", random.nextInt(Math.max(1, line.length())));
                    if (colon < 0) {
                        colon = line.indexOf(": ");
                    }
                    if (colon >= 0) {
                        int end = colon + 2;
                        while (end < line.length() && ",}]".indexOf(line.charAt(end)) < 0) {
                            end++;
                        }
                        out.set(at, line.substring(0, colon + 2) + VALUES.get(random.nextInt(VALUES.size())) + line.substring(end));
                    }
                }
                case 2 -> out.remove(at);
                default -> out.add(at, line);
            }
        }
        return String.join("\n", out);
    }
}
