package dev.meshtest.assertj;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A failed {@code allSucceeded()} says why the first failure went as it did, replayed from the send. */
class FailureExplanationTest {

    @Test
    void allSucceededExplainsTheFirstFailure() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(100)))
                .apply("classpath:scenarios/helloworld-v1-pool-of-one.yaml");
        TrafficResult r = mesh.send(10).from("nginx").concurrency(3).to("helloworld-v1:5000/hello");
        assertThatThrownBy(() -> assertThat(r).allSucceeded())
                .hasMessageContaining("\nThe first that failed, explained:\n  request 2 of 10\n  DNS in namespace default: "
                        + "helloworld-v1 -> ")
                .hasMessageContaining("\n  client-side circuit breaker of nginx, cluster "
                        + "outbound|5000||helloworld-v1.default.svc.cluster.local: http1MaxPendingRequests 1 reached "
                        + "(1 pending, 1 of maxConnections 1 open): 503 UO, not retried\n");
    }

    @Test
    void aResultMadeByHandHasNoExplanation() {
        TrafficResult made = new TrafficResult("made", 1, new Outcome[] {Outcome.of(503)}, Map.of(), null);
        assertThatThrownBy(() -> assertThat(made).allSucceeded())
                .message().doesNotContain("explained");
    }
}
