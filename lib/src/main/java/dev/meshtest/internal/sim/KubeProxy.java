package dev.meshtest.internal.sim;

import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterService;
import dev.meshtest.internal.cluster.Endpoint;
import dev.meshtest.internal.proxy.HttpRequest;
import dev.meshtest.internal.proxy.LbEndpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-proxy (istio-rules §1.5): a ClusterIP:port goes to a uniformly random ready endpoint of
 * that Service, or to the endpoint a client is pinned to by {@code sessionAffinity: ClientIP}
 * until it has been idle for the affinity timeout; a pod IP goes to that pod; a Service with no
 * ready endpoint refuses the connection; an address outside the cluster answers. It reads the
 * cluster as it is now ({@link Simulation#worldState()}): kube-proxy takes a change at once, while
 * the sending proxy may still route with an older version.
 *
 * <pre>{@code
 * sim.kubeProxy.forward(client, new Simulation.Target("10.96.0.12", 5000), request, Tracer.NONE, sink, 0, 0, false);
 * }</pre>
 */
final class KubeProxy {

    private final Simulation sim;

    KubeProxy(Simulation sim) {
        this.sim = sim;
    }

    /**
     * Forwards a request dialled at {@code target}.
     *
     * @param senderOverhead the overhead of the proxy that sends (0 for a client without one)
     * @param mutualTls whether the sending proxy speaks Istio mutual TLS (an ORIGINAL_DST cluster's transport socket)
     */
    Simulation.Cancellable forward(ClusterPod client, Simulation.Target target, HttpRequest request, Tracer trace,
                                   Simulation.Sink sink, int hops, long senderOverhead, boolean mutualTls) {
        if (target.ip() == null) {
            return sim.localReply(sim.leavesCluster(request.authority(), target.port(), "", request, trace), 1, sink, senderOverhead);
        }
        ClusterService svc = sim.worldState().serviceByIp(target.ip()).orElse(null);
        LbEndpoint to;
        if (svc != null) {
            to = toEndpoint(svc, target, client, trace);
            if (to == null) {
                return sim.localReply(sim.replies.failure("", 0, LocalReplies.refused(target.ip(), target.port())), 1, sink,
                        senderOverhead);
            }
        } else {
            ClusterPod p = sim.worldState().podByIp(target.ip()).orElse(null);
            if (p == null) {
                return sim.localReply(sim.leavesCluster(target.ip() + ":" + target.port(), target.port(), "", request, trace), 1,
                        sink, senderOverhead);
            }
            to = new LbEndpoint(p.ip(), target.port(), p, p.labels(), p.ready());
        }
        Hop hop = new Hop(sim, client, null, to, "", request, trace, hops, sink, mutualTls);
        sim.engine.after(senderOverhead + sim.receiverOverhead(to.pod()), hop);
        return hop;
    }

    /**
     * A proxy's DNS endpoint (a ServiceEntry with {@code resolution: DNS} and no endpoints) whose
     * name is a ClusterIP Service's: Envoy resolves it to the ClusterIP and connects there, and
     * kube-proxy sends the connection to one of the Service's ready endpoints. {@code null} when
     * the Service has none (the connection is refused); {@code endpoint} itself when the name is
     * not a ClusterIP Service's (a host outside the cluster).
     */
    LbEndpoint resolve(ClusterPod client, LbEndpoint endpoint, Tracer trace) {
        ClusterService svc = sim.worldState().serviceByFqdn(endpoint.ip()).orElse(null);
        if (svc == null || svc.headless() || svc.clusterIp() == null) {
            return endpoint;
        }
        return toEndpoint(svc, new Simulation.Target(svc.clusterIp(), endpoint.port()), client, trace);
    }

    /** The ready endpoint of {@code svc} kube-proxy sends a connection to {@code target} to, or {@code null}: none is ready. */
    private LbEndpoint toEndpoint(ClusterService svc, Simulation.Target target, ClusterPod client, Tracer trace) {
        List<Endpoint> ready = new ArrayList<>();
        for (Endpoint e : sim.worldState().endpoints(svc, target.port())) {
            if (e.ready()) {
                ready.add(e);
            }
        }
        if (ready.isEmpty()) {
            trace.kubeProxyNoEndpoint(svc, target.port());
            return null;
        }
        Endpoint e = pick(svc, target, client, ready, trace);
        return new LbEndpoint(e.ip(), e.port(), e.pod(), e.podLabels(), true);
    }

    /** A random ready endpoint, or the one this client is pinned to (sessionAffinity ClientIP). */
    private Endpoint pick(ClusterService svc, Simulation.Target target, ClusterPod client, List<Endpoint> ready, Tracer trace) {
        long now = sim.engine.now();
        String sticky = "ClientIP".equals(svc.sessionAffinity()) && client != null
                ? svc.namespace() + "/" + svc.name() + ":" + target.port() + "|" + client.ip() : null;
        DataPlane.Affinity a = sticky == null ? null : sim.plane.affinity(sticky, false);
        // kube-proxy keeps a client on the pod it picked until the client has sent nothing for
        // sessionAffinityConfig.clientIP.timeoutSeconds.
        Endpoint pinned = a != null && now - a.lastUsed <= svc.affinityTimeoutSeconds() * 1_000_000_000L ? a.endpoint : null;
        Endpoint e;
        if (pinned != null && ready.contains(pinned)) {
            e = pinned;
        } else {
            e = ready.get(sim.random.nextInt(ready.size()));
            if (sticky != null) {
                a = sim.plane.affinity(sticky, true);
                a.endpoint = e;
            }
        }
        if (a != null) {
            a.lastUsed = now;
        }
        trace.kubeProxyPicks(svc, e, pinned == e);
        return e;
    }
}
