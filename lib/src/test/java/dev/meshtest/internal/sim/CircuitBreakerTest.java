package dev.meshtest.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.internal.proxy.CircuitBreakers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deterministic connection-pool model of istio-rules §6.5. */
class CircuitBreakerTest {

    private static final long U = CircuitBreakers.UNLIMITED;
    private final Object hostA = new Object();
    private final Object hostB = new Object();
    private final List<String> told = new ArrayList<>();

    private CircuitBreaker.Waiter waiter(String name) {
        return new CircuitBreaker.Waiter() {
            @Override
            public void attached(boolean newConnection) {
                told.add(name + " attached" + (newConnection ? " (new connection)" : ""));
            }

            @Override
            public void overflowed() {
                told.add(name + " overflowed");
            }
        };
    }

    private static CircuitBreakers limits(long conns, long pending, long requests, long retries, int perConn) {
        return new CircuitBreakers(conns, pending, requests, retries, perConn, Duration.ofSeconds(10));
    }

    @Test
    void maxRequestsOneLetsOneRequestInFlight() {
        CircuitBreaker cb = new CircuitBreaker(limits(U, U, 1, U, 0));
        assertThat(cb.acquire(hostA, waiter("1"))).isEqualTo(CircuitBreaker.ATTACHED);
        assertThat(cb.acquire(hostA, waiter("2"))).isEqualTo(CircuitBreaker.OVERFLOW);
        assertThat(cb.acquire(hostB, waiter("3"))).isEqualTo(CircuitBreaker.OVERFLOW);
        cb.release(hostA, null);
        assertThat(cb.acquire(hostA, waiter("4"))).isEqualTo(CircuitBreaker.ATTACHED);
        // The overflowed requests never opened a connection; "4" reused the idle one.
        assertThat(cb.connections()).isEqualTo(1);
        assertThat(cb.active()).isEqualTo(1);
    }

    @Test
    void oneConnectionQueuesOnePendingRequestAndOverflowsTheNext() {
        CircuitBreaker cb = new CircuitBreaker(limits(1, 1, U, U, 0));
        assertThat(cb.acquire(hostA, waiter("1"))).isEqualTo(CircuitBreaker.ATTACHED);
        assertThat(cb.acquire(hostA, waiter("2"))).isEqualTo(CircuitBreaker.PENDING);
        assertThat(cb.acquire(hostA, waiter("3"))).isEqualTo(CircuitBreaker.OVERFLOW);
        assertThat(cb.pending()).isEqualTo(1);
        cb.release(hostA, null);
        assertThat(told).containsExactly("2 attached");
        assertThat(cb.active()).isEqualTo(1);
        assertThat(cb.connections()).isEqualTo(1);
    }

    @Test
    void aHostWithoutConnectionsMayAlwaysOpenItsFirst() {
        CircuitBreaker cb = new CircuitBreaker(limits(1, 0, U, U, 0));
        assertThat(cb.acquire(hostA, waiter("1"))).isEqualTo(CircuitBreaker.ATTACHED);
        // Envoy lets a host pool with no connection open one even above maxConnections.
        assertThat(cb.acquire(hostB, waiter("2"))).isEqualTo(CircuitBreaker.ATTACHED);
        assertThat(cb.connections()).isEqualTo(2);
        // A second request to A needs a connection: none idle, limit reached, no pending room.
        assertThat(cb.acquire(hostA, waiter("3"))).isEqualTo(CircuitBreaker.OVERFLOW);
    }

    @Test
    void pendingRequestsAreServedOldestFirst() {
        CircuitBreaker cb = new CircuitBreaker(limits(1, 10, U, U, 0));
        cb.acquire(hostA, waiter("1"));
        CircuitBreaker.Waiter w2 = waiter("2");
        cb.acquire(hostA, w2);
        cb.acquire(hostA, waiter("3"));
        cb.cancel(w2);
        cb.release(hostA, null);
        assertThat(told).containsExactly("3 attached");
    }

    @Test
    void maxRequestsPerConnectionClosesConnections() {
        CircuitBreaker cb = new CircuitBreaker(limits(U, U, U, U, 1));
        cb.acquire(hostA, waiter("1"));
        assertThat(cb.connections()).isEqualTo(1);
        cb.release(hostA, null);
        assertThat(cb.connections()).isZero();
    }

    @Test
    void maxRetriesLimitsRetriesInFlight() {
        CircuitBreaker cb = new CircuitBreaker(limits(U, U, U, 1, 0));
        assertThat(cb.tryRetry(0)).isTrue();
        assertThat(cb.tryRetry(0)).isFalse();
        cb.retryDone();
        assertThat(cb.tryRetry(0)).isTrue();
    }

    // ---------------------------------------------------------------- connections with a connect time

    private final Engine engine = new Engine();

    private CircuitBreaker withConnectTime(CircuitBreakers limits) {
        return new CircuitBreaker(limits, engine, 250_000);
    }

    @Test
    void aRequestThatNeedsANewConnectionIsPendingUntilItIsReady() {
        CircuitBreaker cb = withConnectTime(limits(1, 1, U, U, 0));
        assertThat(cb.acquire(hostA, waiter("1"))).isEqualTo(CircuitBreaker.PENDING);
        assertThat(cb.pending()).isEqualTo(1);
        assertThat(cb.connections()).isEqualTo(1);   // a connection being set up counts
        // The pending slot is taken while the connection is set up: the next request overflows.
        assertThat(cb.acquire(hostA, waiter("2"))).isEqualTo(CircuitBreaker.OVERFLOW);
        engine.run();
        assertThat(engine.now()).isEqualTo(250_000);
        assertThat(told).containsExactly("1 attached (new connection)");
        assertThat(cb.pending()).isZero();
        assertThat(cb.active()).isEqualTo(1);
    }

    @Test
    void aReadyConnectionIsTakenAtOnce() {
        CircuitBreaker cb = withConnectTime(limits(1, 1, U, U, 0));
        cb.acquire(hostA, waiter("1"));
        engine.run();
        cb.release(hostA, null);
        assertThat(cb.acquire(hostA, waiter("2"))).isEqualTo(CircuitBreaker.ATTACHED);
        assertThat(cb.connections()).isEqualTo(1);
    }

    @Test
    void aClosedConnectionIsReplacedForThePendingRequestWhichWaitsForItsSetUp() {
        // maxRequestsPerConnection 1: each request needs a connection of its own (Istio's circuit-breaking task).
        CircuitBreaker cb = withConnectTime(limits(1, 1, U, U, 1));
        cb.acquire(hostA, waiter("1"));
        engine.run();
        assertThat(cb.acquire(hostA, waiter("2"))).isEqualTo(CircuitBreaker.PENDING);   // maxConnections reached
        cb.release(hostA, null);   // "1" done: its connection closes, a new one is opened for "2"
        assertThat(told).containsExactly("1 attached (new connection)");
        assertThat(cb.connections()).isEqualTo(1);
        assertThat(cb.pending()).isEqualTo(1);
        assertThat(cb.acquire(hostA, waiter("3"))).isEqualTo(CircuitBreaker.OVERFLOW);
        engine.run();
        assertThat(told).containsExactly("1 attached (new connection)", "2 attached (new connection)");
        assertThat(cb.pending()).isZero();
    }

    @Test
    void onePendingRequestPerConnectionBeingSetUp() {
        CircuitBreaker cb = withConnectTime(limits(2, U, U, U, 0));
        cb.acquire(hostA, waiter("1"));
        cb.acquire(hostA, waiter("2"));
        cb.acquire(hostA, waiter("3"));
        assertThat(cb.connections()).isEqualTo(2);   // Envoy opens one per pending request, up to maxConnections
        engine.run();
        assertThat(told).containsExactly("1 attached (new connection)", "2 attached (new connection)");
        cb.release(hostA, null);
        assertThat(told).last().isEqualTo("3 attached");   // a freed connection, handed over at once
    }

    @Test
    void maxRequestsIsCheckedWhenTheConnectionIsReady() {
        CircuitBreaker cb = withConnectTime(limits(U, 10, 1, U, 0));
        cb.acquire(hostA, waiter("1"));
        cb.acquire(hostA, waiter("2"));
        engine.run();
        assertThat(told).containsExactly("1 attached (new connection)", "2 overflowed");
        // "2"'s connection stays ready for the next request.
        assertThat(cb.connections()).isEqualTo(2);
        cb.release(hostA, null);
        assertThat(cb.acquire(hostA, waiter("3"))).isEqualTo(CircuitBreaker.ATTACHED);
    }

    @Test
    void aCancelledRequestLeavesItsConnectionReadyForTheNext() {
        CircuitBreaker cb = withConnectTime(limits(1, 1, U, U, 0));
        CircuitBreaker.Waiter w1 = waiter("1");
        cb.acquire(hostA, w1);
        cb.cancel(w1);
        assertThat(cb.pending()).isZero();
        engine.run();
        assertThat(told).isEmpty();
        assertThat(cb.acquire(hostA, waiter("2"))).isEqualTo(CircuitBreaker.ATTACHED);
    }

    // ---------------------------------------------------------------- HTTP/2: one connection carries them all

    private static CircuitBreakers h2(long conns, long pending, long requests, int perConn) {
        return limits(conns, pending, requests, U, perConn).withHttp2(true);
    }

    @Test
    void http2CarriesEveryRequestOnOneConnectionPerHost() {
        CircuitBreaker cb = new CircuitBreaker(h2(1, 1, U, 0));
        List<CircuitBreaker.Waiter> ws = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            CircuitBreaker.Waiter w = waiter(Integer.toString(i));
            ws.add(w);
            assertThat(cb.acquire(hostA, w)).as("request " + i).isEqualTo(CircuitBreaker.ATTACHED);
        }
        assertThat(cb.connections()).isEqualTo(1);
        assertThat(cb.active()).isEqualTo(10);
        // Another host opens its own first connection, whatever maxConnections says.
        assertThat(cb.acquire(hostB, waiter("b"))).isEqualTo(CircuitBreaker.ATTACHED);
        assertThat(cb.connections()).isEqualTo(2);
        // Requests end in any order; the connections stay.
        cb.release(hostA, ws.get(3));
        cb.release(hostA, ws.get(0));
        assertThat(cb.active()).isEqualTo(9);
        assertThat(cb.connections()).isEqualTo(2);
    }

    @Test
    void http2MaxRequestsStillOverflows() {
        CircuitBreaker cb = new CircuitBreaker(h2(1, 1, 2, 0));
        assertThat(cb.acquire(hostA, waiter("1"))).isEqualTo(CircuitBreaker.ATTACHED);
        assertThat(cb.acquire(hostA, waiter("2"))).isEqualTo(CircuitBreaker.ATTACHED);
        assertThat(cb.acquire(hostA, waiter("3"))).isEqualTo(CircuitBreaker.OVERFLOW);
    }

    @Test
    void http2RequestsWaitOnlyWhileTheFirstConnectionIsSetUp() {
        CircuitBreaker cb = withConnectTime(h2(1, 2, U, 0));
        assertThat(cb.acquire(hostA, waiter("1"))).isEqualTo(CircuitBreaker.PENDING);
        assertThat(cb.acquire(hostA, waiter("2"))).isEqualTo(CircuitBreaker.PENDING);
        // http1MaxPendingRequests counts while the connection is set up.
        assertThat(cb.acquire(hostA, waiter("3"))).isEqualTo(CircuitBreaker.OVERFLOW);
        assertThat(cb.connections()).isEqualTo(1);
        engine.run();
        assertThat(told).containsExactly("1 attached (new connection)", "2 attached (new connection)");
        // Ready: every later request goes on it at once.
        for (int i = 4; i < 14; i++) {
            assertThat(cb.acquire(hostA, waiter(Integer.toString(i)))).isEqualTo(CircuitBreaker.ATTACHED);
        }
        assertThat(cb.connections()).isEqualTo(1);
    }

    @Test
    void http2ConnectionDrainsAfterMaxRequestsPerConnection() {
        CircuitBreaker cb = new CircuitBreaker(h2(1, U, U, 2));
        CircuitBreaker.Waiter w1 = waiter("1");
        CircuitBreaker.Waiter w2 = waiter("2");
        assertThat(cb.acquire(hostA, w1)).isEqualTo(CircuitBreaker.ATTACHED);
        assertThat(cb.acquire(hostA, w2)).isEqualTo(CircuitBreaker.ATTACHED);
        // The connection carried two: it takes no more, and maxConnections 1 allows no second one.
        assertThat(cb.acquire(hostA, waiter("3"))).isEqualTo(CircuitBreaker.PENDING);
        cb.release(hostA, w1);
        assertThat(told).isEmpty();
        assertThat(cb.connections()).isEqualTo(1);
        // Its last request ends: it closes, and the waiting request opens the next one.
        cb.release(hostA, w2);
        assertThat(told).containsExactly("3 attached");
        assertThat(cb.connections()).isEqualTo(1);
        assertThat(cb.active()).isEqualTo(1);
    }

    @Test
    void http2MaxConcurrentStreamsFillsAConnectionThenOpensAnother() {
        CircuitBreakers limits = new CircuitBreakers(2, U, U, U, 0, Duration.ofSeconds(10), null, true, 2);
        CircuitBreaker cb = new CircuitBreaker(limits);
        CircuitBreaker.Waiter w1 = waiter("1");
        assertThat(cb.acquire(hostA, w1)).isEqualTo(CircuitBreaker.ATTACHED);
        assertThat(cb.acquire(hostA, waiter("2"))).isEqualTo(CircuitBreaker.ATTACHED);
        // The first connection carries two at once: the third opens a second connection.
        assertThat(cb.acquire(hostA, waiter("3"))).isEqualTo(CircuitBreaker.ATTACHED);
        assertThat(cb.connections()).isEqualTo(2);
        assertThat(cb.acquire(hostA, waiter("4"))).isEqualTo(CircuitBreaker.ATTACHED);
        // Both full, maxConnections 2: the fifth waits until a request ends.
        assertThat(cb.acquire(hostA, waiter("5"))).isEqualTo(CircuitBreaker.PENDING);
        cb.release(hostA, w1);
        assertThat(told).containsExactly("5 attached");
        assertThat(cb.connections()).isEqualTo(2);
        assertThat(cb.active()).isEqualTo(4);
    }
}
