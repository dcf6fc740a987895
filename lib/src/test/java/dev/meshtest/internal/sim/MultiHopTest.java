package dev.meshtest.internal.sim;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.app.Call;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Apps that call other services before answering: bookinfo's call graph with its own timeouts and fallbacks. */
class MultiHopTest {

    private static Duration ms(double ms) {
        return Duration.ofNanos(Math.round(ms * 1_000_000));
    }

    /** productpage: details (3 s), then reviews (3 s, one retry), answers 200 either way; reviews-v2: ratings (10 s). */
    private static Mesh bookinfo(App reviews) {
        return mesh().apply("classpath:resilience/bookinfo-lite.yaml").withPod("nginx")
                .withApp("productpage-v1", App.serviceTime(Duration.ofMillis(5))
                        .calls(Call.to("http://details:9080/details/0").timeout(Duration.ofSeconds(3)))
                        .calls(Call.to("http://reviews:9080/reviews/0").timeout(Duration.ofSeconds(3)).retries(1)
                                .forwarding("end-user")))
                .withApp("details-v1", App.serviceTime(Duration.ofMillis(2)))
                .withApp("reviews-v2", reviews);
    }

    private static App reviewsV2(Duration serviceTime) {
        return App.serviceTime(serviceTime).calls(Call.to("http://ratings:9080/ratings/0").timeout(Duration.ofSeconds(10)));
    }

    @Test
    void eachHopAddsItsSidecarsAndServiceTime() {
        TrafficResult r = bookinfo(reviewsV2(Duration.ofMillis(30))).send(1).from("nginx").to("http://productpage:9080/productpage");
        assertThat(r.outcomes().get(0).workload()).contains("productpage-v1");
        // nginx->productpage 1 ms; details call 1 + 2; reviews call 1 + (ratings 1 + 20) + 30; productpage 5.
        assertThat(r.latencyOf(0)).isEqualTo(ms(1 + 3 + (1 + 21 + 30) + 5));
    }

    @Test
    void productpageAnswers200WhenReviewsFailsAfterItsOwnTimeoutAndRetry() {
        TrafficResult r = bookinfo(reviewsV2(Duration.ofSeconds(7))).send(2).from("nginx").to("http://productpage:9080/productpage");
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 2L));
        // details 3 ms, then reviews: 3 s, gives up, 3 s again, gives up; then 5 ms.
        assertThat(r.latencyOf(0)).isEqualTo(ms(1 + 3 + 6000 + 5));
    }

    @Test
    void aFailingCallWithOrFailMakesTheAppFail() {
        Mesh mesh = mesh().apply("classpath:resilience/bookinfo-lite.yaml").withPod("nginx")
                .withApp("productpage-v1", App.generic().calls(Call.to("http://reviews:9080/").orFail(502)))
                .withApp("reviews-v2", App.generic().failing(503, 1));
        Outcome o = mesh.send(1).from("nginx").to("http://productpage:9080/").outcomes().get(0);
        assertThat(o.status()).isEqualTo(502);
        assertThat(o.workload()).contains("productpage-v1");
    }

    @Test
    void aForwardedHeaderIsMatchedWhateverCaseTheCallNamesItIn() {
        String abortJason = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - match: [{headers: {end-user: {exact: jason}}}]
                    fault: {abort: {percentage: {value: 100}, httpStatus: 418}}
                    route: [{destination: {host: reviews}}]
                  - route: [{destination: {host: reviews}}]
                """;
        Mesh forwarding = mesh().apply("classpath:resilience/bookinfo-lite.yaml").apply(abortJason).withPod("nginx")
                .withApp("productpage-v1", App.generic().calls(Call.to("http://reviews:9080/reviews/0").forwarding("X-Other", "End-User")
                        .orFail(502)));
        Mesh notForwarding = mesh().apply("classpath:resilience/bookinfo-lite.yaml").apply(abortJason).withPod("nginx")
                .withApp("productpage-v1", App.generic().calls(Call.to("http://reviews:9080/reviews/0").forwarding("x-other").orFail(502)));
        // The call carries end-user: jason only when the app forwards it, and is aborted with 418 then.
        assertThat(forwarding.send(1).from("nginx").header("end-user", "jason").to("http://productpage:9080/").outcomes().get(0)
                .status()).isEqualTo(502);
        assertThat(forwarding.send(1).from("nginx").header("x-other", "1").to("http://productpage:9080/").outcomes().get(0)
                .status()).isEqualTo(200);
        assertThat(notForwarding.send(1).from("nginx").header("end-user", "jason").to("http://productpage:9080/").outcomes().get(0)
                .status()).isEqualTo(200);
    }

    @Test
    void aCallLoopIsCut() {
        Mesh mesh = mesh().apply("classpath:resilience/bookinfo-lite.yaml").withPod("nginx")
                .withApp("details-v1", App.generic().calls(Call.to("http://details:9080/").orFail(508)));
        Outcome o = mesh.send(1).from("nginx").to("http://details:9080/").outcomes().get(0);
        assertThat(o.status()).isEqualTo(508);
    }

    @Test
    void anUnknownHostIsAFailedCall() {
        Mesh mesh = mesh().apply("classpath:resilience/bookinfo-lite.yaml").withPod("nginx")
                .withApp("details-v1", App.generic().calls(Call.to("http://nosuch:9080/").orFail(500)));
        assertThat(mesh.send(1).from("nginx").to("http://details:9080/").outcomes().get(0).status()).isEqualTo(500);
    }
}
