package dev.meshtest.examples;

import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.junit.MeshTest;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Istio's circuit-breaking task: a DestinationRule allows each client sidecar one connection to
 * httpbin, one request waiting for it, and one request per connection; fortio ({@code fortio load
 * -c N -qps 0}) sends from {@code fortio-deploy} in N closed loops.
 *
 * <p>On a real cluster the task shows a few 503s already with two connections (18 of 20 pass: "the
 * istio-proxy does allow for some leeway"): every request needs a fresh connection, and while it is
 * being set up the request counts as pending, so the other loop's next request can find the one
 * pending slot taken. meshtest opens connections instantly, so two loops never overflow; from three
 * loops on both agree.
 */
@DisplayName("Circuit breaking: Istio's task on httpbin")
@ExtendWith(LessonPrinter.class)
@MeshTest(fixtures = "httpbin", config = "tasks/httpbin-circuit-breaker.yaml")
class CircuitBreakingLessonsTest {

    static TrafficResult fortio(Mesh mesh, int connections, int requests) {
        return mesh.send(requests).from("fortio-deploy").concurrency(connections).to("http://httpbin:8000/get");
    }

    @Test
    @DisplayName("One connection: every request passes")
    void oneConnection(Mesh mesh) {
        assertThat(fortio(mesh, 1, 20)).allSucceeded().allReached("httpbin");
    }

    @Test
    @DisplayName("Two connections: one request in flight and one waiting is within the limits, so all pass "
            + "(a cluster adds a few 503s from connection set-up)")
    void twoConnections(Mesh mesh) {
        assertThat(fortio(mesh, 2, 20)).allSucceeded();
    }

    @Test
    @DisplayName("Three connections: a request that finds one in flight and one waiting overflows, 503 UO from fortio's own sidecar")
    void threeConnections(Mesh mesh) {
        TrafficResult r = fortio(mesh, 3, 30);
        assertThat(r).hasOverflowErrors();
        assertThat(r).hasStatus(503).withFlag("UO");
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 7L), Map.entry(503, 23L));
        assertThat(r.countByAttempts()).containsOnlyKeys(1);
    }

    @Test
    @DisplayName("An overflow is the client sidecar's own answer, not httpbin's: outlier detection (one 5xx ejects) never ejects httpbin")
    void overflowIsNotCountedAgainstTheHost(Mesh mesh) {
        assertThat(fortio(mesh, 3, 30)).hasOverflowErrors();
        assertThat(fortio(mesh, 1, 20)).allSucceeded().allReached("httpbin");
    }
}
