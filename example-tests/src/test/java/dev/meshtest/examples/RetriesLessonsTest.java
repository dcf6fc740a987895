package dev.meshtest.examples;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.within;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.junit.MeshTest;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.meshtest.traffic.ResponseFlag;

/**
 * Retries, as Istio's traffic-management concepts configure them on Bookinfo's ratings
 * ({@code attempts}, {@code perTryTimeout}, {@code retryOn}), against a ratings that fails: the
 * caller is reviews v2, whose sidecar does the retrying.
 */
@DisplayName("Retries: a VirtualService retry policy against a failing ratings")
@ExtendWith(LessonPrinter.class)
@MeshTest(fixtures = "bookinfo", config = "tasks/bookinfo-subsets.yaml")
class RetriesLessonsTest {

    static TrafficResult ratingsFromReviews(Mesh mesh, int n) {
        return mesh.send(n).from("reviews-v2").to("http://ratings:9080/ratings/0");
    }

    @Test
    @DisplayName("Without a retry policy Istio's default (connect failures, refused or reset streams) does not retry an app's 503")
    void defaultPolicyDoesNotRetry503(Mesh mesh) {
        mesh.withApp("ratings-v1", App.generic().failing(503, 0.5));
        TrafficResult r = ratingsFromReviews(mesh, 1000);
        assertThat(r).hasStatus(503).withoutFlags();
        assertThat(r.countByStatus().get(503) / 1000.0).isCloseTo(0.5, within(0.05));
        assertThat(r.countByAttempts()).containsOnlyKeys(1);
    }

    @Nested
    @DisplayName("attempts: 3, perTryTimeout: 2s, retryOn: 5xx")
    @MeshTest(config = "tasks/ratings-retries.yaml")
    class Policy {

        @Test
        @DisplayName("A request fails only when all four tries fail, about 1 in 16; those answer the last 503 with URX")
        void fourTries(Mesh mesh) {
            mesh.withApp("ratings-v1", App.generic().failing(503, 0.5));
            TrafficResult r = ratingsFromReviews(mesh, 1000);
            assertThat(r).hasStatus(503).withFlag(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED);
            assertThat(r.countByStatus().get(503) / 1000.0).isCloseTo(1 / 16.0, within(0.025));
            assertThat(r.countByAttempts()).containsOnlyKeys(1, 2, 3, 4);
            for (int i = 0; i < r.size(); i++) {
                if (r.outcomes().get(i).status() == 503) {
                    assertThat(r.attemptsOf(i)).isEqualTo(4);
                }
            }
        }

        @Test
        @DisplayName("perTryTimeout cuts each try of a 3 s ratings at 2 s: after four tries, 504 UT,URX after 8 s plus backoff")
        void perTryTimeout(Mesh mesh) {
            mesh.withApp("ratings-v1", App.serviceTime(Duration.ofSeconds(3)));
            TrafficResult r = ratingsFromReviews(mesh, 1);
            assertThat(r).hasStatus(504).withFlag(ResponseFlag.UPSTREAM_REQUEST_TIMEOUT).withFlag(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED).withBody("upstream request timeout");
            assertThat(r.attemptsOf(0)).isEqualTo(4);
            // Four tries of 2 s, then three backoffs of at most 25, 50 and 100 ms (Envoy's jittered exponential backoff).
            assertThat(r.latencyOf(0)).isBetween(Duration.ofSeconds(8), Duration.ofMillis(8_000 + 175));
        }
    }
}
