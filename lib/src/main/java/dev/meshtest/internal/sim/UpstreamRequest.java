package dev.meshtest.internal.sim;

import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.proxy.ClientTls;
import dev.meshtest.internal.proxy.Cluster;
import dev.meshtest.internal.proxy.HttpRequest;
import dev.meshtest.internal.proxy.LbEndpoint;
import dev.meshtest.internal.proxy.OriginatedTls;
import dev.meshtest.traffic.Outcome;
import java.util.List;

/**
 * One attempt of a {@link Router} (Envoy's {@code UpstreamRequest}): asks the cluster's connection
 * pool (as an event, after the proxy's work before the pool, when the cluster has limits), waits
 * for a connection (pending) or travels to the endpoint, and hears the answer; its per-try
 * timeout resets it. It is the circuit breaker's waiter and the sink of whatever serves it.
 *
 * <pre>{@code
 * UpstreamRequest a = new UpstreamRequest(router, endpoint);
 * a.toPool(overhead);   // attached, pending or overflowed
 * }</pre>
 */
final class UpstreamRequest extends Engine.Event implements CircuitBreaker.Waiter, Simulation.Sink {
    final Router router;
    final LbEndpoint endpoint;
    private final Simulation sim;
    /** When the router started this attempt. */
    private final long start;
    private int[] activeCounter;
    /** The request as sent, once attached: this object is then the event of its arrival. */
    private HttpRequest out;
    /** What serves it at the endpoint once it arrived, to reset when the router gives up. */
    private Simulation.Cancellable downstream;
    private PerTryTimeout perTry;
    private boolean attachedToPool;
    boolean sent;
    private boolean over;

    UpstreamRequest(Router router, LbEndpoint endpoint) {
        this.router = router;
        this.endpoint = endpoint;
        this.sim = router.sim;
        this.start = sim.engine.now();
    }

    /** The proxy's work before the pool is done: ask it. Once sent: the request reaches the endpoint. */
    @Override
    protected void fire() {
        if (over) {
            return;
        }
        if (!sent) {
            toPool(sim.overhead - sim.prePool);
            return;
        }
        Cluster cluster = router.up.cluster;
        router.transportFailure = null;
        LbEndpoint to = endpoint;
        if (cluster.type() == Cluster.Type.STRICT_DNS && endpoint.pod() == null) {
            // A DNS name may be a Service's: its ClusterIP, then kube-proxy.
            to = sim.kubeProxy.resolve(router.proxyPod, endpoint, router.trace);
            if (to == null) {
                reply(LocalReplies.CONNECT_RESET, 1, false);
                return;
            }
        }
        HttpRequest sent = out;
        if (cluster.transportSocket() == Cluster.TransportSocket.TLS) {
            if (!originate(cluster, to)) {
                return;
            }
            if (to.pod() == null) {
                // Inside the TLS, the host outside answers (OutsideHosts).
                router.trace.reachesOutside(to);
                reply(sim.replies.failure(cluster.name(), 200, ""), 1, false);
                return;
            }
            // Inside the proxy's TLS, already checked (TlsOrigination): the pod terminates it.
            OriginatedTls tls = cluster.originatedTls();
            sent = out.withTls(new ClientTls(tls.sniFor(out.host()), to.address(), true, List.of(), tls.clientCertificate()));
        }
        ClusterPod from = router.tunnelledFrom != null ? router.tunnelledFrom : router.proxyPod;
        downstream = Hop.arrive(sim, from, router.proxyPod.ip(), this, to, cluster.name(), sent, router.trace,
                router.hops, this, router.tunnelledFrom != null || cluster.mutualTls(endpoint));
    }

    /**
     * The cluster originates TLS (a DestinationRule's SIMPLE or MUTUAL): the handshake with the
     * endpoint first. False when it ended the attempt: a failed handshake (a reset the router may
     * retry), or a server that answered at once.
     */
    private boolean originate(Cluster cluster, LbEndpoint to) {
        TlsOrigination.Result r = TlsOrigination.handshake(sim, cluster.originatedTls(), to, out.host());
        router.trace.tls(router.proxyPod, "originates TLS (" + cluster.originatedTls().mode()
                + ", server name " + cluster.originatedTls().sniFor(out.host()) + ") to " + to.address() + ": "
                + r.line() + (r.failure() != null ? ": the handshake fails" : ""));
        if (r.failure() != null) {
            router.transportFailure = r.failure();
            reply(LocalReplies.TLS_HANDSHAKE_FAILED, 1, false);
            return false;
        }
        if (r.answer() != 0) {
            InboundServer server = sim.server(to.pod());
            reply(sim.replies.intern(server.ok.withStatus(r.answer()).withBody(r.answerBody())), 1, false);
            return false;
        }
        return true;
    }

    /**
     * Asks the client circuit breaker for a connection; {@code unsent} is what is left of the
     * proxy's overhead, spent on the way out on a ready connection.
     */
    void toPool(long unsent) {
        CircuitBreaker breaker = router.up.breaker;
        int got = breaker.acquire(endpoint, this);
        if (got == CircuitBreaker.OVERFLOW) {
            over = true;
            router.current = null;
            router.overflow(localReplyDelay());
        } else if (got == CircuitBreaker.ATTACHED) {
            go(unsent + sim.receiverOverhead(endpoint.pod()));
        } else {
            router.trace.clientPending(router.proxyPod, router.up, endpoint);
        }
    }

    /** Attached to a connection: count it active and send it; it reaches the endpoint after {@code delay}. */
    private void go(long delay) {
        attachedToPool = true;
        sent = true;
        router.anySent = true;
        activeCounter = router.up.counter(endpoint);
        activeCounter[0]++;
        if (router.perTry > 0) {
            perTry = new PerTryTimeout(this);
            sim.engine.after(router.perTry, perTry);
        }
        out = router.http ? router.up.withAttemptCount(router.request, router.attempts) : router.request;
        sim.engine.after(delay, this);
    }

    /**
     * A connection is ready for this pending request. On a connection set up while it waited
     * the set-up stood for the rest of the proxy's overhead: the request only crosses the
     * receiver's. A connection another request freed is handed over, and the request goes out
     * with the proxy's full overhead.
     */
    @Override
    public void attached(boolean newConnection) {
        if (over) {
            router.up.breaker.release(endpoint, this);
            return;
        }
        go((newConnection ? 0 : sim.overhead) + sim.receiverOverhead(endpoint.pod()));
    }

    @Override
    public void overflowed() {
        over = true;
        if (router.current == this) {
            router.current = null;
            router.overflow(localReplyDelay());
        }
    }

    /** A local reply arrives the proxy's overhead after the attempt started, or at once when it waited longer. */
    private long localReplyDelay() {
        return Math.max(0, start + sim.overhead - sim.engine.now());
    }

    /** The connection is free again (or the request leaves the queue, or never reaches the pool). */
    private void release() {
        if (over) {
            return;
        }
        over = true;
        cancel();
        if (perTry != null) {
            perTry.cancel();
        }
        if (attachedToPool) {
            activeCounter[0]--;
            router.up.breaker.release(endpoint, this);
        } else {
            router.up.breaker.cancel(this);
        }
    }

    @Override
    public void reply(Outcome outcome, int attempts, boolean overloaded) {
        if (over) {
            return;
        }
        release();
        RetryState.Reset reset = LocalReplies.resetOf(outcome);
        if (reset != null) {
            router.onReset(this, reset);
            return;
        }
        router.onResponse(this, outcome, overloaded);
    }

    /** The server name of the cluster's mutual TLS ({@link dev.meshtest.internal.proxy.Cluster#sni()}), which a gateway's chains match. */
    String mutualTlsSni() {
        return router.up.cluster.sni();
    }

    /** The router gave up on this attempt (timeout, downstream gone): reset the stream. */
    void abandon() {
        if (over) {
            return;
        }
        release();   // drops the arrival too, if it is still on its way
        if (downstream != null) {
            downstream.abandon();
        }
    }

    private void perTryExpired() {
        if (over) {
            return;
        }
        abandon();
        router.onReset(this, RetryState.Reset.PER_TRY_TIMEOUT);
    }

    private static final class PerTryTimeout extends Engine.Event {
        final UpstreamRequest attempt;

        PerTryTimeout(UpstreamRequest attempt) {
            this.attempt = attempt;
        }

        @Override
        protected void fire() {
            attempt.perTryExpired();
        }
    }
}
