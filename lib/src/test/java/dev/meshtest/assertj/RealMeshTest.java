package dev.meshtest.assertj;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.assertThatThrownBy;
import static dev.meshtest.assertj.MeshAssertions.service;
import static dev.meshtest.assertj.MeshAssertions.subset;
import static dev.meshtest.assertj.MeshAssertions.version;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import dev.meshtest.traffic.ResponseFlag;

/**
 * The assertions on traffic from the simulated mesh (the classic experiments' YAML). These tests
 * make claims that hold for almost every seed, not exact counts, so they survive changes in how the
 * simulation draws its random numbers.
 */
class RealMeshTest {

    private static Mesh helloworld() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx");
    }

    @Test
    @DisplayName("E2: a 20/80 weighted VirtualService over per-version Services")
    void weightedSplit() {
        TrafficResult r = helloworld().apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:experiments/e2-weighted.yaml")
                .send(1000).from("nginx").to("helloworld:5000/hello");

        assertThat(r).allSucceeded()
                .matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80))
                .matchesWeights(Map.of(service("helloworld-v1"), 1, service("helloworld-v2.default"), 4))
                .never(version("v3"));
        assertThat(r).reached("helloworld-v1").withShare(0.2);
        assertThat(r).reached(version("v2")).withShare(0.8);
    }

    @Test
    @DisplayName("E2: a wrong claim fails with the seed and what was sent")
    void wrongClaimOnTheMesh() {
        TrafficResult r = helloworld().apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:experiments/e2-weighted.yaml")
                .send(1000).from("nginx").to("helloworld:5000/hello");

        assertThatThrownBy(() -> assertThat(r).as("E2").reached("helloworld-v1").withShare(0.5))
                .hasMessageStartingWith("[E2] \nExpecting workload helloworld-v1 to receive a share of 0.5 of the requests\nbut it received ")
                .hasMessageContaining("the 99.9% Wilson score interval of the observed share.\nTraffic (seed 42): 1000 x GET")
                .hasMessageContaining("from default/nginx");
        assertThatThrownBy(() -> assertThat(r).matchesWeights(Map.of("helloworld-v1", 50, "helloworld-v2", 50)))
                .hasMessageContaining("but a chi-square goodness-of-fit test rejects them: p-value ");
    }

    @Test
    @DisplayName("E4: DestinationRule subsets split 70/30")
    void subsets() {
        TrafficResult r = helloworld().apply("classpath:experiments/e4-subsets.yaml")
                .send(1000).from("nginx").to("helloworld:5000/hello");

        assertThat(r).matchesWeights(Map.of(subset("helloworld", "helloworld-v1"), 70, subset("helloworld", "helloworld-v2"), 30));
        assertThat(r).reached(subset("helloworld.default.svc.cluster.local", "helloworld-v1")).withShare(0.7);
        assertThat(r).allReached(service("helloworld"));
    }

    @Test
    @DisplayName("E8: the sidecar client sees the VirtualService's 10/90 split by version")
    void versions() {
        Mesh mesh = mesh().apply("classpath:experiments/e8-httpping.yaml").withPod("nginx");
        TrafficResult r = mesh.send(1000).from("nginx").to("http://httpping.ping:8080/ping");

        assertThat(r).matchesWeights(Map.of(version("v1"), 10, version("v2"), 90));
        assertThat(r).reached(version("v1")).withShare(0.1);
    }

    @Test
    @DisplayName("E9: consistent hashing on a header pins each value to one pod")
    void consistentHash() {
        Mesh mesh = mesh().apply("classpath:experiments/e8-httpping.yaml").withPod("nginx")
                .delete("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: httpping, namespace: ping}
                        """)
                .apply("classpath:experiments/e9-consistent-hash.yaml");

        assertThat(mesh.send(200).from("nginx").header("foo", "bar").to("http://httpping.ping:8080/ping")).samePodFor("bar");
        TrafficResult users = mesh.send(600).from("nginx").headers(i -> Map.of("foo", "user" + i % 20))
                .to("http://httpping.ping:8080/ping");
        for (int u = 0; u < 20; u++) {
            assertThat(users).samePodFor("foo", "user" + u);
        }
        assertThat(users).requestsWithHeader("foo", "user7").allSucceeded().reached(service("httpping.ping")).exactly(30);
    }

    @Test
    @DisplayName("a route that matches no path answers 404 NR")
    void noRoute() {
        TrafficResult r = helloworld().withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: helloworld}
                        spec:
                          hosts: [helloworld]
                          http:
                          - match: [{uri: {prefix: /hello}}]
                            route: [{destination: {host: helloworld}}]
                        """)
                .send(10).from("nginx").to("helloworld:5000/other");

        assertThat(r).hasNoRouteErrors().hasStatus(404).withFlag(ResponseFlag.NO_ROUTE_FOUND);
        assertThatThrownBy(() -> assertThat(r).hasOverflowErrors())
                .hasMessageContaining("but none of 10 did; the failures were: 10 x 404 NR.");
    }
}
