package dev.meshtest.routing;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.routing.Routing.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Istio's request-routing task (istio.io, Traffic Management: Request Routing) on our own copy
 * of bookinfo. The app call graph is not simulated, so the client calls reviews directly.
 */
class RequestRoutingTest {

    private static Mesh bookinfo() {
        return mesh().apply("classpath:routing/bookinfo.yaml").apply("classpath:routing/bookinfo-destination-rules.yaml")
                .withPod("sleep");
    }

    @Test
    @DisplayName("virtual-service-all-v1: every request to reviews goes to v1")
    void allV1() {
        Mesh mesh = bookinfo().apply("classpath:routing/virtual-service-all-v1.yaml");
        assertThat(where(mesh.send(100).from("sleep").to("http://reviews:9080/reviews/0"))).isEqualTo("v1");
        assertThat(where(mesh.send(100).from("sleep").header("end-user", "jason").to("http://reviews:9080/reviews/0"))).isEqualTo("v1");
        assertThat(where(mesh.send(10).from("sleep").to("http://ratings:9080/ratings/0"))).isEqualTo("v1");
    }

    @Test
    @DisplayName("reviews-test-v2: end-user jason goes to v2, everyone else to v1")
    void jasonToV2() {
        Mesh mesh = bookinfo().apply("classpath:routing/virtual-service-all-v1.yaml")
                .apply("classpath:routing/virtual-service-reviews-test-v2.yaml");
        assertThat(where(mesh.send(100).from("sleep").header("end-user", "jason").to("http://reviews:9080/reviews/0"))).isEqualTo("v2");
        assertThat(where(mesh.send(100).from("sleep").to("http://reviews:9080/reviews/0"))).isEqualTo("v1");
        assertThat(where(mesh.send(100).from("sleep").header("end-user", "Jason").to("http://reviews:9080/reviews/0"))).isEqualTo("v1");
    }

    @Test
    @DisplayName("without VirtualServices reviews spreads over v1, v2 and v3")
    void noVirtualService() {
        TrafficResult r = bookinfo().send(900).from("sleep").to("http://reviews:9080/reviews/0");
        assertThat(r.countByVersion()).containsOnlyKeys("v1", "v2", "v3");
        r.countByVersion().values().forEach(k -> Routing.assertPlausible(k, 900, 1.0 / 3));
    }
}
