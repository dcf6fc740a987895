package dev.meshtest.assertj;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.assertThatThrownBy;
import static dev.meshtest.assertj.MeshAssertions.version;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Assertions that name a destination the traffic never reached say what was probably meant. */
class HintsTest {

    private static final TrafficResult R = Mesh.mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
            .send(100).from("nginx").to("helloworld:5000/hello");

    @Test
    @DisplayName("a name that differs in case or by a typo: did you mean the workload the traffic reached")
    void typo() {
        assertThatThrownBy(() -> assertThat(R).reached("helloworld-V1"))
                .hasMessageContaining("but none of 100 did. Did you mean \"helloworld-v1\"?\nTraffic (seed 42)");
        assertThatThrownBy(() -> assertThat(R).allReached("helloword-v2"))
                .hasMessageContaining(". Did you mean \"helloworld-v2\"?\nTraffic");
        assertThatThrownBy(() -> assertThat(R).reached(version("V2"))).hasMessageContaining("Did you mean \"v2\"?");
    }

    @Test
    @DisplayName("another workload of the same family is not taken for a typo")
    void anotherVersionIsNotATypo() {
        assertThatThrownBy(() -> assertThat(R).reached("helloworld-v3"))
                .hasMessageContaining("but none of 100 did.\nTraffic (seed 42)");
    }

    @Test
    @DisplayName("a Service named where a workload is expected says so")
    void serviceForWorkload() {
        assertThatThrownBy(() -> assertThat(R).reached("helloworld"))
                .hasMessageContaining("but none of 100 did. \"helloworld\" is a Service, not a workload: service(\"helloworld\") "
                        + "names the requests sent to its cluster, workload(...) the pods that answered.\nTraffic");
    }
}
