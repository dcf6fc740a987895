package dev.meshtest.sim;

import dev.meshtest.proxy.CircuitBreakers;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The connection pool and circuit breakers of one Envoy cluster in one proxy (§6.5 of the
 * reference): client side one per client proxy and cluster, server side one per server pod and
 * target port (§6.6). HTTP/1.1 upstream, one request per connection at a time; connections open
 * instantly in virtual time (their cost is part of the hop latency).
 *
 * <p>The deterministic model, after Envoy's {@code ConnPoolImplBase}:
 * <ul>
 *   <li>a request for host h takes an idle connection to h if there is one; else it opens a new
 *       connection if the cluster has fewer than {@code maxConnections} (or h has none at all:
 *       Envoy always lets a host pool open its first connection); else it waits as pending,
 *       unless {@code maxPendingRequests} are already waiting: overflow;</li>
 *   <li>attaching a request to a connection fails with overflow when {@code maxRequests} are
 *       already active in the cluster;</li>
 *   <li>a finished request leaves its connection idle (closed after
 *       {@code maxRequestsPerConnection} requests, when set); pending requests for that host take
 *       it, oldest first.</li>
 * </ul>
 *
 * <pre>{@code
 * CircuitBreaker cb = new CircuitBreaker(new CircuitBreakers(UNLIMITED, UNLIMITED, 1, UNLIMITED, 0, Duration.ofSeconds(10)));
 * cb.acquire(host, waiter);   // ATTACHED
 * cb.acquire(host, waiter2);  // OVERFLOW: one request in flight is the limit
 * cb.release(host);
 * }</pre>
 */
final class CircuitBreaker {

    /** {@link #acquire} attached the request to a connection. */
    static final int ATTACHED = 0;
    /** {@link #acquire} overflowed: 503 UO. */
    static final int OVERFLOW = 1;
    /** {@link #acquire} queued the request as pending; the waiter is told later. */
    static final int PENDING = 2;

    /** A pending request, told when it gets a connection or overflows. */
    interface Waiter {
        /** The request got a connection to {@code host}; it is active now. */
        void attached();

        /** The request overflowed while pending ({@code maxRequests} reached when a connection freed). */
        void overflowed();
    }

    /** The connections of one host's pool. */
    private static final class HostPool {
        int connections;
        /** Requests served so far by each idle connection (a stack). */
        int[] idleServed = new int[4];
        int idle;
    }

    private record Pending(Object host, Waiter waiter) {
    }

    private final CircuitBreakers limits;
    private final boolean unlimited;
    private long active;
    private long connections;
    private long activeRetries;
    private final Map<Object, HostPool> pools = new IdentityHashMap<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Served count of the connection each active request is on, per host (stack, LIFO is fine: connections are alike). */
    private final Map<Object, int[]> busyServed = new IdentityHashMap<>();

    CircuitBreaker(CircuitBreakers limits) {
        this.limits = limits;
        this.unlimited = limits.maxConnections() >= CircuitBreakers.UNLIMITED
                && limits.maxPendingRequests() >= CircuitBreakers.UNLIMITED
                && limits.maxRequests() >= CircuitBreakers.UNLIMITED
                && limits.maxRequestsPerConnection() <= 0;
    }

    CircuitBreakers limits() {
        return limits;
    }

    /** Requests active (attached to a connection) in this cluster. */
    long active() {
        return active;
    }

    /** Requests waiting for a connection. */
    int pending() {
        return pending.size();
    }

    /** Open connections. */
    long connections() {
        return connections;
    }

    /** Asks for a connection to {@code host}: {@link #ATTACHED}, {@link #OVERFLOW} or {@link #PENDING}. */
    int acquire(Object host, Waiter waiter) {
        if (unlimited) {
            active++;
            return ATTACHED;
        }
        HostPool pool = pools.computeIfAbsent(host, h -> new HostPool());
        if (pool.idle > 0) {
            if (active >= limits.maxRequests()) {
                return OVERFLOW;
            }
            attach(host, pool.idleServed[--pool.idle]);
            return ATTACHED;
        }
        if (connections < limits.maxConnections() || pool.connections == 0) {
            if (active >= limits.maxRequests()) {
                return OVERFLOW;
            }
            connections++;
            pool.connections++;
            attach(host, 0);
            return ATTACHED;
        }
        if (pending.size() >= limits.maxPendingRequests()) {
            return OVERFLOW;
        }
        pending.addLast(new Pending(host, waiter));
        return PENDING;
    }

    private void attach(Object host, int served) {
        active++;
        if (limits.maxRequestsPerConnection() > 0) {
            int[] stack = busyServed.computeIfAbsent(host, h -> new int[] {0});
            if (stack[0] + 1 >= stack.length) {
                stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                busyServed.put(host, stack);
            }
            stack[++stack[0]] = served + 1;
        }
    }

    /** A pending request gave up (its timeout fired): it leaves the queue. */
    void cancel(Waiter waiter) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            if (it.next().waiter() == waiter) {
                it.remove();
                return;
            }
        }
    }

    /** A request on a connection to {@code host} finished (answered or reset). */
    void release(Object host) {
        active--;
        if (unlimited) {
            return;
        }
        HostPool pool = pools.get(host);
        int served = Integer.MAX_VALUE;
        if (limits.maxRequestsPerConnection() > 0) {
            int[] stack = busyServed.get(host);
            served = stack[stack[0]--];
        }
        if (limits.maxRequestsPerConnection() > 0 && served >= limits.maxRequestsPerConnection()) {
            pool.connections--;
            connections--;
        } else {
            if (pool.idle == pool.idleServed.length) {
                pool.idleServed = java.util.Arrays.copyOf(pool.idleServed, pool.idle * 2);
            }
            pool.idleServed[pool.idle++] = limits.maxRequestsPerConnection() > 0 ? served : 0;
        }
        drain();
    }

    /**
     * Hands free connections (or room for new ones) to pending requests, oldest first. Each
     * waiter is told after it left the queue, so what it does next (a retry, the next request of
     * a client loop) sees a consistent pool.
     */
    private void drain() {
        while (true) {
            Pending next = null;
            boolean reuse = false;
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                HostPool pool = pools.get(p.host());
                reuse = pool.idle > 0;
                if (reuse || connections < limits.maxConnections() || pool.connections == 0) {
                    it.remove();
                    next = p;
                    break;
                }
            }
            if (next == null) {
                return;
            }
            if (active >= limits.maxRequests()) {
                next.waiter().overflowed();
                continue;
            }
            HostPool pool = pools.get(next.host());
            if (reuse) {
                attach(next.host(), pool.idleServed[--pool.idle]);
            } else {
                connections++;
                pool.connections++;
                attach(next.host(), 0);
            }
            next.waiter().attached();
        }
    }

    /** Which threshold an overflow hit, with its Istio field name, for explanations. */
    String overflowReason() {
        if (active >= limits.maxRequests()) {
            return "http2MaxRequests " + limits.maxRequests() + " reached (" + active + " active)";
        }
        return "http1MaxPendingRequests " + limits.maxPendingRequests() + " reached (" + pending.size() + " pending, "
                + connections + " of maxConnections " + limit(limits.maxConnections()) + " open)";
    }

    /** Why a request waits as pending, for explanations: no free connection and no room for another. */
    String pendingReason() {
        return connections + " of maxConnections " + limit(limits.maxConnections()) + " open and busy, " + pending.size()
                + " of http1MaxPendingRequests " + limit(limits.maxPendingRequests()) + " pending";
    }

    private static String limit(long n) {
        return n >= CircuitBreakers.UNLIMITED ? "unlimited" : Long.toString(n);
    }

    /** Whether a retry may start ({@code maxRetries}); if so it counts as active until {@link #retryDone()}. */
    boolean tryRetry() {
        if (activeRetries >= limits.maxRetries()) {
            return false;
        }
        activeRetries++;
        return true;
    }

    void retryDone() {
        activeRetries--;
    }
}
