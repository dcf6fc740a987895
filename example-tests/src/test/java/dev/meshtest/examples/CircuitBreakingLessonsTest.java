package dev.meshtest.examples;

import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.junit.MeshTest;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.meshtest.traffic.ResponseFlag;

/**
 * Istio's circuit-breaking task: a DestinationRule allows each client sidecar one connection to
 * httpbin, one request waiting for it, and one request per connection; fortio ({@code fortio load
 * -c N -qps 0}) sends from {@code fortio-deploy} in N closed loops.
 *
 * <p>As on a real cluster, a few 503s come already with two connections (the task: 18 of 20 pass,
 * "the istio-proxy does allow for some leeway"): every request needs a fresh connection, and while
 * it is being set up the request counts as pending, so when both loops start the second one's
 * request finds the one pending slot taken. With three loops most requests overflow.
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
    @DisplayName("Two connections: a few 503 UO, from the pending slot taken while a connection is set up; most pass")
    void twoConnections(Mesh mesh) {
        TrafficResult r = fortio(mesh, 2, 20);
        assertThat(r).hasOverflowErrors();
        assertThat(r).hasStatus(503).withFlag(ResponseFlag.UPSTREAM_OVERFLOW);
        // Both loops start at once: the first request waits for its connection, the second overflows. Then a
        // connection opened when a response frees the slot is ready before that loop's next request asks for one.
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 19L), Map.entry(503, 1L));
    }

    @Test
    @DisplayName("Three connections: more overflow, a request that finds one in flight and one waiting gets 503 UO from fortio's own sidecar")
    void threeConnections(Mesh mesh) {
        TrafficResult r = fortio(mesh, 3, 30);
        assertThat(r).hasOverflowErrors();
        assertThat(r).hasStatus(503).withFlag(ResponseFlag.UPSTREAM_OVERFLOW);
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
