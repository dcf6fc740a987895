package dev.meshtest.strict;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.internal.validate.NotSimulated;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What of the Gateway API changes traffic on a cluster but is not translated or not simulated
 * (docs/gateway-api.md §5) is refused where it is written, in NotSimulated's words; lenient meshes
 * note it and go on without it. What istiod translates to something simulated stays quiet.
 */
class GatewayApiStrictModeTest {

    private static final String WAYPOINT_KEY = "Gateway API Gateway of class istio-waypoint, or a GatewayClass of controller "
            + "istio.io/mesh-controller";
    private static final String PARAMETERS_KEY = "Gateway API Gateway spec.infrastructure.parametersRef, and ConfigMaps in "
            + "istio-system labelled gateway.istio.io/defaults-for-class";
    private static final String FRONTEND_KEY = "Gateway API Gateway spec.tls.frontend validation (client certificates)";
    private static final String LISTENER_TLS_KEY = "Gateway API listener tls with two certificateRefs, or options "
            + "gateway.istio.io/tls-cipher-suites or gateway.istio.io/tls-terminate-mode: ISTIO_SIMPLE";
    private static final String AUTO_PASSTHROUGH_KEY = "Gateway API listener tls Passthrough with option "
            + "gateway.istio.io/listener-protocol: auto-passthrough, or on port 15443 (label networking.istio.io/gatewayPort) "
            + "of a Gateway labelled topology.istio.io/network";
    private static final String SERVICE_ENTRY_PARENT_KEY = "HTTPRoute, GRPCRoute, TCPRoute and TLSRoute spec.parentRefs[] of "
            + "kind ServiceEntry (networking.istio.io)";
    private static final String BACKEND_KINDS_KEY = "HTTPRoute, GRPCRoute, TCPRoute and TLSRoute backendRefs (also of "
            + "requestMirror) of kind Hostname (networking.istio.io) or ServiceImport (multicluster.x-k8s.io)";

    /** A Gateway of class istio named gw, {@code LISTENERS} replaced by its listeners. */
    private static final String GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw}
            spec:
              gatewayClassName: istio
              listeners:
            LISTENERS
            """;

    private static String gateway(String listeners) {
        return GATEWAY.replace("LISTENERS", listeners.stripTrailing());
    }

    /** An HTTPS listener terminating with Secret cert, {@code TLS} replaced by more of its tls (or nothing). */
    private static String https(String tls) {
        return gateway("""
                  - name: https
                    port: 443
                    protocol: HTTPS
                    tls:
                      certificateRefs: [{name: cert}]
                TLS""".replace("TLS", tls));
    }

    private static Mesh helloworld() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx");
    }

    /** The refusal of {@code what}, at {@code where}, with the table's words for {@code key}. */
    private static String refused(String where, String what, String key) {
        assertThat(NotSimulated.FIELDS).containsKey(key);
        return where + ": " + NotSimulated.refusal(what, NotSimulated.FIELDS.get(key));
    }

    @Test
    @DisplayName("a waypoint is refused at its class: ambient mode is not simulated; so is a GatewayClass of the mesh "
            + "controller and a Gateway of it")
    void waypoint() {
        assertThatThrownBy(() -> mesh().apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: waypoint}
                spec:
                  gatewayClassName: istio-waypoint
                  listeners: [{name: mesh, port: 15008, protocol: HBONE}]
                """)).isInstanceOf(MeshConfigException.class)
                .hasMessage("<string>:5:3: Gateway.gateway.networking.k8s.io default/waypoint: spec.gatewayClassName: meshtest does not simulate a "
                        + "waypoint (a Gateway of class istio-waypoint) yet: on a cluster with ambient mode istiod deploys a "
                        + "waypoint proxy, and traffic to the Services and workloads that use it (istio.io/use-waypoint) goes "
                        + "through it, its routes and its policies; meshtest simulates sidecars, not ambient mode; a test here "
                        + "could pass where the cluster fails. To go on, remove it from what the test applies, or call "
                        + "mesh().lenient() (@MeshTest(lenient = true)) to simulate without it and have every result say so");
        assertThatThrownBy(() -> mesh().apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: my-waypoint}
                spec: {controllerName: istio.io/mesh-controller}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: waypoint}
                spec:
                  gatewayClassName: my-waypoint
                  listeners: [{name: mesh, port: 15008, protocol: HBONE}]
                """)).hasMessage("2 problems:\n  " + refused("<string>:4:8: GatewayClass my-waypoint: spec.controllerName",
                        "a waypoint class (controller istio.io/mesh-controller)", WAYPOINT_KEY) + "\n  "
                        + refused("<string>:10:3: Gateway.gateway.networking.k8s.io default/waypoint: spec.gatewayClassName",
                        "a waypoint (a Gateway of class my-waypoint)", WAYPOINT_KEY));
        assertThat(mesh().apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: mine}
                spec: {controllerName: istio.io/gateway-controller}
                """ + "---\n" + gateway("  - {name: http, port: 80, protocol: HTTP}").replace("istio", "mine")).notes()).isEmpty();
    }

    @Test
    @DisplayName("deployment overrides from a ConfigMap are refused: the Gateway's parametersRef, and a class's defaults in "
            + "istio-system")
    void deploymentParameters() {
        String gw = gateway("  - {name: http, port: 80, protocol: HTTP}");
        assertThatThrownBy(() -> mesh().apply(gw.replace("gatewayClassName: istio",
                "gatewayClassName: istio\n  infrastructure:\n    parametersRef: {group: \"\", kind: ConfigMap, name: gw-options}")))
                .hasMessage(refused("<string>:7:5: Gateway.gateway.networking.k8s.io default/gw: spec.infrastructure.parametersRef",
                        "infrastructure.parametersRef (ConfigMap gw-options)", PARAMETERS_KEY));
        assertThat(mesh().apply(gw.replace("gatewayClassName: istio",
                "gatewayClassName: istio\n  infrastructure: {labels: {team: a}}")).notes()).isEmpty();
        // a class of Istio's controller applied with it is Istio's too; another controller's Gateway is left alone
        String mine = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: mine}
                spec: {controllerName: CONTROLLER}
                ---
                """ + gw.replace("gatewayClassName: istio",
                "gatewayClassName: mine\n  infrastructure:\n    parametersRef: {group: \"\", kind: ConfigMap, name: gw-options}");
        assertThatThrownBy(() -> mesh().apply(mine.replace("CONTROLLER", "istio.io/gateway-controller")))
                .hasMessage(refused("<string>:12:5: Gateway.gateway.networking.k8s.io default/gw: spec.infrastructure.parametersRef",
                        "infrastructure.parametersRef (ConfigMap gw-options)", PARAMETERS_KEY));
        assertThat(mesh().apply(mine.replace("CONTROLLER", "example.com/gateway-controller")).notes()).isEmpty();
        String defaults = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: istio-gatewayclass-istio
                  namespace: NS
                  labels:
                    gateway.istio.io/defaults-for-class: istio
                data:
                  deployment: |
                    spec: {replicas: 2}
                """;
        assertThatThrownBy(() -> mesh().apply(defaults.replace("NS", "istio-system")))
                .hasMessage(refused("<string>:7:5: ConfigMap istio-system/istio-gatewayclass-istio: metadata.labels."
                        + "gateway.istio.io/defaults-for-class", "the gateway overlays of class istio (label "
                        + "gateway.istio.io/defaults-for-class)", PARAMETERS_KEY));
        // istiod reads class defaults from its own namespace only
        assertThat(mesh().apply(defaults.replace("NS", "default")).notes()).isEmpty();
    }

    @Test
    @DisplayName("client certificate validation (spec.tls.frontend) is refused where it applies to a listener that "
            + "terminates TLS: the default, or the port's own")
    void frontendValidation() {
        String frontend = """
                  tls:
                    frontend:
                      default:
                        validation: {caCertificateRefs: [{group: "", kind: ConfigMap, name: ca}]}
                      perPort:
                      - port: 8443
                        tls:
                          validation: {caCertificateRefs: [{group: "", kind: ConfigMap, name: ca-8443}]}
                """;
        assertThatThrownBy(() -> mesh().apply(https("").replace("  listeners:\n", frontend + "  listeners:\n")))
                .hasMessage(refused("<string>:9:9: Gateway.gateway.networking.k8s.io default/gw: spec.tls.frontend.default.validation",
                        "client certificate validation (tls.frontend)", FRONTEND_KEY));
        assertThatThrownBy(() -> mesh().apply(https("").replace("port: 443", "port: 8443")
                .replace("  listeners:\n", frontend + "  listeners:\n")))
                .hasMessage(refused("<string>:13:11: Gateway.gateway.networking.k8s.io default/gw: spec.tls.frontend.perPort[0].tls.validation",
                        "client certificate validation (tls.frontend)", FRONTEND_KEY));
        // no listener terminates TLS: nothing to validate
        assertThat(mesh().apply(gateway("  - {name: http, port: 80, protocol: HTTP}")
                .replace("  listeners:\n", frontend + "  listeners:\n")).notes()).isEmpty();
    }

    @Test
    @DisplayName("listener TLS istiod translates to what the gateway simulation does not serve is refused at the listener: "
            + "two certificates, cipher suites, ISTIO_SIMPLE; MUTUAL, OPTIONAL_MUTUAL and ISTIO_MUTUAL are simulated")
    void listenerTls() {
        assertThatThrownBy(() -> mesh().apply(https("").replace("[{name: cert}]", "[{name: rsa}, {name: ecdsa}]")))
                .hasMessage(refused("<string>:11:7: Gateway.gateway.networking.k8s.io default/gw: spec.listeners[0].tls.certificateRefs",
                        "two certificates on one listener (credentialNames)", LISTENER_TLS_KEY));
        assertThatThrownBy(() -> mesh().apply(https(
                "      options: {gateway.istio.io/tls-cipher-suites: \"ECDHE-RSA-AES256-GCM-SHA384\"}\n")))
                .hasMessage(refused("<string>:12:17: Gateway.gateway.networking.k8s.io default/gw: spec.listeners[0].tls.options."
                        + "gateway.istio.io/tls-cipher-suites", "the cipher suites of gateway.istio.io/tls-cipher-suites",
                        LISTENER_TLS_KEY));
        assertThatThrownBy(() -> mesh().apply(https("      options: {gateway.istio.io/tls-terminate-mode: ISTIO_SIMPLE}\n")))
                .hasMessage(refused("<string>:12:17: Gateway.gateway.networking.k8s.io default/gw: spec.listeners[0].tls.options."
                        + "gateway.istio.io/tls-terminate-mode", "TLS termination with the gateway's own certificate "
                        + "(gateway.istio.io/tls-terminate-mode: ISTIO_SIMPLE)", LISTENER_TLS_KEY));
        for (String mode : new String[] {"MUTUAL", "OPTIONAL_MUTUAL", "ISTIO_MUTUAL", "SIMPLE"}) {
            assertThat(mesh().apply(https("      options: {gateway.istio.io/tls-terminate-mode: " + mode + "}\n")).notes())
                    .as(mode).isEmpty();
        }
        // ISTIO_MUTUAL reads neither the certificates nor the ciphers
        assertThat(mesh().apply(https("      options: {gateway.istio.io/tls-terminate-mode: ISTIO_MUTUAL, "
                + "gateway.istio.io/tls-cipher-suites: ECDHE-RSA-AES256-GCM-SHA384}\n")).notes()).isEmpty();
    }

    @Test
    @DisplayName("a Passthrough listener istiod makes AUTO_PASSTHROUGH is refused: by its option, or on a network gateway's "
            + "port; other Passthrough listeners are simulated")
    void autoPassthrough() {
        String passthrough = """
                  - name: tls
                    port: PORT
                    protocol: TLS
                    tls: {mode: Passthrough OPTIONS}
                """;
        assertThatThrownBy(() -> mesh().apply(gateway(passthrough.replace("PORT", "443")
                .replace(" OPTIONS", ", options: {gateway.istio.io/listener-protocol: auto-passthrough}")))).hasMessage(
                refused("<string>:10:40: Gateway.gateway.networking.k8s.io default/gw: spec.listeners[0].tls.options.gateway.istio.io/listener-protocol",
                        "an auto-passthrough listener (gateway.istio.io/listener-protocol)", AUTO_PASSTHROUGH_KEY));
        String network = gateway(passthrough.replace("PORT", "15443").replace(" OPTIONS", ""))
                .replace("metadata: {name: gw}", "metadata: {name: gw, labels: {topology.istio.io/network: net1}}");
        assertThatThrownBy(() -> mesh().apply(network)).hasMessage(
                refused("<string>:8:5: Gateway.gateway.networking.k8s.io default/gw: spec.listeners[0].port",
                        "an auto-passthrough listener (port 15443 of a Gateway labelled topology.istio.io/network)",
                        AUTO_PASSTHROUGH_KEY));
        assertThat(mesh().apply(network.replace("net1}", "net1, networking.istio.io/gatewayPort: \"15444\"}")).notes()).isEmpty();
        assertThat(mesh().apply(gateway(passthrough.replace("PORT", "15443").replace(" OPTIONS", ""))).notes()).isEmpty();
    }

    @Test
    @DisplayName("a route attached to a ServiceEntry is refused at the parentRef: istiod routes its hosts; Service parents "
            + "are simulated")
    void serviceEntryParent() {
        assertThatThrownBy(() -> helloworld().apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: external}
                spec:
                  parentRefs:
                  - {group: "", kind: Service, name: helloworld, port: 5000}
                  - {group: networking.istio.io, kind: ServiceEntry, name: httpbin}
                  rules: [{backendRefs: [{name: helloworld, port: 5000}]}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: TCPRoute
                metadata: {name: db}
                spec:
                  parentRefs: [{group: networking.istio.io, kind: ServiceEntry, name: db}]
                  rules: [{backendRefs: [{name: helloworld, port: 5000}]}]
                """)).hasMessage("2 problems:\n  " + refused("<string>:7:34: HTTPRoute default/external: spec.parentRefs[1].kind",
                        "a route attached to ServiceEntry httpbin", SERVICE_ENTRY_PARENT_KEY) + "\n  "
                        + refused("<string>:14:45: TCPRoute default/db: spec.parentRefs[0].kind",
                        "a route attached to ServiceEntry db", SERVICE_ENTRY_PARENT_KEY));
    }

    @Test
    @DisplayName("backendRefs of kind Hostname and ServiceImport are refused, in rules, per-backend and rule mirrors, "
            + "GRPCRoutes and TLSRoutes; InferencePool is an invalid kind in a default istiod too")
    void backendKinds() {
        assertThatThrownBy(() -> helloworld().apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  parentRefs: [{group: "", kind: Service, name: helloworld, port: 5000}]
                  rules:
                  - filters:
                    - type: RequestMirror
                      requestMirror: {backendRef: {group: networking.istio.io, kind: Hostname, name: mirror.example.com, port: 80}}
                    backendRefs:
                    - {group: networking.istio.io, kind: Hostname, name: httpbin.example.com, port: 80}
                    - group: multicluster.x-k8s.io
                      kind: ServiceImport
                      name: helloworld
                      port: 5000
                      filters:
                      - type: RequestMirror
                        requestMirror: {backendRef: {group: multicluster.x-k8s.io, kind: ServiceImport, name: shadow, port: 80}}
                """)).hasMessage("4 problems:\n  " + String.join("\n  ",
                refused("<string>:9:64: HTTPRoute default/r: spec.rules[0].filters[0].requestMirror.backendRef.kind",
                        "a backendRef of kind Hostname (mirror.example.com)", BACKEND_KINDS_KEY),
                refused("<string>:11:36: HTTPRoute default/r: spec.rules[0].backendRefs[0].kind",
                        "a backendRef of kind Hostname (httpbin.example.com)", BACKEND_KINDS_KEY),
                refused("<string>:13:7: HTTPRoute default/r: spec.rules[0].backendRefs[1].kind",
                        "a backendRef of kind ServiceImport (helloworld)", BACKEND_KINDS_KEY),
                refused("<string>:18:68: HTTPRoute default/r: spec.rules[0].backendRefs[1].filters[0].requestMirror.backendRef.kind",
                        "a backendRef of kind ServiceImport (shadow)", BACKEND_KINDS_KEY)));
        assertThatThrownBy(() -> helloworld().apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GRPCRoute
                metadata: {name: g}
                spec:
                  parentRefs: [{group: "", kind: Service, name: helloworld, port: 5000}]
                  rules: [{backendRefs: [{group: networking.istio.io, kind: Hostname, name: grpc.example.com, port: 80}]}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: TLSRoute
                metadata: {name: t}
                spec:
                  parentRefs: [{group: "", kind: Service, name: helloworld, port: 5000}]
                  hostnames: [tls.example.com]
                  rules: [{backendRefs: [{group: multicluster.x-k8s.io, kind: ServiceImport, name: helloworld, port: 5000}]}]
                """)).hasMessage("2 problems:\n  " + refused("<string>:6:55: GRPCRoute default/g: spec.rules[0].backendRefs[0].kind",
                        "a backendRef of kind Hostname (grpc.example.com)", BACKEND_KINDS_KEY) + "\n  "
                        + refused("<string>:14:57: TLSRoute default/t: spec.rules[0].backendRefs[0].kind",
                        "a backendRef of kind ServiceImport (helloworld)", BACKEND_KINDS_KEY));
        assertThat(helloworld().apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  parentRefs: [{group: "", kind: Service, name: helloworld, port: 5000}]
                  rules: [{backendRefs: [{group: inference.networking.k8s.io, kind: InferencePool, name: pool, port: 80}]}]
                """).notes()).isEmpty();
    }

    @Test
    @DisplayName("lenient: a Hostname backend is noted with where it is and what a cluster does, on the mesh and on every "
            + "result, and the route goes on as meshtest translates it")
    void lenientNote() {
        Mesh mesh = helloworld().lenient().apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  parentRefs: [{group: "", kind: Service, name: helloworld, port: 5000}]
                  rules: [{backendRefs: [{group: networking.istio.io, kind: Hostname, name: helloworld.default.svc.cluster.local, port: 5000}]}]
                """);
        String note = "lenient: HTTPRoute default/r spec.rules[0].backendRefs[0].kind (<string>:6:55), a backendRef of kind "
                + "Hostname (helloworld.default.svc.cluster.local), is not simulated; on a cluster istiod routes to the host "
                + "named (Hostname: a Service's or ServiceEntry's host) or to the Service of the ServiceImport's name, where "
                + "meshtest reports an unsupported kind (InvalidKind) and routes nowhere";
        assertThat(mesh.notes()).containsExactly(note);
        TrafficResult r = mesh.send(1).from("nginx").to("helloworld:5000/hello");
        assertThat(r.notes()).containsExactly(note);
        assertThat(r.outcomes().get(0).status()).isEqualTo(500);
    }
}
