package dev.meshtest.internal.proxy;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cluster built alone (what the data plane asks on a config change, without compiling the
 * proxy's routes) is the cluster the proxy's full configuration holds under that name, and the
 * inbound circuit breakers asked alone are the full configuration's.
 */
class SingleClusterBuildTest {

    @ParameterizedTest
    @ValueSource(strings = {"e4-subsets.yaml", "e7-max-connection.yaml", "e3-gateway.yaml", "e2-weighted.yaml"})
    void aClusterBuiltAloneIsTheClusterOfTheFullConfiguration(String experiment) {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:experiments/" + experiment);
        ClusterState state = Internals.state(mesh);
        for (ClusterPod pod : state.pods()) {
            if (!pod.hasProxy()) {
                continue;
            }
            ProxyConfigs full = ProxyConfigs.of(state, MeshSettings.DEFAULT);
            ProxyConfigs alone = ProxyConfigs.of(state, MeshSettings.DEFAULT);
            ProxyConfig pc = full.of(pod);
            assertThat(pc.clusterList()).isNotEmpty();
            for (Cluster c : pc.clusterList()) {
                assertThat(alone.cluster(pod, c.name())).as("%s in %s", c.name(), pod.name()).isEqualTo(c);
            }
            assertThat(alone.cluster(pod, "outbound|5000||nosuch.default.svc.cluster.local")).isNull();
            for (int port : new int[] {5000, 8080, 9080}) {
                assertThat(alone.inboundCircuitBreakers(pod, port)).isEqualTo(pc.inboundCircuitBreakers(port));
            }
        }
    }
}
