package dev.meshtest.tasks;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.junit.Fixtures;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * An app with two calls that each say {@code orFail}: when only the second call fails, the app
 * should answer the second call's status. {@code Simulation.Serving.appFailure()} answers the
 * {@code orFail} status of the <em>first</em> call that has one, whichever call failed.
 */
class OrFailStatusBugTest {

    @Test
    @Disabled("bug in Simulation.Serving.appFailure(): it takes the first call's orFail status, not the failed call's")
    void theFailedCallDecidesTheStatus() {
        Mesh mesh = Fixtures.apply(mesh(), "bookinfo", "sleep").apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: front}
                spec:
                  selector: {matchLabels: {app: front}}
                  template:
                    metadata:
                      labels: {app: front}
                      annotations:
                        meshtest.dev/calls: "http://details:9080/ orFail=502; http://nosuch:9080/ orFail=503"
                    spec: {containers: [{name: front, image: front, ports: [{containerPort: 80}]}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: front}
                spec: {selector: {app: front}, ports: [{port: 80, name: http}]}
                """);
        // details answers 200; nosuch does not exist, so only the second call fails.
        assertThat(mesh.send(1).from("sleep").to("http://front/").outcomes().get(0).status()).isEqualTo(503);
    }
}
