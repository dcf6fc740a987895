package dev.meshtest.sim;

import dev.meshtest.cluster.ClusterPod;
import dev.meshtest.cluster.ClusterService;
import dev.meshtest.cluster.ClusterState;
import dev.meshtest.cluster.Endpoint;
import dev.meshtest.cluster.ProxyKind;
import dev.meshtest.proxy.Cluster;
import dev.meshtest.proxy.HashPolicy;
import dev.meshtest.proxy.HttpRequest;
import dev.meshtest.proxy.LbEndpoint;
import dev.meshtest.proxy.Listener;
import dev.meshtest.proxy.MeshSettings;
import dev.meshtest.proxy.ProxyConfig;
import dev.meshtest.proxy.ProxyConfigs;
import dev.meshtest.proxy.Route;
import dev.meshtest.proxy.RouteAction;
import dev.meshtest.proxy.RouteConfiguration;
import dev.meshtest.proxy.VirtualHost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The data plane: carries one request from a client pod (or from outside the cluster, through a
 * gateway) to the pod that answers, as kube-proxy and the Envoy proxies would (§0 of the
 * reference): the client's sidecar routes by its compiled configuration; a gateway on the way
 * routes again with its own; a client without a sidecar goes through kube-proxy. A route's
 * destination is a cluster name, and the request goes to that cluster's endpoints, so a
 * VirtualService is applied once, by the proxy that sends (§3).
 *
 * <p>Every random pick (weighted cluster, load balancer, kube-proxy) comes from one seeded
 * stream, so a seed gives the same outcomes on every run. Not thread-safe.
 *
 * <pre>{@code
 * Simulation sim = new Simulation(ProxyConfigs.of(state, MeshSettings.DEFAULT), new SplittableRandom(42));
 * Outcome o = sim.send(nginx, new Simulation.Target("10.96.0.12", 5000), request, null);
 * }</pre>
 */
public final class Simulation {

    /** Envoy's body when a cluster has no healthy endpoint. */
    public static final String NO_HEALTHY_UPSTREAM = "no healthy upstream";
    /** Envoy's body when the default retries (2, on connect failure) all failed to connect. */
    static final String CONNECT_FAILURE = "upstream connect error or disconnect/reset before headers. retried and the "
            + "latest reset reason: remote connection failure, transport failure reason: delayed connect error: 111";
    private static final int MAX_HOPS = 8;

    /**
     * Where a request is sent: the address dialled (a ClusterIP, a pod IP, or {@code null} for a
     * name outside the cluster) and the port.
     */
    public record Target(String ip, int port) {
    }

    private final ProxyConfigs configs;
    private final ClusterState state;
    private final SplittableRandom random;
    /** Load-balancer state per proxy and cluster: a {@link Cluster} object belongs to one proxy's configuration. */
    private final Map<Cluster, LoadBalancer> balancers = new IdentityHashMap<>();
    /** The outcome of a request an endpoint served through a cluster, made once per endpoint. */
    private final Map<LbEndpoint, Outcome> served = new IdentityHashMap<>();
    /** The outcome of a request a pod served with no cluster on the way (kube-proxy), made once per pod. */
    private final Map<ClusterPod, Outcome> servedDirectly = new IdentityHashMap<>();
    private final Map<Outcome, Outcome> interned = new HashMap<>();

    public Simulation(ProxyConfigs configs, SplittableRandom random) {
        this.configs = configs;
        this.state = configs.state();
        this.random = random;
    }

    /** The compiled proxy configurations this simulation routes with. */
    public ProxyConfigs configs() {
        return configs;
    }

    /**
     * Sends one request from a pod. {@code trace}, when not {@code null}, receives one line per
     * decision (listener, virtual host, route, cluster, endpoint), for explanations.
     */
    public Outcome send(ClusterPod client, Target target, HttpRequest request, List<String> trace) {
        if (client.proxy() == ProxyKind.NONE) {
            if (trace != null) {
                note(trace, "client " + client.name() + " has no sidecar: kube-proxy forwards " + addr(target));
            }
            return kubeProxy(client, target, request, trace, 0);
        }
        return outbound(configs.of(client), client, target, request, trace, 0);
    }

    /** Sends one request from outside the cluster to a gateway pod's port, as a load balancer would. */
    public Outcome sendToGateway(ClusterPod gateway, int podPort, HttpRequest request, List<String> trace) {
        if (trace != null) {
            note(trace, "enters at gateway " + gateway.namespace() + "/" + gateway.name() + " port " + podPort);
        }
        return deliver(null, new LbEndpoint(gateway.ip(), podPort, gateway, gateway.labels(), gateway.ready()),
                "", request, trace, 0);
    }

    // ---------------------------------------------------------------- client side

    /** The client's proxy: listener, route configuration, virtual host, route, cluster, endpoint. */
    private Outcome outbound(ProxyConfig pc, ClusterPod proxyPod, Target target, HttpRequest request, List<String> trace,
                             int hops) {
        Listener listener = target.ip() == null ? pc.listener("0.0.0.0", target.port()) : pc.listener(target.ip(), target.port());
        String who = trace == null ? null : (pc.isGateway() ? "gateway " : "sidecar of ") + proxyPod.name();
        if (listener == null) {
            // No listener for this port: the catch-all outbound listener (§2.5).
            if (pc.outboundTrafficPolicy() == MeshSettings.OutboundTrafficPolicy.ALLOW_ANY) {
                if (trace != null) {
                    note(trace, who + ": no listener for port " + target.port() + ", PassthroughCluster");
                }
                return passthrough(proxyPod, target, request, trace, hops);
            }
            if (trace != null) {
                note(trace, who + ": no listener for port " + target.port() + ", BlackHoleCluster closes the connection");
            }
            return failure(Cluster.BLACKHOLE, 0, "-", "");
        }
        if (trace != null) {
            note(trace, who + ": listener " + listener.name());
        }
        if (listener.protocol() == Listener.Protocol.TCP) {
            return toCluster(pc, proxyPod, target, listener.cluster(), null, request, trace, hops);
        }
        RouteConfiguration rc = pc.routeConfiguration(listener.routeConfigName());
        VirtualHost vh = rc.virtualHost(request.authority());
        if (vh == null) {
            if (trace != null) {
                note(trace, who + ": route " + rc.name() + " has no virtual host for " + request.authority() + ": 404 NR");
            }
            return failure("", 404, "NR", "");
        }
        Route route = vh.route(request);
        if (route == null) {
            if (trace != null) {
                note(trace, who + ": virtual host " + vh.name() + " has no route matching " + request.pathAndQuery() + ": 404 NR");
            }
            return failure("", 404, "NR", "");
        }
        if (trace != null) {
            note(trace, who + ": route " + rc.name() + " > virtual host " + vh.name() + " > " + route.origin()
                    + " (match " + route.match() + ")");
        }
        if (route.action() instanceof RouteAction.DirectResponse d) {
            if (trace != null) {
                note(trace, who + ": direct response " + d.status());
            }
            return failure("", d.status(), "-", d.body());
        }
        if (route.action() instanceof RouteAction.Redirect r) {
            if (trace != null) {
                note(trace, who + ": redirect " + r.status());
            }
            return failure("", r.status(), "-", "");
        }
        return forward(pc, proxyPod, target, route, (RouteAction.Forward) route.action(), request, trace, hops);
    }

    private Outcome forward(ProxyConfig pc, ClusterPod proxyPod, Target target, Route route, RouteAction.Forward f,
                            HttpRequest request, List<String> trace, int hops) {
        RouteAction.WeightedCluster picked = pickWeighted(f, trace);
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
        if (picked.name().equals(Cluster.PASSTHROUGH)) {
            if (trace != null) {
                note(trace, "PassthroughCluster: to the original destination " + addr(target));
            }
            return passthrough(proxyPod, target, out, trace, hops);
        }
        return toCluster(pc, proxyPod, target, picked.name(), f.hashPolicy(), out, trace, hops);
    }

    /** Envoy's weighted pick: a random number modulo the total weight, then a cumulative walk (§4.3). */
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

    private Outcome toCluster(ProxyConfig pc, ClusterPod proxyPod, Target target, String clusterName, HashPolicy hash,
                              HttpRequest request, List<String> trace, int hops) {
        Cluster cluster = pc.cluster(clusterName);
        if (cluster == null) {
            if (trace != null) {
                note(trace, "cluster " + clusterName + " does not exist: 503 NC");
            }
            return failure(clusterName, 503, "NC", "");
        }
        if (cluster.type() == Cluster.Type.ORIGINAL_DST) {
            if (trace != null) {
                note(trace, "cluster " + clusterName + " forwards to the original destination");
            }
            return withClusterIfEmpty(passthrough(proxyPod, target, request, trace, hops), clusterName);
        }
        List<LbEndpoint> hosts = cluster.healthyEndpoints();
        if (hosts.isEmpty()) {
            if (trace != null) {
                note(trace, "cluster " + clusterName + " has no healthy endpoint: 503 UH");
            }
            return failure(clusterName, 503, "UH", NO_HEALTHY_UPSTREAM);
        }
        LoadBalancer lb = balancers.computeIfAbsent(cluster, c -> LoadBalancer.of(c.loadBalancer(), hosts));
        boolean hasHash = false;
        long h = 0;
        if (hash != null) {
            String key = hashKey(hash, proxyPod, request);
            if (key != null) {
                hasHash = true;
                h = XxHash64.hash(key);
            }
        }
        LbEndpoint endpoint = lb.pick(hosts, hasHash, h, random, LoadBalancer.ActiveRequests.NONE);
        if (trace != null) {
            note(trace, "cluster " + clusterName + " (" + cluster.loadBalancer()
                    + (hash == null ? "" : ", hash on " + hash) + ") picks " + endpoint);
        }
        return deliver(proxyPod, endpoint, clusterName, request, trace, hops);
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

    /** PassthroughCluster: to the address dialled; a ClusterIP there ends at kube-proxy (§2.5). */
    private Outcome passthrough(ClusterPod proxyPod, Target target, HttpRequest request, List<String> trace, int hops) {
        if (target.ip() == null) {
            if (trace != null) {
                note(trace, "leaves the cluster for " + request.authority() + " (external hosts answer 200 in meshtest)");
            }
            return failure(Cluster.PASSTHROUGH, 200, "-", "");
        }
        Outcome viaKubeProxy = kubeProxy(proxyPod, target, request, trace, hops);
        return viaKubeProxy.cluster().isEmpty() ? withCluster(viaKubeProxy, Cluster.PASSTHROUGH) : viaKubeProxy;
    }

    // ---------------------------------------------------------------- kube-proxy and the server side

    /**
     * kube-proxy (§1.5): a ClusterIP:port goes to a uniformly random ready endpoint of that
     * Service; a pod IP goes to that pod; nothing listening is a refused connection.
     */
    private Outcome kubeProxy(ClusterPod client, Target target, HttpRequest request, List<String> trace, int hops) {
        if (target.ip() == null) {
            if (trace != null) {
                note(trace, "leaves the cluster for " + request.authority() + " (external hosts answer 200 in meshtest)");
            }
            return failure("", 200, "-", "");
        }
        ClusterService svc = state.serviceByIp(target.ip()).orElse(null);
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
                return failure("", 0, "-", "");
            }
            Endpoint e = ready.get(random.nextInt(ready.size()));
            if (trace != null) {
                note(trace, "kube-proxy: Service " + svc.namespace() + "/" + svc.name() + " picks " + e.pod().name() + ":" + e.port());
            }
            return deliver(client, new LbEndpoint(e.ip(), e.port(), e.pod(), e.pod().labels(), true), "", request, trace, hops);
        }
        ClusterPod p = state.podByIp(target.ip()).orElse(null);
        if (p != null) {
            return deliver(client, new LbEndpoint(p.ip(), target.port(), p, p.labels(), p.ready()), "", request, trace, hops);
        }
        if (trace != null) {
            note(trace, "leaves the cluster for " + addr(target) + " (external hosts answer 200 in meshtest)");
        }
        return failure("", 200, "-", "");
    }

    /**
     * The request reaches a pod: a gateway routes it again as a client (§7.5); a pod with a
     * sidecar passes it through its inbound side to the app; the app answers.
     */
    private Outcome deliver(ClusterPod from, LbEndpoint endpoint, String cluster, HttpRequest request,
                            List<String> trace, int hops) {
        ClusterPod pod = endpoint.pod();
        if (pod == null) {
            if (trace != null) {
                note(trace, "reaches " + endpoint.address() + " outside the cluster (answers 200 in meshtest)");
            }
            return failure(cluster, 200, "-", "");
        }
        if (pod.proxy() == ProxyKind.GATEWAY) {
            if (hops >= MAX_HOPS) {
                return failure(cluster, 508, "-", "meshtest: the request passed " + MAX_HOPS + " gateways, a routing loop");
            }
            ProxyConfig gw = configs.of(pod);
            Listener l = gw.listener(pod.ip(), endpoint.port());
            if (l == null) {
                // No Gateway server on this port: nothing listens (§7.1).
                if (trace != null) {
                    note(trace, "gateway " + pod.name() + " has no listener on port " + endpoint.port() + ": connection refused");
                }
                return from == null || from.proxy() == ProxyKind.NONE ? failure(cluster, 0, "-", "")
                        : failure(cluster, 503, "UF,URX", CONNECT_FAILURE);
            }
            return withClusterIfEmpty(outbound(gw, pod, new Target(pod.ip(), endpoint.port()), request, trace, hops + 1), cluster);
        }
        if (trace != null) {
            note(trace, "served by " + pod.namespace() + "/" + pod.name() + (pod.proxy() == ProxyKind.SIDECAR ? " (through its sidecar)" : ""));
        }
        if (cluster.isEmpty()) {
            return servedDirectly.computeIfAbsent(pod, p -> served(p, ""));
        }
        // An endpoint of a cluster is always served through that cluster: one outcome per endpoint.
        return this.served.computeIfAbsent(endpoint, e -> served(pod, cluster));
    }

    private static Outcome served(ClusterPod pod, String cluster) {
        return new Outcome(pod.workload(), pod.name(), pod.namespace(), pod.labels().get("version"), cluster, 200, "-", "");
    }

    private Outcome withCluster(Outcome o, String cluster) {
        return intern(new Outcome(o.workload(), o.pod(), o.namespace(), o.version(), cluster, o.status(), o.flag(), o.body()));
    }

    private Outcome withClusterIfEmpty(Outcome o, String cluster) {
        return o.cluster().isEmpty() && !cluster.isEmpty() ? withCluster(o, cluster) : o;
    }

    /** A failure made by a proxy, shared by every request that fails the same way. */
    private Outcome failure(String cluster, int status, String flag, String body) {
        return intern(Outcome.failure(cluster, status, flag, body));
    }

    private Outcome intern(Outcome o) {
        Outcome known = interned.putIfAbsent(o, o);
        return known == null ? o : known;
    }

    private static void note(List<String> trace, String line) {
        if (trace != null) {
            trace.add(line);
        }
    }

    private static String addr(Target t) {
        return (t.ip() == null ? "?" : t.ip()) + ":" + t.port();
    }
}
