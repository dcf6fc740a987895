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
 * Istio's fault-injection task on Bookinfo: jason signs in (productpage's {@code POST /login}
 * sets its session cookie, and productpage sends the session's user as {@code end-user} on its
 * calls) and is routed to reviews v2, which calls ratings; a delay or an abort is injected into
 * jason's calls to ratings. The call graph and the apps' own timeouts are Bookinfo's own code's,
 * which the {@code bookinfo} fixture's images run: productpage gives reviews 3 s and one retry,
 * reviews v2 gives ratings 10 s, v3 2.5 s.
 */
@DisplayName("Fault injection: Istio's task on Bookinfo")
@ExtendWith(LessonPrinter.class)
@MeshTest(fixtures = "bookinfo",
        config = {"tasks/bookinfo-gateway.yaml", "tasks/bookinfo-subsets.yaml", "tasks/bookinfo-all-v1.yaml",
                "tasks/reviews-jason-v2.yaml"})
class FaultInjectionLessonsTest {

    /**
     * Signs in as productpage's login form does ({@code POST /login} with {@code username}): the
     * session cookie its answer sets, as the browser sends it back. A request's own
     * {@code end-user} header would not do: productpage does not forward it.
     */
    static String signIn(Mesh mesh, String user) {
        return mesh.send(1).fromOutside().method("POST").to("http://bookinfo.example.com/login?username=" + user).outcomes().get(0)
                .responseHeader("set-cookie").orElseThrow().split(";")[0];
    }

    static TrafficResult pageFor(Mesh mesh, String user) {
        return mesh.send(1).fromOutside().header("cookie", signIn(mesh, user)).to("http://bookinfo.example.com/productpage");
    }

    static TrafficResult anonymousPage(Mesh mesh) {
        return mesh.send(1).fromOutside().to("http://bookinfo.example.com/productpage");
    }

    @Test
    @DisplayName("Before any fault, productpage's calls carry jason's header: his reviews come from v2, everyone else's from v1")
    void routingByUser(Mesh mesh) {
        assertThat(mesh.send(10).from("productpage-v1").header("end-user", "jason").to("http://reviews:9080/reviews/0"))
                .allReached("reviews-v2");
        assertThat(mesh.send(10).from("productpage-v1").to("http://reviews:9080/reviews/0")).allReached("reviews-v1");
        assertThat(pageFor(mesh, "jason")).allSucceeded().allReached("productpage-v1");
    }

    @Nested
    @DisplayName("A 7 s delay on jason's calls to ratings")
    @MeshTest(config = "tasks/ratings-delay-jason.yaml")
    class Delay {

        @Test
        @DisplayName("reviews v2 gives ratings 10 s, so for itself the delay is harmless: it answers 200 after 7 s")
        void reviewsToleratesTheDelay(Mesh mesh) {
            TrafficResult r = mesh.send(1).from("productpage-v1").header("end-user", "jason").to("http://reviews:9080/reviews/0");
            assertThat(r).allSucceeded().allReached("reviews-v2");
            // productpage's sidecar 0.5 ms + reviews' 0.5 ms; reviews' sidecar to ratings 1 ms, 7 s delay, 1 ms app; 1 ms app.
            assertThat(r.latencyOf(0)).isEqualTo(Duration.ofMillis(7_004));
        }

        @Test
        @DisplayName("The bug the task uncovers: productpage gives reviews 3 s plus one retry, so jason's page gives up after 6 s "
                + "and answers 200 with reviews unavailable")
        void productpageGivesUpAfterSixSeconds(Mesh mesh) {
            TrafficResult r = pageFor(mesh, "jason");
            assertThat(r).allSucceeded().allReached("productpage-v1");
            // gateway and productpage sidecars 1 ms, details 2 ms, reviews 3 s + 3 s, productpage 1 ms.
            assertThat(r.latencyOf(0)).isEqualTo(Duration.ofMillis(6_004));
        }

        @Test
        @DisplayName("The call graph of jason's page: productpage gives up on reviews twice (0 DC), and so reviews v2's sidecar "
                + "gives up on ratings during the delay (0 DI,DC)")
        void callGraph(Mesh mesh) {
            TrafficResult r = pageFor(mesh, "jason");
            assertThat(r.edges()).extracting(Object::toString).containsExactly(
                    "istio-system/istio-ingressgateway -> productpage.default.svc.cluster.local: 1 requests",
                    "default/productpage-v1 -> details.default.svc.cluster.local: 1 requests",
                    "default/productpage-v1 -> reviews.default.svc.cluster.local: 2 requests",
                    "default/reviews-v2 -> ratings.default.svc.cluster.local: 2 requests");
            assertThat(r).edge("productpage-v1", "reviews").allHaveStatus(0).withFlag(ResponseFlag.DOWNSTREAM_CONNECTION_TERMINATION);
            assertThat(r).edge("reviews-v2", "ratings").allHaveStatus(0).withFlag(ResponseFlag.DELAY_INJECTED)
                    .withFlag(ResponseFlag.DOWNSTREAM_CONNECTION_TERMINATION);
            // Each of productpage's two tries waits its 3 s out (an edge keeps latency histograms).
            assertThat(r).edge("productpage-v1", "reviews").latency().max().isCloseTo(Duration.ofSeconds(3), Duration.ofMillis(5));
        }

        @Test
        @DisplayName("Everyone else is not delayed: their page is served in a few milliseconds")
        void othersAreNotDelayed(Mesh mesh) {
            TrafficResult r = anonymousPage(mesh);
            assertThat(r).allSucceeded();
            assertThat(r.latencyOf(0)).isEqualTo(Duration.ofMillis(6));
        }

        @Test
        @DisplayName("reviews v3 gives ratings only 2.5 s: with jason on v3 the page loads after 2.5 s, showing ratings unavailable instead")
        void reviewsV3GivesUpSooner(Mesh mesh) {
            mesh.apply("classpath:tasks/reviews-jason-v3.yaml");
            TrafficResult reviews = mesh.send(1).from("productpage-v1").header("end-user", "jason").to("http://reviews:9080/reviews/0");
            assertThat(reviews).allSucceeded().allReached("reviews-v3");
            assertThat(reviews.latencyOf(0)).isEqualTo(Duration.ofMillis(2_502));
            assertThat(pageFor(mesh, "jason").latencyOf(0)).isEqualTo(Duration.ofMillis(2_506));
        }
    }

    @Nested
    @DisplayName("An HTTP 500 abort on jason's calls to ratings")
    @MeshTest(config = "tasks/ratings-abort-jason.yaml")
    class Abort {

        @Test
        @DisplayName("reviews' own sidecar answers jason's call with 500 fault filter abort (FI): ratings never sees it, and it is not retried")
        void theSidecarAborts(Mesh mesh) {
            TrafficResult r = mesh.send(5).from("reviews-v2").header("end-user", "jason").to("http://ratings:9080/ratings/0");
            assertThat(r).hasStatus(500).withFlag(ResponseFlag.FAULT_INJECTED).withBody("fault filter abort");
            assertThat(r).never("ratings-v1");
            assertThat(r.countByAttempts()).containsOnlyKeys(0);
        }

        @Test
        @DisplayName("jason's page loads at once with 200: reviews shows ratings unavailable")
        void thePageLoadsAtOnce(Mesh mesh) {
            TrafficResult r = pageFor(mesh, "jason");
            assertThat(r).allSucceeded().allReached("productpage-v1");
            assertThat(r.latencyOf(0)).isLessThan(Duration.ofMillis(10));
        }

        @Test
        @DisplayName("The page's call graph, hop by hop: gateway to productpage, productpage to details and reviews, reviews v2 to ratings aborted")
        void callGraph(Mesh mesh) {
            TrafficResult r = mesh.send(10).fromOutside().header("cookie", signIn(mesh, "jason")).to("http://bookinfo.example.com/productpage");
            assertThat(r.edges()).extracting(Object::toString).containsExactly(
                    "istio-system/istio-ingressgateway -> productpage.default.svc.cluster.local: 10 requests",
                    "default/productpage-v1 -> details.default.svc.cluster.local: 10 requests",
                    "default/productpage-v1 -> reviews.default.svc.cluster.local: 10 requests",
                    "default/reviews-v2 -> ratings.default.svc.cluster.local: 10 requests");
            assertThat(r).edge("productpage-v1", "reviews").allSucceeded().allReached("reviews-v2");
            assertThat(r).edge("reviews-v2", "ratings").allHaveStatus(500).withFlag(ResponseFlag.FAULT_INJECTED)
                    .withBody("fault filter abort");
        }

        @Test
        @DisplayName("Everyone else still gets their ratings: the abort matches only end-user: jason")
        void othersGetRatings(Mesh mesh) {
            assertThat(mesh.send(5).from("reviews-v2").to("http://ratings:9080/ratings/0")).allSucceeded().allReached("ratings-v1");
        }
    }
}
