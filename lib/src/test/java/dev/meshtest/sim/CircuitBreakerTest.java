package dev.meshtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.proxy.CircuitBreakers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deterministic connection-pool model of §6.5. */
class CircuitBreakerTest {

    private static final long U = CircuitBreakers.UNLIMITED;
    private final Object hostA = new Object();
    private final Object hostB = new Object();
    private final List<String> told = new ArrayList<>();

    private CircuitBreaker.Waiter waiter(String name) {
        return new CircuitBreaker.Waiter() {
            @Override
            public void attached() {
                told.add(name + " attached");
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
        cb.release(hostA);
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
        cb.release(hostA);
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
        cb.release(hostA);
        assertThat(told).containsExactly("3 attached");
    }

    @Test
    void maxRequestsPerConnectionClosesConnections() {
        CircuitBreaker cb = new CircuitBreaker(limits(U, U, U, U, 1));
        cb.acquire(hostA, waiter("1"));
        assertThat(cb.connections()).isEqualTo(1);
        cb.release(hostA);
        assertThat(cb.connections()).isZero();
    }

    @Test
    void maxRetriesLimitsRetriesInFlight() {
        CircuitBreaker cb = new CircuitBreaker(limits(U, U, U, 1, 0));
        assertThat(cb.tryRetry()).isTrue();
        assertThat(cb.tryRetry()).isFalse();
        cb.retryDone();
        assertThat(cb.tryRetry()).isTrue();
    }
}
