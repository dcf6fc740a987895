package dev.meshtest.internal.sim;

import dev.meshtest.internal.proxy.CircuitBreakers;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The connection pool and circuit breakers of one Envoy cluster in one proxy (istio-rules §6.5
 * ): client side one per client proxy and cluster, server side one per server pod and
 * target port (istio-rules §6.6). HTTP/1.1 upstream, one request per connection at a time; or
 * HTTP/2 ({@link CircuitBreakers#http2()}), where a ready connection takes every request
 * ({@code maxRequests} permitting) until it has carried {@code maxRequestsPerConnection}, so a
 * request waits only while its host's connection is set up.
 *
 * <p>The deterministic model, after Envoy's {@code ConnPoolImplBase} ({@code newStreamImpl},
 * {@code tryCreateNewConnection}, {@code onUpstreamReady}, {@code attachStreamToClient}):
 * <ul>
 *   <li>a request for host h takes a ready (idle) connection to h if there is one, at once;</li>
 *   <li>else it waits as <em>pending</em>, unless {@code maxPendingRequests} are already waiting:
 *       overflow; and a new connection is opened for it when h has fewer connections being set
 *       up than pending requests and the cluster has fewer than {@code maxConnections} (or h has
 *       none at all: Envoy always lets a host pool open its first);</li>
 *   <li>a connection being set up counts against {@code maxConnections}; it is ready after the
 *       connect time, and then the oldest pending request for h takes it;</li>
 *   <li>attaching a request to a connection fails with overflow when {@code maxRequests} are
 *       already active in the cluster;</li>
 *   <li>a finished request leaves its connection ready again (closed after
 *       {@code maxRequestsPerConnection} requests, when set, which frees room for a new
 *       connection); pending requests for that host take it, oldest first.</li>
 * </ul>
 *
 * <p>With a connect time of 0 (the server side: a sidecar's connection to its app on the pod's
 * own network) a connection is ready the moment it is opened, so a request that may open one is
 * attached at once and never pends. Without any limit set nothing can wait or overflow, and
 * every request is attached at once.
 *
 * <pre>{@code
 * CircuitBreaker cb = new CircuitBreaker(new CircuitBreakers(UNLIMITED, UNLIMITED, 1, UNLIMITED, 0, Duration.ofSeconds(10)));
 * cb.acquire(host, waiter);   // ATTACHED
 * cb.acquire(host, waiter2);  // OVERFLOW: one request in flight is the limit
 * cb.release(host, waiter);
 * CircuitBreaker pool = new CircuitBreaker(limits, engine, 250_000);   // connections ready 0.25 ms after opening
 * pool.acquire(host, waiter); // PENDING: waiter.attached(true) when the new connection is ready
 * }</pre>
 */
final class CircuitBreaker {

    /** {@link #acquire} attached the request to a ready connection. */
    static final int ATTACHED = 0;
    /** {@link #acquire} overflowed: 503 UO. */
    static final int OVERFLOW = 1;
    /** {@link #acquire} queued the request as pending; the waiter is told later. */
    static final int PENDING = 2;

    /** A pending request, told when it gets a connection or overflows. */
    interface Waiter {
        /**
         * The request got a connection to {@code host}; it is active now.
         *
         * @param newConnection whether the connection was set up while the request waited (it
         *                      became ready just now), rather than freed by another request
         */
        void attached(boolean newConnection);

        /** The request overflowed while pending ({@code maxRequests} reached when a connection was ready). */
        void overflowed();
    }

    /** The connections of one host's pool. */
    private static final class HostPool {
        /** Open connections, those being set up included. */
        int connections;
        /** Connections being set up (connect and TLS handshake). */
        int connecting;
        /** Requests waiting for a connection to this host. */
        int pending;
        /** Requests served so far by each ready connection (a stack; 0: never used). */
        int[] idleServed = new int[4];
        int idle;
        /**
         * Served count of the connection each active request is on: a stack, its size at 0 (LIFO is
         * fine: connections are alike).
         */
        int[] busyServed = {0};
        /** HTTP/2: the ready connections that take more requests, the first one first (Envoy's {@code ready_clients_}). */
        ArrayDeque<H2Connection> h2Ready;

        HostPool copy() {
            HostPool c = new HostPool();
            c.connections = connections;
            c.idleServed = idleServed.clone();
            c.idle = idle;
            if (h2Ready != null) {
                c.h2Ready = new ArrayDeque<>();
                for (H2Connection h : h2Ready) {
                    c.h2Ready.addLast(new H2Connection(h.served));
                }
            }
            return c;
        }
    }

    /** An HTTP/2 connection: the requests it carries now, and those it has carried. */
    private static final class H2Connection {
        int active;
        int served;

        H2Connection(int served) {
            this.served = served;
        }
    }

    private record Pending(HostPool pool, Waiter waiter) {
    }

    /** A connection being set up: ready after the connect time. */
    private final class Connect extends Engine.Event {
        final HostPool pool;

        Connect(HostPool pool) {
            this.pool = pool;
        }

        @Override
        protected void fire() {
            pool.connecting--;
            if (limits.http2()) {
                h2Pool(pool).addLast(new H2Connection(0));
                drainH2(pool, false, true);
                return;
            }
            pushIdle(pool, 0);
            drain(pool, false);
        }
    }

    private final CircuitBreakers limits;
    private final boolean unlimited;
    private final Engine engine;
    private final long connectNanos;
    private long active;
    private long connections;
    private long activeRetries;
    private final Map<Object, HostPool> pools = new IdentityHashMap<>();
    /**
     * The pools of the hosts looked up lately: a cluster's requests go to few hosts (an inbound
     * pool has one), and a map lookup per acquire and release was a twentieth of a request at 64
     * client loops.
     */
    private final IdentityMemo<Object, HostPool> recentPools = new IdentityMemo<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** HTTP/2: the connection each request is on (streams end in any order), by its waiter. */
    private final Map<Waiter, H2Connection> h2Streams = new IdentityHashMap<>();

    /** A pool whose connections are ready the moment they are opened. */
    CircuitBreaker(CircuitBreakers limits) {
        this(limits, null, 0);
    }

    /**
     * A pool whose new connections are ready {@code connectNanos} after they are opened.
     *
     * @param engine the clock the connections are set up on (unused when {@code connectNanos} is 0)
     */
    CircuitBreaker(CircuitBreakers limits, Engine engine, long connectNanos) {
        if (connectNanos > 0 && engine == null) {
            throw new IllegalArgumentException("a connect time needs an engine");
        }
        this.limits = limits;
        this.engine = engine;
        this.connectNanos = connectNanos;
        this.unlimited = limits.maxConnections() >= CircuitBreakers.UNLIMITED
                && limits.maxPendingRequests() >= CircuitBreakers.UNLIMITED
                && limits.maxRequests() >= CircuitBreakers.UNLIMITED
                && limits.maxRequestsPerConnection() <= 0;
    }

    CircuitBreakers limits() {
        return limits;
    }

    /** Whether no limit is set: every request is attached at once, nothing waits or overflows. */
    boolean unlimited() {
        return unlimited;
    }

    /** Requests active (attached to a connection) in this cluster. */
    long active() {
        return active;
    }

    /** Requests waiting for a connection. */
    int pending() {
        return pending.size();
    }

    /** Open connections, those being set up included. */
    long connections() {
        return connections;
    }

    /** Asks for a connection to {@code host}: {@link #ATTACHED}, {@link #OVERFLOW} or {@link #PENDING}. */
    int acquire(Object host, Waiter waiter) {
        if (unlimited) {
            active++;
            return ATTACHED;
        }
        HostPool pool = pool(host);
        if (limits.http2()) {
            return acquireH2(pool, waiter);
        }
        if (pool.idle > 0) {
            if (active >= limits.maxRequests()) {
                return OVERFLOW;
            }
            attach(pool, pool.idleServed[--pool.idle]);
            return ATTACHED;
        }
        if (connectNanos == 0 && mayOpen(pool)) {
            // Ready at once: the request never pends.
            if (active >= limits.maxRequests()) {
                return OVERFLOW;
            }
            open(pool);
            attach(pool, 0);
            return ATTACHED;
        }
        return pend(pool, waiter);
    }

    /**
     * No connection takes the request now: it waits as pending, and a connection is set up for it
     * when the pool may open one; or it overflows when {@code maxPendingRequests} already wait.
     */
    private int pend(HostPool pool, Waiter waiter) {
        if (pending.size() >= limits.maxPendingRequests()) {
            return OVERFLOW;
        }
        pending.addLast(new Pending(pool, waiter));
        pool.pending++;
        connectIfNeeded(pool);
        return PENDING;
    }

    /** Whether {@code pool} may open a connection: room under maxConnections, or its first. */
    private boolean mayOpen(HostPool pool) {
        return connections < limits.maxConnections() || pool.connections == 0;
    }

    private void open(HostPool pool) {
        connections++;
        pool.connections++;
    }

    /**
     * Envoy's {@code tryCreateNewConnection}: a new connection when the host has more pending
     * requests than connections being set up, and may open one.
     */
    private void connectIfNeeded(HostPool pool) {
        // A connection being set up counts for the requests it will carry: one on HTTP/1.1; on
        // HTTP/2 maxRequestsPerConnection, or any number.
        long capacity = !limits.http2() ? 1 : Math.min(limits.maxRequestsPerConnection() > 0 ? limits.maxRequestsPerConnection()
                : Integer.MAX_VALUE, concurrentStreams());
        while (connectNanos > 0 && pool.pending > pool.connecting * capacity && mayOpen(pool)) {
            open(pool);
            pool.connecting++;
            engine.after(connectNanos, new Connect(pool));
        }
    }

    /** The pool of {@code host}, made on first use. */
    private HostPool pool(Object host) {
        HostPool pool = recentPools.get(host);
        if (pool == null) {
            pool = pools.computeIfAbsent(host, h -> new HostPool());
            recentPools.put(host, pool);
        }
        return pool;
    }

    private void attach(HostPool pool, int served) {
        active++;
        int[] stack = pool.busyServed;
        if (stack[0] + 1 >= stack.length) {
            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
            pool.busyServed = stack;
        }
        stack[++stack[0]] = served + 1;
    }

    private static void pushIdle(HostPool pool, int served) {
        if (pool.idle == pool.idleServed.length) {
            pool.idleServed = java.util.Arrays.copyOf(pool.idleServed, pool.idle * 2);
        }
        pool.idleServed[pool.idle++] = served;
    }

    /** A pending request gave up (its timeout fired): it leaves the queue. */
    void cancel(Waiter waiter) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.waiter() == waiter) {
                it.remove();
                p.pool().pending--;
                return;
            }
        }
    }

    /**
     * The request of {@code waiter} on a connection to {@code host} finished (answered or reset). An
     * HTTP/1.1 pool's connections are alike, so only an HTTP/2 pool asks which request it was.
     */
    void release(Object host, Waiter waiter) {
        active--;
        if (unlimited) {
            return;
        }
        HostPool pool = pool(host);
        if (limits.http2()) {
            H2Connection c = h2Streams.remove(waiter);
            if (c == null) {
                throw new IllegalStateException("meshtest bug: an HTTP/2 request released that no connection carries");
            }
            c.active--;
            // A connection that carried maxRequestsPerConnection requests drains: it closes when its last one ends.
            boolean draining = limits.maxRequestsPerConnection() > 0 && c.served >= limits.maxRequestsPerConnection();
            boolean closed = draining && c.active == 0;
            if (closed) {
                pool.connections--;
                connections--;
            } else if (!draining && c.active == concurrentStreams() - 1) {
                h2Pool(pool).addFirst(c);   // it was full: ready again, first in line (Envoy moves it to the front)
            }
            drainH2(pool, closed, false);
            return;
        }
        int[] stack = pool.busyServed;
        int served = stack[stack[0]--];
        boolean closed = limits.maxRequestsPerConnection() > 0 && served >= limits.maxRequestsPerConnection();
        if (closed) {
            pool.connections--;
            connections--;
        } else {
            pushIdle(pool, served);
        }
        drain(pool, closed);
    }

    /**
     * Hands ready connections (or, with instant connects, room for new ones) to pending requests,
     * oldest first, then opens connections for those still waiting. Each waiter is told after it
     * left the queue, so what it does next (a retry, the next request of a client loop) sees a
     * consistent pool.
     */
    private void drain(HostPool freed, boolean closed) {
        if (pending.isEmpty()) {
            return;
        }
        if (connectNanos > 0) {
            drainSlowConnects(freed, closed);
            return;
        }
        while (true) {
            Pending next = null;
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (p.pool().idle > 0 || (connectNanos == 0 && mayOpen(p.pool()))) {
                    it.remove();
                    next = p;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            HostPool pool = next.pool();
            pool.pending--;
            if (active >= limits.maxRequests()) {
                next.waiter().overflowed();
                continue;
            }
            if (pool.idle > 0) {
                int served = pool.idleServed[--pool.idle];
                attach(next.pool(), served);
                next.waiter().attached(connectNanos > 0 && served == 0);
            } else {
                open(pool);
                attach(next.pool(), 0);
                next.waiter().attached(false);
            }
        }
    }

    /**
     * {@link #drain} where connections take time to set up (a client proxy's pool). Between
     * calls no request waits in a pool that has a ready connection ({@link #acquire} takes it,
     * and this hands it on), so only {@code freed}, the pool whose connection was just freed or
     * set up, has one to hand over: to its oldest pending requests, as the scan of every pending
     * request would find them. Then connections for those still waiting, which can open only
     * when the cluster is under {@code maxConnections}, or when {@code closed} (a connection at
     * {@code maxRequestsPerConnection} closed) left a pool with none.
     */
    private void drainSlowConnects(HostPool freed, boolean closed) {
        while (freed.idle > 0 && freed.pending > 0) {
            Pending next = pending.peekFirst().pool() == freed ? pending.pollFirst() : firstPendingOf(freed);
            freed.pending--;
            if (active >= limits.maxRequests()) {
                next.waiter().overflowed();
                continue;
            }
            int served = freed.idleServed[--freed.idle];
            attach(next.pool(), served);
            next.waiter().attached(served == 0);
        }
        if (connections < limits.maxConnections() || closed) {
            for (Pending p : pending) {
                connectIfNeeded(p.pool());
            }
        }
    }

    /** Takes the oldest pending request of {@code pool} out of the queue (it has one). */
    private Pending firstPendingOf(HostPool pool) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.pool() == pool) {
                it.remove();
                return p;
            }
        }
        throw new IllegalStateException("meshtest bug: a pool counts a pending request the queue does not have");
    }

    // ---------------------------------------------------------------- HTTP/2 (istio-rules §6.5)

    private static ArrayDeque<H2Connection> h2Pool(HostPool pool) {
        if (pool.h2Ready == null) {
            pool.h2Ready = new ArrayDeque<>();
        }
        return pool.h2Ready;
    }

    /**
     * {@code newStreamImpl} on an HTTP/2 pool: a request goes on the host's ready connection at
     * once, however many it already carries; without one it opens one (ready at once with an
     * instant connect) or waits as pending while one is set up.
     */
    private int acquireH2(HostPool pool, Waiter waiter) {
        H2Connection ready = h2Pool(pool).peekFirst();
        if (ready == null && connectNanos == 0 && mayOpen(pool)) {
            open(pool);
            ready = new H2Connection(0);
            pool.h2Ready.addLast(ready);
        }
        if (ready != null) {
            if (active >= limits.maxRequests()) {
                return OVERFLOW;
            }
            attachH2(pool, ready, waiter);
            return ATTACHED;
        }
        return pend(pool, waiter);
    }

    /**
     * A request goes on connection {@code c}; after maxRequestsPerConnection requests the connection
     * takes no more, and while it carries maxConcurrentStreams it takes none.
     */
    private void attachH2(HostPool pool, H2Connection c, Waiter waiter) {
        active++;
        c.active++;
        c.served++;
        h2Streams.put(waiter, c);
        if (limits.maxRequestsPerConnection() > 0 && c.served >= limits.maxRequestsPerConnection()
                || c.active >= concurrentStreams()) {
            pool.h2Ready.remove(c);   // draining, or full until one of its requests ends
        }
    }

    /** The most requests one HTTP/2 connection carries at once: {@code maxConcurrentStreams}, else Envoy's 2^31 − 1. */
    private int concurrentStreams() {
        return limits.maxConcurrentStreams() > 0 ? limits.maxConcurrentStreams() : Integer.MAX_VALUE;
    }

    /**
     * {@code onUpstreamReady} on an HTTP/2 pool: the pending requests of {@code freed}, oldest first,
     * go on its ready connection (overflowing past maxRequests); then connections for those still
     * waiting, where a connection closed ({@code closed}) or the pool may open one.
     * {@code connected}: the ready connection was set up just now, while they waited (else a full
     * connection freed a stream).
     */
    private void drainH2(HostPool freed, boolean closed, boolean connected) {
        while (freed.pending > 0) {
            H2Connection ready = h2Pool(freed).peekFirst();
            if (ready == null && connectNanos == 0 && mayOpen(freed)) {
                open(freed);
                ready = new H2Connection(0);
                freed.h2Ready.addLast(ready);
            }
            if (ready == null) {
                break;
            }
            Pending next = pending.peekFirst().pool() == freed ? pending.pollFirst() : firstPendingOf(freed);
            freed.pending--;
            if (active >= limits.maxRequests()) {
                next.waiter().overflowed();
                continue;
            }
            attachH2(freed, ready, next.waiter());
            next.waiter().attached(connected);
        }
        if (closed || connections < limits.maxConnections()) {
            for (Pending p : pending) {
                connectIfNeeded(p.pool());
            }
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

    /**
     * Why a request for {@code host} waits as pending, for explanations: a connection is being set
     * up for it, or no connection is free and there is no room for another.
     */
    String pendingReason(Object host) {
        HostPool pool = pools.get(host);
        String queue = pending.size() + " of http1MaxPendingRequests " + limit(limits.maxPendingRequests()) + " pending";
        if (pool != null && (limits.http2() ? pool.connecting > 0 : pool.connecting >= pool.pending)) {
            return "no ready connection, a new one is being set up (" + connections + " of maxConnections "
                    + limit(limits.maxConnections()) + " open), " + queue;
        }
        return connections + " of maxConnections " + limit(limits.maxConnections()) + " open and busy, " + queue;
    }

    private static String limit(long n) {
        return n >= CircuitBreakers.UNLIMITED ? "unlimited" : Long.toString(n);
    }

    /**
     * A copy of this pool at rest (nothing active, waiting or being set up) on another clock: its
     * open idle connections and their use counts, for a fork of the data plane.
     */
    CircuitBreaker copyAtRest(Engine on) {
        requireAtRest();
        CircuitBreaker c = new CircuitBreaker(limits, on, connectNanos);
        c.connections = connections;
        for (Map.Entry<Object, HostPool> e : pools.entrySet()) {
            c.pools.put(e.getKey(), e.getValue().copy());
        }
        return c;
    }

    /**
     * An endpoint update at rest (EDS, the cluster itself unchanged): each host's pool moves to the
     * host's object in the new endpoint set ({@code newHost}); the connections of a host that is
     * gone are closed, as Envoy drains the pools of removed hosts.
     */
    void rehost(java.util.function.Function<Object, Object> newHost) {
        requireAtRest();
        Map<Object, HostPool> old = new IdentityHashMap<>(pools);
        pools.clear();
        recentPools.clear();
        for (Map.Entry<Object, HostPool> e : old.entrySet()) {
            Object now = newHost.apply(e.getKey());
            if (now == null) {
                connections -= e.getValue().connections;
            } else {
                pools.put(now, e.getValue());
            }
        }
    }

    /** {@return whether nothing is active, waiting or being set up: endpoints may move} */
    boolean atRest() {
        return active == 0 && pending.isEmpty() && activeRetries == 0
                && pools.values().stream().allMatch(p -> p.connecting == 0 && p.pending == 0);
    }

    private void requireAtRest() {
        if (active != 0 || !pending.isEmpty() || activeRetries != 0
                || pools.values().stream().anyMatch(p -> p.connecting > 0 || p.pending > 0)) {
            throw new IllegalStateException("the connection pool is not at rest: " + active + " active, " + pending.size()
                    + " pending, " + activeRetries + " retries, " + pools.values().stream().mapToInt(p -> p.connecting).sum()
                    + " connecting, " + pools.values().stream().mapToInt(p -> p.pending).sum() + " pending by host");
        }
    }

    /**
     * Whether a retry may start ({@code RetryBudgetImpl::canCreate}): fewer retries active than
     * the retry budget allows, else than {@code maxRetries}; if so it counts as active until
     * {@link #retryDone()}. {@code answering} is 1 when the attempt that failed still holds its
     * request (Envoy decides on a retriable response before it resets that stream), 0 after a reset.
     */
    boolean tryRetry(int answering) {
        if (activeRetries >= maxRetries(answering)) {
            return false;
        }
        activeRetries++;
        return true;
    }

    /**
     * {@code RetryBudgetImpl::max}: with a budget, {@code percent}% of the active and pending
     * requests (truncated), at least {@code minRetryConcurrency}; else {@code maxRetries}.
     */
    long maxRetries(int answering) {
        CircuitBreakers.RetryBudget budget = limits.retryBudget();
        if (budget == null) {
            return limits.maxRetries();
        }
        long current = active + answering + pending.size();
        return Math.max((long) (budget.percent() / 100.0 * current), budget.minRetryConcurrency());
    }

    void retryDone() {
        activeRetries--;
    }
}
