package dev.meshtest.internal.sim;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.app.App;
import dev.meshtest.config.istio.PathNormalization;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.PodDns;
import dev.meshtest.internal.cluster.ProxyKind;
import dev.meshtest.internal.proxy.Cluster;
import dev.meshtest.internal.proxy.Fault;
import dev.meshtest.internal.proxy.ForwardedFor;
import dev.meshtest.internal.proxy.HashPolicy;
import dev.meshtest.internal.proxy.HeaderMutation;
import dev.meshtest.internal.proxy.HttpRequest;
import dev.meshtest.internal.proxy.JwtAuthentication;
import dev.meshtest.internal.proxy.LbEndpoint;
import dev.meshtest.internal.proxy.Listener;
import dev.meshtest.internal.proxy.MeshSettings;
import dev.meshtest.internal.proxy.Mirror;
import dev.meshtest.internal.proxy.PathNormalizer;
import dev.meshtest.internal.proxy.ProxyConfig;
import dev.meshtest.internal.proxy.ProxyConfigs;
import dev.meshtest.internal.proxy.Rbac;
import dev.meshtest.internal.proxy.RetryPolicy;
import dev.meshtest.internal.proxy.Route;
import dev.meshtest.internal.proxy.RouteAction;
import dev.meshtest.internal.proxy.RouteConfiguration;
import dev.meshtest.internal.proxy.VirtualHost;
import dev.meshtest.traffic.Decision;
import dev.meshtest.traffic.EnvoyBody;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The data plane on a virtual clock: carries requests from client pods (or from outside the
 * cluster, through a gateway) to the pods that answer, as kube-proxy and the Envoy proxies would
 * (istio-rules §0), with time, load and resilience. This class is the entry and the proxy's HTTP
 * connection manager; each later step has a file of its own (docs/architecture.md, "The engine").
 *
 * <p>One request's way, each step an instant or an {@link Engine} event:
 * <ol>
 *   <li>client without a sidecar: {@link KubeProxy} picks a ready endpoint (istio-rules §1.5);</li>
 *   <li>client sidecar (or gateway), here: listener, virtual host, route (istio-rules §2, §4.1);
 *       a redirect, a direct response or no route is a local reply; else the fault filter
 *       ({@link FaultFilter}, istio-rules §4.5), the weighted pick (§4.3) and mirrors (§4.8);</li>
 *   <li>the {@link Router}: route timeout (§4.6), attempts, retries ({@link RetryState}, §4.7),
 *       outlier-ejected hosts out (§6.7), the load balancer (§6.4); each attempt an
 *       {@link UpstreamRequest} through the client circuit breaker (§6.5);</li>
 *   <li>the {@link Hop} to the endpoint: a gateway routes again as a client (§7.5); a pod is an
 *       {@link InboundServer}: inbound circuit breaker (§6.6) and the {@link App};</li>
 *   <li>the answer returns through every proxy on the way at no cost; each router decides on
 *       retries and outlier detection as it passes.</li>
 * </ol>
 *
 * <p>A route's destination is a cluster name, and the request goes to that cluster's endpoints,
 * so a VirtualService is applied once, by the proxy that sends (istio-rules §3). Routing is
 * stateless over (this configuration version, the {@link DataPlane}, its clock): what the proxies
 * remember lives in the data plane, which outlives the version. Every random pick comes from the
 * data plane's one seeded stream and events are ordered by (time, sequence), so a seed gives the
 * same outcomes and latencies on every run. Not thread-safe.
 *
 * <p>Every decision goes to a {@link Tracer}: {@link Tracer#NONE} for a send, a
 * {@link TraceRecorder} for an explanation, so the path of a send builds no strings.
 *
 * <pre>{@code
 * Simulation sim = new Simulation(ProxyConfigs.of(state, MeshSettings.DEFAULT), new SeededRandom(42));
 * sim.start(nginx, new Simulation.Target("10.96.0.12", 5000), request, null,
 *         (outcome, attempts, overloaded) -> { ... });   // the sink hears the answer when the clock gets there
 * sim.engine().run();                                   // runs until nothing is in flight
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class Simulation {

    /** The default overhead of one Envoy on a request's way (see docs/resilience.md). */
    public static final Duration DEFAULT_SIDECAR_OVERHEAD = Duration.ofNanos(500_000);
    /** How many gateways (or app calls) a request may pass before meshtest calls it a loop. */
    static final int MAX_HOPS = 8;

    /**
     * Where a request is sent: the address dialled (a ClusterIP, a pod IP, or {@code null} for a
     * name outside the cluster) and the port.
     */
    public record Target(String ip, int port) {
    }

    /**
     * Receives the answer to a request started with {@link #start}: the outcome, how many upstream
     * attempts the first proxy's router made (0 for a local reply before the router, 1 without
     * a sidecar), and whether the answer carries {@code x-envoy-overloaded}.
     */
    @FunctionalInterface
    public interface Sink {
        void reply(Outcome outcome, int attempts, boolean overloaded);
    }

    /**
     * Hears every hop a proxy ends once it has a route to a cluster: the proxy that sent it, the
     * service it went to (the cluster's host, or its name when it has none), the answer it passed
     * back (with its flags: a fault's abort, a router's answer, {@code 0 DC} when its caller gave
     * up), when it started and how long it took, and the router's attempts. The send's call graph
     * is made from these (Kiali's edges, {@code TrafficResult.edges()}).
     */
    @FunctionalInterface
    public interface HopSink {
        void hop(ClusterPod proxy, String destination, Outcome outcome, long startNanos, long latencyNanos, int attempts);
    }

    /** A cluster as an edge of the call graph names it: its host, or its name when it has none. */
    static String destination(Cluster cluster) {
        return cluster.host() != null ? cluster.host() : cluster.name();
    }

    /** Where hops are reported, or {@code null}: nobody listens, and routers report nothing. */
    HopSink hops;

    /** Reports every hop a proxy ends to {@code sink} ({@code null}: none) from now on. */
    public void reportHops(HopSink sink) {
        this.hops = sink;
    }

    /**
     * Hears every route a proxy matches: the route (its VirtualService, rule and match) and the
     * index of the rule's destination the weighted pick chose ({@code -1}: a redirect or direct
     * response). Route coverage is made from these.
     */
    @FunctionalInterface
    public interface RouteSink {
        void matched(Route route, int destination);
    }

    /** Where matched routes are reported, or {@code null}. */
    RouteSink routes;

    /** Reports every route a proxy matches to {@code sink} ({@code null}: none) from now on. */
    public void reportRoutes(RouteSink sink) {
        this.routes = sink;
    }

    /** Lets an app resolve a URL it calls (DNS from its pod, Host header), as curl would. */
    @FunctionalInterface
    public interface Dialer {
        /** The target and request for {@code url} from {@code pod}, or a failure outcome when the name does not resolve. */
        Dialed dial(ClusterPod pod, String url);
    }

    /**
     * A resolved call.
     *
     * @param target where to send, or {@code null} when {@code failure} is set
     * @param request the request (method GET, Host from the URL)
     * @param failure the outcome when the URL cannot be dialled, else {@code null}
     * @param dns DNS's answer for the URL's host, when it has several addresses (a headless
     *            Service's ready pods) of which each call dials one; else {@code null}
     */
    public record Dialed(Target target, HttpRequest request, Outcome failure, PodDns.Answer dns) {

        /** A call with one address, or a failure. */
        public Dialed(Target target, HttpRequest request, Outcome failure) {
            this(target, request, failure, null);
        }
    }

    /** Something in flight that can be abandoned: its downstream gave up. */
    interface Cancellable {
        void abandon();
    }

    /** The mirror copies' sink when nothing is traced: their answers are dropped. */
    private static final Sink DROP = (o, a, ov) -> { };

    final ProxyConfigs configs;
    final ClusterState state;
    /** When proxies take versions one by one: which version each routes with; {@code null}: this one, everywhere. */
    ConfigPushes pushes;
    final DataPlane plane;
    final SeededRandom random;
    final Engine engine;
    final Function<ClusterPod, App> apps;
    final Dialer dialer;
    /** {@link #dial}'s answers, by calling pod and URL. */
    private final Map<ClusterPod, Map<String, Dialed>> dialed = new IdentityHashMap<>();
    /** What one Envoy adds to a request's way. */
    final long overhead;
    /**
     * The part of a sending proxy's overhead before its router asks the connection pool (the
     * first half); the second half is the request's way out on a ready connection, or the set-up
     * of a new one (docs/resilience.md, "Circuit breakers").
     */
    final long prePool;
    final LocalReplies replies = new LocalReplies();
    /** MeshConfig's {@code pathNormalization}, and the last request {@link #normalizePath} saw with its answer. */
    private final PathNormalization.Normalization pathNormalization;
    private HttpRequest lastPathIn;
    private HttpRequest lastPathOut;
    /** The last path normalized, by reference, and its normal form ({@code null}: rejected). */
    private String lastPath;
    private String lastNormalized;
    final KubeProxy kubeProxy = new KubeProxy(this);
    /** This version's clusters (one object per proxy and cluster) to their state in the data plane. */
    private final IdentityTable<Cluster, UpstreamCluster> upstreams = new IdentityTable<>();
    private final IdentityTable<ClusterPod, InboundServer> servers = new IdentityTable<>();
    private final IdentityMemo<ClusterPod, InboundServer> recentServers = new IdentityMemo<>();
    private final IdentityTable<ClusterPod, String> identities = new IdentityTable<>();
    /** The proxy configuration of each client pod, as {@link ProxyConfigs#of} gives it. */
    private final IdentityTable<ClusterPod, ProxyConfig> clientConfigs = new IdentityTable<>();
    /**
     * Per proxy, the last HTTP listener, route configuration and virtual host it chose, for an
     * address, port and Host header (compared by reference): most requests of a send take the same
     * way, and a request through several proxies (bookinfo) keeps one memo at each.
     */
    private final IdentityTable<ProxyConfig, Seen> seen = new IdentityTable<>();

    /** One proxy's memo, overwritten in place when the way changes. */
    private static final class Seen {
        String ip;
        int port = -1;
        String authority;
        Listener listener;
        RouteConfiguration rc;
        VirtualHost vh;
        /** The route configuration a TLS filter chain chose, or {@code null}: the listener's. */
        String routeConfig;
        /**
         * The last request routed and the route {@code routedHost} picked for it: a route's match is
         * a function of the request alone, and a send's requests are mostly one object.
         */
        HttpRequest routed;
        VirtualHost routedHost;
        Route route;
    }

    /** The data plane's snapshot generation the caches above hold state objects of. */
    private long generation = -1;

    /** A simulation with a data plane of its own, default apps and the default sidecar overhead. */
    public Simulation(ProxyConfigs configs, SeededRandom random) {
        this(configs, new DataPlane(random, DEFAULT_SIDECAR_OVERHEAD),
                p -> PodApps.forPod(p, p.namespace() + "/" + p.name()), null);
    }

    /**
     * Routing with one configuration version over a data plane that outlives it: the data plane
     * takes the version first ({@link DataPlane#update}).
     *
     * @param apps each pod's app behaviour
     * @param dialer resolves the URLs apps call, or {@code null} when apps make no calls
     */
    public Simulation(ProxyConfigs configs, DataPlane plane, Function<ClusterPod, App> apps, Dialer dialer) {
        this(configs, plane, apps, dialer, true);
    }

    /**
     * A configuration version that proxies take one by one ({@link ConfigPushes}): the data plane
     * is not updated as a whole, each proxy's state is when the push reaches it.
     */
    public static Simulation pushedVersion(ProxyConfigs configs, DataPlane plane, Function<ClusterPod, App> apps, Dialer dialer) {
        return new Simulation(configs, plane, apps, dialer, false);
    }

    private Simulation(ProxyConfigs configs, DataPlane plane, Function<ClusterPod, App> apps, Dialer dialer, boolean update) {
        if (update) {
            plane.update(configs);
        }
        this.configs = configs;
        this.state = configs.state();
        this.plane = plane;
        this.random = plane.random();
        this.engine = plane.engine();
        this.apps = apps;
        this.dialer = dialer;
        this.overhead = plane.overhead();
        this.prePool = overhead / 2;
        this.pathNormalization = configs.pathNormalization();
    }

    /**
     * The cluster as Kubernetes has it now: in a timeline or live traffic, the latest version's
     * state (DNS and kube-proxy take a change at once, proxies when istiod's push reaches them);
     * otherwise this simulation's.
     *
     * @return the current cluster state
     */
    public ClusterState worldState() {
        return pushes == null ? state : pushes.world().state;
    }

    /** The compiled proxy configurations this simulation routes with. */
    public ProxyConfigs configs() {
        return configs;
    }

    /** The clock and event queue. */
    public Engine engine() {
        return engine;
    }

    /** How many mirror copies were sent so far. */
    public long mirrored() {
        return plane.mirrored;
    }

    /** The data plane this simulation runs on. */
    public DataPlane plane() {
        return plane;
    }

    /**
     * Starts a request from a pod now; {@code sink} hears the answer when the clock gets there.
     * {@code trace}, when not {@code null}, receives each decision on its way, for explanations.
     */
    public void start(ClusterPod client, Target target, HttpRequest request, List<Decision> trace, Sink sink) {
        start(client, target, request, Tracer.of(trace), sink, 0);
    }

    /**
     * Starts a request from outside the cluster, as a load balancer in front of a gateway pod would
     * send it: the connection arrives from {@code peer} (the client's address, or the node's when
     * kube-proxy SNATs it), {@code how} says which for explanations.
     */
    public void startAtGateway(ClusterPod gateway, int podPort, String peer, String how, HttpRequest request,
                               List<Decision> trace, Sink sink) {
        if (pushes != null) {
            Simulation v = pushes.of(gateway);
            if (v != this) {
                v.startAtGateway(v.same(gateway), podPort, peer, how, request, trace, sink);
                return;
            }
        }
        Tracer t = Tracer.of(trace);
        t.entersGateway(gateway, podPort, how);
        engine.after(0, new Hop(this, peer, new LbEndpoint(gateway.ip(), podPort, gateway, gateway.labels(), gateway.ready()),
                request, t, sink));
    }

    /** A request from a pod: through its sidecar, or straight to kube-proxy without one. */
    Cancellable start(ClusterPod client, Target target, HttpRequest request, Tracer trace, Sink sink, int hops) {
        if (pushes != null) {
            Simulation v = pushes.of(client);
            if (v != this) {
                return v.start(v.same(client), target, request, trace, sink, hops);
            }
        }
        if (client.proxy() == ProxyKind.NONE) {
            trace.noSidecar(client, target);
            return kubeProxy.forward(client, target, request, trace, sink, hops, 0, false);
        }
        ProxyConfig pc = clientConfigs.get(client);
        if (pc == null) {
            pc = configs.of(client);
            clientConfigs.put(client, pc);
        }
        return outbound(pc, client, target, request, trace, sink, hops);
    }

    // ---------------------------------------------------------------- the HTTP connection manager

    /** The client's proxy: listener, route configuration, virtual host, route; then the fault filter and the router. */
    Cancellable outbound(ProxyConfig pc, ClusterPod proxyPod, Target target, HttpRequest request, Tracer trace, Sink sink,
                         int hops) {
        return outbound(pc, proxyPod, target, null, request, trace, sink, hops);
    }

    /**
     * As above; {@code routeConfig}, when not {@code null}, is the route configuration of the filter
     * chain a gateway's TLS handshake picked (the listener's own otherwise).
     */
    Cancellable outbound(ProxyConfig pc, ClusterPod proxyPod, Target target, String routeConfig, HttpRequest request, Tracer trace,
                         Sink sink, int hops) {
        if (pushes != null && pushes.world() != this) {
            trace.olderConfig(proxyPod, state.version(), pushes.world().state.version());
        }
        Seen memo = seen.get(pc);
        if (memo == null) {
            memo = new Seen();
            seen.put(pc, memo);
        } else if (target.ip() == memo.ip && target.port() == memo.port && request.authority() == memo.authority
                && routeConfig == memo.routeConfig && request.tls() == null && !request.rawTcp()) {
            trace.listener(pc, proxyPod, memo.listener);
            HttpRequest normalized = normalizePath(proxyPod, request, trace);
            if (normalized == null) {
                return localReply(pathRejected(), 0, serverHeader(pc, sink), overhead);
            }
            return routeHttp(pc, proxyPod, target, memo, memo.rc, memo.vh, normalized, trace, sink, hops);
        }
        Listener listener = target.ip() == null ? pc.listener("0.0.0.0", target.port()) : pc.listener(target.ip(), target.port());
        if (listener == null) {
            // No listener for this port: the catch-all outbound listener (istio-rules §2.5).
            boolean allowAny = pc.outboundTrafficPolicy() == MeshSettings.OutboundTrafficPolicy.ALLOW_ANY;
            trace.noListener(pc, proxyPod, target.port(), allowAny);
            if (allowAny) {
                return passthrough(proxyPod, target, request, trace, sink, hops);
            }
            // BlackHoleCluster closes the connection: curl hears nothing, or a handshake cut short.
            return localReply(replies.failure(Cluster.BLACKHOLE, 0, TlsHandshake.closedConnection(request)), 0, sink, overhead);
        }
        trace.listener(pc, proxyPod, listener);
        if (listener.protocol() == Listener.Protocol.TCP) {
            String cluster = listener.cluster();
            if (!listener.filterChains().isEmpty()) {
                // A TLS port: the filter chain by the server name the client sent (none in plain text).
                String sni = request.tls() == null ? null : request.tls().sni();
                var chain = listener.filterChain(target.ip(), sni);
                if (chain.isEmpty()) {
                    return fallthrough(pc, proxyPod, target, request, trace, sink, hops, "no filter chain of listener "
                            + listener.name() + " matches server name " + (sni == null ? "(none)" : sni) + ": its");
                }
                trace.tls(proxyPod, "filter chain " + (chain.get().serverNames().isEmpty() ? "for any server name"
                        : "SNI " + String.join(",", chain.get().serverNames())) + " of listener " + listener.name()
                        + (chain.get().virtualService() == null ? "" : " (tls route of VirtualService " + chain.get().virtualService() + ")"));
                cluster = pickWeighted(chain.get().tcpRoute(), trace).name();
            } else if (listener.tcpRoute() != null) {
                // A VirtualService's tcp route: Envoy's TCP proxy picks a weighted cluster per connection.
                trace.tcpRoute(pc, proxyPod, listener);
                cluster = pickWeighted(listener.tcpRoute(), trace).name();
            }
            return toCluster(proxyPod, target, cluster, pc.cluster(cluster), null, null, request, trace, sink, hops);
        }
        if (request.tls() != null || request.rawTcp()) {
            // TLS or raw TCP on an HTTP port: Istio's HTTP filter chains match plain-text HTTP only.
            String what = request.rawTcp() ? "a TCP connection that is not HTTP" : "TLS";
            if (listener.cluster() != null) {
                // A sniffed port's listener: the inspectors send it to the TCP chain, the service's cluster.
                trace.tls(proxyPod, "listener " + listener.name() + " sniffs " + what + ": its TCP chain forwards it to "
                        + listener.cluster());
                return toCluster(proxyPod, target, listener.cluster(), pc.cluster(listener.cluster()), null, null, request, trace,
                        sink, hops);
            }
            // A 0.0.0.0 listener of an HTTP port: the fallthrough chain, as for a host with no listener.
            return fallthrough(pc, proxyPod, target, request, trace, sink, hops, "listener " + listener.name()
                    + " matches only plain-text HTTP: " + what + " takes its");
        }
        HttpRequest normalized = normalizePath(proxyPod, request, trace);
        if (normalized == null) {
            return localReply(pathRejected(), 0, serverHeader(pc, sink), overhead);
        }
        request = normalized;
        RouteConfiguration rc = pc.routeConfiguration(routeConfig != null ? routeConfig : listener.routeConfigName());
        VirtualHost vh = rc.virtualHost(request.authority());
        if (vh == null) {
            trace.noVirtualHost(pc, proxyPod, rc, request.authority());
            return localReply(replies.envoyReply("", 404, "", ResponseFlag.NO_ROUTE_FOUND), 0, serverHeader(pc, sink), overhead);
        }
        memo.ip = target.ip();
        memo.port = target.port();
        memo.authority = request.authority();
        memo.listener = listener;
        memo.rc = rc;
        memo.vh = vh;
        memo.routeConfig = routeConfig;
        return routeHttp(pc, proxyPod, target, memo, rc, vh, request, trace, sink, hops);
    }

    private Listener handshakeListener;
    private dev.meshtest.internal.proxy.ClientTls handshakeClient;
    private TlsHandshake.Result handshakeResult;

    /**
     * The client's handshake with a gateway listener ({@link TlsHandshake#of}), kept for the next
     * request of the same send: its certificate checks verify signatures, and a send's requests
     * share one client and one listener.
     */
    TlsHandshake.Result handshake(Listener listener, dev.meshtest.internal.proxy.ClientTls tls) {
        if (listener != handshakeListener || tls != handshakeClient) {
            handshakeResult = TlsHandshake.of(listener, tls);
            handshakeListener = listener;
            handshakeClient = tls;
        }
        return handshakeResult;
    }

    /**
     * A sidecar listener's fallthrough chain, for a connection none of its chains takes (the
     * listener builder's {@code appendListenerFallthroughRouteForCompleteListener}):
     * PassthroughCluster under {@code ALLOW_ANY}, else BlackHoleCluster, which closes it.
     */
    private Cancellable fallthrough(ProxyConfig pc, ClusterPod proxyPod, Target target, HttpRequest request, Tracer trace, Sink sink,
                                    int hops, String why) {
        boolean allowAny = pc.outboundTrafficPolicy() == MeshSettings.OutboundTrafficPolicy.ALLOW_ANY;
        trace.tls(proxyPod, why + " fallthrough chain, " + (allowAny ? "PassthroughCluster" : "BlackHoleCluster"));
        if (allowAny) {
            return passthrough(proxyPod, target, request, trace, sink, hops);
        }
        return localReply(replies.failure(Cluster.BLACKHOLE, 0, TlsHandshake.closedConnection(request)), 0, sink, overhead);
    }

    /**
     * The HTTP connection manager's path normalization (MeshConfig {@code pathNormalization},
     * {@link PathNormalizer}): the request with the path routes see and the upstream receives, or
     * {@code null} when Envoy rejects the path (answer {@link #pathRejected()}). The last request's
     * answer is kept: a send's requests share their path.
     */
    HttpRequest normalizePath(ClusterPod proxyPod, HttpRequest request, Tracer trace) {
        String path = request.path();
        if (path == lastPath && lastNormalized == path) {
            return request;   // the common case: the path a send's requests share, already normal
        }
        if (request == lastPathIn) {
            if (lastPathOut != request) {
                tracePath(proxyPod, request, lastPathOut, trace);
            }
            return lastPathOut;
        }
        String normalized = path == lastPath ? lastNormalized : PathNormalizer.normalize(path, pathNormalization);
        lastPath = path;
        lastNormalized = normalized;
        HttpRequest out = normalized == null ? null : normalized.equals(path) ? request : request.withPath(normalized);
        lastPathIn = request;
        lastPathOut = out;
        if (out != request) {
            tracePath(proxyPod, request, out, trace);
        }
        return out;
    }

    private static void tracePath(ClusterPod proxyPod, HttpRequest in, HttpRequest out, Tracer trace) {
        if (out == null) {
            trace.pathRejected(proxyPod, in.path());
        } else {
            trace.pathNormalized(proxyPod, in.path(), out.path());
        }
    }

    /**
     * A proxy's security filters for this configuration version, looked up once per proxy, and for
     * a gateway how many proxies in front of it its {@code x-forwarded-for} trusts.
     */
    record Security(JwtAuthentication jwt, Rbac rbac, int trustedProxies, boolean filters) {
        Security(JwtAuthentication jwt, Rbac rbac, int trustedProxies) {
            this(jwt, rbac, trustedProxies, !jwt.isEmpty() || !rbac.isEmpty());
        }
    }

    private final IdentityTable<ClusterPod, Security> securities = new IdentityTable<>();

    Security security(ClusterPod proxyPod) {
        Security security = securities.get(proxyPod);
        if (security == null) {
            security = new Security(configs.jwt(proxyPod), configs.rbac(proxyPod),
                    proxyPod.proxy() == ProxyKind.GATEWAY ? configs.numTrustedProxies(proxyPod) : 0);
            securities.put(proxyPod, security);
        }
        return security;
    }

    /** The address a gateway trusts as the client's ({@link ForwardedFor#atGateway}), before it appends {@code peer}. */
    String forwardedFor(ClusterPod gateway, String peer, HttpRequest request) {
        int trusted = security(gateway).trustedProxies;
        return trusted == 0 ? peer : ForwardedFor.atGateway(request.header(ForwardedFor.HEADER), trusted, peer);
    }

    private HttpRequest xffIn;
    private String xffPeer;
    private HttpRequest xffOut;

    /** The request a gateway forwards: {@code peer} appended to its {@code x-forwarded-for} ({@link ForwardedFor#appended}). */
    HttpRequest withForwardedFor(HttpRequest request, String peer) {
        if (request == xffIn && peer.equals(xffPeer)) {
            return xffOut;   // a send's requests are mostly one object
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>(request.headers());
        headers.put(ForwardedFor.HEADER, ForwardedFor.appended(headers.get(ForwardedFor.HEADER), peer));
        HttpRequest out = new HttpRequest(request.method(), request.scheme(), request.authority(), request.path(),
                request.queryString(), headers);
        xffIn = request;
        xffPeer = peer;
        xffOut = out;
        return out;
    }

    /**
     * What a proxy's security filters did with a request: {@code denied} is the reply when they
     * stopped it, else {@code null}, and {@code request} what goes on ({@code null}: unchanged).
     */
    record Admission(Outcome denied, HttpRequest request) {
        /** The request goes on unchanged: shared, so a pod without filters costs no allocation per request. */
        static final Admission UNCHANGED = new Admission(null, null);

        /** The request that goes on: {@code original} unless a filter changed it. */
        HttpRequest requestOr(HttpRequest original) {
            return request == null ? original : request;
        }
    }

    /**
     * The receiving proxy's security filters, in the HTTP connection manager's order
     * (docs/security.md): jwt_authn ({@link JwtAuthentication}: 401 for a token it rejects), then
     * RBAC ({@link Rbac}: 403). {@code sourceIp} is the connection's peer, {@code remoteIp} the
     * address the proxy trusts as the client's ({@code null} at a sidecar: the last
     * {@code x-forwarded-for} entry or the peer, {@link ForwardedFor#atSidecar}).
     */
    Admission admit(ClusterPod proxyPod, String peerIdentity, String sourceIp, String remoteIp, int port, HttpRequest request,
                    Tracer trace) {
        return admit(proxyPod, security(proxyPod), peerIdentity, sourceIp, remoteIp, port, request, trace);
    }

    /** As above, with the proxy's filters already looked up (a sidecar's server keeps them). */
    Admission admit(ClusterPod proxyPod, Security security, String peerIdentity, String sourceIp, String remoteIp, int port,
                    HttpRequest request, Tracer trace) {
        if (!security.filters) {
            return Admission.UNCHANGED;   // most pods: no filter, nothing to do
        }
        JwtAuthentication jwt = security.jwt;
        String principal = null;
        Map<String, Object> claims = Map.of();
        if (!jwt.isEmpty()) {
            JwtAuthentication.Result r = jwt.authenticate(request, dev.meshtest.internal.cluster.Cluster.CLOCK_START.plusNanos(engine.now()));
            trace.jwt(proxyPod, r);
            if (!r.passed()) {
                Outcome denied = replies.envoyReply("", r.status(), r.body()).withResponseHeader("www-authenticate",
                        "Bearer realm=\"" + request.scheme() + "://" + request.authority() + request.pathAndQuery()
                                + "\", error=\"invalid_token\"");
                return new Admission(replies.intern(denied), request);
            }
            request = r.request();
            principal = r.principal();
            claims = r.claims();
        }
        Rbac rbac = security.rbac;
        if (rbac.isEmpty()) {
            return new Admission(null, request);
        }
        String remote = remoteIp != null ? remoteIp : ForwardedFor.atSidecar(request.header(ForwardedFor.HEADER), sourceIp);
        Rbac.Verdict v = rbac.evaluate(new Rbac.Request(peerIdentity, sourceIp, remote, proxyPod.ip(), port, request, principal,
                claims));
        trace.rbac(proxyPod, rbac, v);
        return new Admission(v.allowed() ? null : replies.envoyReply("", 403, EnvoyBody.RBAC_ACCESS_DENIED), request);
    }

    /** Envoy's answer to a path it cannot normalize: 400, {@code path_normalization_failed}. */
    Outcome pathRejected() {
        return replies.envoyReply("", 400, "");
    }

    /** The HTTP connection manager's sink: the answer leaves with this proxy's {@code server} header. */
    private Sink serverHeader(ProxyConfig pc, Sink sink) {
        return replies.serverHeader(sink, pc.isGateway() ? LocalReplies.ISTIO_ENVOY : LocalReplies.ENVOY);
    }

    /** The virtual host's route for the request; then the direct response, the redirect or the forward. */
    private Cancellable routeHttp(ProxyConfig pc, ClusterPod proxyPod, Target target, Seen memo, RouteConfiguration rc,
                                  VirtualHost vh, HttpRequest request, Tracer trace, Sink sink, int hops) {
        sink = serverHeader(pc, sink);
        if (vh.requireTls() && !"https".equals(request.scheme())) {
            // Envoy's require_tls: ALL, checked before any route; a gateway sets the scheme from the
            // connection: https only when one of its chains terminated the client's TLS (istio-rules §7.6).
            String location = VirtualHost.sslRedirectLocation(request);
            trace.sslRedirect(pc, proxyPod, vh, location);
            Outcome redirect = replies.envoyReply("", 301, "").withResponseHeader("location", location);
            return localReply(replies.intern(redirect), 0, sink, overhead);
        }
        Route route;
        if (request == memo.routed && vh == memo.routedHost) {
            route = memo.route;
        } else {
            route = vh.route(request);
            memo.routed = request;
            memo.routedHost = vh;
            memo.route = route;
        }
        if (route == null) {
            trace.noRoute(pc, proxyPod, vh, request.pathAndQuery());
            return localReply(replies.envoyReply("", 404, "", ResponseFlag.NO_ROUTE_FOUND), 0, sink, overhead);
        }
        trace.route(pc, proxyPod, rc, vh, route);
        if (routes != null && !(route.action() instanceof RouteAction.Forward)) {
            routes.matched(route, -1);
        }
        if (route.action() instanceof RouteAction.DirectResponse d) {
            trace.directResponse(pc, proxyPod, d.status());
            return localReply(replies.edited(replies.envoyReply("", d.status(), d.body()), route.responseHeaders()), 0, sink,
                    overhead);
        }
        if (route.action() instanceof RouteAction.Redirect r) {
            String location = r.newUri(request, route.match().path());
            trace.redirect(pc, proxyPod, r.status(), location);
            Outcome redirect = replies.envoyReply("", r.status(), "").withResponseHeader("location", location);
            return localReply(replies.edited(replies.intern(redirect), route.responseHeaders()), 0, sink, overhead);
        }
        return forward(pc, proxyPod, target, route, (RouteAction.Forward) route.action(), request, trace, sink, hops);
    }

    private Cancellable forward(ProxyConfig pc, ClusterPod proxyPod, Target target, Route route, RouteAction.Forward f,
                                HttpRequest request, Tracer trace, Sink sink, int hops) {
        RouteAction.WeightedCluster picked = pickWeighted(f, trace);
        if (routes != null) {
            routes.matched(route, picked.destination());
        }
        // The CORS filter, on a route with a policy, encodes the answer after the router's response
        // edits, so it wraps them.
        CorsFilter cors = f.cors() == null ? null : CorsFilter.of(f, request, sink, replies, engine.now());
        if (cors != null) {
            sink = cors;
        }
        if (!picked.responseHeaders().isEmpty() || !route.responseHeaders().isEmpty()) {
            // Envoy applies the most specific level first: the weighted cluster's edits, then the route's.
            sink = replies.responseEdits(sink, picked.responseHeaders(), route.responseHeaders());
        }
        HttpRequest out = request;
        if (f.rewrite() != null) {
            out = out.withPath(f.rewrite().apply(out.path(), route.match().path()));
        }
        if (f.authorityRewrite() != null) {
            out = out.withAuthority(f.authorityRewrite());
        }
        if (picked.authorityRewrite() != null) {
            // A weighted cluster's own host rewrite (Istio's processWeightedDestination) replaces the route's.
            out = out.withAuthority(picked.authorityRewrite());
        }
        // Envoy evaluates header edits from the most specific level to the least (route configuration
        // default most_specific_header_mutations_wins: false): the weighted cluster's first, the route's
        // last, so the rule's edits win over a weighted destination's.
        out = out.withHeaders(picked.requestHeaders()).withHeaders(f.requestHeaders());
        Fault fault = f.fault();
        if (fault != null) {
            return FaultFilter.decode(this, pc, proxyPod, target, f, picked, out, trace, sink, hops, cors);
        }
        return route(pc, proxyPod, target, f, picked, out, trace, sink, hops, false, cors);
    }

    /** The last split {@link #pickWeighted} drew from and its total weight: a send's requests mostly take one route. */
    private RouteAction.Forward weighed;
    private long weighedTotal;

    /** Envoy's weighted pick: a random number modulo the total weight, then a cumulative walk (istio-rules §4.3). */
    RouteAction.WeightedCluster pickWeighted(RouteAction.Forward f, Tracer trace) {
        List<RouteAction.WeightedCluster> clusters = f.clusters();
        if (clusters.size() == 1) {
            return clusters.get(0);
        }
        if (f != weighed) {
            weighedTotal = f.totalWeight();
            weighed = f;
        }
        long total = weighedTotal;
        long v = random.nextLong(total);
        for (int i = 0, n = clusters.size(); i < n; i++) {
            RouteAction.WeightedCluster c = clusters.get(i);
            v -= c.weight();
            if (v < 0) {
                trace.weightedPick(c, total);
                return c;
            }
        }
        throw new IllegalStateException("weights exhausted"); // unreachable: v < total
    }

    /** Whether a percentage (0..100, per-million precision) applies to this request; draws only strictly between. */
    boolean sampled(double percent) {
        if (percent <= 0) {
            return false;
        }
        if (percent >= 100) {
            return true;
        }
        return random.nextLong(1_000_000) < Math.round(percent * 10_000);
    }

    /**
     * What follows the fault filter on a forward: the CORS filter ({@code cors}, or {@code null}
     * when it has nothing to do), which may answer a preflight; then the router: mirrors, then the
     * request to the picked cluster.
     */
    Cancellable route(ProxyConfig pc, ClusterPod proxyPod, Target target, RouteAction.Forward f,
                      RouteAction.WeightedCluster picked, HttpRequest out, Tracer trace, Sink sink, int hops, boolean delayed,
                      CorsFilter cors) {
        if (cors != null) {
            Cancellable answered = corsPreflight(pc, proxyPod, picked, trace, delayed, cors);
            if (answered != null) {
                return answered;
            }
        }
        // Envoy's router starts shadowing only once the main request has a cluster with a host:
        // a request that ends in 503 NC or UH sends no copy.
        Cluster main = cluster(pc, picked);
        boolean routable = main == null ? picked.name().equals(Cluster.PASSTHROUGH)
                : main.type() == Cluster.Type.ORIGINAL_DST || !main.healthyEndpoints().isEmpty();
        List<Mirror> mirrors = routable ? f.mirrors() : List.of();
        for (int i = 0, n = mirrors.size(); i < n; i++) {
            Mirror m = mirrors.get(i);
            if (sampled(m.percent())) {
                mirror(pc, proxyPod, target, m, out, trace, hops);
            } else {
                trace.mirror(m, false);
            }
        }
        if (picked.name().equals(Cluster.PASSTHROUGH)) {
            trace.passthroughCluster(target);
            return passthrough(proxyPod, target, firstAttempt(out), trace,
                    delayed ? replies.withFlag(sink, ResponseFlag.DELAY_INJECTED) : sink, hops);
        }
        return toCluster(proxyPod, target, picked.name(), main, f, delayed ? ResponseFlag.DELAY_INJECTED : null, out, trace,
                sink, hops);
    }

    /**
     * The CORS filter's {@code decodeHeaders} ({@link CorsFilter}): the proxy's own answer to a
     * preflight it answers, or {@code null} for a request that goes on to the router. Answered by
     * the filter itself there is no router, so no response edits of the route and no mirror; after
     * a fault's delay at once, else after the proxy's overhead. (Kept out of {@link #route}: its
     * size decides whether the JIT inlines it on every request.)
     */
    private Cancellable corsPreflight(ProxyConfig pc, ClusterPod proxyPod, RouteAction.WeightedCluster picked, Tracer trace,
                                      boolean delayed, CorsFilter cors) {
        Outcome preflight = cors.decodeHeaders(trace);
        if (preflight == null) {
            return null;
        }
        Outcome answer = delayed ? replies.withFlag(preflight, ResponseFlag.DELAY_INJECTED) : preflight;
        long after = delayed ? 0 : overhead;
        if (hops != null) {
            long end = engine.now() + after;
            hops.hop(proxyPod, destination(pc, picked), answer, cors.startedAt, end - cors.startedAt, 0);
        }
        return localReply(answer, 0, cors, after);
    }

    /** A weighted destination's cluster, and the configuration it was resolved in. */
    private record Resolved(ProxyConfig in, Cluster cluster) {
    }

    /** The clusters of the weighted destinations routed lately: a send's requests take a few. */
    private final IdentityMemo<RouteAction.WeightedCluster, Resolved> resolved = new IdentityMemo<>();

    /** The service of {@code picked}'s cluster as the call graph names it ({@link #destination(Cluster)}), or its name without one. */
    String destination(ProxyConfig pc, RouteAction.WeightedCluster picked) {
        Cluster c = cluster(pc, picked);
        return c == null ? picked.name() : destination(c);
    }

    /** {@code picked}'s cluster in {@code pc}, or {@code null} for the passthrough cluster or none of that name. */
    private Cluster cluster(ProxyConfig pc, RouteAction.WeightedCluster picked) {
        Resolved r = resolved.get(picked);
        if (r == null || r.in() != pc) {
            r = new Resolved(pc, picked.name().equals(Cluster.PASSTHROUGH) ? null : pc.cluster(picked.name()));
            resolved.put(picked, r);
        }
        return r.cluster();
    }

    /** A fire-and-forget copy (istio-rules §4.8): its answer is dropped, its failures change nothing. */
    private void mirror(ProxyConfig pc, ClusterPod proxyPod, Target target, Mirror m, HttpRequest out, Tracer trace, int hops) {
        plane.mirrored++;
        trace.mirror(m, true);
        Cluster c = pc.cluster(m.cluster());
        if (c == null) {
            trace.mirrorToMissingCluster(m);
            return; // a missing mirror cluster only drops the copy
        }
        RouteAction.Forward shadow = new RouteAction.Forward(List.of(new RouteAction.WeightedCluster(m.cluster(), 1,
                HeaderMutation.NONE)), null, null, null, null, null, RetryPolicy.NONE, null, List.of());
        // The copy's own way is not traced (it would interleave with the request's); only its answer is.
        Sink dropped = trace.on() ? (o, a, ov) -> trace.mirrorAnswered(m, o) : DROP;
        toCluster(proxyPod, target, m.cluster(), c, shadow, null, out, Tracer.NONE, dropped, hops);
    }

    /**
     * The cluster of a route (or a TCP listener): NC when it does not exist ({@code cluster}
     * is the proxy's cluster of that name, or {@code null}), with the route's
     * {@code cluster_not_found_response_code} (503, or 500 for gateway route semantics), else its router.
     */
    Cancellable toCluster(ClusterPod proxyPod, Target target, String clusterName, Cluster cluster, RouteAction.Forward f,
                          ResponseFlag extraFlag, HttpRequest request, Tracer trace, Sink sink, int hops) {
        int notFound = f == null ? RouteAction.Forward.CLUSTER_NOT_FOUND_DEFAULT : f.clusterNotFoundStatus();
        if (cluster == null) {
            trace.noCluster(clusterName, notFound);
            return localReply(replies.withFlag(replies.envoyReply(clusterName, notFound, "", ResponseFlag.NO_CLUSTER_FOUND), extraFlag),
                    0, sink, overhead);
        }
        if (cluster.originatedTls() != null && cluster.originatedTls().problem() != null) {
            // SDS cannot serve the credential: Envoy keeps the cluster warming, never active (docs/routing.md).
            trace.tls(proxyPod, "cluster " + clusterName + " waits for its credential (" + cluster.originatedTls().problem()
                    + "): Envoy keeps it warming, so the proxy has no such cluster");
            return localReply(replies.withFlag(replies.envoyReply(clusterName, notFound, "", ResponseFlag.NO_CLUSTER_FOUND), extraFlag),
                    0, sink, overhead);
        }
        if (cluster.type() == Cluster.Type.ORIGINAL_DST) {
            trace.originalDestination(clusterName);
            Sink s = extraFlag == null ? sink : replies.withFlag(sink, extraFlag);
            return passthrough(proxyPod, target, f == null ? request : firstAttempt(request), trace, s, hops, clusterName,
                    cluster.transportSocket() == Cluster.TransportSocket.ISTIO_MUTUAL);
        }
        UpstreamCluster up = upstream(proxyPod, cluster);
        String hashKey = null;
        if (f != null && f.hashPolicy() != null) {
            hashKey = hashKey(f.hashPolicy(), proxyPod, request);
        }
        Router r = new Router(this, up, proxyPod, f, hashKey, extraFlag, request, trace, sink, hops);
        r.begin();
        return r;
    }

    /**
     * A gateway's {@code AUTO_PASSTHROUGH} chain: its TCP proxy forwards {@code client}'s Istio
     * mutual TLS, undecrypted, to an endpoint of the SNI-DNAT cluster; the endpoint's sidecar
     * terminates it and sees that client's certificate. No such cluster: the connection is closed.
     */
    Cancellable passMutualTls(ClusterPod gateway, ClusterPod client, Target target, String clusterName, Cluster cluster,
                              HttpRequest request, Tracer trace, Sink sink, int hops) {
        if (cluster == null) {
            trace.noCluster(clusterName, RouteAction.Forward.CLUSTER_NOT_FOUND_DEFAULT);
            return localReply(LocalReplies.TLS_HANDSHAKE_FAILED, 0, sink, overhead);
        }
        Router r = new Router(this, upstream(gateway, cluster), gateway, null, null, null, request, trace, sink, hops);
        r.tunnelledFrom = client;
        r.begin();
        return r;
    }

    private UpstreamCluster upstream(ClusterPod proxyPod, Cluster cluster) {
        if (generation != plane.generation()) {
            // A new snapshot began: look the state objects up again, so it sees what the send touches.
            generation = plane.generation();
            upstreams.clear();
        }
        UpstreamCluster up = upstreams.get(cluster);
        if (up == null) {
            up = plane.upstream(proxyPod, cluster);
            upstreams.put(cluster, up);
        }
        return up;
    }

    /** The value a consistent-hash policy hashes, or {@code null} when the request lacks it (a random pick then). */
    private static String hashKey(HashPolicy hash, ClusterPod client, HttpRequest request) {
        return switch (hash.source()) {
            case HEADER -> request.header(hash.name());
            case QUERY_PARAMETER -> request.query(hash.name());
            case SOURCE_IP -> client.ip();
            case COOKIE -> cookie(request.header("cookie"), hash.name());
        };
    }

    /**
     * Envoy's {@code Utility::parseCookieValue}: the value of the first cookie {@code name} (leading
     * blanks of each cookie skipped, surrounding double quotes removed), or {@code null} when the
     * request has none or it is empty (no hash then, as for a missing one).
     */
    private static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.stripLeading();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).equals(name)) {
                String v = p.substring(eq + 1);
                if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** The request of an HTTP route's single attempt to an original destination: {@code x-envoy-attempt-count: 1}. */
    private static HttpRequest firstAttempt(HttpRequest request) {
        return counted(request, 1);
    }

    /**
     * The request with {@code x-envoy-attempt-count} as Envoy's router sets it on each attempt
     * (Istio turns {@code include_request_attempt_count} on for outbound and gateway virtual hosts).
     */
    /**
     * What an app's call to {@code url} from {@code pod} dials, asked of the dialer once per pod
     * and URL: the answer (URL, DNS in the pod's namespace) depends only on the cluster state this
     * simulation was made for, and one request object per call target lets the attempt-count cache
     * ({@link UpstreamCluster#withAttemptCount}) serve every call alike.
     */
    Dialed dial(ClusterPod pod, String url) {
        if (pushes != null && pushes.world() != this) {
            // DNS takes a change at once: the call resolves in the cluster as it is now, whatever
            // version the calling pod's proxy routes with (istio-rules §13).
            return pushes.world().dial(pod, url);
        }
        Map<String, Dialed> byUrl = dialed.computeIfAbsent(pod, p -> new java.util.HashMap<>());
        Dialed d = byUrl.get(url);
        if (d == null) {
            d = dialer.dial(pod, url);
            byUrl.put(url, d);
        }
        if (d.dns() == null) {
            return d;
        }
        // A headless Service: each call's lookup picks its pod (PodDns.Answer.dialled).
        return new Dialed(new Target(d.dns().dialled(random::nextInt), d.target().port()), d.request(), null);
    }

    static HttpRequest counted(HttpRequest request, int attempt) {
        Map<String, String> h = new LinkedHashMap<>(request.headers());
        h.put("x-envoy-attempt-count", Integer.toString(attempt));
        return new HttpRequest(request.method(), request.scheme(), request.authority(), request.path(), request.queryString(), h);
    }

    /** PassthroughCluster: to the address dialled; a ClusterIP there ends at kube-proxy (istio-rules §2.5). */
    private Cancellable passthrough(ClusterPod proxyPod, Target target, HttpRequest request, Tracer trace, Sink sink, int hops) {
        return passthrough(proxyPod, target, request, trace, sink, hops, Cluster.PASSTHROUGH, false);
    }

    /**
     * To the address dialled, through {@code clusterName}: the PassthroughCluster, or an
     * ORIGINAL_DST cluster of a headless Service or a ServiceEntry without resolution, which the
     * outcome then names, as Envoy's upstream cluster.
     */
    private Cancellable passthrough(ClusterPod proxyPod, Target target, HttpRequest request, Tracer trace, Sink sink, int hops,
                                    String clusterName, boolean mutualTls) {
        if (target.ip() == null) {
            return localReply(leavesCluster(request.authority(), target.port(), clusterName, request, trace), 1, sink, overhead);
        }
        return kubeProxy.forward(proxyPod, target, request, trace,
                (o, a, ov) -> sink.reply(o.cluster().isEmpty() ? replies.withCluster(o, clusterName) : o, a, ov), hops,
                overhead, mutualTls);
    }

    // ---------------------------------------------------------------- shared by the parts of the engine

    /** A connection that leaves the cluster for {@code where}: what the host there answers ({@link OutsideHosts}). */
    Outcome leavesCluster(String where, int port, String cluster, HttpRequest request, Tracer trace) {
        Outcome refused = OutsideHosts.refuses(this, where, port, cluster, request, trace);
        if (refused != null) {
            return refused;
        }
        trace.leavesCluster(where);
        return replies.failure(cluster, 200, "");
    }

    /** What a sidecar on the receiving pod adds to a hop (nothing for a pod without one, or a gateway's own way). */
    long receiverOverhead(ClusterPod pod) {
        return pod != null && pod.proxy() == ProxyKind.SIDECAR ? overhead : 0;
    }

    /** The identity a pod's proxy presents in mutual TLS, made once per pod (its app sees it as the peer). */
    String identity(ClusterPod pod) {
        String id = identities.get(pod);
        if (id == null) {
            id = configs.spiffeIdentity(pod);
            identities.put(pod, id);
        }
        return id;
    }

    private final java.util.Map<String, dev.meshtest.internal.proxy.PemCertificate> appCertificates = new java.util.HashMap<>();
    /** {@link OutsideHosts#speaksTls}'s answers for this configuration, by {@code host:port}; the last one kept apart. */
    private final java.util.Map<String, Boolean> outsideTls = new java.util.HashMap<>();
    private String outsideHost;
    private int outsidePort;
    private boolean outsideAnswer;

    /** Whether a host outside the cluster speaks TLS on a port ({@link OutsideHosts#speaksTls}), asked once per host and port. */
    boolean outsideSpeaksTls(String host, int port) {
        if (port != outsidePort || !host.equals(outsideHost)) {
            outsideAnswer = outsideTls.computeIfAbsent(host + ":" + port, k -> OutsideHosts.speaksTls(state, host, port));
            outsideHost = host;
            outsidePort = port;
        }
        return outsideAnswer;
    }

    /** An app's certificate ({@link dev.meshtest.app.App#servingTls}), parsed once. */
    dev.meshtest.internal.proxy.PemCertificate pem(String text) {
        dev.meshtest.internal.proxy.PemCertificate known = appCertificates.get(text);
        if (known == null) {
            try {
                known = dev.meshtest.internal.proxy.PemCertificate.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("App.servingTls(...): " + e.getMessage(), e);
            }
            appCertificates.put(text, known);
        }
        return known;
    }

    /**
     * The simulation a request continues in when it reaches {@code pod}: the version that pod's
     * proxy routes with (this one, unless proxies take versions one by one), or {@code null} when
     * the pod is gone from the cluster (a proxy's stale endpoint).
     */
    Simulation at(ClusterPod pod) {
        if (pushes == null) {
            return this;
        }
        if (pushes.world().state.pod(pod.namespace(), pod.name()).isEmpty()) {
            return null;
        }
        return pushes.of(pod);
    }

    /**
     * Whether {@code pod} is gone from the cluster while traffic runs (a timeline's or live
     * change deleted it): a client there sends no more.
     */
    public boolean gone(ClusterPod pod) {
        return pushes != null && pushes.world().state.pod(pod.namespace(), pod.name()).isEmpty();
    }

    /** This version's object for a pod another version holds. */
    ClusterPod same(ClusterPod pod) {
        return state.pod(pod.namespace(), pod.name()).orElseThrow(
                () -> new IllegalStateException("meshtest bug: pod " + pod.namespace() + "/" + pod.name() + " not in version "
                        + state.version()));
    }

    /** A pod's serving state for this version: its app and its sidecar's inbound pools. */
    InboundServer server(ClusterPod pod) {
        InboundServer s = recentServers.get(pod);
        if (s != null) {
            return s;
        }
        s = servers.get(pod);
        if (s == null) {
            s = new InboundServer(this, pod);
            servers.put(pod, s);
        }
        recentServers.put(pod, s);
        return s;
    }

    /** A local reply delivered {@code delay} from now, always as an event. */
    Cancellable localReply(Outcome o, int attempts, Sink sink, long delay) {
        LocalReplies.Delivery r = new LocalReplies.Delivery(o, attempts, sink, false);
        engine.after(delay, r);
        return r;
    }
}
