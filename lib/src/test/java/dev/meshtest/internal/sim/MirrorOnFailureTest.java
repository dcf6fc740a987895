package dev.meshtest.internal.sim;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.meshtest.traffic.ResponseFlag;

/** Envoy's router sets up shadowing only when the main request has a cluster with a host (istio-rules §4.8). */
class MirrorOnFailureTest {

    @Test
    void aRequestThatEndsInNoClusterSendsNoCopy() {
        TrafficResult r = mesh().apply("classpath:experiments/helloworld.yaml")
                .apply("classpath:experiments/helloworld-per-version-services.yaml").withPod("nginx")
                .withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: helloworld}
                        spec:
                          hosts: [helloworld]
                          http:
                          - route: [{destination: {host: helloworld, subset: missing}}]
                            mirror: {host: helloworld-v2}
                        """)
                .send(5).from("nginx").to("helloworld:5000/hello");
        assertThat(r.countByFlag()).containsExactly(Map.entry(ResponseFlag.NO_CLUSTER_FOUND, 5L));
        assertThat(r.mirrored()).isZero();
    }
}
