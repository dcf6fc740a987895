package dev.meshtest;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.config.MeshConfigException;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The classic experiments of docs/experiments.md, with what a real Istio cluster shows. */
class ExperimentsTest {

    private static final String V1 = "helloworld-v1";
    private static final String V2 = "helloworld-v2";

    private static Mesh helloworld() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx");
    }

    private static Mesh helloworldWithVersionServices() {
        return helloworld().apply("classpath:experiments/helloworld-per-version-services.yaml");
    }

    /** The share is within 4 standard deviations of p: a loose, seed-independent sanity bound. */
    private static void assertShare(TrafficResult r, String workload, double p) {
        long n = r.size();
        long k = r.countByWorkload().getOrDefault(workload, 0L);
        double sd = Math.sqrt(n * p * (1 - p));
        assertThat((double) k).as("%s of %s", workload, r).isBetween(n * p - 4 * sd, n * p + 4 * sd);
    }

    @Test
    @DisplayName("E1: without a VirtualService the Service spreads requests over v1 and v2")
    void e1ServiceSpreadsLoad() {
        TrafficResult r = helloworld().send(1000).from("nginx").to("http://helloworld.default:5000/hello");

        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 1000L));
        assertThat(r.countByCluster()).containsExactly(Map.entry("outbound|5000||helloworld.default.svc.cluster.local", 1000L));
        assertThat(r.countByWorkload()).containsExactly(Map.entry(V1, 513L), Map.entry(V2, 487L));
        assertShare(r, V1, 0.5);
    }

    @Test
    @DisplayName("E2: a weighted VirtualService over per-version Services splits 20/80")
    void e2WeightedSplit() {
        TrafficResult r = helloworldWithVersionServices().apply("classpath:experiments/e2-weighted.yaml")
                .send(1000).from("nginx").to("helloworld:5000/hello");

        assertThat(r.countByCluster()).containsExactly(
                Map.entry("outbound|5000||helloworld-v1.default.svc.cluster.local", 174L),
                Map.entry("outbound|5000||helloworld-v2.default.svc.cluster.local", 826L));
        assertShare(r, V1, 0.2);
    }

    @Test
    @DisplayName("E3: through the ingress gateway a gateway-bound VirtualService splits 70/30")
    void e3IngressGateway() {
        Mesh mesh = helloworldWithVersionServices().apply("classpath:experiments/e3-gateway.yaml");

        TrafficResult r = mesh.send(1000).from("nginx").to("http://istio-ingressgateway.istio-system/hello");

        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 1000L));
        assertShare(r, V1, 0.7);
        TrafficResult outside = mesh.send(1000).fromOutside().to("http://anything.example.com/hello");
        assertShare(outside, V1, 0.7);
    }

    @Test
    @DisplayName("E3: host * on a mesh-bound VirtualService is rejected by Istio's webhook")
    void e3WildcardOnMeshRejected() {
        Mesh mesh = helloworldWithVersionServices();
        assertThatThrownBy(() -> mesh.apply("classpath:experiments/e3-wildcard-mesh-vs.yaml"))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("wildcard host * is not allowed for virtual services bound to the mesh gateway");
    }

    @Test
    @DisplayName("E4: DestinationRule subsets split 70/30 without per-version Services")
    void e4Subsets() {
        TrafficResult r = helloworld().apply("classpath:experiments/e4-subsets.yaml")
                .send(1000).from("nginx").to("helloworld:5000/hello");

        assertThat(r.countByCluster()).containsOnlyKeys(
                "outbound|5000|helloworld-v1|helloworld.default.svc.cluster.local",
                "outbound|5000|helloworld-v2|helloworld.default.svc.cluster.local");
        assertShare(r, V1, 0.7);
    }

    @Test
    @DisplayName("E5: a VirtualService that routes a host to itself works: no loop")
    void e5SelfDestination() {
        TrafficResult r = helloworldWithVersionServices().apply("classpath:experiments/e5-self-destination.yaml")
                .send(100).from("nginx").to("http://helloworld-v1.default.svc.cluster.local:5000/hello");

        assertThat(r.countByWorkload()).containsExactly(Map.entry(V1, 100L));
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 100L));
    }

    @Test
    @DisplayName("E6: two VirtualServices that route to each other swap the hosts, no loop")
    void e6Circular() {
        Mesh mesh = helloworldWithVersionServices().apply("classpath:experiments/e6-circular.yaml");

        assertThat(mesh.send(100).from("nginx").to("http://helloworld-v1.default.svc.cluster.local:5000/hello")
                .countByWorkload()).containsExactly(Map.entry(V2, 100L));
        assertThat(mesh.send(100).from("nginx").to("http://helloworld-v2.default.svc.cluster.local:5000/hello")
                .countByWorkload()).containsExactly(Map.entry(V1, 100L));
    }

    @Test
    @DisplayName("E8: the VirtualService applies to sidecar clients; a client without sidecar gets kube-proxy's spread")
    void e8MeshInternal() {
        Mesh mesh = mesh().apply("classpath:experiments/e8-httpping.yaml").withPod("nginx").withPod("plain", "ping");

        TrafficResult sidecar = mesh.send(1000).from("nginx").header("foo", "bar").to("http://httpping.ping:8080/ping");
        assertThat(sidecar.countByVersion()).containsOnlyKeys("v1", "v2");
        assertThat(sidecar.countByVersion().get("v1")).isBetween(70L, 130L);

        TrafficResult plain = mesh.send(1200).from("ping/plain").to("http://httpping:8080/ping");
        assertThat(plain.countByPod()).hasSize(6);
        assertThat(plain.countByCluster()).containsExactly(Map.entry("-", 1200L));
        assertThat(plain.countByVersion().get("v1")).isBetween(500L, 700L);
    }

    @Test
    @DisplayName("E9: consistent hashing on a header pins a header value to one pod")
    void e9ConsistentHash() {
        Mesh mesh = mesh().apply("classpath:experiments/e8-httpping.yaml").withPod("nginx")
                .delete("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: httpping, namespace: ping}
                        """)
                .apply("classpath:experiments/e9-consistent-hash.yaml");

        TrafficResult bar = mesh.send(200).from("nginx").header("foo", "bar").to("http://httpping.ping:8080/ping");
        assertThat(bar.countByPod()).hasSize(1);
        TrafficResult users = mesh.send(600).from("nginx").headers(i -> Map.of("foo", "user" + i))
                .to("http://httpping.ping:8080/ping");
        assertThat(users.countByPod()).hasSize(6);
    }
}
