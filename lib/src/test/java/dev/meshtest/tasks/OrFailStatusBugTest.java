package dev.meshtest.tasks;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.junit.Fixtures;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An app with several calls that each say {@code orFail}: the call that failed decides the
 * status, and the app gives up at that call, as a handler that returns its error as soon as a
 * call fails: no later calls, no service time of its own. {@code Simulation.Serving.appFailure()}
 * used to answer the {@code orFail} status of the <em>first</em> call that had one, whichever call
 * failed, and the app went on with its remaining calls.
 */
class OrFailStatusBugTest {

    private static Mesh front(String calls) {
        return Fixtures.apply(mesh(), "bookinfo", "sleep").apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: front}
                spec:
                  selector: {matchLabels: {app: front}}
                  template:
                    metadata:
                      labels: {app: front}
                      annotations:
                        meshtest.dev/calls: "%s"
                    spec: {containers: [{name: front, image: front, ports: [{containerPort: 80}]}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: front}
                spec: {selector: {app: front}, ports: [{port: 80, name: http}]}
                """.formatted(calls));
    }

    @Test
    void theFailedCallDecidesTheStatus() {
        Mesh mesh = front("http://details:9080/details/0 orFail=502; http://nosuch:9080/ orFail=503");
        // details answers 200 (on /details/0: its / is WEBrick's 404); nosuch does not exist, so only the second call fails.
        assertThat(mesh.send(1).from("sleep").to("http://front/").outcomes().get(0).status()).isEqualTo(503);
    }

    @Test
    void theAppGivesUpAtTheFailedCall() {
        Mesh mesh = front("http://nosuch:9080/ orFail=503; http://details:9080/details/0 orFail=502");
        TrafficResult r = mesh.send(1).from("sleep").to("http://front/");
        assertThat(r.outcomes().get(0).status()).isEqualTo(503);
        // sleep's sidecar and front's, 0.5 ms each; the app answers at once: no call to details, no service time.
        assertThat(r.latencyOf(0)).isEqualTo(Duration.ofMillis(1));
        assertThat(mesh.explain().from("sleep").to("http://front/").steps())
                .anyMatch(s -> s.startsWith("app of front-") && s.endsWith(": http://nosuch:9080/ failed (no response), it answers 503 (orFail)"))
                .noneMatch(s -> s.contains("calls http://details:9080/details/0"));
    }

    @Test
    void withoutOrFailTheAppGoesOn() {
        Mesh mesh = front("http://nosuch:9080/; http://details:9080/details/0 orFail=502");
        TrafficResult r = mesh.send(1).from("sleep").to("http://front/");
        assertThat(r.outcomes().get(0).status()).isEqualTo(200);
        // details: 0.5 + 0.5 + 1 ms; front's own 1 ms; the two sidecars on the way in.
        assertThat(r.latencyOf(0)).isEqualTo(Duration.ofMillis(4));
    }
}
