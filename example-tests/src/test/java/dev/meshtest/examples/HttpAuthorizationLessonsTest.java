package dev.meshtest.examples;

import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.EnvoyBody;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Istio's task "Authorization for HTTP traffic" (istio.io/latest/docs/tasks/security/authorization/authz-http)
 * on Bookinfo, as a lesson: one policy per step ({@code authz/*.yaml}), each opening one more edge
 * of the call graph by service account. On a cluster the task watches the product page lose and
 * regain its parts; here each edge is called from the pod that calls it in Bookinfo.
 */
@DisplayName("Authorization for HTTP traffic: Istio's task on Bookinfo")
@ExtendWith(LessonPrinter.class)
class HttpAuthorizationLessonsTest {

    static Mesh bookinfo() {
        return dev.meshtest.Mesh.mesh().apply("classpath:dev/meshtest/fixtures/bookinfo.yaml")
                .apply("classpath:dev/meshtest/fixtures/sleep.yaml").apply("classpath:tasks/bookinfo-gateway.yaml");
    }

    static TrafficResult page(Mesh mesh) {
        return mesh.send(1).fromOutside().to("http://bookinfo.example.com/productpage");
    }

    static int status(Mesh mesh, String from, String url) {
        return mesh.send(1).from(from).to(url).outcomes().get(0).status();
    }

    @Test
    @DisplayName("allow-nothing: the browser gets 403 RBAC: access denied from productpage's sidecar")
    void allowNothing() {
        Mesh mesh = bookinfo().apply("classpath:authz/allow-nothing.yaml");
        TrafficResult r = page(mesh);
        assertThat(r).hasStatus(403).withBody(EnvoyBody.RBAC_ACCESS_DENIED);
    }

    @Test
    @DisplayName("productpage-viewer: the page loads, but its calls to details and reviews are denied")
    void productpageViewer() {
        Mesh mesh = bookinfo().apply("classpath:authz/allow-nothing.yaml").apply("classpath:authz/productpage-viewer.yaml");
        assertThat(page(mesh)).allSucceeded().allReached("productpage-v1");
        assertThat(status(mesh, "productpage-v1", "http://details:9080/details/0")).isEqualTo(403);
        assertThat(status(mesh, "productpage-v1", "http://reviews:9080/reviews/0")).isEqualTo(403);
        // productpage-viewer allows GET only.
        assertThat(mesh.send(1).fromOutside().method("POST").to("http://bookinfo.example.com/productpage").outcomes().get(0)
                .status()).isEqualTo(403);
    }

    @Test
    @DisplayName("details-viewer and reviews-viewer: productpage's identity reaches both; sleep's does not")
    void detailsAndReviewsViewers() {
        Mesh mesh = bookinfo().apply("classpath:authz/allow-nothing.yaml").apply("classpath:authz/productpage-viewer.yaml")
                .apply("classpath:authz/details-viewer.yaml").apply("classpath:authz/reviews-viewer.yaml");
        assertThat(status(mesh, "productpage-v1", "http://details:9080/details/0")).isEqualTo(200);
        assertThat(status(mesh, "productpage-v1", "http://reviews:9080/reviews/0")).isEqualTo(200);
        assertThat(status(mesh, "sleep", "http://details:9080/details/0")).isEqualTo(403);
        // Reviews v2 and v3 call ratings, which nothing allows yet: "Ratings service is currently unavailable".
        assertThat(status(mesh, "reviews-v2", "http://ratings:9080/ratings/0")).isEqualTo(403);
    }

    @Test
    @DisplayName("ratings-viewer: reviews' identity reaches ratings, and every edge of the page is open again")
    void ratingsViewer() {
        Mesh mesh = bookinfo().apply("classpath:authz/allow-nothing.yaml").apply("classpath:authz/productpage-viewer.yaml")
                .apply("classpath:authz/details-viewer.yaml").apply("classpath:authz/reviews-viewer.yaml")
                .apply("classpath:authz/ratings-viewer.yaml");
        assertThat(status(mesh, "reviews-v2", "http://ratings:9080/ratings/0")).isEqualTo(200);
        assertThat(status(mesh, "productpage-v1", "http://ratings:9080/ratings/0")).isEqualTo(403);
        assertThat(mesh.proxyConfig("ratings-v1").authorization().column("FROM"))
                .containsExactly("AuthorizationPolicy allow-nothing.default", "AuthorizationPolicy ratings-viewer.default");
        assertThat(page(mesh)).allSucceeded();
    }
}
