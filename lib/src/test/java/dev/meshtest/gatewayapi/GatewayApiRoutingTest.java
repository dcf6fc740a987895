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
}
