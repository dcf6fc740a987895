package dev.meshtest.examples;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The helloworld canary written twice, with a VirtualService and with the Kubernetes Gateway API:
 * istiod translates an HTTPRoute into the routes a VirtualService would give, so the split is the
 * same.
 */
@DisplayName("The canary both ways: VirtualService and HTTPRoute")
@ExtendWith(LessonPrinter.class)
class GatewayApiCanaryLessonsTest {

    static Mesh helloworld() {
        return mesh().apply("classpath:helloworld.yaml")
                .apply("classpath:helloworld-per-version-services.yaml")
                .withPod("nginx");
    }

    @Test
    @DisplayName("Inside the mesh, an HTTPRoute on the helloworld Service splits 20/80 as the VirtualService does, request for request")
    void meshCanaryBothWays() {
        TrafficResult virtualService = helloworld().apply("classpath:e2-weighted.yaml")
                .send(1000).from("nginx").to("helloworld:5000/hello");
        TrafficResult httpRoute = helloworld().apply("classpath:gateway-api/canary-httproute.yaml")
                .send(1000).from("nginx").to("helloworld:5000/hello");

        assertThat(httpRoute).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80));
        assertThat(httpRoute.countByWorkload()).isEqualTo(virtualService.countByWorkload());
    }

    @Test
    @DisplayName("At the edge, a Gateway of class istio gets its own gateway, helloworld-gateway-istio, which splits 70/30 as E3 does")
    void ingressCanaryBothWays() {
        TrafficResult istioGateway = helloworld().apply("classpath:e3-gateway.yaml")
                .send(1000).fromOutside().to("http://helloworld.example.com/hello");
        Mesh gatewayApi = helloworld().apply("classpath:gateway-api/ingress-gateway-httproute.yaml");
        TrafficResult httpRoute = gatewayApi.send(1000).fromOutside("default/helloworld-gateway-istio")
                .to("http://helloworld.example.com/hello");

        assertThat(httpRoute).matchesWeights(Map.of("helloworld-v1", 70, "helloworld-v2", 30));
        assertThat(istioGateway).matchesWeights(Map.of("helloworld-v1", 70, "helloworld-v2", 30));
        assertThat(gatewayApi.gatewayApiStatus().gateway("helloworld-gateway")).isProgrammed()
                .hasAttachedRoutes("http", 1);
    }

    @Test
    @DisplayName("A route the listener does not accept routes nowhere (404), and its status says why: NoMatchingListenerHostname")
    void statusSaysWhyARouteDoesNotRoute() {
        Mesh mesh = helloworld().apply("classpath:gateway-api/listener-for-other-hosts.yaml");

        TrafficResult r = mesh.send(10).fromOutside("default/helloworld-gateway-istio").to("http://helloworld.example.com/hello");
        assertThat(r.countByStatus()).containsExactly(Map.entry(404, 10L));
        assertThat(mesh.gatewayApiStatus().httpRoute("helloworld")).isNotAccepted("NoMatchingListenerHostname");
    }
}
