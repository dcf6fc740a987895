package dev.meshtest.internal.gatewayapi;

import static dev.meshtest.internal.gatewayapi.Translations.cond;
import static dev.meshtest.internal.gatewayapi.Translations.service;
import static dev.meshtest.internal.gatewayapi.Translations.translate;
import static dev.meshtest.internal.gatewayapi.Translations.virtualServices;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.istio.HttpRoute;
import dev.meshtest.config.istio.ServerTlsSettings;
import dev.meshtest.config.istio.ServerTlsSettingsTlsMode;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.internal.gatewayapi.GatewayApiOutput.GatewayStatus;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Gateway status and listeners, TLS, classes, GRPCRoutes, and routes with mesh and gateway parents at once. */
class GatewaysAndGrpcTest {

    static GatewayStatus gatewayStatus(GatewayApiOutput out, String namespace, String name) {
        return out.gatewayStatus().get(new ResourceRef("gateway.networking.k8s.io", "Gateway", namespace, name));
    }

    static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata: {name: cert, namespace: %s}
            type: kubernetes.io/tls
            data: {tls.crt: Y2VydA==, tls.key: a2V5}
            ---
            """;

    @Test
    @DisplayName("an HTTPS listener terminates with its Secret as a kubernetes-gateway:// credential")
    void httpsListener() {
        GatewayApiOutput out = translate(SECRET.formatted("default") + service("gw-istio", "default", 443) + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - name: https
                    hostname: bookinfo.example.com
                    port: 443
                    protocol: HTTPS
                    tls: {certificateRefs: [{name: cert}]}
                  - name: passthrough
                    port: 8443
                    protocol: TLS
                    tls: {mode: Passthrough}
                """);
        assertThat(out.gateways()).extracting(g -> g.spec().servers().get(0).tls()).containsExactly(
                new ServerTlsSettings(null, ServerTlsSettingsTlsMode.SIMPLE, null, null, null, null,
                        "kubernetes-gateway://default/cert", List.of(), null, List.of(), List.of(), List.of(), List.of(),
                        null, null, List.of(), null),
                new ServerTlsSettings(null, ServerTlsSettingsTlsMode.PASSTHROUGH, null, null, null, null, null, List.of(), null,
                        List.of(), List.of(), List.of(), List.of(), null, null, List.of(), null));
        assertThat(out.gateways().get(0).spec().servers().get(0).port().protocol()).isEqualTo("HTTPS");
        GatewayStatus status = gatewayStatus(out, "default", "gw");
        // the gateway Service has 443 but not 8443
        assertThat(status.conditions()).contains(cond("Programmed", false, "AddressNotUsable",
                "Assigned to service(s) gw-istio.default.svc.cluster.local:443, but failed to assign to all requested "
                        + "addresses: port 8443 not found for hostname \"gw-istio.default.svc.cluster.local\""));
        assertThat(status.listeners().get(1).supportedKinds())
                .extracting(k -> k.kind()).containsExactly("TLSRoute");
    }

    @Test
    @DisplayName("a certificate in another namespace without a ReferenceGrant: the listener is invalid, and with it the Gateway")
    void crossNamespaceCertificate() {
        GatewayApiOutput out = translate(SECRET.formatted("certs") + service("gw-istio", "default", 443) + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - name: https
                    port: 443
                    protocol: HTTPS
                    tls: {certificateRefs: [{name: cert, namespace: certs}]}
                """);
        GatewayStatus status = gatewayStatus(out, "default", "gw");
        assertThat(status.listeners().get(0).conditions()).containsExactly(
                cond("Accepted", true, "Accepted", "No errors found"),
                cond("Conflicted", false, "NoConflicts", "No errors found"),
                cond("Programmed", false, "Invalid", "Bad TLS configuration"),
                cond("ResolvedRefs", false, "RefNotPermitted", "certificateRef cert/certs not accessible to a Gateway in "
                        + "namespace \"default\" (missing a ReferenceGrant?)"));
        assertThat(status.conditions().get(0))
                .isEqualTo(cond("Accepted", false, "ListenersNotValid", "None of the Gateway's listeners are valid"));

        GatewayApiOutput granted = translate(SECRET.formatted("certs") + service("gw-istio", "default", 443) + """
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: g, namespace: certs}
                spec:
                  from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: default}]
                  to: [{group: "", kind: Secret}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - name: https
                    port: 443
                    protocol: HTTPS
                    tls: {certificateRefs: [{name: cert, namespace: certs}]}
                """);
        assertThat(granted.gateways().get(0).spec().servers().get(0).tls().credentialName())
                .isEqualTo("kubernetes-gateway://certs/cert");
        assertThat(gatewayStatus(granted, "default", "gw").conditions()).containsExactly(
                cond("Accepted", true, "Accepted", "Resource accepted"),
                cond("Programmed", true, "Programmed",
                        "Resource programmed, assigned to service(s) gw-istio.default.svc.cluster.local:443"),
                cond("ResolvedRefs", true, "ResolvedRefs", "All references resolved"));
    }

    @Test
    @DisplayName("a lower-case protocol is unsupported, with a hint; a Gateway whose Service is missing is not programmed")
    void unsupportedProtocolAndMissingService() {
        GatewayApiOutput out = translate("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - {name: web, port: 80, protocol: http}
                  - {name: ok, port: 81, protocol: HTTP}
                """);
        GatewayStatus status = gatewayStatus(out, "default", "gw");
        assertThat(status.listeners().get(0).conditions().get(0)).isEqualTo(cond("Accepted", false, "UnsupportedProtocol",
                "protocol \"http\" is unsupported. hint: \"HTTP\" (uppercase) may be supported"));
        assertThat(status.conditions()).containsExactly(
                cond("Accepted", true, "ListenersNotValid", "One or more of the Gateway's listeners are invalid"),
                cond("Programmed", false, "AddressNotUsable",
                        "Failed to assign to any requested addresses: hostname \"gw-istio.default.svc.cluster.local\" not found"),
                cond("ResolvedRefs", true, "ResolvedRefs", "All references resolved"));
    }

    @Test
    @DisplayName("a Gateway with a Hostname address uses that Service instead of deploying one; other classes are left alone")
    void manualDeploymentAndOtherClasses() {
        GatewayApiOutput out = translate(service("istio-ingressgateway", "istio-system", 80) + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: istio-system}
                spec:
                  gatewayClassName: istio
                  addresses: [{type: Hostname, value: istio-ingressgateway}]
                  listeners: [{name: default, port: 80, protocol: HTTP}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: other, namespace: istio-system}
                spec:
                  gatewayClassName: nginx
                  listeners: [{name: default, port: 80, protocol: HTTP}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: nginx}
                spec: {controllerName: example.com/nginx}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: istio}
                spec: {controllerName: istio.io/gateway-controller}
                """);
        assertThat(out.gateways()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("gw~istio-autogenerated-k8s-gateway~default");
            assertThat(g.metadata().annotations())
                    .containsEntry("internal.istio.io/gateway-service", "istio-ingressgateway.istio-system.svc.cluster.local")
                    .containsEntry("internal.istio.io/service-account-name", "");
        });
        assertThat(out.gatewayStatus()).containsOnlyKeys(new ResourceRef("gateway.networking.k8s.io", "Gateway", "istio-system", "gw"));
        assertThat(out.gatewayClassStatus()).containsOnlyKeys(new ResourceRef("GatewayClass", "", "istio"));
        assertThat(out.gatewayClassStatus().values()).singleElement()
                .isEqualTo(List.of(cond("Accepted", true, "Accepted", "Handled by Istio controller")));
    }

    @Test
    @DisplayName("GRPCRoute: service and method become path matches; it shares a host's VirtualService with HTTPRoutes")
    void grpcRoute() {
        GatewayApiOutput out = translate(service("gw-istio", "default", 80) + service("greeter", "default", 50051) + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  gatewayClassName: istio
                  listeners: [{name: grpc, port: 80, protocol: HTTP}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: GRPCRoute
                metadata: {name: greeter}
                spec:
                  parentRefs: [{name: gw}]
                  hostnames: [grpc.example.com]
                  rules:
                  - matches:
                    - method: {service: helloworld.Greeter, method: SayHello}
                    - method: {service: helloworld.Greeter}
                    - method: {method: SayBye}
                    - method: {type: RegularExpression, service: "helloworld\\\\..*"}
                    backendRefs: [{name: greeter, port: 50051}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web}
                spec:
                  parentRefs: [{name: gw}]
                  hostnames: [grpc.example.com]
                  rules:
                  - matches: [{path: {value: /web}}]
                    backendRefs: [{name: greeter, port: 50051}]
                """);
        VirtualService vs = out.virtualServices().get(0);
        assertThat(out.virtualServices()).hasSize(1);
        assertThat(vs.name()).isEqualTo("default~gw~istio-autogenerated-k8s-gateway~grpc~grpc.example.com");
        assertThat(vs.metadata().annotations()).containsEntry("internal.istio.io/parents", "GRPCRoute/greeter.default,HTTPRoute/web.default");
        assertThat(vs.spec().http()).extracting(r -> r.match().get(0).uri()).containsExactly(
                new dev.meshtest.config.istio.StringMatch("/helloworld.Greeter/SayHello", null, null),
                new dev.meshtest.config.istio.StringMatch(null, "/helloworld.Greeter/", null),
                new dev.meshtest.config.istio.StringMatch(null, "/web", null),
                new dev.meshtest.config.istio.StringMatch(null, null, "/helloworld\\..*/.+"),
                new dev.meshtest.config.istio.StringMatch(null, null, "/[^/]+/SayBye"));
        assertThat(out.routeStatus().get(new ResourceRef("GRPCRoute", "default", "greeter")).parents().get(0).conditions())
                .containsExactly(cond("Accepted", true, "Accepted", "Route was valid"),
                        cond("ResolvedRefs", true, "ResolvedRefs", "All references resolved"));
    }

    @Test
    @DisplayName("one route with a Gateway and a Service parent: a gateway VirtualService and a mesh one")
    void meshAndGatewayParents() {
        GatewayApiOutput out = translate(service("gw-istio", "default", 80) + service("reviews", "default", 9080)
                + service("reviews-v2", "default", 9080) + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  gatewayClassName: istio
                  listeners: [{name: http, port: 80, protocol: HTTP}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: reviews}
                spec:
                  parentRefs:
                  - {name: gw}
                  - {group: "", kind: Service, name: reviews}
                  - {group: "", kind: Service, name: ratings}
                  rules:
                  - backendRefs: [{name: reviews-v2, port: 9080}]
                """);
        assertThat(out.virtualServices()).extracting(VirtualService::name, v -> v.spec().gateways(), v -> v.spec().hosts())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("default~gw~istio-autogenerated-k8s-gateway~http~*",
                                List.of("default/gw~istio-autogenerated-k8s-gateway~http"), List.of("*")),
                        org.assertj.core.groups.Tuple.tuple("default~reviews.default.svc.cluster.local", List.of("mesh"),
                                List.of("reviews.default.svc.cluster.local")));
        assertThat(out.routeStatus().get(new ResourceRef("HTTPRoute", "default", "reviews")).parents())
                .extracting(p -> p.parentRef().name(), p -> p.condition("Accepted"))
                .containsExactly(   // by reference string, descending: the Gateway's group sorts after the core group ""
                        org.assertj.core.groups.Tuple.tuple("gw", cond("Accepted", true, "Accepted", "Route was valid")),
                        org.assertj.core.groups.Tuple.tuple("reviews", cond("Accepted", true, "Accepted", "Route was valid")),
                        org.assertj.core.groups.Tuple.tuple("ratings", cond("Accepted", false, "NoMatchingParent",
                                "parent service: \"ratings\" not found")));
        assertThat(out.virtualServices().get(1).spec().http()).extracting(HttpRoute::name).containsExactly("default.reviews.0");
    }

    @Test
    @DisplayName("the CORS filter: wildcard origins as prefix or regex, maxAge 5 seconds unless told")
    void cors() {
        GatewayApiOutput out = translate(service("gw-istio", "default", 80) + service("web", "default", 80) + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  gatewayClassName: istio
                  listeners: [{name: http, port: 80, protocol: HTTP}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - filters:
                    - type: CORS
                      cors:
                        allowOrigins: ["https://www.example.com", "https://example.*", "https://*.example.com"]
                        allowMethods: [GET]
                        allowCredentials: true
                    backendRefs: [{name: web, port: 80}]
                """);
        assertThat(out.virtualServices()).isEqualTo(virtualServices("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: default~gw~istio-autogenerated-k8s-gateway~http~*
                  namespace: default
                  annotations:
                    internal.istio.io/parents: HTTPRoute/web.default
                    internal.istio.io/route-semantics: gateway
                spec:
                  hosts: ["*"]
                  gateways: [default/gw~istio-autogenerated-k8s-gateway~http]
                  http:
                  - name: default.web.0
                    match: [{uri: {prefix: /}}]
                    corsPolicy:
                      allowOrigins:
                      - exact: https://www.example.com
                      - prefix: https://example.
                      - regex: '^https://.*\\.example\\.com$'
                      allowMethods: [GET]
                      allowCredentials: true
                      maxAge: 5s
                      unmatchedPreflights: IGNORE
                    route:
                    - destination: {host: web.default.svc.cluster.local, port: {number: 80}}
                """));
    }

    @Test
    @DisplayName("listeners on one port with one hostname conflict: the later is Conflicted and gets no server")
    void listenerConflicts() {
        GatewayApiOutput out = translate(service("gw-istio", "default", 80) + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - {name: a, port: 80, protocol: HTTP, hostname: a.example.com}
                  - {name: b, port: 80, protocol: HTTP, hostname: a.example.com}
                  - {name: c, port: 80, protocol: TCP}
                  - {name: d, port: 80, protocol: HTTP, hostname: d.example.com}
                """);
        assertThat(out.gateways()).extracting(g -> g.name())
                .containsExactly("gw~istio-autogenerated-k8s-gateway~a", "gw~istio-autogenerated-k8s-gateway~d");
        GatewayStatus status = gatewayStatus(out, "default", "gw");
        String msg = "Listener has a conflict with another listener attached to the same Gateway";
        assertThat(status.listeners().get(1).conditions()).containsExactly(
                cond("Accepted", false, "HostnameConflict", msg),
                cond("Conflicted", true, "HostnameConflict", msg),
                cond("Programmed", false, "HostnameConflict", msg));
        assertThat(status.listeners().get(2).conditions().get(0)).isEqualTo(cond("Accepted", false, "ProtocolConflict", msg));
        assertThat(status.conditions().get(0))
                .isEqualTo(cond("Accepted", true, "ListenersNotValid", "One or more of the Gateway's listeners are invalid"));
    }

    @Test
    @DisplayName("a waypoint (istio-waypoint) is recorded with its status but turns no route into a VirtualService")
    void waypoint() {
        GatewayApiOutput out = translate(service("waypoint", "default", 15008) + service("reviews", "default", 9080) + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: waypoint}
                spec:
                  gatewayClassName: istio-waypoint
                  listeners: [{name: mesh, port: 15008, protocol: HBONE}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  parentRefs: [{name: waypoint}]
                  rules: [{backendRefs: [{name: reviews, port: 9080}]}]
                """);
        assertThat(out.gateways()).isEmpty();
        assertThat(out.virtualServices()).isEmpty();
        assertThat(out.routeStatus()).isEmpty();
        assertThat(gatewayStatus(out, "default", "waypoint").conditions()).containsExactly(
                cond("Accepted", true, "Accepted", "Resource accepted"),
                cond("Programmed", true, "Programmed",
                        "Resource programmed, assigned to service(s) waypoint.default.svc.cluster.local:15008"),
                cond("ResolvedRefs", true, "ResolvedRefs", "All references resolved"));
    }

    @Test
    @DisplayName("a listener with a bad certificate is still a parent routes attach to, but becomes no Istio Gateway")
    void invalidTlsListenerStillAParent() {
        GatewayApiOutput out = translate(service("gw-istio", "default", 443) + service("web", "default", 80) + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - {name: https, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: missing}]}}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web}
                spec:
                  parentRefs: [{name: gw}]
                  rules: [{backendRefs: [{name: web, port: 80}]}]
                """);
        assertThat(out.gateways()).isEmpty();
        assertThat(out.virtualServices()).extracting(VirtualService::name)
                .containsExactly("default~gw~istio-autogenerated-k8s-gateway~https~*");
        GatewayStatus status = gatewayStatus(out, "default", "gw");
        assertThat(status.listeners().get(0).attachedRoutes()).isEqualTo(1);
        assertThat(status.listeners().get(0).conditions()).contains(cond("ResolvedRefs", false, "InvalidCertificateRef",
                "invalid certificate reference //missing., secret default/missing not found"));
        assertThat(status.conditions()).containsExactly(
                cond("Accepted", false, "ListenersNotValid", "None of the Gateway's listeners are valid"),
                cond("Programmed", true, "Programmed",
                        "Resource programmed, assigned to service(s) gw-istio.default.svc.cluster.local:443"),
                cond("ResolvedRefs", true, "ResolvedRefs", "All references resolved"));
    }

    @Test
    @DisplayName("only addresses of unsupported types: the Gateway is refused before its listeners are looked at")
    void unsupportedAddressesOnly() {
        GatewayApiOutput out = translate("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  gatewayClassName: istio
                  addresses: [{type: NamedAddress, value: my-lb}]
                  listeners: [{name: http, port: 80, protocol: HTTP}]
                """);
        assertThat(out.gateways()).isEmpty();
        assertThat(gatewayStatus(out, "default", "gw")).isEqualTo(new GatewayStatus(List.of(
                cond("Accepted", false, "UnsupportedAddress", "only Hostname is supported, ignoring [my-lb]"),
                cond("Programmed", false, "UnsupportedAddress", "Failed to assign to any requested addresses"),
                cond("ResolvedRefs", true, "ResolvedRefs", "All references resolved")), List.of()));
    }

    @Test
    @DisplayName("a listener on the workload port rather than the Service port: not programmed, with istiod's hint")
    void workloadPortHint() {
        GatewayApiOutput out = translate("""
                apiVersion: v1
                kind: Service
                metadata: {name: gw-istio}
                spec:
                  ports: [{name: http, port: 80, targetPort: 8080}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  gatewayClassName: istio
                  listeners: [{name: http, port: 8080, protocol: HTTP}]
                """);
        assertThat(gatewayStatus(out, "default", "gw").conditions().get(1)).isEqualTo(cond("Programmed", false,
                "AddressNotUsable", "Failed to assign to any requested addresses: port 8080 not found for hostname "
                        + "\"gw-istio.default.svc.cluster.local\" (hint: the service port should be specified, not the workload "
                        + "port. Did you mean one of these ports: [80]?)"));
    }
}
