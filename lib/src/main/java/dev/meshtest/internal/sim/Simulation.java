package dev.meshtest.internal.sim;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.app.App;
import dev.meshtest.app.Call;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterService;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.Endpoint;
import dev.meshtest.internal.cluster.ProxyKind;
import dev.meshtest.internal.proxy.CircuitBreakers;
import dev.meshtest.internal.proxy.Cluster;
import dev.meshtest.internal.proxy.Fault;
import dev.meshtest.internal.proxy.HashPolicy;
import dev.meshtest.internal.proxy.HttpRequest;
import dev.meshtest.internal.proxy.LbEndpoint;
import dev.meshtest.internal.proxy.Listener;
import dev.meshtest.internal.proxy.MeshSettings;
import dev.meshtest.internal.proxy.Mirror;
import dev.meshtest.internal.proxy.OutlierDetectionPolicy;
import dev.meshtest.internal.proxy.ProxyConfig;
import dev.meshtest.internal.proxy.ProxyConfigs;
import dev.meshtest.internal.proxy.RetryPolicy;
import dev.meshtest.internal.proxy.Route;
import dev.meshtest.internal.proxy.RouteAction;
import dev.meshtest.internal.proxy.RouteConfiguration;
import dev.meshtest.internal.proxy.VirtualHost;
import dev.meshtest.internal.proxy.HeaderMutation;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ReceivedRequest;
import dev.meshtest.traffic.ResponseFlag;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The data plane on a virtual clock: carries requests from client pods (or from outside the
 * cluster, through a gateway) to the pods that answer, as kube-proxy and the Envoy proxies would
 * (istio-rules §0), with time, load and resilience.
 *
 * <p>One request's way, each step an instant or an {@link Engine} event:
 * <ol>
 *   <li>client without a sidecar: kube-proxy picks a ready endpoint (istio-rules §1.5), no Envoy rule applies;</li>
 *   <li>client sidecar (or gateway): listener, virtual host, route (istio-rules §2, §4.1); a redirect, a direct
 *       response or no route is a local reply; else the fault filter (delay {@code DI}, abort
 *       {@code FI}, istio-rules §4.5), then the router: weighted cluster (istio-rules §4.3), route timeout (istio-rules §4.6), mirrors
 *       (istio-rules §4.8), and per attempt: outlier-ejected hosts out (istio-rules §6.7), load balancer (istio-rules §6.4), the
 *       client circuit breaker of this proxy and cluster (istio-rules §6.5), the hop; retries (istio-rules §4.7) with
 *       backoff;</li>
 *   <li>the hop costs the sending proxy's and the receiving sidecar's overhead; with connection-pool
 *       limits the proxy asks its pool halfway through its overhead, and a request that needs a new
 *       connection waits as pending while the second half sets it up;</li>
 *   <li>a gateway routes again as a client (istio-rules §7.5); a pod with a sidecar checks its inbound circuit
 *       breaker for the target port (istio-rules §6.6); the {@link App} runs: its calls to other services
 *       (each a request of its own from this pod), then its service time, then its answer;</li>
 *   <li>the answer returns through every proxy on the way at no cost; each router decides on
 *       retries and outlier detection as it passes.</li>
 * </ol>
 *
 * <p>A route's destination is a cluster name, and the request goes to that cluster's endpoints,
 * so a VirtualService is applied once, by the proxy that sends (istio-rules §3). Every random pick comes from
 * one seeded stream and events are ordered by (time, sequence), so a seed gives the same outcomes
 * and latencies on every run. State (circuit breakers, outlier detection, load balancers) lives
 * per proxy and cluster as in Envoy and lasts as long as this simulation (one configuration
 * version). Not thread-safe.
 *
 * <p>With a trace (explanations), every decision adds a line: listener, virtual host, route,
 * weighted pick, the cluster with its DestinationRule and subset, the fault filter, mirrors, the
 * router's timeouts, each attempt's host and answer, retries and backoff, outlier ejections,
 * circuit-breaker overflows on either side. Lines are built only when there is a trace: the
 * path of a {@code send} builds no strings (docs/performance.md).
 *
 * <pre>{@code
 * Simulation sim = new Simulation(ProxyConfigs.of(state, MeshSettings.DEFAULT), new SeededRandom(42));
 * Outcome o = sim.send(nginx, new Simulation.Target("10.96.0.12", 5000), request, null);   // runs to completion
 * sim.start(nginx, target, request, null, (outcome, attempts, overloaded) -> { ... });    // asynchronous
 * sim.engine().run();
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class Simulation {

    /** Envoy's body when a cluster has no healthy endpoint. */
    public static final String NO_HEALTHY_UPSTREAM = "no healthy upstream";
    /** Envoy's body for a circuit-breaker overflow (istio-rules §6.5, §9). */
    public static final String OVERFLOW = "upstream connect error or disconnect/reset before headers. reset reason: overflow";
    /** Envoy's body for a route or per-try timeout (istio-rules §4.6). */
    public static final String UPSTREAM_TIMEOUT = "upstream request timeout";
    /** Envoy's fault filter abort body (istio-rules §4.5). */
    public static final String FAULT_ABORT = "fault filter abort";
    /** Envoy's body when the default retries (2, on connect failure) all failed to connect. */
    static final String CONNECT_FAILURE = "upstream connect error or disconnect/reset before headers. retried and the "
            + "latest reset reason: remote connection failure, transport failure reason: delayed connect error: 111";
    /** Envoy's body for a connect failure that was not retried. */
    static final String CONNECT_FAILURE_NOT_RETRIED = "upstream connect error or disconnect/reset before headers. "
            + "reset reason: remote connection failure, transport failure reason: delayed connect error: 111";
    /** What curl says when a sidecar's black-hole cluster closes the connection without an answer. */
    static final String EMPTY_REPLY = "curl: (52) Empty reply from server";

    /** What curl says when nothing listens at an address. */
    static String refused(String ip, int port) {
        return "curl: (7) Failed to connect to " + ip + " port " + port + ": Connection refused";
    }

    /** The default overhead of one Envoy on a request's way (see docs/resilience.md). */
    public static final Duration DEFAULT_SIDECAR_OVERHEAD = Duration.ofNanos(500_000);
    private static final int MAX_HOPS = 8;

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
     */
    public record Dialed(Target target, HttpRequest request, Outcome failure) {
    }

    /** Something in flight that can be abandoned: its downstream gave up. */
    interface Cancellable {
        void abandon();
    }

    private final ProxyConfigs configs;
    private final ClusterState state;
    private final DataPlane plane;
    private final SeededRandom random;
    private final Engine engine;
    private final Function<ClusterPod, App> apps;
    private final Dialer dialer;
    private final long overhead;
    /**
     * The part of a sending proxy's overhead before its router asks the connection pool (the
     * first half); the second half is the request's way out on a ready connection, or the set-up
     * of a new one (docs/resilience.md, "Circuit breakers").
     */
    private final long prePool;
    /** This version's clusters (one object per proxy and cluster) to their state in the data plane. */
    private final Map<Cluster, UpstreamCluster> upstreams = new IdentityHashMap<>();
    private final Map<ClusterPod, Server> servers = new IdentityHashMap<>();
    private final Map<Outcome, Outcome> interned = new HashMap<>();

    /** A simulation with a data plane of its own, default apps and the default sidecar overhead. */
    public Simulation(ProxyConfigs configs, SeededRandom random) {
        this(configs, new DataPlane(random, DEFAULT_SIDECAR_OVERHEAD),
                p -> PodApps.forPod(p.labels(), p.annotations(), p.namespace() + "/" + p.name()), null);
    }

    /**
     * Routing with one configuration version over a data plane that outlives it: the data plane
     * takes the version first ({@link DataPlane#update}).
     *
     * @param apps each pod's app behaviour
     * @param dialer resolves the URLs apps call, or {@code null} when apps make no calls
     */
    public Simulation(ProxyConfigs configs, DataPlane plane, Function<ClusterPod, App> apps, Dialer dialer) {
        plane.update(configs);
        this.configs = configs;
        this.state = configs.state();
        this.plane = plane;
        this.random = plane.random();
        this.engine = plane.engine();
        this.apps = apps;
        this.dialer = dialer;
        this.overhead = plane.overhead();
        this.prePool = overhead / 2;
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
     * Sends one request from a pod and runs the clock until everything in flight is done.
     * {@code trace}, when not {@code null}, receives one line per decision, for explanations.
     */
    public Outcome send(ClusterPod client, Target target, HttpRequest request, List<String> trace) {
        Outcome[] box = new Outcome[1];
        start(client, target, request, trace, (o, a, ov) -> box[0] = o);
        engine.run();
        return box[0];
    }

    /** Sends one request from outside the cluster to a gateway pod's port and runs the clock until done. */
    public Outcome sendToGateway(ClusterPod gateway, int podPort, HttpRequest request, List<String> trace) {
        Outcome[] box = new Outcome[1];
        startAtGateway(gateway, podPort, request, trace, (o, a, ov) -> box[0] = o);
        engine.run();
        return box[0];
    }

    /** Starts a request from a pod now; {@code sink} hears the answer when the clock gets there. */
    public void start(ClusterPod client, Target target, HttpRequest request, List<String> trace, Sink sink) {
        start(client, target, request, trace, sink, 0);
    }

    /** Starts a request from outside the cluster, as a load balancer in front of a gateway pod would send it. */
    public void startAtGateway(ClusterPod gateway, int podPort, HttpRequest request, List<String> trace, Sink sink) {
        if (trace != null) {
            note(trace, "enters at gateway " + gateway.namespace() + "/" + gateway.name() + " port " + podPort);
        }
        Hop hop = new Hop(null, null, null, new LbEndpoint(gateway.ip(), podPort, gateway, gateway.labels(), gateway.ready()),
                "", request, trace, 0, sink);
        engine.after(0, hop);
    }

    private Cancellable start(ClusterPod client, Target target, HttpRequest request, List<String> trace, Sink sink,
                              int hops) {
        if (client.proxy() == ProxyKind.NONE) {
            if (trace != null) {
                note(trace, "client " + client.name() + " has no sidecar: kube-proxy forwards " + addr(target));
            }
            return kubeProxy(client, target, request, trace, sink, hops, 0);
        }
        return outbound(configs.of(client), client, target, request, trace, sink, hops);
    }

    // ---------------------------------------------------------------- client side: routing

    /** The client's proxy: listener, route configuration, virtual host, route; then the fault filter and the router. */
    private Cancellable outbound(ProxyConfig pc, ClusterPod proxyPod, Target target, HttpRequest request,
                                 List<String> trace, Sink sink, int hops) {
        Listener listener = target.ip() == null ? pc.listener("0.0.0.0", target.port()) : pc.listener(target.ip(), target.port());
        String who = trace == null ? null : (pc.isGateway() ? "gateway " : "sidecar of ") + proxyPod.name();
        if (listener == null) {
            // No listener for this port: the catch-all outbound listener (istio-rules §2.5).
            if (pc.outboundTrafficPolicy() == MeshSettings.OutboundTrafficPolicy.ALLOW_ANY) {
                if (trace != null) {
                    note(trace, who + ": no listener for port " + target.port() + ", PassthroughCluster");
                }
                return passthrough(proxyPod, target, request, trace, sink, hops);
            }
            if (trace != null) {
                note(trace, who + ": no listener for port " + target.port() + ", BlackHoleCluster closes the connection");
            }
            return localReply(failure(Cluster.BLACKHOLE, 0, EMPTY_REPLY), 0, sink, overhead);
        }
        if (trace != null) {
            note(trace, who + ": listener " + listener.name());
        }
        if (listener.protocol() == Listener.Protocol.TCP) {
            return toCluster(pc, proxyPod, target, listener.cluster(), null, null, request, trace, sink, hops);
        }
        sink = serverHeader(sink, pc.isGateway() ? ISTIO_ENVOY : ENVOY);
        RouteConfiguration rc = pc.routeConfiguration(listener.routeConfigName());
        VirtualHost vh = rc.virtualHost(request.authority());
        if (vh == null) {
            if (trace != null) {
                note(trace, who + ": route " + rc.name() + " has no virtual host for " + request.authority() + ": 404 NR");
            }
            return localReply(envoyReply("", 404, "", ResponseFlag.NO_ROUTE_FOUND), 0, sink, overhead);
        }
        Route route = vh.route(request);
        if (route == null) {
            if (trace != null) {
                note(trace, who + ": virtual host " + vh.name() + " has no route matching " + request.pathAndQuery() + ": 404 NR");
            }
            return localReply(envoyReply("", 404, "", ResponseFlag.NO_ROUTE_FOUND), 0, sink, overhead);
        }
        if (trace != null) {
            note(trace, who + ": route " + rc.name() + " > virtual host " + vh.name() + " > " + route.origin()
                    + " (match " + route.match() + ")");
        }
        if (route.action() instanceof RouteAction.DirectResponse d) {
            if (trace != null) {
                note(trace, who + ": direct response " + d.status());
            }
            return localReply(edited(envoyReply("", d.status(), d.body()), route.responseHeaders()), 0, sink, overhead);
        }
        if (route.action() instanceof RouteAction.Redirect r) {
            if (trace != null) {
                note(trace, who + ": redirect " + r.status());
            }
            String location = r.newUri(request, route.match().path());
            if (trace != null) {
                note(trace, who + ": location " + location);
            }
            Outcome redirect = envoyReply("", r.status(), "").withResponseHeader("location", location);
            return localReply(edited(intern(redirect), route.responseHeaders()), 0, sink, overhead);
        }
        return forward(pc, proxyPod, target, route, (RouteAction.Forward) route.action(), request, trace, sink, hops);
    }

    private Cancellable forward(ProxyConfig pc, ClusterPod proxyPod, Target target, Route route, RouteAction.Forward f,
                                HttpRequest request, List<String> trace, Sink sink, int hops) {
        RouteAction.WeightedCluster picked = pickWeighted(f, trace);
        if (!picked.responseHeaders().isEmpty() || !route.responseHeaders().isEmpty()) {
            // Envoy applies the most specific level first: the weighted cluster's edits, then the route's.
            sink = responseEdits(sink, picked.responseHeaders(), route.responseHeaders());
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
            // The fault filter runs before the router (istio-rules §4.5): delay first, then the abort check.
            if (fault.delay() != null) {
                if (sampled(fault.delayPercent())) {
                    if (trace != null) {
                        note(trace, "fault: delay " + dur(fault.delay().toNanos()) + " (DI, " + pct(fault.delayPercent())
                                + " of requests), then the router");
                    }
                    FaultDelay d = new FaultDelay(pc, proxyPod, target, f, picked, out, trace, sink, hops);
                    engine.after(fault.delay().toNanos(), d);
                    return d;
                }
                if (trace != null) {
                    note(trace, "fault: no delay for this request (" + pct(fault.delayPercent()) + " of requests are delayed)");
                }
            }
            if (aborts(fault, trace)) {
                return localReply(envoyReply("", fault.abortHttpStatus(), FAULT_ABORT, ResponseFlag.FAULT_INJECTED), 0, sink, overhead);
            }
        }
        return route(pc, proxyPod, target, f, picked, out, trace, sink, hops, false);
    }

    private boolean aborts(Fault fault, List<String> trace) {
        if (fault.abortHttpStatus() == null) {
            return false;
        }
        if (sampled(fault.abortPercent())) {
            if (trace != null) {
                note(trace, "fault: abort " + fault.abortHttpStatus() + (fault.abortGrpcStatus() == null ? ""
                        : " with grpc-status " + fault.abortGrpcStatus()) + " (FI, " + pct(fault.abortPercent())
                        + " of requests), never retried");
            }
            return true;
        }
        if (trace != null) {
            note(trace, "fault: no abort for this request (" + pct(fault.abortPercent()) + " of requests are aborted)");
        }
        return false;
    }

    /** Whether a percentage (0..100, per-million precision) applies to this request; draws only strictly between. */
    private boolean sampled(double percent) {
        if (percent <= 0) {
            return false;
        }
        if (percent >= 100) {
            return true;
        }
        return random.nextLong(1_000_000) < Math.round(percent * 10_000);
    }

    /** The router part of a forward: mirrors, then the request to the picked cluster. */
    private Cancellable route(ProxyConfig pc, ClusterPod proxyPod, Target target, RouteAction.Forward f,
                              RouteAction.WeightedCluster picked, HttpRequest out, List<String> trace, Sink sink,
                              int hops, boolean delayed) {
        // Envoy's router starts shadowing only once the main request has a cluster with a host:
        // a request that ends in 503 NC or UH sends no copy.
        Cluster main = picked.name().equals(Cluster.PASSTHROUGH) ? null : pc.cluster(picked.name());
        boolean routable = main == null ? picked.name().equals(Cluster.PASSTHROUGH)
                : main.type() == Cluster.Type.ORIGINAL_DST || !main.healthyEndpoints().isEmpty();
        for (Mirror m : routable ? f.mirrors() : List.<Mirror>of()) {
            if (sampled(m.percent())) {
                mirror(pc, proxyPod, target, m, out, trace, hops);
            } else if (trace != null) {
                note(trace, "mirror: no copy to " + m.cluster() + " for this request (" + pct(m.percent())
                        + " of requests are mirrored)");
            }
        }
        if (picked.name().equals(Cluster.PASSTHROUGH)) {
            if (trace != null) {
                note(trace, "PassthroughCluster: to the original destination " + addr(target));
            }
            return passthrough(proxyPod, target, firstAttempt(out), trace, delayed ? withFlag(sink, ResponseFlag.DELAY_INJECTED) : sink, hops);
        }
        return toCluster(pc, proxyPod, target, picked.name(), f, delayed ? ResponseFlag.DELAY_INJECTED : null, out, trace, sink, hops);
    }

    /** A fire-and-forget copy (istio-rules §4.8): its answer is dropped, its failures change nothing. */
    private void mirror(ProxyConfig pc, ClusterPod proxyPod, Target target, Mirror m, HttpRequest out, List<String> trace,
                        int hops) {
        plane.mirrored++;
        if (trace != null) {
            note(trace, "mirror: a copy to " + m.cluster() + " (" + pct(m.percent()) + " of requests), its answer dropped");
        }
        Cluster c = pc.cluster(m.cluster());
        if (c == null) {
            if (trace != null) {
                note(trace, "mirror: cluster " + m.cluster() + " does not exist, the copy is dropped");
            }
            return; // a missing mirror cluster only drops the copy
        }
        RouteAction.Forward shadow = new RouteAction.Forward(List.of(new RouteAction.WeightedCluster(m.cluster(), 1,
                dev.meshtest.internal.proxy.HeaderMutation.NONE)), null, null, null, null, null, RetryPolicy.NONE, null, List.of());
        // The copy's own way is not traced (it would interleave with the request's); only its answer is.
        Sink dropped = trace == null ? DROP
                : (o, a, ov) -> note(trace, "mirror copy to " + m.cluster() + " answered " + answer(o) + " (dropped)");
        toCluster(pc, proxyPod, target, m.cluster(), shadow, null, out, null, dropped, hops);
    }

    /** Envoy's weighted pick: a random number modulo the total weight, then a cumulative walk (istio-rules §4.3). */
    private RouteAction.WeightedCluster pickWeighted(RouteAction.Forward f, List<String> trace) {
        List<RouteAction.WeightedCluster> clusters = f.clusters();
        if (clusters.size() == 1) {
            return clusters.get(0);
        }
        long total = f.totalWeight();
        long v = random.nextLong(total);
        for (RouteAction.WeightedCluster c : clusters) {
            v -= c.weight();
            if (v < 0) {
                if (trace != null) {
                    note(trace, "weighted pick: " + c.name() + " (weight " + c.weight() + " of " + total + ")");
                }
                return c;
            }
        }
        throw new IllegalStateException("weights exhausted"); // unreachable: v < total
    }

    private Cancellable toCluster(ProxyConfig pc, ClusterPod proxyPod, Target target, String clusterName,
                                  RouteAction.Forward f, ResponseFlag extraFlag, HttpRequest request, List<String> trace,
                                  Sink sink, int hops) {
        Cluster cluster = pc.cluster(clusterName);
        if (cluster == null) {
            if (trace != null) {
                note(trace, "cluster " + clusterName + " does not exist: 503 NC");
            }
            return localReply(withFlag(envoyReply(clusterName, 503, "", ResponseFlag.NO_CLUSTER_FOUND), extraFlag), 0, sink, overhead);
        }
        if (cluster.type() == Cluster.Type.ORIGINAL_DST) {
            if (trace != null) {
                note(trace, "cluster " + clusterName + " forwards to the original destination");
            }
            Sink s = extraFlag == null ? sink : withFlag(sink, extraFlag);
            return passthrough(proxyPod, target, f == null ? request : firstAttempt(request),
                    trace, (o, a, ov) -> s.reply(withClusterIfEmpty(o, clusterName), a, ov),
                    hops);
        }
        UpstreamCluster up = upstream(proxyPod, cluster);
        String hashKey = null;
        if (f != null && f.hashPolicy() != null) {
            hashKey = hashKey(f.hashPolicy(), proxyPod, request);
        }
        Router r = new Router(up, proxyPod, f, hashKey, extraFlag, request, trace, sink, hops);
        r.begin();
        return r;
    }

    private UpstreamCluster upstream(ClusterPod proxyPod, Cluster cluster) {
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

    private static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).equals(name)) {
                return p.substring(eq + 1);
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
    static HttpRequest counted(HttpRequest request, int attempt) {
        Map<String, String> h = new LinkedHashMap<>(request.headers());
        h.put("x-envoy-attempt-count", Integer.toString(attempt));
        return new HttpRequest(request.method(), request.scheme(), request.authority(), request.path(), request.queryString(), h);
    }

    /** PassthroughCluster: to the address dialled; a ClusterIP there ends at kube-proxy (istio-rules §2.5). */
    private Cancellable passthrough(ClusterPod proxyPod, Target target, HttpRequest request, List<String> trace, Sink sink,
                                    int hops) {
        if (target.ip() == null) {
            if (trace != null) {
                note(trace, "leaves the cluster for " + request.authority() + " (external hosts answer 200 in meshtest)");
            }
            return localReply(failure(Cluster.PASSTHROUGH, 200, ""), 1, sink, overhead);
        }
        return kubeProxy(proxyPod, target, request, trace,
                (o, a, ov) -> sink.reply(o.cluster().isEmpty() ? withCluster(o, Cluster.PASSTHROUGH) : o, a, ov), hops,
                overhead);
    }

    // ---------------------------------------------------------------- the router: timeout, retries, attempts

    /** Why an attempt ended without an HTTP response. */
    private enum Reset { CONNECT_FAILURE, PER_TRY_TIMEOUT }

    /**
     * Envoy's router for one downstream request at one proxy: one deadline for all attempts,
     * retries with backoff on other hosts, circuit breaker and outlier detection per attempt.
     */
    private final class Router implements Cancellable {
        final UpstreamCluster up;
        final ClusterPod proxyPod;
        final RetryPolicy policy;
        final long perTry;
        final String hashKey;
        final boolean hasHash;
        final long hash;
        final HttpRequest request;
        final List<String> trace;
        final Sink sink;
        final int hops;
        final RouteTimeout timeout;
        final long timeoutNanos;
        final long ignoredPerTry;
        /** Whether an HTTP route drives this router (a TCP listener's has none): Envoy's HTTP router then counts attempts. */
        final boolean http;
        Set<ResponseFlag> flags;
        int attempts;
        Attempt current;
        Backoff backoff;
        boolean done;
        boolean retryCounted;
        boolean anySent;
        LbEndpoint[] tried;

        Router(UpstreamCluster up, ClusterPod proxyPod, RouteAction.Forward f, String hashKey, ResponseFlag extraFlag, HttpRequest request,
               List<String> trace, Sink sink, int hops) {
            this.up = up;
            this.proxyPod = proxyPod;
            this.policy = f == null ? RetryPolicy.NONE : f.retryPolicy();
            Duration t = f == null ? null : f.timeout();
            long total = t == null || t.isZero() ? 0 : t.toNanos();
            long pt = policy.perTryTimeout() == null ? 0 : policy.perTryTimeout().toNanos();
            // Envoy ignores a per-try timeout that is not shorter than the route timeout.
            this.perTry = total > 0 && pt >= total ? 0 : pt;
            this.ignoredPerTry = pt - perTry;
            this.timeoutNanos = total;
            this.hashKey = hashKey;
            this.hasHash = hashKey != null;
            this.hash = hasHash ? XxHash64.hash(hashKey) : 0;
            this.request = request;
            this.trace = trace;
            this.sink = sink;
            this.hops = hops;
            this.flags = extraFlag == null ? null : EnumSet.of(extraFlag);
            this.http = f != null;
            this.timeout = total > 0 ? new RouteTimeout(this) : null;
            if (timeout != null) {
                engine.after(total, timeout);
            }
        }

        void begin() {
            if (trace != null && (timeoutNanos > 0 || perTry > 0 || ignoredPerTry > 0)) {
                note(trace, "router: " + (timeoutNanos > 0 ? "route timeout " + dur(timeoutNanos) + " over all attempts" : "no route timeout")
                        + (perTry > 0 ? ", per-try timeout " + dur(perTry) : "")
                        + (ignoredPerTry > 0 ? ", per-try timeout " + dur(ignoredPerTry) + " ignored (not shorter than the route timeout)" : ""));
            }
            attempt();
        }

        /** One attempt: healthy, not ejected hosts; the load balancer; the circuit breaker; the hop. */
        void attempt() {
            backoff = null;
            attempts++;
            Cluster cluster = up.cluster;
            List<LbEndpoint> healthy = cluster.healthyEndpoints();
            List<LbEndpoint> hosts = healthy;
            if (up.outliers != null) {
                hosts = up.outliers.available(healthy, engine.now());
                if (trace != null) {
                    traceOutliers(healthy, hosts);
                }
            }
            if (hosts.isEmpty()) {
                if (trace != null) {
                    note(trace, "cluster " + cluster.name() + (healthy.isEmpty() ? " has no healthy endpoint"
                            : ": every host is ejected") + ": 503 UH");
                }
                finishLocal(envoyReply(cluster.name(), 503, NO_HEALTHY_UPSTREAM, ResponseFlag.NO_HEALTHY_UPSTREAM), false);
                return;
            }
            LbEndpoint endpoint = up.lb.pick(hosts, hasHash, hash, random, up);
            if (tried != null && policy.retryOtherHosts() && !hasHash) {
                // Envoy's previous_hosts predicate: up to 5 selection attempts for a host not tried yet.
                for (int i = 1; i < 5 && contains(tried, endpoint); i++) {
                    endpoint = up.lb.pick(hosts, false, 0, random, up);
                }
            }
            remember(endpoint);
            if (trace != null) {
                note(trace, "cluster " + cluster.name() + " (" + configuredBy(cluster) + cluster.loadBalancer()
                        + (hashKey == null ? "" : ", hash on " + hashKey) + ") picks " + endpoint
                        + (attempts > 1 ? " (attempt " + attempts + ")" : ""));
            }
            Attempt a = new Attempt(this, endpoint);
            current = a;
            if (up.breaker.unlimited() || prePool == 0) {
                // Nothing can wait or overflow (or connections are ready at once): ask the pool now.
                a.toPool(overhead);
            } else {
                // The proxy's work on the request before its router asks the pool: the first half of
                // its overhead. Then a new connection's set-up takes the second half.
                engine.after(prePool, a);
            }
        }

        /** Which hosts outlier detection takes out of this attempt's pick (explanations only). */
        private void traceOutliers(List<LbEndpoint> healthy, List<LbEndpoint> available) {
            List<LbEndpoint> ejected = new ArrayList<>();
            for (LbEndpoint e : healthy) {
                if (up.outliers.isEjected(e, engine.now())) {
                    ejected.add(e);
                }
            }
            if (ejected.isEmpty()) {
                return;
            }
            String which = ejected.size() + " of " + healthy.size() + " hosts ejected (" + join(ejected) + ")";
            if (available == healthy) {
                note(trace, "outlier detection: " + which + ", fewer than minHealthPercent "
                        + up.cluster.outlierDetection().minHealthPercent() + "% left: panic, every host may be picked");
            } else if (!available.isEmpty()) {
                note(trace, "outlier detection: " + which + ", skipped");
            } else {
                note(trace, "outlier detection: " + which);
            }
        }

        /** The circuit breaker refused the attempt; the 503 reaches the sender after {@code delay} if nothing was sent. */
        void overflow(long delay) {
            if (trace != null) {
                note(trace, "client-side circuit breaker of " + proxyPod.name() + ", cluster " + up.cluster.name() + ": "
                        + up.breaker.overflowReason() + ": 503 UO, not retried");
            }
            finishLocal(overflowReply(up.cluster.name()), true, delay);
        }

        private void remember(LbEndpoint e) {
            if (tried == null) {
                tried = new LbEndpoint[] {e};
            } else if (!contains(tried, e)) {
                LbEndpoint[] t = java.util.Arrays.copyOf(tried, tried.length + 1);
                t[tried.length] = e;
                tried = t;
            }
        }

        /** An attempt got an HTTP response (from the app or from a proxy on the way). */
        void onResponse(Attempt a, Outcome o, boolean overloaded) {
            if (a != current || done) {
                return;
            }
            current = null;
            endRetry();
            boolean ejected = up.outliers != null
                    && up.outliers.record(a.endpoint, o.status(), up.cluster.healthyEndpoints().size(), engine.now());
            boolean retriable = retriable(o.status(), overloaded);
            boolean again = retriable && attempts <= policy.numRetries();
            if (trace != null && (attempts > 1 || o.status() >= 500 || retriable)) {
                traceAttempt(a, answer(o) + (again ? ", retriable (retryOn " + retryOn(policy) + ")"
                        : retriable ? ", retries exhausted (" + policy.numRetries() + "): URX"
                        : notRetried(o.status(), overloaded)), ejected);
            }
            if (again) {
                if (retry()) {
                    return;
                }
            } else if (retriable) {
                // Retries exhausted on a retriable response: the response, flag URX (istio-rules §4.7).
                flags = addFlag(flags, ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED);
            }
            finish(up.tag(o, x -> withCluster(x, up.cluster.name())), overloaded);
        }

        /** Why a response that ends the request was not retried (explanations only). */
        private String notRetried(int status, boolean overloaded) {
            if (overloaded) {
                return ", x-envoy-overloaded: never retried";
            }
            if (status < 500) {
                return "";
            }
            return policy.numRetries() == 0 ? ", the route has no retries" : ", not retried (retryOn " + retryOn(policy) + ")";
        }

        /** How an attempt ended and, when that ejected its host, outlier detection's decision (explanations only). */
        private void traceAttempt(Attempt a, String how, boolean ejected) {
            note(trace, "attempt " + attempts + " to " + a.endpoint + ": " + how);
            if (ejected) {
                traceEjection(a.endpoint);
            }
        }

        private void traceEjection(LbEndpoint host) {
            OutlierDetectionPolicy od = up.cluster.outlierDetection();
            note(trace, "outlier detection: " + host + " ejected for " + dur(up.outliers.ejectionNanos(host))
                    + " (" + (od.consecutive5xx() > 0 ? "consecutive5xxErrors " + od.consecutive5xx() : "")
                    + (od.consecutive5xx() > 0 && od.consecutiveGatewayErrors() > 0 ? ", " : "")
                    + (od.consecutiveGatewayErrors() > 0 ? "consecutiveGatewayErrors " + od.consecutiveGatewayErrors() : "")
                    + ")");
        }

        /** An attempt ended without a response. */
        void onReset(Attempt a, Reset reason) {
            if (a != current || done) {
                return;
            }
            current = null;
            endRetry();
            boolean ejected = up.outliers != null && up.outliers.record(a.endpoint,
                    reason == Reset.PER_TRY_TIMEOUT ? 504 : 503, up.cluster.healthyEndpoints().size(), engine.now());
            boolean retriable = retriableReset(reason);
            if (trace != null) {
                traceAttempt(a, (reason == Reset.PER_TRY_TIMEOUT ? "per-try timeout " + dur(perTry) : "connection failure")
                        + (!retriable ? (policy.numRetries() == 0 ? ", the route has no retries"
                        : ", not retried (retryOn " + retryOn(policy) + ")")
                        : attempts <= policy.numRetries() ? ", retriable (retryOn " + retryOn(policy) + ")"
                        : ", retries exhausted (" + policy.numRetries() + "): URX"), ejected);
            }
            if (retriable && attempts <= policy.numRetries()) {
                if (retry()) {
                    return;
                }
            } else if (retriable) {
                flags = addFlag(flags, ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED);
            }
            if (reason == Reset.PER_TRY_TIMEOUT) {
                finishLocal(envoyReply(up.cluster.name(), 504, UPSTREAM_TIMEOUT, ResponseFlag.UPSTREAM_REQUEST_TIMEOUT), false);
            } else {
                boolean wasRetried = attempts > 1;
                finishLocal(envoyReply(up.cluster.name(), 503, wasRetried ? CONNECT_FAILURE : CONNECT_FAILURE_NOT_RETRIED,
                        ResponseFlag.UPSTREAM_CONNECTION_FAILURE),
                        false);
            }
        }

        private void endRetry() {
            if (retryCounted) {
                retryCounted = false;
                up.breaker.retryDone();
            }
        }

        /** Schedules the next attempt after Envoy's jittered exponential backoff; false when maxRetries forbids it (UO added). */
        boolean retry() {
            if (!up.breaker.tryRetry()) {
                flags = addFlag(flags, ResponseFlag.UPSTREAM_OVERFLOW);
                if (trace != null) {
                    note(trace, "retry refused: maxRetries " + up.breaker.limits().maxRetries()
                            + " reached in the client-side circuit breaker of " + proxyPod.name() + " (UO added)");
                }
                return false;
            }
            retryCounted = true;
            long base = Math.max(1, policy.backoffBase().toMillis());
            long max = Math.max(base, policy.backoffMax().toMillis());
            long interval = base;
            for (int i = 1; i < attempts && interval < max; i++) {
                interval = interval > max / 2 ? max : interval * 2;
            }
            long waitMs = Math.min(random.nextLong(interval), max);
            if (trace != null) {
                note(trace, "retry " + attempts + " of " + policy.numRetries() + " after " + waitMs + "ms backoff (random below "
                        + interval + "ms)");
            }
            backoff = new Backoff(this);
            engine.after(waitMs * 1_000_000L, backoff);
            return true;
        }

        boolean retriable(int status, boolean overloaded) {
            if (overloaded || policy.numRetries() == 0) {
                return false;
            }
            java.util.Set<String> on = policy.retryOn();
            if (status >= 500 && on.contains("5xx")) {
                return true;
            }
            if (status >= 502 && status <= 504 && on.contains("gateway-error")) {
                return true;
            }
            if (status == 409 && on.contains("retriable-4xx")) {
                return true;
            }
            return on.contains("retriable-status-codes") && policy.retriableStatusCodes().contains(status);
        }

        /** Envoy's {@code wouldRetryFromReset}: 5xx, gateway-error and reset retry any reset; connect-failure only its own. */
        boolean retriableReset(Reset reason) {
            if (policy.numRetries() == 0) {
                return false;
            }
            java.util.Set<String> on = policy.retryOn();
            if (on.contains("5xx") || on.contains("gateway-error") || on.contains("reset")) {
                return true;
            }
            return reason == Reset.CONNECT_FAILURE && on.contains("connect-failure");
        }

        /** The route timeout fired: the attempt in flight is reset, 504 UT. */
        void onTimeout() {
            if (done) {
                return;
            }
            if (trace != null) {
                note(trace, "route timeout " + dur(timeoutNanos) + " reached" + (current != null ? ", attempt " + attempts + " to "
                        + current.endpoint + " reset" : backoff != null ? " in the backoff before retry " + attempts : "")
                        + ": 504 UT");
            }
            Attempt a = current;
            current = null;
            if (a != null) {
                a.abandon();
                if (up.outliers != null && a.sent
                        && up.outliers.record(a.endpoint, 504, up.cluster.healthyEndpoints().size(), engine.now()) && trace != null) {
                    traceEjection(a.endpoint);
                }
            }
            if (backoff != null) {
                backoff.cancel();
            }
            endRetry();
            finishLocal(envoyReply(up.cluster.name(), 504, UPSTREAM_TIMEOUT, ResponseFlag.UPSTREAM_REQUEST_TIMEOUT), false);
        }

        /**
         * A reply made by this proxy, delivered as an event: after the proxy's overhead when no
         * attempt ever left it, at once otherwise (the overhead was paid on the way out).
         */
        void finishLocal(Outcome o, boolean overloaded) {
            finishLocal(o, overloaded, overhead);
        }

        /** As {@link #finishLocal(Outcome, boolean)}, but {@code delay} after now when no attempt left the proxy. */
        void finishLocal(Outcome o, boolean overloaded, long delay) {
            done = true;
            if (timeout != null) {
                timeout.cancel();
            }
            LocalReply r = new LocalReply(withFlags(o, flags), attempts, sink, overloaded);
            engine.after(anySent ? 0 : delay, r);
        }

        void finish(Outcome o, boolean overloaded) {
            done = true;
            if (timeout != null) {
                timeout.cancel();
            }
            sink.reply(withFlags(o, flags), attempts, overloaded);
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
        }
    }

    private static boolean contains(LbEndpoint[] a, LbEndpoint e) {
        for (LbEndpoint x : a) {
            if (x == e) {
                return true;
            }
        }
        return false;
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

    /** The fault filter's delay (istio-rules §4.5): the router starts (and its timeout with it) when it is over. */
    private final class FaultDelay extends Engine.Event implements Cancellable {
        final ProxyConfig pc;
        final ClusterPod proxyPod;
        final Target target;
        final RouteAction.Forward f;
        final RouteAction.WeightedCluster picked;
        final HttpRequest out;
        final List<String> trace;
        final Sink sink;
        final int hops;
        Cancellable next;

        FaultDelay(ProxyConfig pc, ClusterPod proxyPod, Target target, RouteAction.Forward f,
                   RouteAction.WeightedCluster picked, HttpRequest out, List<String> trace, Sink sink, int hops) {
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

        @Override
        protected void fire() {
            if (aborts(f.fault(), trace)) {
                sink.reply(envoyReply("", f.fault().abortHttpStatus(), FAULT_ABORT, ResponseFlag.DELAY_INJECTED, ResponseFlag.FAULT_INJECTED), 0,
                        false);
                return;
            }
            next = route(pc, proxyPod, target, f, picked, out, trace, sink, hops, true);
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

    /**
     * One attempt of a router: asks the connection pool (as an event, after the proxy's work
     * before the pool, when the cluster has limits), waits for a connection (pending) or travels
     * to the endpoint, and hears the answer. It is the circuit breaker's waiter and the sink of
     * whatever serves it.
     */
    private final class Attempt extends Engine.Event implements CircuitBreaker.Waiter, Sink {
        final Router router;
        final LbEndpoint endpoint;
        /** When the router started this attempt. */
        final long start = engine.now();
        int[] activeCounter;
        Hop hop;
        PerTryTimeout perTry;
        boolean attachedToPool;
        boolean sent;
        boolean over;

        Attempt(Router router, LbEndpoint endpoint) {
            this.router = router;
            this.endpoint = endpoint;
        }

        /** The proxy's work before the pool is done: ask it. */
        @Override
        protected void fire() {
            if (!over) {
                toPool(overhead - prePool);
            }
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
                go(unsent + receiverOverhead(endpoint.pod()));
            } else if (router.trace != null) {
                note(router.trace, "client-side circuit breaker of " + router.proxyPod.name() + ", cluster "
                        + router.up.cluster.name() + ": " + breaker.pendingReason(endpoint) + ", the request waits");
            }
        }

        /** Attached to a connection: count it active and send it; it reaches the endpoint after {@code delay}. */
        void go(long delay) {
            attachedToPool = true;
            sent = true;
            router.anySent = true;
            activeCounter = router.up.counter(endpoint);
            activeCounter[0]++;
            if (router.perTry > 0) {
                perTry = new PerTryTimeout(this);
                engine.after(router.perTry, perTry);
            }
            HttpRequest sent = router.http ? router.up.withAttemptCount(router.request, router.attempts) : router.request;
            hop = new Hop(router.proxyPod, this, router.up.cluster, endpoint, router.up.cluster.name(), sent,
                    router.trace, router.hops, this);
            engine.after(delay, hop);
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
                router.up.breaker.release(endpoint);
                return;
            }
            go((newConnection ? 0 : overhead) + receiverOverhead(endpoint.pod()));
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
            return Math.max(0, start + overhead - engine.now());
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
                router.up.breaker.release(endpoint);
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
            if (outcome == CONNECT_RESET) {
                router.onReset(this, Reset.CONNECT_FAILURE);
                return;
            }
            router.onResponse(this, outcome, overloaded);
        }

        /** The router gave up on this attempt (timeout, downstream gone): reset the stream. */
        void abandon() {
            if (over) {
                return;
            }
            release();
            if (hop != null) {
                hop.cancelDownstream();
            }
        }

        void perTryExpired() {
            if (over) {
                return;
            }
            abandon();
            router.onReset(this, Reset.PER_TRY_TIMEOUT);
        }
    }

    private static final class PerTryTimeout extends Engine.Event {
        final Attempt attempt;

        PerTryTimeout(Attempt attempt) {
            this.attempt = attempt;
        }

        @Override
        protected void fire() {
            attempt.perTryExpired();
        }
    }

    /** A connection failure as a hop reports it to its attempt: no HTTP response. */
    private static final Outcome CONNECT_RESET = Outcome.of(0).withBody("connection reset");

    // ---------------------------------------------------------------- kube-proxy and the server side

    private long receiverOverhead(ClusterPod pod) {
        return pod != null && pod.proxy() == ProxyKind.SIDECAR ? overhead : 0;
    }

    /**
     * kube-proxy (istio-rules §1.5): a ClusterIP:port goes to a uniformly random ready endpoint of that
     * Service; a pod IP goes to that pod; nothing listening is a refused connection.
     *
     * @param senderOverhead the overhead of the proxy that sends (0 for a client without one)
     */
    private Cancellable kubeProxy(ClusterPod client, Target target, HttpRequest request, List<String> trace, Sink sink,
                                  int hops, long senderOverhead) {
        if (target.ip() == null) {
            if (trace != null) {
                note(trace, "leaves the cluster for " + request.authority() + " (external hosts answer 200 in meshtest)");
            }
            return localReply(failure("", 200, ""), 1, sink, senderOverhead);
        }
        ClusterService svc = state.serviceByIp(target.ip()).orElse(null);
        LbEndpoint to;
        if (svc != null) {
            List<Endpoint> ready = new ArrayList<>();
            for (Endpoint e : state.endpoints(svc, target.port())) {
                if (e.ready()) {
                    ready.add(e);
                }
            }
            if (ready.isEmpty()) {
                if (trace != null) {
                    note(trace, "kube-proxy: Service " + svc.namespace() + "/" + svc.name() + " has no ready endpoint on port "
                            + target.port() + ": connection refused");
                }
                return localReply(failure("", 0, refused(target.ip(), target.port())), 1, sink, senderOverhead);
            }
            Endpoint e;
            String sticky = "ClientIP".equals(svc.sessionAffinity()) && client != null
                    ? svc.namespace() + "/" + svc.name() + ":" + target.port() + "|" + client.ip() : null;
            DataPlane.Affinity a = sticky == null ? null : plane.affinity.get(sticky);
            // sessionAffinity: ClientIP: kube-proxy keeps a client on the pod it picked, until the
            // client has sent nothing for sessionAffinityConfig.clientIP.timeoutSeconds.
            Endpoint pinned = a != null && engine.now() - a.lastUsed <= svc.affinityTimeoutSeconds() * 1_000_000_000L
                    ? a.endpoint : null;
            if (pinned != null && ready.contains(pinned)) {
                e = pinned;
            } else {
                e = ready.get(random.nextInt(ready.size()));
                if (sticky != null) {
                    a = plane.affinity.computeIfAbsent(sticky, k -> new DataPlane.Affinity());
                    a.endpoint = e;
                }
            }
            if (a != null && sticky != null) {
                a.lastUsed = engine.now();
            }
            if (trace != null) {
                note(trace, "kube-proxy: Service " + svc.namespace() + "/" + svc.name() + " picks " + e.pod().name() + ":" + e.port()
                        + (pinned == e ? " (sessionAffinity ClientIP)" : ""));
            }
            to = new LbEndpoint(e.ip(), e.port(), e.pod(), e.pod().labels(), true);
        } else {
            ClusterPod p = state.podByIp(target.ip()).orElse(null);
            if (p == null) {
                if (trace != null) {
                    note(trace, "leaves the cluster for " + addr(target) + " (external hosts answer 200 in meshtest)");
                }
                return localReply(failure("", 200, ""), 1, sink, senderOverhead);
            }
            to = new LbEndpoint(p.ip(), target.port(), p, p.labels(), p.ready());
        }
        Hop hop = new Hop(client, null, null, to, "", request, trace, hops, sink);
        engine.after(senderOverhead + receiverOverhead(to.pod()), hop);
        return hop;
    }

    /**
     * A request on its way to one endpoint; when it arrives, a gateway routes it again (istio-rules §7.5),
     * a pod's inbound sidecar and app serve it. It hears the answer and passes it on.
     */
    private final class Hop extends Engine.Event implements Cancellable {
        final ClusterPod from;
        final Attempt attempt;
        final LbEndpoint endpoint;
        final String cluster;
        final HttpRequest request;
        final List<String> trace;
        final int hops;
        final Sink sink;
        Cancellable downstream;

        Hop(ClusterPod from, Attempt attempt, Cluster c, LbEndpoint endpoint, String cluster, HttpRequest request,
            List<String> trace, int hops, Sink sink) {
            this.from = from;
            this.attempt = attempt;
            this.endpoint = endpoint;
            this.cluster = cluster;
            this.request = request;
            this.trace = trace;
            this.hops = hops;
            this.sink = sink;
        }

        @Override
        protected void fire() {
            ClusterPod pod = endpoint.pod();
            if (pod == null) {
                if (trace != null) {
                    note(trace, "reaches " + endpoint.address() + " outside the cluster (answers 200 in meshtest)");
                }
                sink.reply(failure(cluster, 200, ""), 1, false);
                return;
            }
            if (pod.proxy() == ProxyKind.GATEWAY) {
                if (hops >= MAX_HOPS) {
                    sink.reply(envoyReply(cluster, 508, "meshtest: the request passed " + MAX_HOPS + " gateways, a routing loop"),
                            1, false);
                    return;
                }
                ProxyConfig gw = configs.of(pod);
                Listener l = gw.listener(pod.ip(), endpoint.port());
                if (l == null) {
                    // No Gateway server on this port: nothing listens (istio-rules §7.1).
                    if (trace != null) {
                        note(trace, "gateway " + pod.name() + " has no listener on port " + endpoint.port() + ": connection refused");
                    }
                    Outcome refused = attempt != null ? CONNECT_RESET
                            : from == null || from.proxy() == ProxyKind.NONE ? failure(cluster, 0, refused(pod.ip(), endpoint.port()))
                            : envoyReply(cluster, 503, CONNECT_FAILURE, ResponseFlag.UPSTREAM_CONNECTION_FAILURE,
                            ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED);
                    sink.reply(refused, 1, false);
                    return;
                }
                String c = cluster;
                downstream = outbound(gw, pod, new Target(pod.ip(), endpoint.port()), request, trace,
                        (o, a, ov) -> sink.reply(withClusterIfEmpty(o, c), 1, ov), hops + 1);
                return;
            }
            downstream = serve(pod, endpoint.port(), request, trace, hops, sink);
        }

        /** The sender reset the stream: whatever serves it is told. */
        void cancelDownstream() {
            abandon();
        }

        @Override
        public void abandon() {
            if (downstream != null) {
                downstream.abandon();
            } else {
                super.cancel();
            }
        }
    }

    /** A pod's serving state: its app and the inbound circuit breakers of its sidecar, per target port. */
    private final class Server {
        final ClusterPod pod;
        final App app;
        final Outcome ok;
        final Outcome error;
        int[] ports = new int[0];
        CircuitBreaker[] breakers = new CircuitBreaker[0];

        Server(ClusterPod pod) {
            this.pod = pod;
            this.app = apps.apply(pod);
            String version = pod.labels().get("version");
            String body = app.body().replace("{pod}", pod.name()).replace("{version}", String.valueOf(version));
            this.ok = intern(Outcome.of(app.status()).withPod(pod.namespace(), pod.name(), pod.workload(), version).withBody(body));
            this.error = intern(ok.withStatus(app.errorStatus()));
        }

        /** The app's answers with what it received, by answer and request; most requests of a send are alike. */
        final Map<Outcome, Map<HttpRequest, Outcome>> answers = new HashMap<>();

        /** The app's answer {@code o} to {@code request}, with the request as the app received it. */
        Outcome received(Outcome o, HttpRequest request) {
            Map<HttpRequest, Outcome> byRequest = answers.computeIfAbsent(o, k -> new HashMap<>());
            Outcome r = byRequest.get(request);
            if (r == null) {
                r = intern(o.withReceived(new ReceivedRequest(request.method(), request.authority(), request.pathAndQuery(),
                        request.headers())));
                if (byRequest.size() < 4096) {
                    byRequest.put(request, r);
                }
            }
            return r;
        }

        /** The inbound circuit breaker for a target port, or {@code null} when it has no limits. */
        CircuitBreaker inbound(int port) {
            for (int i = 0; i < ports.length; i++) {
                if (ports[i] == port) {
                    return breakers[i];
                }
            }
            CircuitBreaker cb = pod.proxy() == ProxyKind.SIDECAR ? plane.inbound(pod, port, configs.of(pod)) : null;
            ports = java.util.Arrays.copyOf(ports, ports.length + 1);
            breakers = java.util.Arrays.copyOf(breakers, breakers.length + 1);
            ports[ports.length - 1] = port;
            breakers[breakers.length - 1] = cb;
            return cb;
        }
    }

    private Server server(ClusterPod pod) {
        Server s = servers.get(pod);
        if (s == null) {
            s = new Server(pod);
            servers.put(pod, s);
        }
        return s;
    }

    private Cancellable serve(ClusterPod pod, int port, HttpRequest request, List<String> trace, int hops, Sink sink) {
        Server server = server(pod);
        Serving s = new Serving(server, port, request, trace, hops,
                pod.proxy() == ProxyKind.SIDECAR ? serverHeader(sink, ISTIO_ENVOY) : sink);
        s.begin();
        return s;
    }

    /**
     * One request at a pod: the inbound sidecar's circuit breaker (istio-rules §6.6), then the app: its calls,
     * its service time, its answer.
     */
    private final class Serving extends Engine.Event implements Cancellable, CircuitBreaker.Waiter {
        final Server server;
        final int port;
        final HttpRequest request;
        final List<String> trace;
        final int hops;
        final Sink sink;
        CircuitBreaker breaker;
        boolean holding;
        boolean gone;
        boolean answered;
        int callIndex;
        int callTry;
        /** The {@code orFail} status of the call that finally failed (the app gave up there), else 0. */
        int failStatus;
        Cancellable call;
        AppTimeout callTimeout;

        Serving(Server server, int port, HttpRequest request, List<String> trace, int hops, Sink sink) {
            this.server = server;
            this.port = port;
            this.request = request;
            this.trace = trace;
            this.hops = hops;
            this.sink = sink;
        }

        void begin() {
            breaker = server.inbound(port);
            if (breaker == null) {
                served();
                run();
                return;
            }
            int got = breaker.acquire(breaker, this);
            if (got == CircuitBreaker.OVERFLOW) {
                overflowed();
            } else if (got == CircuitBreaker.ATTACHED) {
                attached(false);
            } else if (trace != null) {
                note(trace, inboundBreaker() + breaker.pendingReason(breaker) + ", the request waits");
            }
        }

        private void served() {
            if (trace != null) {
                ClusterPod pod = server.pod;
                note(trace, "served by " + pod.namespace() + "/" + pod.name() + (pod.proxy() == ProxyKind.SIDECAR ? " (through its sidecar)" : ""));
            }
        }

        private String inboundBreaker() {
            return "server-side circuit breaker of " + server.pod.namespace() + "/" + server.pod.name() + " port " + port + ": ";
        }

        @Override
        public void attached(boolean newConnection) {
            if (gone) {
                breaker.release(breaker);
                return;
            }
            holding = true;
            served();
            run();
        }

        @Override
        public void overflowed() {
            if (trace != null) {
                note(trace, inboundBreaker() + breaker.overflowReason() + ": 503 UO from its sidecar, with x-envoy-overloaded");
            }
            answered = true;
            sink.reply(overflowReply(""), 1, true);
        }

        /** The app: its calls one after the other, then its service time. */
        void run() {
            List<Call> calls = server.app.calls();
            if (callIndex < calls.size()) {
                startCall(calls.get(callIndex));
                return;
            }
            long t = Sampler.sample(server.app.serviceTime(), random);
            engine.after(t, this);
        }

        private void startCall(Call c) {
            if (hops >= MAX_HOPS) {
                onCallDone(c, 508); // a call loop: meshtest stops it here
                return;
            }
            if (dialer == null) {
                throw new IllegalStateException("app of " + server.pod.name() + " calls " + c.url() + " but no dialer is set");
            }
            Dialed d = dialer.dial(server.pod, c.url());
            if (d.failure() != null) {
                onCallDone(c, d.failure().status());
                return;
            }
            HttpRequest r = d.request();
            if (!c.forwardHeaders().isEmpty()) {
                Map<String, String> h = new LinkedHashMap<>(r.headers());
                for (String name : c.forwardHeaders()) {
                    String v = request.header(name);
                    if (v != null) {
                        h.put(name, v);
                    }
                }
                r = new HttpRequest(r.method(), r.scheme(), r.authority(), r.path(), r.queryString(), h);
            }
            if (trace != null) {
                note(trace, "app of " + server.pod.name() + " calls " + c.url() + (callTry > 0 ? " (app retry " + callTry + ")" : ""));
            }
            int myIndex = callIndex;
            int myTry = callTry;
            Sink back = (o, a, ov) -> {
                if (callIndex == myIndex && callTry == myTry && !gone) {
                    if (callTimeout != null) {
                        callTimeout.cancel();
                        callTimeout = null;
                    }
                    call = null;
                    onCallDone(c, o.status());
                }
            };
            if (c.timeout() != null) {
                callTimeout = new AppTimeout(this, myIndex, myTry);
                engine.after(c.timeout().toNanos(), callTimeout);
            }
            call = start(server.pod, d.target(), r, trace, back, hops + 1);
        }

        void onCallTimeout(int index, int attempt) {
            if (callIndex != index || callTry != attempt || gone) {
                return;
            }
            callTimeout = null;
            if (trace != null) {
                note(trace, "app of " + server.pod.name() + ": its own timeout on " + server.app.calls().get(index).url());
            }
            if (call != null) {
                call.abandon();
                call = null;
            }
            onCallDone(server.app.calls().get(index), 0);
        }

        private void onCallDone(Call c, int status) {
            boolean ok = status >= 200 && status < 300;
            if (!ok && callTry < c.retries()) {
                callTry++;
                startCall(c);
                return;
            }
            if (!ok && c.failStatus() > 0) {
                // The app gives up at this call: it answers the call's status at once, with no
                // further calls and no service time (a handler returning its error).
                failStatus = c.failStatus();
                if (trace != null) {
                    note(trace, "app of " + server.pod.name() + ": " + c.url() + " failed (" + (status == 0 ? "no response" : status)
                            + "), it answers " + failStatus + " (orFail)");
                }
                engine.after(0, this);
                return;
            }
            callIndex++;
            callTry = 0;
            run();
        }

        /** The service time is over (or the app gave up at a failed {@code orFail} call): the app answers. */
        @Override
        protected void fire() {
            if (gone) {
                return;
            }
            answered = true;
            if (holding) {
                holding = false;
                breaker.release(breaker);
            }
            Outcome o = server.ok;
            if (failStatus > 0) {
                o = appFailure(failStatus);
            } else if (server.app.errorRate() > 0 && (server.app.errorRate() >= 1 || random.nextDouble() < server.app.errorRate())) {
                o = server.error;
            }
            sink.reply(server.received(o, request), 1, false);
        }

        /** The app's own answer when a call it cannot do without failed: {@code status}, its normal body. */
        private Outcome appFailure(int status) {
            return intern(server.ok.withStatus(status));
        }

        /** The caller reset the stream: the inbound sidecar frees the slot; the app's answer will be dropped. */
        @Override
        public void abandon() {
            if (gone || answered) {
                return;
            }
            gone = true;
            super.cancel();
            if (breaker != null) {
                if (holding) {
                    holding = false;
                    breaker.release(breaker);
                } else {
                    breaker.cancel(this);
                }
            }
            if (callTimeout != null) {
                callTimeout.cancel();
            }
            if (call != null) {
                call.abandon();
            }
        }
    }

    private static final class AppTimeout extends Engine.Event {
        final Serving serving;
        final int index;
        final int attempt;

        AppTimeout(Serving serving, int index, int attempt) {
            this.serving = serving;
            this.index = index;
            this.attempt = attempt;
        }

        @Override
        protected void fire() {
            serving.onCallTimeout(index, attempt);
        }
    }

    // ---------------------------------------------------------------- outcomes

    /**
     * A local reply (of a proxy, after its overhead; of kube-proxy, at once): always delivered as an
     * event, so an answer never reaches its sender inside the call that sent the request.
     */
    private Cancellable localReply(Outcome o, int attempts, Sink sink, long delay) {
        LocalReply r = new LocalReply(o, attempts, sink);
        engine.after(delay, r);
        return r;
    }

    private static final class LocalReply extends Engine.Event implements Cancellable {
        final Outcome outcome;
        final int attempts;
        final Sink sink;
        final boolean overloaded;

        LocalReply(Outcome outcome, int attempts, Sink sink) {
            this(outcome, attempts, sink, false);
        }

        LocalReply(Outcome outcome, int attempts, Sink sink, boolean overloaded) {
            this.outcome = outcome;
            this.attempts = attempts;
            this.sink = sink;
            this.overloaded = overloaded;
        }

        @Override
        protected void fire() {
            sink.reply(outcome, attempts, overloaded);
        }

        @Override
        public void abandon() {
            cancel();
        }
    }

    private Sink withFlag(Sink sink, ResponseFlag flag) {
        return (o, a, ov) -> sink.reply(withFlag(o, flag), a, ov);
    }

    private Outcome withFlag(Outcome o, ResponseFlag extra) {
        return extra == null || o.has(extra) ? o : intern(o.withFlag(extra));
    }

    private Outcome withFlags(Outcome o, Set<ResponseFlag> extra) {
        if (extra == null || o.flags().containsAll(extra)) {
            return o;
        }
        EnumSet<ResponseFlag> all = EnumSet.copyOf(extra);
        all.addAll(o.flags());
        return intern(o.withFlags(all));
    }

    private static Set<ResponseFlag> addFlag(Set<ResponseFlag> flags, ResponseFlag flag) {
        Set<ResponseFlag> more = flags == null ? EnumSet.noneOf(ResponseFlag.class) : flags;
        more.add(flag);
        return more;
    }

    private Outcome withCluster(Outcome o, String cluster) {
        return intern(o.withCluster(cluster));
    }

    private Outcome withClusterIfEmpty(Outcome o, String cluster) {
        return o.cluster().isEmpty() && !cluster.isEmpty() ? withCluster(o, cluster) : o;
    }

    /**
     * An answer no app made and no Envoy wrote: a closed connection (status 0), or a host outside
     * the cluster (200, nothing known of its headers). Shared by every request that ends the same way.
     */
    private Outcome failure(String cluster, int status, String body) {
        return intern(Outcome.of(status).withCluster(cluster).withBody(body));
    }

    /**
     * Envoy's own reply ({@code sendLocalReply}): its status, body and flags, with the headers its
     * HTTP/1.1 codec writes: {@code content-length}, and {@code content-type: text/plain} when there
     * is a body (istio-rules §4.11).
     */
    private Outcome envoyReply(String cluster, int status, String body, ResponseFlag... flags) {
        Outcome o = Outcome.of(status).withCluster(cluster).withBody(body)
                .withResponseHeader("content-length", Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        if (!body.isEmpty()) {
            o = o.withResponseHeader("content-type", "text/plain");
        }
        return intern(flags.length == 0 ? o : o.withFlags(EnumSet.copyOf(java.util.Arrays.asList(flags))));
    }

    /** The router's 503 for a circuit-breaker overflow: flag UO and {@code x-envoy-overloaded: true} (istio-rules §4.11). */
    private Outcome overflowReply(String cluster) {
        return intern(envoyReply(cluster, 503, OVERFLOW, ResponseFlag.UPSTREAM_OVERFLOW).withResponseHeader("x-envoy-overloaded", "true"));
    }

    // ---------------------------------------------------------------- response headers

    /** Istio's server name on inbound and gateway listeners ({@code GetProxyHeadersFromProxyConfig}). */
    private static final String ISTIO_ENVOY = "istio-envoy";
    /** Envoy's default server name, which Istio leaves on the sidecar's outbound listeners. */
    private static final String ENVOY = "envoy";
    private final Map<Outcome, Outcome> servedByEnvoy = new HashMap<>();
    private final Map<Outcome, Outcome> servedByIstioEnvoy = new HashMap<>();
    private final Map<HeaderMutation, Map<Outcome, Outcome>> edits = new IdentityHashMap<>();

    /**
     * The HTTP connection manager a response passes on its way back overwrites {@code server} with
     * its server name (Istio's {@code server_header_transformation: OVERWRITE}); the one nearest
     * the client writes last (istio-rules §4.11). Not for status 0: there is no HTTP response.
     */
    private Sink serverHeader(Sink sink, String serverName) {
        Map<Outcome, Outcome> cache = serverName.equals(ENVOY) ? servedByEnvoy : servedByIstioEnvoy;
        return (o, a, ov) -> {
            if (o.status() == 0 || o == CONNECT_RESET) {
                sink.reply(o, a, ov);
                return;
            }
            Outcome stamped = cache.get(o);
            if (stamped == null) {
                stamped = intern(o.withResponseHeader("server", serverName));
                cache.put(o, stamped);
            }
            sink.reply(stamped, a, ov);
        };
    }

    /** A route's {@code response_headers_to_add}/{@code _to_remove} applied to every HTTP response through it. */
    private Sink responseEdits(Sink sink, HeaderMutation first, HeaderMutation then) {
        return (o, a, ov) -> sink.reply(o.status() == 0 || o == CONNECT_RESET ? o : edited(edited(o, first), then), a, ov);
    }

    private Outcome edited(Outcome o, HeaderMutation mutation) {
        if (mutation.isEmpty()) {
            return o;
        }
        Map<Outcome, Outcome> cache = edits.computeIfAbsent(mutation, m -> new HashMap<>());
        Outcome e = cache.get(o);
        if (e == null) {
            e = intern(o.withResponseHeaders(mutation.applied(o.responseHeaders())));
            cache.put(o, e);
        }
        return e;
    }

    private Outcome intern(Outcome o) {
        Outcome known = interned.putIfAbsent(o, o);
        return known == null ? o : known;
    }

    /** The mirror copies' sink when nothing is traced: their answers are dropped. */
    private static final Sink DROP = (o, a, ov) -> { };

    // ---------------------------------------------------------------- explanations (built only when traced)

    /** {@code DestinationRule name.namespace, subset s, } for a cluster a DestinationRule configured. */
    private static String configuredBy(Cluster c) {
        ResourceRef dr = c.destinationRule();
        String by = dr == null ? "" : "DestinationRule " + dr.name() + "." + dr.namespace() + ", ";
        return c.subset().isEmpty() ? by : by + "subset " + c.subset() + ", ";
    }

    /** A duration as a VirtualService writes it: {@code 2s}, {@code 50ms}, {@code 0.5ms}. */
    private static String dur(long nanos) {
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + "ms";
    }

    private static String pct(double percent) {
        return BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString() + "%";
    }

    /** The retry conditions, sorted (the policy keeps them in a set). */
    private static String retryOn(RetryPolicy p) {
        String on = String.join(",", new TreeSet<>(p.retryOn()));
        if (!p.retriableStatusCodes().isEmpty()) {
            on += " " + new TreeSet<>(p.retriableStatusCodes());
        }
        return on;
    }

    /** An answer in short: status and response flags, {@code 503 UO}, {@code 200}. */
    private static String answer(Outcome o) {
        return o.status() + (o.flags().isEmpty() ? "" : " " + o.flagsText());
    }

    private static String join(List<LbEndpoint> hosts) {
        StringBuilder sb = new StringBuilder();
        for (LbEndpoint e : hosts) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e);
        }
        return sb.toString();
    }

    private static void note(List<String> trace, String line) {
        if (trace != null) {
            trace.add(line);
        }
    }

    private static String addr(Target t) {
        return (t.ip() == null ? "?" : t.ip()) + ":" + t.port();
    }

    static {
        Objects.requireNonNull(CONNECT_RESET);
    }
}
