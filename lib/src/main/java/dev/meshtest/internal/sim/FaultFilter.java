package dev.meshtest.internal.sim;

import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.proxy.Fault;
import dev.meshtest.internal.proxy.HttpRequest;
import dev.meshtest.internal.proxy.ProxyConfig;
import dev.meshtest.internal.proxy.RouteAction;
import dev.meshtest.traffic.EnvoyBody;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;

/**
 * Envoy's fault filter (istio-rules §4.5; {@code source/extensions/filters/http/fault}): it runs
 * before the router, delay first, then the abort check. A delayed request starts its router (and
 * its route timeout) when the delay is over and carries {@code DI}; an abort is a local reply with
 * {@code FI}, never retried.
 *
 * <pre>{@code
 * return FaultFilter.decode(sim, pc, pod, target, forward, picked, request, trace, sink, hops);
 * }</pre>
 */
final class FaultFilter extends Engine.Event implements Simulation.Cancellable {

    private final Simulation sim;
    private final ProxyConfig pc;
    private final ClusterPod proxyPod;
    private final Simulation.Target target;
    private final RouteAction.Forward f;
    private final RouteAction.WeightedCluster picked;
    private final HttpRequest out;
    private final Tracer trace;
    private final Simulation.Sink sink;
    private final int hops;
    /** The CORS filter after this one, or {@code null}. */
    private final CorsFilter cors;
    private Simulation.Cancellable next;

    private FaultFilter(Simulation sim, ProxyConfig pc, ClusterPod proxyPod, Simulation.Target target, RouteAction.Forward f,
                        RouteAction.WeightedCluster picked, HttpRequest out, Tracer trace, Simulation.Sink sink, int hops,
                        CorsFilter cors) {
        this.sim = sim;
        this.pc = pc;
        this.proxyPod = proxyPod;
        this.target = target;
        this.f = f;
        this.picked = picked;
        this.out = out;
        this.trace = trace;
        this.sink = sink;
        this.hops = hops;
        this.cors = cors;
    }

    /** When the delay began: the hop's start ({@link Simulation.HopSink}). */
    private long delayedFrom;

    /**
     * The fault filter on a request whose route has a fault: delay, abort, or on to the CORS filter
     * ({@code cors}, or {@code null}) and the router. An abort never reaches the CORS filter, so its
     * answer has no CORS headers.
     */
    static Simulation.Cancellable decode(Simulation sim, ProxyConfig pc, ClusterPod proxyPod, Simulation.Target target,
                                         RouteAction.Forward f, RouteAction.WeightedCluster picked, HttpRequest out,
                                         Tracer trace, Simulation.Sink sink, int hops, CorsFilter cors) {
        Fault fault = f.fault();
        if (fault.delay() != null) {
            boolean delayed = sim.sampled(fault.delayPercent());
            trace.faultDelay(fault, delayed);
            if (delayed) {
                FaultFilter d = new FaultFilter(sim, pc, proxyPod, target, f, picked, out, trace, sink, hops, cors);
                d.delayedFrom = sim.engine.now();
                sim.engine.after(fault.delay().toNanos(), d);
                return d;
            }
        }
        if (aborts(sim, fault, trace)) {
            Outcome abort = sim.replies.envoyReply("", fault.abortHttpStatus(), EnvoyBody.FAULT_ABORT, ResponseFlag.FAULT_INJECTED);
            if (sim.hops != null) {
                long now = sim.engine.now();
                sim.hops.hop(proxyPod, sim.destination(pc, picked), abort, now, sim.overhead, 0);
            }
            return sim.localReply(abort, 0, sink, sim.overhead);
        }
        return sim.route(pc, proxyPod, target, f, picked, out, trace, sink, hops, false, cors);
    }

    private static boolean aborts(Simulation sim, Fault fault, Tracer trace) {
        if (fault.abortHttpStatus() == null) {
            return false;
        }
        boolean aborted = sim.sampled(fault.abortPercent());
        trace.faultAbort(fault, aborted);
        return aborted;
    }

    /** The delay is over: the abort check, then the router. */
    @Override
    protected void fire() {
        if (aborts(sim, f.fault(), trace)) {
            Outcome abort = sim.replies.envoyReply("", f.fault().abortHttpStatus(), EnvoyBody.FAULT_ABORT,
                    ResponseFlag.DELAY_INJECTED, ResponseFlag.FAULT_INJECTED);
            if (sim.hops != null) {
                sim.hops.hop(proxyPod, sim.destination(pc, picked), abort, delayedFrom, sim.engine.now() - delayedFrom, 0);
            }
            sink.reply(abort, 0, false);
            return;
        }
        next = sim.route(pc, proxyPod, target, f, picked, out, trace, sink, hops, true, cors);
        if (next instanceof Router r) {
            r.started = delayedFrom;   // the hop began before the delay
        }
    }

    @Override
    public void abandon() {
        if (next != null) {
            next.abandon();
        } else {
            super.cancel();
            if (sim.hops != null) {
                // The caller gave up during the delay: the proxy logs 0 DI,DC.
                Outcome gone = sim.replies.withFlags(sim.replies.failure("", 0, ""),
                        java.util.EnumSet.of(ResponseFlag.DELAY_INJECTED, ResponseFlag.DOWNSTREAM_CONNECTION_TERMINATION));
                sim.hops.hop(proxyPod, sim.destination(pc, picked), gone, delayedFrom, sim.engine.now() - delayedFrom, 0);
            }
        }
    }
}
