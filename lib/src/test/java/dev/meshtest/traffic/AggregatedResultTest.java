package dev.meshtest.traffic;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.app.Latency;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What an aggregated result keeps, refuses and explains, beyond what the property test compares. */
class AggregatedResultTest {

    private static Mesh helloworld() {
        return mesh().seed(42).apply("classpath:dev/meshtest/fixtures/helloworld.yaml");
    }

    @Test
    @DisplayName("per-request accessors say the result is aggregated and what to use instead")
    void perRequestAccessorsAreRefusedWithAWayOut() {
        TrafficResult r = helloworld().send(100).from("nginx").aggregate().to("helloworld:5000/hello");
        assertThat(r.aggregated()).isTrue();
        assertThat(r.size()).isEqualTo(100);
        assertThatThrownBy(r::outcomes).isInstanceOf(IllegalStateException.class).hasMessage("outcomes(): this result of "
                + "100 requests is aggregated, so it keeps counts, latency histograms, per-second series and a sample, not "
                + "every request. Ask the spec to keep them with keepEveryRequest() (about 24 bytes each), or use "
                + "outcomeCounts(), where(...), withHeaders(...), between(...) and sample()");
        assertThatThrownBy(() -> r.startOf(0)).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("startOf(0): ");
        assertThatThrownBy(() -> r.select(i -> true, "all")).isInstanceOf(IllegalStateException.class);
        // 100 successes: all of them fit the reservoir, in index order.
        assertThat(r.sample()).hasSize(100).extracting(SentRequest::index).startsWith(0, 1, 2).endsWith(99);
    }

    @Test
    @DisplayName("a send that outlasts 1024 seconds keeps bins of 2, 4, ... seconds, and windows must fit them")
    void longSendsCoarsenTheirBins() {
        Mesh a = helloworld();
        Mesh b = helloworld();
        TrafficResult agg = a.send(ofSeconds(3000)).from("nginx").rate(1).aggregate().to("helloworld:5000/hello");
        TrafficResult full = b.send(ofSeconds(3000)).from("nginx").rate(1).keepEveryRequest().to("helloworld:5000/hello");
        assertThat(agg.size()).isEqualTo(3000);
        assertThat(agg.countByWorkload()).isEqualTo(full.countByWorkload());
        // 3000 s in at most 1024 bins: bins of 4 s.
        assertThat(agg.between(ofSeconds(8), ofSeconds(400)).countByWorkload()).isEqualTo(full.between(ofSeconds(8), ofSeconds(400)).countByWorkload());
        assertThat(agg.between(ofSeconds(2996), ofSeconds(5000)).size()).isEqualTo(4);
        assertThatThrownBy(() -> agg.between(ofSeconds(1), ofSeconds(8))).isInstanceOf(IllegalStateException.class)
                .hasMessage("between(1s, 8s): this aggregated result counts requests by the 4s they started in, so a window "
                        + "starts and ends on a multiple of 4s; keepEveryRequest() keeps every request's start");
        assertThatThrownBy(agg::countByStatusPerSecond).isInstanceOf(IllegalStateException.class)
                .hasMessage("countByStatusPerSecond(): this aggregated result kept its requests in bins of 4s (the send "
                        + "lasted longer than 1024 seconds); keepEveryRequest() keeps every second");
        assertThat(full.countByStatusPerSecond()).hasSize(3000);
    }

    @Test
    @DisplayName("more than 4096 different header sets: counts go on, filters on headers are refused")
    void manyHeaderSetsAreLetGo() {
        TrafficResult r = helloworld().send(5000).from("nginx").headers(i -> Map.of("x-id", "id" + i)).aggregate()
                .to("helloworld:5000/hello");
        assertThat(r.size()).isEqualTo(5000);
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 5000L));
        assertThatThrownBy(() -> r.withHeaders(h -> true, "all")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("carried too many different sets of headers (more than 4096,");
        assertThat(r.sample()).allMatch(s -> s.headers().get("x-id").equals("id" + s.index()));
    }

    @Test
    @DisplayName("a long send with many header sets lets its headers go before its cells outgrow 200,000")
    void manyCellsLetHeadersGo() {
        // 300 seconds x 1,000 users: 300,000 (second, header set) pairs, under 4,096 header sets.
        TrafficResult r = helloworld().send(ofSeconds(300)).from("nginx").rate(1000)
                .headers(i -> Map.of("end-user", "user" + (i % 1000))).aggregate().to("helloworld:5000/hello");
        assertThat(r.size()).isEqualTo(300_000);
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 300_000L));
        assertThat(r.between(ofSeconds(100), ofSeconds(200)).size()).isEqualTo(100_000);
        assertThatThrownBy(() -> r.withHeaders(h -> true, "all")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more than 200000 pairs of second and header set");
        TrafficResult shorter = helloworld().send(ofSeconds(100)).from("nginx").rate(1000)
                .headers(i -> Map.of("end-user", "user" + (i % 1000))).aggregate().to("helloworld:5000/hello");
        assertThat(shorter.withHeaders(h -> h.get("end-user").equals("user7"), "user7").size()).isEqualTo(100);
    }

    @Test
    @DisplayName("the sample keeps the first 1000 failures and 1000 of the others; any request can be explained")
    void theSampleAndExplanations() {
        Mesh m = helloworld().withApp("helloworld-v1", App.serviceTime(Latency.fixed(ofMillis(10))).failing(503, 0.5));
        TrafficResult r = m.send(6000).from("nginx").aggregate().to("helloworld:5000/hello");
        List<SentRequest> sample = r.sample();
        long failures = r.size() - r.countByStatus().getOrDefault(200, 0L);
        assertThat(failures).isGreaterThan(1000);
        assertThat(sample.stream().filter(s -> !s.outcome().succeeded())).hasSize(1000);
        assertThat(sample.stream().filter(s -> s.outcome().succeeded())).hasSize(1000);
        int first = r.firstFailureIndex().orElseThrow();
        assertThat(sample.get(0).index()).isLessThanOrEqualTo(first);
        assertThat(r.explain(first).outcome()).isEqualTo(sample.stream().filter(s -> s.index() == first).findFirst().orElseThrow().outcome());
        // A request the sample did not keep is explained too: the replay sends up to it again.
        int unsampled = 5999;
        while (isSampled(sample, unsampled)) {
            unsampled--;
        }
        assertThat(r.explain(unsampled).steps().get(0)).isEqualTo("request " + (unsampled + 1) + " of 6000");
        // A failed assertion explains the first failure, as on the full form.
        assertThatThrownBy(() -> assertThat(r).allSucceeded()).hasMessageContaining("The first that failed, explained:");
    }

    @Test
    @DisplayName("answers out of order: the sample's failures are still the first 1000 by index")
    void theFirstFailuresByIndexWhenAnswersComeOutOfOrder() {
        App app = App.serviceTime(Latency.exponential(ofMillis(10))).failing(503, 0.5);
        // Two meshes of one seed: the same requests, kept in two forms.
        TrafficResult agg = helloworld().withApp("helloworld-v1", app).send(6000).from("nginx").concurrency(16).aggregate()
                .to("helloworld:5000/hello");
        TrafficResult full = helloworld().withApp("helloworld-v1", app).send(6000).from("nginx").concurrency(16)
                .keepEveryRequest().to("helloworld:5000/hello");
        List<Integer> firstFailures = new java.util.ArrayList<>();
        for (int i = 0; i < full.size() && firstFailures.size() < 1000; i++) {
            if (!full.outcomes().get(i).succeeded()) {
                firstFailures.add(i);
            }
        }
        assertThat(agg.sample().stream().filter(s -> !s.outcome().succeeded()).map(SentRequest::index).toList())
                .isEqualTo(firstFailures);
    }

    private static boolean isSampled(List<SentRequest> sample, int index) {
        return sample.stream().anyMatch(s -> s.index() == index);
    }

    @Test
    @DisplayName("the same seed gives the same sample, and sampling does not change what the simulation draws")
    void samplingIsDeterministicAndApart() {
        TrafficResult a = helloworld().send(3000).from("nginx").aggregate().to("helloworld:5000/hello");
        TrafficResult b = helloworld().send(3000).from("nginx").aggregate().to("helloworld:5000/hello");
        TrafficResult full = helloworld().send(3000).from("nginx").to("helloworld:5000/hello");
        assertThat(a.sample()).isEqualTo(b.sample());
        assertThat(a.countByWorkload()).isEqualTo(full.countByWorkload());
        for (SentRequest s : a.sample()) {
            assertThat(s.outcome()).isEqualTo(full.outcomes().get(s.index()));
        }
    }

    @Test
    @DisplayName("past 1,000,000 requests a result aggregates what it kept and goes on aggregated")
    void automaticAboveTheThreshold() {
        TrafficResult r = helloworld().withApp("helloworld-v1", App.serviceTime(Latency.fixed(Duration.ZERO)))
                .withApp("helloworld-v2", App.serviceTime(Latency.fixed(Duration.ZERO)))
                .send(ofSeconds(1100)).from("nginx").rate(1000).to("helloworld:5000/hello");
        assertThat(r.aggregated()).isTrue();
        assertThat(r.size()).isEqualTo(1_100_000);
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 1_100_000L));
        assertThat(r.latencyFiguresExact()).isTrue();
        assertThat(r.maxLatency()).isEqualTo(ofMillis(1));   // two sidecars of 0.5 ms
        TrafficResult kept = helloworld().send(1000).from("nginx").to("helloworld:5000/hello");
        assertThat(kept.aggregated()).isFalse();
    }
}
