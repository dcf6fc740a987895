package dev.meshtest.internal.sim;

import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ProxyKind;
import dev.meshtest.internal.proxy.FilterChain;
import dev.meshtest.internal.proxy.HttpRequest;
import dev.meshtest.internal.proxy.LbEndpoint;
import dev.meshtest.internal.proxy.Listener;
import dev.meshtest.internal.proxy.MutualTlsMode;
import dev.meshtest.internal.proxy.PathNormalizer;
import dev.meshtest.internal.proxy.ProxyConfig;
import dev.meshtest.internal.proxy.RouteAction;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;

/**
 * A request on the network to one endpoint (a router's attempt travels as its
 * {@link UpstreamRequest} itself, which calls {@link #arrive}). When it arrives: a host outside
 * the cluster answers; a gateway pod routes it again as a client through its listener for the
 * port (istio-rules §7.5, no listener: the connection is refused, §7.1); any other pod serves it
 * ({@link InboundServer}). It passes the answer back and passes a reset on.
 *
 * <pre>{@code
 * sim.engine.after(delay, new Hop(sim, client, null, endpoint, "", request, trace, 0, sink, false));
 * }</pre>
 */
final class Hop extends Engine.Event implements Simulation.Cancellable {
    private final Simulation sim;
    private final ClusterPod from;
    private final UpstreamRequest attempt;
    private final LbEndpoint endpoint;
    private final String cluster;
    private final HttpRequest request;
    private final Tracer trace;
    private final int hops;
    private final Simulation.Sink sink;
    /** Whether the sender speaks Istio mutual TLS on this connection (a headless service's ORIGINAL_DST cluster). */
    private final boolean mutualTls;
    /** The connection's source address as the receiver sees it: the sender's pod IP, or what kube-proxy left of an outside client's. */
    private final String peer;
    private Simulation.Cancellable downstream;

    /**
     * A request from a pod.
     *
     * @param from the pod that sends
     * @param attempt the router's attempt this hop carries, or {@code null} (kube-proxy)
     * @param cluster the cluster name the answer is tagged with when it has none ({@code ""} for none)
     * @param mutualTls whether the sender speaks Istio mutual TLS on this connection
     */
    Hop(Simulation sim, ClusterPod from, UpstreamRequest attempt, LbEndpoint endpoint, String cluster, HttpRequest request,
        Tracer trace, int hops, Simulation.Sink sink, boolean mutualTls) {
        this(sim, from, from.ip(), attempt, endpoint, cluster, request, trace, hops, sink, mutualTls);
    }

    /** A request from outside the cluster, arriving from {@code peer} (see {@code TrafficRunner}'s outside client). */
    Hop(Simulation sim, String peer, LbEndpoint endpoint, HttpRequest request, Tracer trace, Simulation.Sink sink) {
        this(sim, null, peer, null, endpoint, "", request, trace, 0, sink, false);
    }

    private Hop(Simulation sim, ClusterPod from, String peer, UpstreamRequest attempt, LbEndpoint endpoint, String cluster,
                HttpRequest request, Tracer trace, int hops, Simulation.Sink sink, boolean mutualTls) {
        this.peer = peer;
        this.sim = sim;
        this.from = from;
        this.attempt = attempt;
        this.endpoint = endpoint;
        this.cluster = cluster;
        this.request = request;
        this.trace = trace;
        this.hops = hops;
        this.sink = sink;
        this.mutualTls = mutualTls;
    }

    @Override
    protected void fire() {
        downstream = arrive(sim, from, peer, attempt, endpoint, cluster, request, trace, hops, sink, mutualTls);
    }

    /**
     * The request reaches {@code endpoint}: what it does there. Returns what now serves it, to
     * reset when the sender gives up, or {@code null} when it was answered on arrival.
     *
     * @param from the sending pod, or {@code null} from outside the cluster
     * @param peer the connection's source address as the receiver sees it
     * @param attempt the router's attempt the request is, or {@code null}
     */
    static Simulation.Cancellable arrive(Simulation sim, ClusterPod from, String peer, UpstreamRequest attempt, LbEndpoint endpoint,
                                         String cluster, HttpRequest request, Tracer trace, int hops, Simulation.Sink sink,
                                         boolean mutualTls) {
        ClusterPod pod = endpoint.pod();
        if (pod != null && sim.pushes != null) {
            // Proxies take versions one by one: the pod goes on with its own proxy's version.
            Simulation there = sim.at(pod);
            if (there == null) {
                // A stale endpoint (the sender's proxy has not yet heard the pod is gone): nothing listens there.
                trace.staleEndpoint(pod, endpoint.port());
                sink.reply(refused(sim, from, attempt, cluster, endpoint), 1, false);
                return null;
            }
            if (there != sim) {
                ClusterPod p = there.same(pod);
                return arrive(there, from, peer, attempt, new LbEndpoint(endpoint.ip(), endpoint.port(), p, p.labels(), p.ready(),
                        endpoint.istioTlsMode()),
                        cluster, request, trace, hops, sink, mutualTls);
            }
        }
        // The connection first (docs/security.md): whoever does not speak the client's protocol ends it here.
        InboundServer server = pod != null && pod.proxy() == ProxyKind.SIDECAR ? sim.server(pod) : null;
        MutualTlsMode mode = server == null ? null : server.mutualTls(endpoint.port());
        if (mutualTls && pod != null && pod.proxy() == ProxyKind.GATEWAY && attempt != null) {
            // A gateway takes Istio mutual TLS only on an ISTIO_MUTUAL server's chain for the name sent (enterGateway).
            return enterGateway(sim, from, peer, attempt, endpoint, cluster, request, trace, hops, sink, attempt.mutualTlsSni());
        }
        if (mutualTls && (mode == null || !mode.acceptsMutualTls())) {
            // A plain-text server (no sidecar, a gateway's HTTP port, a host outside, a DISABLE
            // sidecar) answers the ClientHello with plain text: the client's handshake fails.
            trace.transport(pod, endpoint, true, mode, false, null);
            // Without a router (an ORIGINAL_DST cluster's way), the default retries are spent alike: UF,URX.
            sink.reply(attempt != null ? LocalReplies.TLS_HANDSHAKE_FAILED : sim.replies.withFlag(sim.replies.resetReply(cluster,
                    RetryState.Reset.TLS_FAILURE, true), ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED), 1, false);
            return null;
        }
        if (!mutualTls && mode != null && !mode.acceptsPlaintext()) {
            // STRICT: no filter chain matches plain text, and the sidecar closes the connection.
            trace.transport(pod, endpoint, false, mode, false, null);
            Outcome closed = attempt != null ? LocalReplies.CONNECTION_TERMINATED
                    : from == null || from.proxy() == ProxyKind.NONE ? sim.replies.failure(cluster, 0, LocalReplies.RESET_BY_PEER)
                    : sim.replies.resetReply(cluster, RetryState.Reset.CONNECTION_TERMINATION, false);
            sink.reply(closed, 1, false);
            return null;
        }
        // The client's certificate identity, which the server's sidecar checks and passes on.
        String peerIdentity = mutualTls ? sim.identity(from) : null;
        if (mode != null) {
            trace.transport(pod, endpoint, mutualTls, mode, true, peerIdentity);
        }
        if (pod == null) {
            sink.reply(outside(sim, endpoint, cluster, request, trace), 1, false);
            return null;
        }
        if (pod.proxy() == ProxyKind.GATEWAY) {
            return enterGateway(sim, from, peer, attempt, endpoint, cluster, request, trace, hops, sink, null);
        }
        return (server != null ? server : sim.server(pod)).serve(endpoint.port(), request, trace, hops, sink,
                peerIdentity, peer);
    }

    /**
     * Nothing listens at the endpoint: a router's attempt sees the connection reset (and may retry),
     * curl without a sidecar its refusal, kube-proxy's way through a sidecar Envoy's connect failure.
     */
    private static Outcome refused(Simulation sim, ClusterPod from, UpstreamRequest attempt, String cluster, LbEndpoint endpoint) {
        return attempt != null ? LocalReplies.CONNECT_RESET
                : from == null || from.proxy() == ProxyKind.NONE
                ? sim.replies.failure(cluster, 0, LocalReplies.refused(endpoint.ip(), endpoint.port()))
                : sim.replies.connectFailureRetried(cluster);
    }

    /** A host outside the cluster answers ({@link OutsideHosts#refuses}), else 200. */
    private static Outcome outside(Simulation sim, LbEndpoint endpoint, String cluster, HttpRequest request, Tracer trace) {
        Outcome refused = OutsideHosts.refuses(sim, endpoint.address(), endpoint.port(), cluster, request, trace);
        if (refused != null) {
            return refused;
        }
        trace.reachesOutside(endpoint);
        return sim.replies.failure(cluster, 200, "");
    }

    /** A gateway pod: its listener for the port routes the request again, as a client. */
    private static Simulation.Cancellable enterGateway(Simulation sim, ClusterPod from, String peer, UpstreamRequest attempt,
                                                       LbEndpoint endpoint, String cluster, HttpRequest request, Tracer trace,
                                                       int hops, Simulation.Sink sink, String mutualTlsSni) {
        ClusterPod pod = endpoint.pod();
        if (hops >= Simulation.MAX_HOPS) {
            sink.reply(sim.replies.envoyReply(cluster, 508, "meshtest: the request passed " + Simulation.MAX_HOPS
                    + " gateways, a routing loop"), 1, false);
            return null;
        }
        ProxyConfig gw = sim.configs.of(pod);
        Listener l = gw.listener(pod.ip(), endpoint.port());
        if (l == null) {
            // No Gateway server on this port: nothing listens (istio-rules §7.1).
            trace.gatewayNoListener(pod, endpoint.port());
            sink.reply(refused(sim, from, attempt, cluster, endpoint), 1, false);
            return null;
        }
        String routeConfig = l.routeConfigName();
        if (mutualTlsSni != null) {
            // Istio mutual TLS from a proxy (a DestinationRule's ISTIO_MUTUAL): only an ISTIO_MUTUAL server's
            // chain for the name it sends terminates it; its route configuration routes what is inside.
            FilterChain chain = l.filterChain(mutualTlsSni).orElse(null);
            if (chain != null && chain.autoPassthrough()) {
                String dnat = chain.tcpRoute().clusters().get(0).name();
                trace.tls(pod, "filter chain SNI " + mutualTlsSni + " (AUTO_PASSTHROUGH) forwards the mutual TLS of "
                        + sim.identity(from) + " undecrypted to cluster " + dnat);
                return sim.passMutualTls(pod, from, new Simulation.Target(pod.ip(), endpoint.port()), dnat, gw.cluster(dnat),
                        request, trace, (o, a, ov) -> sink.reply(sim.replies.withClusterIfEmpty(o, cluster), 1, ov), hops + 1);
            }
            if (chain == null || chain.tls() == null || chain.tls().mode() != dev.meshtest.internal.proxy.DownstreamTls.Mode.ISTIO_MUTUAL) {
                trace.tls(pod, "Istio mutual TLS with server name " + mutualTlsSni + " finds no ISTIO_MUTUAL filter chain on "
                        + "listener " + l.name() + ": the handshake fails");
                sink.reply(LocalReplies.TLS_HANDSHAKE_FAILED, 1, false);
                return null;
            }
            trace.tls(pod, "filter chain SNI " + String.join(",", chain.serverNames()) + " (route " + chain.routeConfigName()
                    + ") terminates Istio mutual TLS from " + sim.identity(from));
            if (chain.proxiesTcp()) {
                return proxyTcp(sim, gw, pod, endpoint, chain, cluster, request, trace, hops, sink);
            }
            routeConfig = chain.routeConfigName();
        }
        // The client's TLS first: the filter chain its server name picks, and the handshake (TlsHandshake).
        if (mutualTlsSni == null && request.rawTcp() && l.protocol() != Listener.Protocol.TCP) {
            // A TCP connection that is not HTTP: only a passthrough chain for any name takes it; an HTTP
            // connection manager cannot read it and closes it.
            FilterChain chain = l.filterChain(null).filter(FilterChain::passthrough).orElse(null);
            if (chain == null) {
                trace.tls(pod, "listener " + l.name() + " reads HTTP (or TLS) only: the gateway closes the TCP connection");
                sink.reply(sim.replies.failure(cluster, 0, LocalReplies.EMPTY_REPLY), 1, false);
                return null;
            }
            return proxyTcp(sim, gw, pod, endpoint, chain, cluster, request, trace, hops, sink);
        }
        if (mutualTlsSni == null && l.protocol() != Listener.Protocol.TCP && (request.tls() != null || l.terminatesTls())) {
            String failure;
            FilterChain chain;
            if (request.tls() != null) {
                TlsHandshake.Result r = sim.handshake(l, request.tls());
                trace.tls(pod, r.line());
                failure = r.failure();
                chain = r.chain();
            } else {
                // Plain text on a port whose servers use TLS: only a chain that does not terminate it takes it.
                chain = l.filterChain(null).filter(c -> c.tls() == null).orElse(null);
                failure = chain != null ? null : TlsHandshake.EMPTY_REPLY;
                trace.tls(pod, chain != null ? "plain text goes to the chain for any server name that does not terminate TLS"
                        : "plain text on listener " + l.name() + ", whose chains all terminate TLS or match server names: "
                        + "Envoy closes the connection");
            }
            if (failure != null) {
                sink.reply(sim.replies.failure(cluster, 0, failure), 1, false);
                return null;
            }
            if (chain.passthrough()) {
                return proxyTcp(sim, gw, pod, endpoint, chain, cluster, request, trace, hops, sink);
            }
            request = request.withoutTls();
            if (chain.proxiesTcp()) {
                // A TLS server that terminated: what is inside goes on in plain text by its tcp route.
                return proxyTcp(sim, gw, pod, endpoint, chain, cluster, request, trace, hops, sink);
            }
            routeConfig = chain.routeConfigName();
        }
        if (l.protocol() == Listener.Protocol.TCP) {
            // A TCP server's listener: a TCP proxy, no HTTP connection manager (the connection passes as it is).
            return sim.outbound(gw, pod, new Simulation.Target(pod.ip(), endpoint.port()), null, request, trace,
                    (o, a, ov) -> sink.reply(sim.replies.withClusterIfEmpty(o, cluster), 1, ov), hops + 1);
        }
        // The gateway's HTTP connection manager: x-forwarded-for (it trusts its numTrustedProxies and
        // appends its peer), path normalization, then its security filters, then routing.
        String remote = sim.forwardedFor(pod, peer, request);
        request = sim.withForwardedFor(request, peer);
        String normal = PathNormalizer.normalize(request.path(), sim.configs.pathNormalization());
        if (normal != null) {
            Simulation.Admission admitted = sim.admit(pod, null, peer, remote, endpoint.port(),
                    normal.equals(request.path()) ? request : request.withPath(normal), trace);
            if (admitted.denied() != null) {
                sink.reply(sim.replies.withClusterIfEmpty(sim.replies.served(admitted.denied(), LocalReplies.ISTIO_ENVOY), cluster),
                        1, false);
                return null;
            }
            if (admitted.request() != null && admitted.request().headers() != request.headers()) {
                // jwt_authn took the token out, or added payload or claim headers: the gateway routes what goes on.
                request = new HttpRequest(request.method(), request.scheme(), request.authority(), request.path(),
                        request.queryString(), admitted.request().headers());
            }
        }
        return sim.outbound(gw, pod, new Simulation.Target(pod.ip(), endpoint.port()), routeConfig, request, trace,
                (o, a, ov) -> sink.reply(sim.replies.withClusterIfEmpty(o, cluster), 1, ov), hops + 1);
    }

    /** A passthrough chain's TCP proxy: the connection, TLS and all, to one of its route's clusters, picked by weight. */
    private static Simulation.Cancellable proxyTcp(Simulation sim, ProxyConfig gw, ClusterPod pod, LbEndpoint endpoint, FilterChain chain,
                                                   String cluster, HttpRequest request, Tracer trace, int hops, Simulation.Sink sink) {
        RouteAction.WeightedCluster picked = sim.pickWeighted(chain.tcpRoute(), trace);
        return sim.toCluster(pod, new Simulation.Target(pod.ip(), endpoint.port()), picked.name(), gw.cluster(picked.name()),
                null, null, request, trace, (o, a, ov) -> sink.reply(sim.replies.withClusterIfEmpty(o, cluster), 1, ov), hops + 1);
    }

    /** The sender reset the stream: whatever serves it is told. */
    @Override
    public void abandon() {
        if (downstream != null) {
            downstream.abandon();
        } else {
            super.cancel();
        }
    }
}
