package dev.meshtest.internal.gatewayapi;

import static dev.meshtest.internal.gatewayapi.Translations.cond;
import static dev.meshtest.internal.gatewayapi.Translations.gateways;
import static dev.meshtest.internal.gatewayapi.Translations.service;
import static dev.meshtest.internal.gatewayapi.Translations.translate;
import static dev.meshtest.internal.gatewayapi.Translations.virtualServices;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.gateway.ParentReference;
import dev.meshtest.config.gateway.RouteGroupKind;
import dev.meshtest.internal.gatewayapi.GatewayApiOutput.GatewayStatus;
import dev.meshtest.internal.gatewayapi.GatewayApiOutput.ListenerStatus;
import dev.meshtest.internal.gatewayapi.GatewayApiOutput.RouteParentStatus;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Istio's traffic management tasks in their Gateway API form (istio.io, tasks/traffic-management),
 * translated as istiod translates them: the exact Gateways, VirtualServices and conditions.
 */
class IstioTasksTest {

    private static final String BOOKINFO_SERVICES = service("reviews", "default", 9080) + service("reviews-v1", "default", 9080)
            + service("reviews-v2", "default", 9080) + service("reviews-v3", "default", 9080);

    @Test
    @DisplayName("request routing: all of reviews to v1, by an HTTPRoute whose parent is the reviews Service")
    void requestRoutingToV1() {
        GatewayApiOutput out = translate(BOOKINFO_SERVICES + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: reviews}
                spec:
                  parentRefs:
                  - group: ""
                    kind: Service
                    name: reviews
                    port: 9080
                  rules:
                  - backendRefs:
                    - name: reviews-v1
                      port: 9080
                """);

        assertThat(out.gateways()).isEmpty();
        assertThat(out.virtualServices()).isEqualTo(virtualServices("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: default~9080~reviews.default.svc.cluster.local
                  namespace: default
                  annotations:
                    internal.istio.io/parents: HTTPRoute/reviews.default
                    internal.istio.io/route-semantics: gateway
                spec:
                  hosts: [reviews.default.svc.cluster.local]
                  gateways: [mesh]
                  http:
                  - name: default.reviews.0
                    match:
                    - uri: {prefix: /}
                      port: 9080
                    route:
                    - destination:
                        host: reviews-v1.default.svc.cluster.local
                        port: {number: 9080}
                """));
        RouteParentStatus parent = out.routeStatus().get(new ResourceRef("HTTPRoute", "default", "reviews")).parents().get(0);
        assertThat(parent.parentRef()).isEqualTo(new ParentReference("", "Service", null, "reviews", null, 9080));
        assertThat(parent.controllerName()).isEqualTo("istio.io/gateway-controller");
        assertThat(parent.conditions()).containsExactly(
                cond("Accepted", true, "Accepted", "Route was valid"),
                cond("ResolvedRefs", true, "ResolvedRefs", "All references resolved"));
    }

    @Test
    @DisplayName("header-based routing: jason to v2 first, everyone else to v1")
    void headerBasedRouting() {
        GatewayApiOutput out = translate(BOOKINFO_SERVICES + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: reviews}
                spec:
                  parentRefs:
                  - group: ""
                    kind: Service
                    name: reviews
                    port: 9080
                  rules:
                  - matches:
                    - headers:
                      - name: end-user
                        value: jason
                    backendRefs:
                    - name: reviews-v2
                      port: 9080
                  - backendRefs:
                    - name: reviews-v1
                      port: 9080
                """);

        assertThat(out.virtualServices()).isEqualTo(virtualServices("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: default~9080~reviews.default.svc.cluster.local
                  namespace: default
                  annotations:
                    internal.istio.io/parents: HTTPRoute/reviews.default
                    internal.istio.io/route-semantics: gateway
                spec:
                  hosts: [reviews.default.svc.cluster.local]
                  gateways: [mesh]
                  http:
                  - name: default.reviews.0
                    match:
                    - uri: {prefix: /}
                      headers: {end-user: {exact: jason}}
                      port: 9080
                    route:
                    - destination: {host: reviews-v2.default.svc.cluster.local, port: {number: 9080}}
                  - name: default.reviews.1
                    match:
                    - uri: {prefix: /}
                      port: 9080
                    route:
                    - destination: {host: reviews-v1.default.svc.cluster.local, port: {number: 9080}}
                """));
    }

    @Test
    @DisplayName("traffic shifting: 50% to v1 and 50% to v3, by weight")
    void trafficShifting() {
        GatewayApiOutput out = translate(BOOKINFO_SERVICES + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: reviews}
                spec:
                  parentRefs:
                  - group: ""
                    kind: Service
                    name: reviews
                    port: 9080
                  rules:
                  - backendRefs:
                    - name: reviews-v1
                      port: 9080
                      weight: 50
                    - name: reviews-v3
                      port: 9080
                      weight: 50
                """);

        assertThat(out.virtualServices().get(0).spec().http().get(0).route()).isEqualTo(virtualServices("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: expected}
                spec:
                  http:
                  - route:
                    - destination: {host: reviews-v1.default.svc.cluster.local, port: {number: 9080}}
                      weight: 50
                    - destination: {host: reviews-v3.default.svc.cluster.local, port: {number: 9080}}
                      weight: 50
                """).get(0).spec().http().get(0).route());
    }

    @Test
    @DisplayName("ingress to httpbin: a Gateway listener for httpbin.example.com and a route for /status and /delay")
    void httpbinIngress() {
        GatewayApiOutput out = translate(service("httpbin", "default", 8000) + service("httpbin-gateway-istio", "default", 80) + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: httpbin-gateway}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - name: http
                    hostname: "httpbin.example.com"
                    port: 80
                    protocol: HTTP
                    allowedRoutes:
                      namespaces:
                        from: Same
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: httpbin}
                spec:
                  parentRefs:
                  - name: httpbin-gateway
                  hostnames: ["httpbin.example.com"]
                  rules:
                  - matches:
                    - path:
                        type: PathPrefix
                        value: /status
                    - path:
                        type: PathPrefix
                        value: /delay
                    backendRefs:
                    - name: httpbin
                      port: 8000
                """);

        assertThat(out.gateways()).isEqualTo(gateways("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: httpbin-gateway~istio-autogenerated-k8s-gateway~http
                  namespace: default
                  annotations:
                    internal.istio.io/gateway-semantics: gateway
                    internal.istio.io/gateway-service: httpbin-gateway-istio.default.svc.cluster.local
                    internal.istio.io/parents: Gateway/httpbin-gateway/http.default
                    internal.istio.io/service-account-name: httpbin-gateway-istio
                spec:
                  servers:
                  - port: {number: 80, protocol: HTTP, name: default}
                    hosts: [default/httpbin.example.com]
                """));
        assertThat(out.virtualServices()).isEqualTo(virtualServices("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: default~httpbin-gateway~istio-autogenerated-k8s-gateway~http~httpbin.example.com
                  namespace: default
                  annotations:
                    internal.istio.io/parents: HTTPRoute/httpbin.default
                    internal.istio.io/route-semantics: gateway
                spec:
                  hosts: [httpbin.example.com]
                  gateways: [default/httpbin-gateway~istio-autogenerated-k8s-gateway~http]
                  http:
                  - name: default.httpbin.0
                    match: [{uri: {prefix: /status}}]
                    route:
                    - destination: {host: httpbin.default.svc.cluster.local, port: {number: 8000}}
                  - name: default.httpbin.0
                    match: [{uri: {prefix: /delay}}]
                    route:
                    - destination: {host: httpbin.default.svc.cluster.local, port: {number: 8000}}
                """));

        GatewayStatus gw = out.gatewayStatus().get(new ResourceRef("gateway.networking.k8s.io", "Gateway", "default", "httpbin-gateway"));
        assertThat(gw.conditions()).containsExactly(
                cond("Accepted", true, "Accepted", "Resource accepted"),
                cond("Programmed", true, "Programmed",
                        "Resource programmed, assigned to service(s) httpbin-gateway-istio.default.svc.cluster.local:80"),
                cond("ResolvedRefs", true, "ResolvedRefs", "All references resolved"));
        assertThat(gw.listeners()).containsExactly(new ListenerStatus("http", 1,
                List.of(new RouteGroupKind("gateway.networking.k8s.io", "HTTPRoute"),
                        new RouteGroupKind("gateway.networking.k8s.io", "GRPCRoute")),
                List.of(cond("Accepted", true, "Accepted", "No errors found"),
                        cond("Conflicted", false, "NoConflicts", "No errors found"),
                        cond("Programmed", true, "Programmed", "No errors found"),
                        cond("ResolvedRefs", true, "ResolvedRefs", "No errors found"))));
        assertThat(out.routeStatus().get(new ResourceRef("HTTPRoute", "default", "httpbin")).parents())
                .singleElement().satisfies(p -> {
                    assertThat(p.parentRef()).isEqualTo(
                            new ParentReference("gateway.networking.k8s.io", "Gateway", null, "httpbin-gateway", null, null));
                    assertThat(p.condition("Accepted").isTrue()).isTrue();
                });
    }

    @Test
    @DisplayName("mirroring: all of httpbin to v1, mirrored to v2")
    void mirroring() {
        GatewayApiOutput out = translate(service("httpbin", "default", 8000) + service("httpbin-v1", "default", 80)
                + service("httpbin-v2", "default", 80) + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: httpbin}
                spec:
                  parentRefs:
                  - group: ""
                    kind: Service
                    name: httpbin
                    port: 8000
                  rules:
                  - filters:
                    - type: RequestMirror
                      requestMirror:
                        backendRef:
                          name: httpbin-v2
                          port: 80
                    backendRefs:
                    - name: httpbin-v1
                      port: 80
                """);

        assertThat(out.virtualServices()).isEqualTo(virtualServices("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: default~8000~httpbin.default.svc.cluster.local
                  namespace: default
                  annotations:
                    internal.istio.io/parents: HTTPRoute/httpbin.default
                    internal.istio.io/route-semantics: gateway
                spec:
                  hosts: [httpbin.default.svc.cluster.local]
                  gateways: [mesh]
                  http:
                  - name: default.httpbin.0
                    match: [{uri: {prefix: /}, port: 8000}]
                    mirrors:
                    - destination: {host: httpbin-v2.default.svc.cluster.local, port: {number: 80}}
                    route:
                    - destination: {host: httpbin-v1.default.svc.cluster.local, port: {number: 80}}
                """));
    }

    @Test
    @DisplayName("the helloworld canary as an HTTPRoute: 90/10 between the version Services, as the VirtualService split")
    void helloworldCanary() {
        GatewayApiOutput out = translate(service("helloworld", "default", 5000) + service("helloworld-v1", "default", 5000)
                + service("helloworld-v2", "default", 5000) + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: helloworld}
                spec:
                  parentRefs: [{group: "", kind: Service, name: helloworld}]
                  rules:
                  - backendRefs:
                    - {name: helloworld-v1, port: 5000, weight: 90}
                    - {name: helloworld-v2, port: 5000, weight: 10}
                """);

        // No port on the parent: one VirtualService for every port of the host, keyed by namespace only.
        assertThat(out.virtualServices()).isEqualTo(virtualServices("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: default~helloworld.default.svc.cluster.local
                  namespace: default
                  annotations:
                    internal.istio.io/parents: HTTPRoute/helloworld.default
                    internal.istio.io/route-semantics: gateway
                spec:
                  hosts: [helloworld.default.svc.cluster.local]
                  gateways: [mesh]
                  http:
                  - name: default.helloworld.0
                    match: [{uri: {prefix: /}}]
                    route:
                    - destination: {host: helloworld-v1.default.svc.cluster.local, port: {number: 5000}}
                      weight: 90
                    - destination: {host: helloworld-v2.default.svc.cluster.local, port: {number: 5000}}
                      weight: 10
                """));
    }
}
