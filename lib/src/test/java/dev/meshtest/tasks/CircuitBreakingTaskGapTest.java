package dev.meshtest.tasks;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.junit.Fixtures;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Where meshtest and Istio's circuit-breaking task disagree, pinned both ways so a change to the
 * connection model shows here.
 *
 * <p>The task (DestinationRule {@code maxConnections: 1}, {@code http1MaxPendingRequests: 1},
 * {@code maxRequestsPerConnection: 1}; {@code fortio load -c 2 -qps 0 -n 20}) shows 18 of 20
 * requests passing and 2 answered 503 on a real cluster. The cause is connection set-up: with
 * {@code maxRequestsPerConnection: 1} Envoy closes the connection after each response and must
 * open a new one for the waiting request; Envoy counts a request as pending until its connection
 * is <em>connected</em> (its circuit-breaking docs: "queued while waiting for a ready connection
 * pool connection"), and a draining connection still counts against {@code maxConnections}. In
 * that window the other fortio loop's next request finds the one pending slot taken and
 * overflows. meshtest opens connections instantly (docs/resilience.md, "What is approximated"),
 * so a waiting request is attached the moment the previous one answers and two loops never
 * overflow. Not a bug in the rules, a missing connect time.
 */
class CircuitBreakingTaskGapTest {

    private static Mesh httpbinWithBreaker() {
        return Fixtures.apply(mesh(), "httpbin").apply("classpath:tasks/httpbin-circuit-breaker.yaml");
    }

    @Test
    void meshtestTodayTwoConnectionsNeverOverflow() {
        TrafficResult r = httpbinWithBreaker().send(20).from("fortio-deploy").concurrency(2).to("http://httpbin:8000/get");
        assertThat(r.countByFlag()).containsOnlyKeys("-");
    }

    @Test
    @Disabled("needs connect time in the connection pool: a request waiting for a connection being opened is pending (see class doc)")
    void theTaskTwoConnectionsOverflowSometimes() {
        TrafficResult r = httpbinWithBreaker().send(20).from("fortio-deploy").concurrency(2).to("http://httpbin:8000/get");
        assertThat(r.countByFlag()).containsKey("UO");
        assertThat(r.countByFlag().get("UO")).isBetween(1L, 5L);
    }
}
