package dev.meshtest.gatewayapi;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.gatewayapi.GatewayApiYaml.canary;
import static dev.meshtest.gatewayapi.GatewayApiYaml.meshRoute;
import static dev.meshtest.gatewayapi.WebGateway.helloworld;

import dev.meshtest.Mesh;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Gateway API applied to a mesh: routes as Istio routes them. */
class GatewayApiRoutingTest {

    @Test
    @DisplayName("GAMMA: an HTTPRoute whose parent is the helloworld Service splits the sidecars' traffic 80/20")
    void meshCanary() {
        Mesh mesh = helloworld().apply(canary(80, 20));
        assertThat(mesh.send(1000).from("nginx").to("http://helloworld:5000/hello"))
                .matchesWeights(Map.of("helloworld-v1", 80, "helloworld-v2", 20));
    }

    @Test
    @DisplayName("an HTTPRoute applied during a timeline takes effect when istiod's push reaches nginx, as a VirtualService does")
    void appliedDuringATimeline() {
        String route = meshRoute("helloworld", "helloworld", 5000, "- backendRefs: [{name: helloworld-v2, port: 5000}]\n");
        var t = helloworld().timeline()
                .send(Duration.ofSeconds(10)).from("nginx").named("curl").to("http://helloworld:5000/hello")
                .at(Duration.ofSeconds(5)).apply(route)
                .run();
        assertThat(t.pushesTo("nginx")).hasToString("[5.146s: default/nginx (nginx) takes version 2]");
        for (long second = 0; second < 5; second++) {
            Assertions.assertThat(t.perSecond("curl").get(second)).containsKeys("helloworld-v1");
        }
        for (long second = 6; second < 10; second++) {
            Assertions.assertThat(t.perSecond("curl").get(second)).isEqualTo(Map.of("helloworld-v2", 10L));
        }
    }
}
