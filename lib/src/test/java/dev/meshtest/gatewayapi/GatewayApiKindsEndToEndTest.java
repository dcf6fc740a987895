package dev.meshtest.gatewayapi;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.gatewayapi.GatewayApiYaml.gateway;
import static dev.meshtest.gatewayapi.GatewayApiYaml.httpRoute;
import static dev.meshtest.gatewayapi.WebGateway.helloworld;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** GRPCRoute, TCPRoute and a Gateway that names its Service by address, end to end. */
class GatewayApiKindsEndToEndTest {

    /** Istio's tcp-echo sample, a Deployment per version, each with its own Service {@code tcp-echo-<version>} on 9000. */
    private static final String TCP_ECHO = tcpEcho("v1") + tcpEcho("v2");

    private static String tcpEcho(String version) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: tcp-echo-%1$s}
                spec:
                  selector: {matchLabels: {app: tcp-echo, version: %1$s}}
                  template:
                    metadata: {labels: {app: tcp-echo, version: %1$s}}
                    spec: {containers: [{name: tcp-echo, image: docker.io/istio/tcp-echo-server:1.3, ports: [{containerPort: 9000}]}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: tcp-echo-%1$s}
                spec:
                  ports: [{name: tcp, port: 9000}]
                  selector: {app: tcp-echo, version: %1$s}
                ---
                """.formatted(version);
    }

    @Test
    @DisplayName("TCP traffic shifting: a TCPRoute splits the connections entering tcp-echo-gateway-istio 80/20")
    void tcpRouteShiftsConnections() {
        Mesh mesh = mesh().apply(TCP_ECHO + gateway("tcp-echo-gateway", "{name: tcp-31400, protocol: TCP, port: 31400}") + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: TCPRoute
                metadata: {name: tcp-echo}
                spec:
                  parentRefs: [{name: tcp-echo-gateway, sectionName: tcp-31400}]
                  rules:
                  - backendRefs:
                    - {name: tcp-echo-v1, port: 9000, weight: 80}
                    - {name: tcp-echo-v2, port: 9000, weight: 20}
                """);
        TrafficResult r = mesh.connect(1000).fromOutside("default/tcp-echo-gateway-istio").to("tcp-echo.example.com:31400");

        assertThat(r).matchesWeights(Map.of("tcp-echo-v1", 80, "tcp-echo-v2", 20));
        assertThat(r.countByWorkload()).containsExactly(Map.entry("tcp-echo-v1", 803L), Map.entry("tcp-echo-v2", 197L));
        assertThat(mesh.gatewayApiStatus().gateway("tcp-echo-gateway")).isProgrammed().hasAttachedRoutes("tcp-31400", 1);
        assertThat(mesh.gatewayApiStatus().route("TCPRoute", "tcp-echo")).isAccepted().hasResolvedRefs();
    }

    @Test
    @DisplayName("a GRPCRoute routes by gRPC service and method; a Gateway with a Hostname address uses that Service's gateway")
    void grpcRouteAndAManuallyDeployedGateway() {
        Mesh mesh = helloworld().apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: greeter}
                spec:
                  ports: [{name: grpc, port: 50051}]
                  selector: {app: helloworld}
                ---
                """ + gateway("grpc", "{name: http, port: 80, protocol: HTTP}") + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: GRPCRoute
                metadata: {name: greeter}
                spec:
                  parentRefs: [{name: grpc}]
                  rules:
                  - matches: [{method: {service: helloworld.Greeter, method: SayHello}}]
                    backendRefs: [{name: helloworld-v2, port: 5000}]
                  - backendRefs: [{name: helloworld-v1, port: 5000}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: shared, namespace: istio-system}
                spec:
                  gatewayClassName: istio
                  addresses: [{type: Hostname, value: istio-ingressgateway.istio-system.svc.cluster.local}]
                  listeners:
                  - {name: http, port: 80, protocol: HTTP, hostname: shared.example.com, allowedRoutes: {namespaces: {from: All}}}
                ---
                """ + httpRoute("shared", "{name: shared, namespace: istio-system}", "- backendRefs: [{name: helloworld-v1, port: 5000}]\n"));
        assertThat(grpc(mesh, "SayHello").countByWorkload()).containsExactly(Map.entry("helloworld-v2", 10L));
        assertThat(grpc(mesh, "SayBye").countByWorkload()).containsExactly(Map.entry("helloworld-v1", 10L));
        assertThat(mesh.gatewayApiStatus().route("GRPCRoute", "greeter")).isAccepted();

        // the Gateway istio-system/shared is the istio-ingressgateway: nothing deployed, its listener's host routed there
        assertThat(mesh.send(10).fromOutside().to("http://shared.example.com/hello").countByWorkload())
                .containsExactly(Map.entry("helloworld-v1", 10L));
        assertThat(mesh.send(10).fromOutside().to("http://other.example.com/hello").countByStatus())
                .containsExactly(Map.entry(404, 10L));
        assertThat(mesh.gatewayApiStatus().gateway("istio-system/shared")).isProgrammed();
        assertThat(mesh.gatewayApiStatus().gateway("istio-system/shared").condition("Programmed").orElseThrow().message())
                .isEqualTo("Resource programmed, assigned to service(s) istio-ingressgateway.istio-system.svc.cluster.local:80");
    }

    private static TrafficResult grpc(Mesh mesh, String method) {
        return mesh.send(10).fromOutside("default/grpc-istio").method("POST").header("content-type", "application/grpc")
                .to("http://greeter.example.com/helloworld.Greeter/" + method);
    }
}
