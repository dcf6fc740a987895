package dev.meshtest.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.internal.proxy.CircuitBreakers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of both pool models (istio-rules §6.5) over generated limits and random sequences of
 * requests, ends and connection set-ups (a seeded generator): every request is told exactly once
 * (attached, overflowed or still pending), the counts the pool keeps match what was told, no limit
 * is passed, and once every request has ended the pool is at rest.
 */
class ConnectionPoolPropertyTest {

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /** A request: what it was told so far. */
    static final class Request implements CircuitBreaker.Waiter {
        final Object host;
        int attached;
        int overflowed;

        Request(Object host) {
            this.host = host;
        }

        @Override
        public void attached(boolean newConnection) {
            attached++;
        }

        @Override
        public void overflowed() {
            overflowed++;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyRequestIsToldOnceAndThePoolEndsAtRest(long seed) {
        SplittableRandom g = new SplittableRandom(seed);
        boolean h2 = g.nextBoolean();
        long maxConnections = 1 + g.nextInt(4);
        long maxPending = g.nextInt(4) == 0 ? CircuitBreakers.UNLIMITED : 1 + g.nextInt(5);
        long maxRequests = g.nextInt(3) == 0 ? CircuitBreakers.UNLIMITED : 1 + g.nextInt(8);
        int perConnection = g.nextInt(3) == 0 ? 1 + g.nextInt(4) : 0;
        int concurrentStreams = h2 && g.nextBoolean() ? 1 + g.nextInt(4) : 0;
        long connectNanos = g.nextBoolean() ? 0 : 250_000;
        CircuitBreakers limits = new CircuitBreakers(maxConnections, maxPending, maxRequests, CircuitBreakers.UNLIMITED,
                perConnection, Duration.ofSeconds(10), null, h2, concurrentStreams);
        Engine engine = new Engine();
        CircuitBreaker cb = new CircuitBreaker(limits, connectNanos == 0 ? null : engine, connectNanos);
        Object[] hosts = {new Object(), new Object(), new Object()};
        List<Request> all = new ArrayList<>();
        List<Request> active = new ArrayList<>();
        for (int step = 0; step < 300; step++) {
            int what = g.nextInt(10);
            if (what < 5) {
                Request r = new Request(hosts[g.nextInt(hosts.length)]);
                all.add(r);
                int got = cb.acquire(r.host, r);
                if (got == CircuitBreaker.ATTACHED) {
                    r.attached++;
                } else if (got == CircuitBreaker.OVERFLOW) {
                    r.overflowed++;
                }
            } else if (what < 8 && !active.isEmpty()) {
                Request r = active.remove(g.nextInt(active.size()));
                cb.release(r.host, r);
            } else if (connectNanos > 0) {
                engine.step();   // a connection being set up becomes ready
            }
            // Requests told they are attached since the last step are now active.
            for (Request r : all) {
                if (r.attached == 1 && !active.contains(r) && r.overflowed == 0) {
                    active.add(r);
                    r.attached = 2;   // counted once
                }
            }
            for (Request r : all) {
                assertThat(r.overflowed + Math.min(r.attached, 1)).as("seed %d: a request is told at most once", seed)
                        .isLessThanOrEqualTo(1);
            }
            assertThat(cb.active()).as("seed %d: active", seed).isEqualTo(active.size());
            assertThat(cb.active()).as("seed %d: maxRequests", seed).isLessThanOrEqualTo(maxRequests);
            assertThat((long) cb.pending()).as("seed %d: pending", seed).isLessThanOrEqualTo(maxPending);
            long waiting = all.stream().filter(r -> r.attached == 0 && r.overflowed == 0).count();
            assertThat((long) cb.pending()).as("seed %d: pending requests", seed).isEqualTo(waiting);
        }
        // End everything: the queue drains as connections are set up and requests end.
        for (int guard = 0; guard < 10_000 && (!active.isEmpty() || cb.pending() > 0 || !engine.idle()); guard++) {
            if (!active.isEmpty()) {
                Request r = active.remove(0);
                cb.release(r.host, r);
            } else {
                engine.step();
            }
            for (Request r : all) {
                if (r.attached == 1 && r.overflowed == 0) {
                    active.add(r);
                    r.attached = 2;
                }
            }
        }
        assertThat(cb.atRest()).as("seed %d: at rest", seed).isTrue();
        assertThat(all).as("seed %d: every request told", seed).allSatisfy(r -> assertThat(r.attached + r.overflowed).isPositive());
    }
}
