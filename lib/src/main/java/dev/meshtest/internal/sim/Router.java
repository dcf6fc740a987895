package dev.meshtest.internal.sim;

import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.proxy.Cluster;
import dev.meshtest.internal.proxy.HttpRequest;
import dev.meshtest.internal.proxy.LbEndpoint;
import dev.meshtest.internal.proxy.RetryPolicy;
import dev.meshtest.internal.proxy.RouteAction;
import dev.meshtest.traffic.EnvoyBody;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Envoy's router filter for one downstream request at one proxy
 * ({@code source/common/router/router.cc}): one route timeout over all attempts (istio-rules
 * §4.6), attempts to hosts the outlier detector leaves (§6.7) and the load balancer picks (§6.4),
 * retries with backoff as {@link RetryState} decides (§4.7), each attempt an
 * {@link UpstreamRequest}. Outlier detection hears every attempt's answer.
 *
 * <pre>{@code
 * Router r = new Router(sim, upstream, nginx, forward, null, null, request, Tracer.NONE, sink, 0);
 * r.begin();
 * }</pre>
 */
final class Router implements Simulation.Cancellable {
    final Simulation sim;
    final UpstreamCluster up;
    final ClusterPod proxyPod;
    final RetryPolicy policy;
    final long perTry;
    /** What a consistent-hash policy hashes, or {@code null}: the load balancer then picks at random. */
    final String hashKey;
    final HttpRequest request;
    final Tracer trace;
    final Simulation.Sink sink;
    final int hops;
    final RouteTimeout timeout;
    final long timeoutNanos;
    /** Whether an HTTP route drives this router (a TCP listener's has none): Envoy's HTTP router then counts attempts. */
    final boolean http;
    Set<ResponseFlag> flags;
    int attempts;
    UpstreamRequest current;
    Backoff backoff;
    boolean done;
    boolean retryCounted;
    boolean anySent;
    /** The transport failure reason of the last attempt's failed TLS origination, or {@code null} (TlsOrigination). */
    String transportFailure;
    /**
     * The client whose Istio mutual TLS this router's TCP proxy forwards as it is (an
     * {@code AUTO_PASSTHROUGH} chain), or {@code null}: the endpoints see that client's connection.
     */
    ClusterPod tunnelledFrom;
    /** When the proxy took the request, for the hop's latency ({@link Simulation.HopSink}); a fault's delay moves it back. */
    long started;
    /** The hosts tried so far: the first alone (most requests make one attempt), then all of them. */
    LbEndpoint firstTried;
    LbEndpoint[] tried;

    Router(Simulation sim, UpstreamCluster up, ClusterPod proxyPod, RouteAction.Forward f, String hashKey, ResponseFlag extraFlag,
           HttpRequest request, Tracer trace, Simulation.Sink sink, int hops) {
        this.sim = sim;
        this.started = sim.engine.now();
        this.up = up;
        this.proxyPod = proxyPod;
        this.policy = f == null ? RetryPolicy.NONE : f.retryPolicy();
        Duration t = f == null ? null : f.timeout();
        long total = t == null || t.isZero() ? 0 : t.toNanos();
        long pt = policy.perTryTimeout() == null ? 0 : policy.perTryTimeout().toNanos();
        // Envoy ignores a per-try timeout that is not shorter than the route timeout.
        this.perTry = total > 0 && pt >= total ? 0 : pt;
        this.timeoutNanos = total;
        this.hashKey = hashKey;
        this.request = request;
        this.trace = trace;
        this.sink = sink;
        this.hops = hops;
        this.flags = extraFlag == null ? null : EnumSet.of(extraFlag);
        this.http = f != null;
        this.timeout = total > 0 ? new RouteTimeout(this) : null;
        if (timeout != null) {
            sim.engine.after(total, timeout);
        }
    }

    void begin() {
        if (trace.on()) {
            long pt = policy.perTryTimeout() == null ? 0 : policy.perTryTimeout().toNanos();
            trace.routerTimeouts(timeoutNanos, perTry, pt - perTry);
        }
        attempt();
    }

    /** One attempt: healthy, not ejected hosts; the load balancer; the circuit breaker; the hop. */
    void attempt() {
        backoff = null;
        attempts++;
        Cluster cluster = up.cluster;
        long now = sim.engine.now();
        List<LbEndpoint> healthy = cluster.healthyEndpoints();
        List<LbEndpoint> hosts = healthy;
        if (up.outliers != null) {
            hosts = up.outliers.available(healthy, now);
            trace.outliers(up, healthy, hosts, now);
        }
        if (hosts.isEmpty()) {
            trace.noHealthyHost(cluster);
            finishLocal(sim.replies.envoyReply(cluster.name(), 503, EnvoyBody.NO_HEALTHY_UPSTREAM,
                    ResponseFlag.NO_HEALTHY_UPSTREAM), false);
            return;
        }
        boolean hashed = hashKey != null;
        LbEndpoint endpoint = up.lb.pick(hosts, hashed, hashed ? XxHash64.hash(hashKey) : 0, sim.random, up);
        if (attempts > 1 && policy.retryOtherHosts() && !hashed) {
            // Envoy's previous_hosts predicate: up to 5 selection attempts for a host not tried yet.
            for (int i = 1; i < 5 && triedBefore(endpoint); i++) {
                endpoint = up.lb.pick(hosts, false, 0, sim.random, up);
            }
        }
        remember(endpoint);
        trace.picks(cluster, hashKey, endpoint, attempts);
        UpstreamRequest a = new UpstreamRequest(this, endpoint);
        current = a;
        if (up.breaker.unlimited() || sim.prePool == 0) {
            // Nothing can wait or overflow (or connections are ready at once): ask the pool now.
            a.toPool(sim.overhead);
        } else {
            // The proxy's work on the request before its router asks the pool: the first half of
            // its overhead. Then a new connection's set-up takes the second half.
            sim.engine.after(sim.prePool, a);
        }
    }

    /** The circuit breaker refused the attempt; the 503 reaches the sender after {@code delay} if nothing was sent. */
    void overflow(long delay) {
        trace.clientOverflow(proxyPod, up);
        finishLocal(sim.replies.overflowReply(up.cluster.name()), true, delay);
    }

    private void remember(LbEndpoint e) {
        if (firstTried == null) {
            firstTried = e;
        } else if (!triedBefore(e)) {
            if (tried == null) {
                tried = new LbEndpoint[] {firstTried, e};
            } else {
                LbEndpoint[] t = Arrays.copyOf(tried, tried.length + 1);
                t[tried.length] = e;
                tried = t;
            }
        }
    }

    private boolean triedBefore(LbEndpoint e) {
        return e == firstTried || (tried != null && contains(tried, e));
    }

    private static boolean contains(LbEndpoint[] a, LbEndpoint e) {
        for (LbEndpoint x : a) {
            if (x == e) {
                return true;
            }
        }
        return false;
    }

    /** Outlier detection hears how an attempt ended (a reset as 503, a timeout as 504); returns whether it ejected the host. */
    private boolean recordOutlier(LbEndpoint host, int status) {
        return up.outliers != null && up.outliers.record(host, status, up.cluster.healthyEndpoints().size(), sim.engine.now());
    }

    /** An attempt got an HTTP response (from the app or from a proxy on the way). */
    void onResponse(UpstreamRequest a, Outcome o, boolean overloaded) {
        if (a != current || done) {
            return;
        }
        current = null;
        endRetry();
        boolean ejected = recordOutlier(a.endpoint, o.status());
        RetryState.Decision d = RetryState.onResponse(policy, attempts, o.status(), overloaded);
        trace.attemptAnswered(attempts, a.endpoint, o, overloaded, d, policy);
        if (retried(d, a.endpoint, ejected, 1)) {
            return;
        }
        finish(up.tag(o, sim.replies), overloaded);
    }

    /** An attempt ended without a response. */
    void onReset(UpstreamRequest a, RetryState.Reset reason) {
        if (a != current || done) {
            return;
        }
        current = null;
        endRetry();
        boolean ejected = recordOutlier(a.endpoint, reason == RetryState.Reset.PER_TRY_TIMEOUT ? 504 : 503);
        RetryState.Decision d = RetryState.onReset(policy, attempts, reason);
        trace.attemptReset(attempts, a.endpoint, reason, perTry, d, policy);
        if (retried(d, a.endpoint, ejected, 0)) {
            return;
        }
        finishLocal(sim.replies.resetReply(up.cluster.name(), reason, attempts > 1, transportFailure), false);
    }

    /**
     * After an attempt ended: traces an ejection it caused, then retries when the decision says
     * so (true: a retry is scheduled); retries exhausted on a retriable answer add {@code URX}
     * to the answer that stands (istio-rules §4.7). {@code answering} is 1 when the attempt ended
     * with a response (its request still counts for the retry budget), 0 when it was reset.
     */
    private boolean retried(RetryState.Decision d, LbEndpoint host, boolean ejected, int answering) {
        if (ejected) {
            trace.ejected(up, host);
        }
        if (d == RetryState.Decision.RETRY) {
            return retry(answering);
        }
        if (d == RetryState.Decision.EXHAUSTED) {
            flags = addFlag(flags, ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED);
        }
        return false;
    }

    private void endRetry() {
        if (retryCounted) {
            retryCounted = false;
            up.breaker.retryDone();
        }
    }

    /**
     * Schedules the next attempt after Envoy's jittered exponential backoff; false when the
     * retry budget or maxRetries forbids it (UO added).
     */
    private boolean retry(int answering) {
        if (!up.breaker.tryRetry(answering)) {
            flags = addFlag(flags, ResponseFlag.UPSTREAM_OVERFLOW);
            trace.retryRefused(proxyPod, up, up.breaker.maxRetries(answering));
            return false;
        }
        retryCounted = true;
        long waitMs = RetryState.backoffMs(policy, attempts, sim.random);
        trace.retry(attempts, policy, waitMs, RetryState.backoffCeilingMs(policy, attempts));
        backoff = new Backoff(this);
        sim.engine.after(waitMs * 1_000_000L, backoff);
        return true;
    }

    /** The route timeout fired: the attempt in flight is reset, 504 UT. */
    void onTimeout() {
        if (done) {
            return;
        }
        trace.routeTimeout(timeoutNanos, attempts, current == null ? null : current.endpoint, backoff != null);
        UpstreamRequest a = current;
        current = null;
        if (a != null) {
            a.abandon();
            if (a.sent && recordOutlier(a.endpoint, 504)) {
                trace.ejected(up, a.endpoint);
            }
        }
        if (backoff != null) {
            backoff.cancel();
        }
        endRetry();
        finishLocal(sim.replies.envoyReply(up.cluster.name(), 504, EnvoyBody.UPSTREAM_TIMEOUT,
                ResponseFlag.UPSTREAM_REQUEST_TIMEOUT), false);
    }

    /**
     * A reply made by this proxy, delivered as an event: after the proxy's overhead when no
     * attempt ever left it, at once otherwise (the overhead was paid on the way out).
     */
    void finishLocal(Outcome o, boolean overloaded) {
        finishLocal(o, overloaded, sim.overhead);
    }

    /** As {@link #finishLocal(Outcome, boolean)}, but {@code delay} after now when no attempt left the proxy. */
    void finishLocal(Outcome o, boolean overloaded, long delay) {
        done = true;
        endRetry(); // ~RetryStateImpl: a retry still counted is released when the request ends
        if (timeout != null) {
            timeout.cancel();
        }
        Outcome answer = sim.replies.withFlags(o, flags);
        long after = anySent ? 0 : delay;
        if (sim.hops != null) {
            long end = sim.engine.now() + after;
            sim.hops.hop(proxyPod, Simulation.destination(up.cluster), answer, started, end - started, attempts);
        }
        sim.engine.after(after, new LocalReplies.Delivery(answer, attempts, sink, overloaded));
    }

    private void finish(Outcome o, boolean overloaded) {
        done = true;
        endRetry();
        if (timeout != null) {
            timeout.cancel();
        }
        Outcome answer = sim.replies.withFlags(o, flags);
        if (sim.hops != null) {
            sim.hops.hop(proxyPod, Simulation.destination(up.cluster), answer, started, sim.engine.now() - started, attempts);
        }
        sink.reply(answer, attempts, overloaded);
    }

    @Override
    public void abandon() {
        if (done) {
            return;
        }
        done = true;
        if (timeout != null) {
            timeout.cancel();
        }
        if (backoff != null) {
            backoff.cancel();
        }
        endRetry();
        if (current != null) {
            current.abandon();
            current = null;
        }
        if (sim.hops != null) {
            // The caller gave up (its timeout, its own caller gone): the proxy logs 0 DC for this hop.
            sim.hops.hop(proxyPod, Simulation.destination(up.cluster), sim.replies.withFlag(sim.replies.failure(up.cluster.name(), 0, ""),
                    ResponseFlag.DOWNSTREAM_CONNECTION_TERMINATION), started, sim.engine.now() - started, attempts);
        }
    }

    private static Set<ResponseFlag> addFlag(Set<ResponseFlag> flags, ResponseFlag flag) {
        Set<ResponseFlag> more = flags == null ? EnumSet.noneOf(ResponseFlag.class) : flags;
        more.add(flag);
        return more;
    }

    private static final class RouteTimeout extends Engine.Event {
        final Router router;

        RouteTimeout(Router router) {
            this.router = router;
        }

        @Override
        protected void fire() {
            router.onTimeout();
        }
    }

    private static final class Backoff extends Engine.Event {
        final Router router;

        Backoff(Router router) {
            this.router = router;
        }

        @Override
        protected void fire() {
            if (!router.done) {
                router.attempt();
            }
        }
    }
}
