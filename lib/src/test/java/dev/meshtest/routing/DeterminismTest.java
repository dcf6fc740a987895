package dev.meshtest.routing;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One seed, one result; other seeds, other results within binomial bounds. */
class DeterminismTest {

    private static TrafficResult split(long seed) {
        Mesh mesh = mesh().seed(seed).apply("classpath:experiments/helloworld.yaml")
                .apply("classpath:routing/helloworld-subsets.yaml").withPod("nginx").withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: helloworld}
                        spec:
                          hosts: [helloworld]
                          http:
                          - route:
                            - {destination: {host: helloworld, subset: v1}, weight: 20}
                            - {destination: {host: helloworld, subset: v2}, weight: 80}
                        """);
        return mesh.send(1000).from("nginx").to("helloworld:5000/hello");
    }

    @Test
    @DisplayName("the same seed gives identical outcomes, request by request")
    void sameSeedSameOutcomes() {
        assertThat(split(7).outcomes()).isEqualTo(split(7).outcomes());
        assertThat(split(7).toString()).isEqualTo(split(7).toString());
    }

    @Test
    @DisplayName("different seeds give different sequences")
    void differentSeedsDiffer() {
        assertThat(split(7).outcomes()).isNotEqualTo(split(8).outcomes());
    }

    @Test
    @DisplayName("over 20 seeds every v1 share stays within 4 standard deviations of 20%")
    void sharesWithinBounds() {
        for (long seed = 1; seed <= 20; seed++) {
            Routing.assertPlausible(split(seed).countByVersion().getOrDefault("v1", 0L), 1000, 0.2);
        }
    }
}
