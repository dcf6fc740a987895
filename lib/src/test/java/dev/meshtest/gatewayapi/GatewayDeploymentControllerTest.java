package dev.meshtest.gatewayapi;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Istio's gateway deployment controller: a Gateway API Gateway of class {@code istio} gets a
 * Deployment and a Service named {@code <gateway>-istio}, which come and go with it.
 */
class GatewayDeploymentControllerTest {

    private static final String GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: web}
            spec:
              gatewayClassName: istio
              listeners:
              - {name: http, port: 80, protocol: HTTP}
            """;
    private static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: hello}
            spec:
              parentRefs: [{name: web}]
              rules:
              - matches: [{path: {type: PathPrefix, value: /hello}}]
                backendRefs: [{name: helloworld-v2, port: 5000}]
            """;
    private static final String ISTIO_GATEWAY = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: web}
            spec:
              selector: {istio: ingressgateway}
              servers:
              - port: {number: 80, name: http, protocol: HTTP}
                hosts: ["*"]
            """;

    private static Mesh helloworld() {
        return mesh().apply("classpath:dev/meshtest/fixtures/helloworld.yaml");
    }

    private static String where(TrafficResult r) {
        var o = r.outcomes().get(0);
        return o.status() + " " + o.workload().orElse(o.flagsText());
    }

    @Test
    @DisplayName("a Gateway of class istio is deployed as web-istio, and its HTTPRoute routes what reaches it")
    void aManagedGatewayIsDeployedAndRoutes() {
        Mesh mesh = helloworld().apply(GATEWAY + "---\n" + ROUTE);

        assertThat(mesh.lastApply().changes()).extracting(c -> c.toString())
                .containsExactly("gateway.gateway.networking.k8s.io/web created", "httproute.gateway.networking.k8s.io/hello created");
        assertThat(where(mesh.send(1).from("nginx").to("http://web-istio/hello"))).isEqualTo("200 helloworld-v2");
        assertThat(where(mesh.send(1).from("nginx").to("http://web-istio/other"))).isEqualTo("404 NR");
    }

    @Test
    @DisplayName("Istio's Gateway and the Gateway API's Gateway of one name are two objects")
    void istiosGatewayAndTheGatewayApisOfOneNameCoexist() {
        Mesh mesh = helloworld().apply(GATEWAY + "---\n" + ROUTE + "---\n" + ISTIO_GATEWAY);

        assertThat(mesh.lastApply().changes()).extracting(c -> c.toString()).contains(
                "gateway.gateway.networking.k8s.io/web created", "gateway.networking.istio.io/web created");
        mesh.delete(new ResourceRef("Gateway", "default", "web"));
        assertThat(where(mesh.send(1).from("nginx").to("http://web-istio/hello"))).isEqualTo("200 helloworld-v2");
        assertThat(mesh.lastApply().changes()).extracting(c -> c.toString())
                .containsExactly("gateway.networking.istio.io/web deleted");
    }

    @Test
    @DisplayName("deleting the Gateway deletes its Deployment and Service: web-istio no longer resolves")
    void deletingTheGatewayDeletesWhatItDeployed() {
        Mesh mesh = helloworld().apply(GATEWAY + "---\n" + ROUTE);
        mesh.delete(ResourceRef.of("gateway.networking.k8s.io/v1", "Gateway", "default", "web"));

        assertThat(mesh.toString()).isEqualTo(helloworld().toString());
        assertThat(mesh.send(1).from("nginx").to("http://web-istio/hello").outcomes().get(0).where())
                .isEqualTo("curl: (6) Could not resolve host: web-istio");
    }

    @Test
    @DisplayName("the controller makes its Deployment again when a user deletes it")
    void aDeletedGatewayDeploymentComesBack() {
        Mesh mesh = helloworld().apply(GATEWAY + "---\n" + ROUTE);
        mesh.delete(new ResourceRef("Deployment", "default", "web-istio"));

        assertThat(where(mesh.send(1).from("nginx").to("http://web-istio/hello"))).isEqualTo("200 helloworld-v2");
    }

    @Test
    @DisplayName("a Gateway of a class another controller handles gets nothing from Istio")
    void anotherControllersGatewayIsNotDeployed() {
        Mesh mesh = helloworld().apply(GATEWAY.replace("gatewayClassName: istio", "gatewayClassName: other"));

        assertThat(mesh.toString()).isEqualTo(helloworld().toString());
    }
}
