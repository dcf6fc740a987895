package dev.meshtest.gatewayapi;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Gateway API applied to a mesh: routes as Istio routes them. */
class GatewayApiRoutingTest {

    private static Mesh helloworld() {
        return mesh().apply("classpath:dev/meshtest/fixtures/helloworld.yaml");
    }

    @Test
    @DisplayName("GAMMA: an HTTPRoute whose parent is the helloworld Service splits the sidecars' traffic 80/20")
    void meshCanary() {
        Mesh mesh = helloworld().apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: helloworld}
                spec:
                  parentRefs: [{group: "", kind: Service, name: helloworld, port: 5000}]
                  rules:
                  - backendRefs:
                    - {name: helloworld-v1, port: 5000, weight: 80}
                    - {name: helloworld-v2, port: 5000, weight: 20}
                """);
        assertThat(mesh.send(1000).from("nginx").to("http://helloworld:5000/hello"))
                .matchesWeights(Map.of("helloworld-v1", 80, "helloworld-v2", 20));
    }

    @Test
    @DisplayName("an HTTPRoute applied during a timeline takes effect when istiod's push reaches nginx, as a VirtualService does")
    void appliedDuringATimeline() {
        String route = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: helloworld}
                spec:
                  parentRefs: [{group: "", kind: Service, name: helloworld, port: 5000}]
                  rules:
                  - backendRefs: [{name: helloworld-v2, port: 5000}]
                """;
        var t = helloworld().timeline()
                .send(java.time.Duration.ofSeconds(10)).from("nginx").named("curl").to("http://helloworld:5000/hello")
                .at(java.time.Duration.ofSeconds(5)).apply(route)
                .run();
        assertThat(t.pushesTo("nginx")).hasToString("[5.146s: default/nginx (nginx) takes version 2]");
        for (long second = 0; second < 5; second++) {
            org.assertj.core.api.Assertions.assertThat(t.perSecond("curl").get(second)).containsKeys("helloworld-v1");
        }
        for (long second = 6; second < 10; second++) {
            org.assertj.core.api.Assertions.assertThat(t.perSecond("curl").get(second)).isEqualTo(Map.of("helloworld-v2", 10L));
        }
    }
}
