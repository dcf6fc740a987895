package dev.meshtest.examples;

import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.junit.MeshTest;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Istio's mirroring task: httpbin in two versions ({@code tasks/httpbin-versions.yaml}), every
 * request routed to v1, then a copy of each mirrored to v2. The task reads the apps' access logs;
 * here v2 is made slow and failing, so that its work shows on the mesh's clock and its answers
 * would show if they reached the client.
 */
@DisplayName("Mirroring: Istio's task on httpbin v1 and v2")
@ExtendWith(LessonPrinter.class)
@MeshTest(fixtures = "sleep", config = {"tasks/httpbin-versions.yaml", "tasks/httpbin-v1-only.yaml"})
class MirroringLessonsTest {

    static TrafficResult curl(Mesh mesh, int n) {
        return mesh.send(n).from("sleep").to("http://httpbin:8000/headers");
    }

    @Test
    @DisplayName("Routed to v1: v1 answers every request and nothing is copied")
    void allToV1(Mesh mesh) {
        TrafficResult r = curl(mesh, 10);
        assertThat(r).allSucceeded().allReached("httpbin-v1");
        assertThat(r.mirrored()).isZero();
    }

    @Nested
    @DisplayName("With a mirror to v2")
    @MeshTest(config = "tasks/httpbin-mirror-v2.yaml")
    class Mirror {

        @Test
        @DisplayName("v1 still answers every request; the client's sidecar sends one copy of each to v2")
        void v1AnswersAndV2GetsCopies(Mesh mesh) {
            TrafficResult r = curl(mesh, 10);
            assertThat(r).allSucceeded().allReached("httpbin-v1");
            assertThat(r.mirrored()).isEqualTo(10);
            assertThat(mesh.explain().from("sleep").to("http://httpbin:8000/headers").steps())
                    .contains("mirror: a copy to outbound|8000|v2|httpbin.default.svc.cluster.local (100% of requests), its answer dropped",
                            "mirror copy to outbound|8000|v2|httpbin.default.svc.cluster.local answered 200 (dropped)");
        }

        @Test
        @DisplayName("v2's answers never reach the client: with v2 failing after 1 s the client sees v1's 200s after 2 ms, "
                + "while v2 works on the copies")
        void v2AnswersAreDropped(Mesh mesh) {
            mesh.withApp("httpbin-v2", App.serviceTime(Duration.ofSeconds(1)).failing(500, 1));
            Duration start = mesh.now();
            TrafficResult r = curl(mesh, 10);
            assertThat(r).allSucceeded().allReached("httpbin-v1");
            assertThat(r.maxLatency()).isEqualTo(Duration.ofMillis(2));
            assertThat(r.elapsed()).isEqualTo(Duration.ofMillis(20));
            // The send lasts until the last copy is done: it left at 18 ms, took 1 ms of sidecars and v2's 1 s.
            assertThat(mesh.now().minus(start)).isEqualTo(Duration.ofMillis(1_019));
        }
    }
}
