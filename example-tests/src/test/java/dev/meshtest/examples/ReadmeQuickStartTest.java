package dev.meshtest.examples;

import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.junit.MeshTest;
import dev.meshtest.junit.Seed;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's quick start, as written, so the README cannot drift from the library. */
@MeshTest(fixtures = "helloworld")
class ReadmeQuickStartTest {

    @Test
    void twentyPercentReachTheCanary(Mesh mesh) {
        mesh.withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  http:
                  - route:
                    - {destination: {host: helloworld-v1}, weight: 20}
                    - {destination: {host: helloworld-v2}, weight: 80}
                """);

        var result = mesh.send(1000).from("nginx").to("helloworld:5000/hello");

        assertThat(result).allSucceeded();
        assertThat(result).reached("helloworld-v1").withShare(0.2);
        assertThat(result).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80));
    }

    @Test
    @Seed(7)
    void seedIsPinned(Mesh mesh) {
        // -Dmeshtest.seed beats @Seed by design; then this test has nothing to show.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("meshtest.seed") == null);
        org.assertj.core.api.Assertions.assertThat(mesh.seed()).isEqualTo(7);
    }

    @Test
    void theCardsChainWorksOnAFixture(Mesh mesh) {
        // The chain from the project card: withVirtualService(...).send(1000).from("nginx").to("helloworld-v2:5000").
        var result = mesh.withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: v2-to-v1}
                spec:
                  hosts: [helloworld-v2]
                  http: [{route: [{destination: {host: helloworld-v1}}]}]
                """).send(1000).from("nginx").to("helloworld-v2:5000");
        assertThat(result).allReached("helloworld-v1");
        // The path is "/", which the helloworld sample's Flask app does not serve: 404 from the
        // pod it reached, as curl gets on a cluster (the sample answers /hello and /health).
        org.assertj.core.api.Assertions.assertThat(result.countByStatus()).containsOnlyKeys(404);
    }
}
