package dev.meshtest.examples;

import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Istio's task "TCP Traffic Shifting" (istio.io/latest/docs/tasks/traffic-management/tcp-traffic-shifting)
 * as a lesson: tcp-echo v1 and v2 behind the ingress gateway's TCP port 31400 ({@code tcp/*.yaml}).
 * The task's client runs {@code nc $INGRESS_HOST $TCP_INGRESS_PORT} from sleep, one connection at
 * a time; {@code mesh.connect(n)} opens them the same way, and the workload that accepted each
 * says which version echoed ("one" or "two").
 */
@DisplayName("TCP traffic shifting: Istio's task on tcp-echo")
@ExtendWith(LessonPrinter.class)
class TcpTrafficShiftingLessonsTest {

    static Mesh mesh() {
        return Mesh.mesh().apply("classpath:tcp/tcp-echo.yaml").apply("classpath:tcp/tcp-echo-all-v1.yaml");
    }

    /** {@code for i in $(seq 1 n); do nc $INGRESS_HOST $TCP_INGRESS_PORT; done}, from outside the cluster. */
    static TrafficResult connections(Mesh mesh, int n) {
        return mesh.connect(n).fromOutside().to("192.0.2.80:31400");
    }

    @Test
    @DisplayName("tcp-echo-all-v1: every connection through the gateway's 31400 reaches v1")
    void allToV1() {
        assertThat(connections(mesh(), 20).countByWorkload()).containsExactly(Map.entry("tcp-echo-v1", 20L));
    }

    @Test
    @DisplayName("tcp-echo-20-v2: about one connection in five reaches v2")
    void twentyPercentToV2() {
        TrafficResult r = connections(mesh().apply("classpath:tcp/tcp-echo-20-v2.yaml"), 1000);
        assertThat(r).reached("tcp-echo-v1").withShare(0.8);
        assertThat(r).reached("tcp-echo-v2").withShare(0.2);
    }

    @Test
    @DisplayName("the gateway's listener on 31400 is a TCP proxy to the weighted subsets")
    void listener() {
        assertThat(mesh().apply("classpath:tcp/tcp-echo-20-v2.yaml").proxyConfig("istio-system/istio-ingressgateway")
                .listeners().rows()).contains(java.util.List.of("0.0.0.0", "31400", "TCP",
                "Clusters: outbound|9000|v1|tcp-echo.istio-io-tcp-traffic-shifting.svc.cluster.local (80), "
                        + "outbound|9000|v2|tcp-echo.istio-io-tcp-traffic-shifting.svc.cluster.local (20) "
                        + "(tcp route of istio-io-tcp-traffic-shifting/tcp-echo)"));
    }
}
