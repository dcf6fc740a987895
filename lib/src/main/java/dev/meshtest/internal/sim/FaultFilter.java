package dev.meshtest.internal.sim;

import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.proxy.Fault;
import dev.meshtest.internal.proxy.HttpRequest;
import dev.meshtest.internal.proxy.ProxyConfig;
import dev.meshtest.internal.proxy.RouteAction;
import dev.meshtest.traffic.EnvoyBody;
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
    private Simulation.Cancellable next;

    private FaultFilter(Simulation sim, ProxyConfig pc, ClusterPod proxyPod, Simulation.Target target, RouteAction.Forward f,
                        RouteAction.WeightedCluster picked, HttpRequest out, Tracer trace, Simulation.Sink sink, int hops) {
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
    }

    /** The fault filter on a request whose route has a fault: delay, abort, or on to the router. */
    static Simulation.Cancellable decode(Simulation sim, ProxyConfig pc, ClusterPod proxyPod, Simulation.Target target,
                                         RouteAction.Forward f, RouteAction.WeightedCluster picked, HttpRequest out,
                                         Tracer trace, Simulation.Sink sink, int hops) {
        Fault fault = f.fault();
        if (fault.delay() != null) {
            boolean delayed = sim.sampled(fault.delayPercent());
            trace.faultDelay(fault, delayed);
            if (delayed) {
                FaultFilter d = new FaultFilter(sim, pc, proxyPod, target, f, picked, out, trace, sink, hops);
                sim.engine.after(fault.delay().toNanos(), d);
                return d;
            }
        }
        if (aborts(sim, fault, trace)) {
            return sim.localReply(sim.replies.envoyReply("", fault.abortHttpStatus(), EnvoyBody.FAULT_ABORT,
                    ResponseFlag.FAULT_INJECTED), 0, sink, sim.overhead);
        }
        return sim.route(pc, proxyPod, target, f, picked, out, trace, sink, hops, false);
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
            sink.reply(sim.replies.envoyReply("", f.fault().abortHttpStatus(), EnvoyBody.FAULT_ABORT,
                    ResponseFlag.DELAY_INJECTED, ResponseFlag.FAULT_INJECTED), 0, false);
            return;
        }
        next = sim.route(pc, proxyPod, target, f, picked, out, trace, sink, hops, true);
    }

    @Override
    public void abandon() {
        if (next != null) {
            next.abandon();
        } else {
            super.cancel();
        }
    }
}
