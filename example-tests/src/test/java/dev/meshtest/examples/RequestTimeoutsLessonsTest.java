package dev.meshtest.examples;

import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.junit.MeshTest;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.meshtest.traffic.ResponseFlag;

/**
 * Istio's request-timeouts task on Bookinfo: reviews routed to v2 (which calls ratings), every
 * call to ratings delayed 2 s, then a half-second timeout on reviews. productpage's own hard-coded
 * retry of reviews comes from the {@code bookinfo} fixture's {@code meshtest.dev/calls}.
 */
@DisplayName("Request timeouts: Istio's task on Bookinfo")
@ExtendWith(LessonPrinter.class)
@MeshTest(fixtures = "bookinfo",
        config = {"tasks/bookinfo-gateway.yaml", "tasks/bookinfo-subsets.yaml", "tasks/reviews-v2.yaml", "tasks/ratings-delay-2s.yaml"})
class RequestTimeoutsLessonsTest {

    static TrafficResult page(Mesh mesh) {
        return mesh.send(1).fromOutside().to("http://bookinfo.example.com/productpage");
    }

    @Test
    @DisplayName("With ratings delayed 2 s and no timeout, the page works, stars and all, but takes 2 s")
    void twoSecondPage(Mesh mesh) {
        TrafficResult r = page(mesh);
        assertThat(r).allSucceeded();
        // sidecars 1 ms, details 2 ms, reviews 1 ms + (ratings 1 ms + 2 s + 1 ms) + 1 ms, productpage 1 ms
        assertThat(r.latencyOf(0)).isEqualTo(Duration.ofMillis(2_008));
    }

    @Nested
    @DisplayName("A 0.5 s timeout on reviews")
    @MeshTest(config = "tasks/reviews-v2-timeout.yaml")
    class HalfSecond {

        @Test
        @DisplayName("A caller of reviews gets 504 upstream request timeout (UT) from its own sidecar after exactly 0.5 s")
        void reviewsTimesOut(Mesh mesh) {
            TrafficResult r = mesh.send(3).from("productpage-v1").to("http://reviews:9080/reviews/0");
            assertThat(r).hasStatus(504).withFlag(ResponseFlag.UPSTREAM_REQUEST_TIMEOUT).withBody("upstream request timeout");
            assertThat(r.latencyOf(0)).isEqualTo(Duration.ofMillis(500));
        }

        @Test
        @DisplayName("The page returns in about 1 s instead of 2, with reviews unavailable: productpage tries reviews twice")
        void pageAfterOneSecond(Mesh mesh) {
            TrafficResult r = page(mesh);
            assertThat(r).allSucceeded().allReached("productpage-v1");
            // sidecars 1 ms, details 2 ms, reviews 0.5 s twice, productpage 1 ms
            assertThat(r.latencyOf(0)).isEqualTo(Duration.ofMillis(1_004));
        }
    }
}
