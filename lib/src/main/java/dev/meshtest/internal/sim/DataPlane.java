package dev.meshtest.internal.sim;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.Endpoint;
import dev.meshtest.internal.cluster.ProxyKind;
import dev.meshtest.internal.proxy.CircuitBreakers;
import dev.meshtest.internal.proxy.Cluster;
import dev.meshtest.internal.proxy.ProxyConfigs;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What the proxies and kube-proxy remember between requests, owned by the mesh and kept across
 * configuration versions as Envoy keeps it: the virtual clock, the one seeded random stream,
 * each proxy's clusters at run time ({@link UpstreamCluster}: load balancer, connection pool,
 * outlier ejections), each sidecar's inbound pools, kube-proxy's session affinity.
 *
 * <p>On a new configuration version ({@link #update}), as Envoy on a CDS and EDS update
 * ({@code ClusterManagerImpl::addOrUpdateCluster}, docs/architecture.md "Data-plane state"):
 * <ul>
 *   <li>a cluster whose settings did not change keeps its state; new endpoints (EDS) move each
 *       host's state by address, and removed hosts lose theirs;</li>
 *   <li>a cluster whose settings changed is a new cluster: a fresh pool and circuit breakers,
 *       no ejections, a new load balancer;</li>
 *   <li>a cluster that is gone from the proxy, or a proxy whose pod is gone, loses its state.</li>
 * </ul>
 * Updates and forks happen at rest, between sends: nothing is in flight.
 *
 * <pre>{@code
 * DataPlane plane = new DataPlane(new SeededRandom(42), Duration.ofNanos(500_000));
 * plane.update(configsOfVersion2);      // keeps what Envoy keeps
 * DataPlane what = plane.fork();       // for an explanation: the same state, its own future
 * }</pre>
 */
@API(status = INTERNAL, since = "0.2")
public final class DataPlane {

    private final Engine engine;
    private final SeededRandom random;
    private final long overhead;
    private final long connectNanos;
    /** Per proxy ({@code namespace/pod}), then per cluster name. */
    private final Map<String, Map<String, UpstreamCluster>> upstreams;
    /** Per sidecar ({@code namespace/pod}), then per target port. */
    private final Map<String, Map<Integer, CircuitBreaker>> inbound;
    /** kube-proxy's ClientIP session affinity: the endpoint each client was given, per Service port. */
    private final Map<String, Affinity> affinity;
    private ProxyConfigs configs;
    long mirrored;
    /** What the current send has touched, as it was before: for replays; {@code null} when nothing records. */
    private Snapshot recording;
    /** Bumped by each {@link #snapshot()}: caches of state objects must look them up again. */
    private long generation;

    /** A client's pinned endpoint and when it last sent to it (kube-proxy's {@code recent} entry). */
    static final class Affinity {
        Endpoint endpoint;
        long lastUsed;

        Affinity copy() {
            Affinity a = new Affinity();
            a.endpoint = endpoint;
            a.lastUsed = lastUsed;
            return a;
        }
    }

    /**
     * A data plane at time 0.
     *
     * @param sidecarOverhead what one Envoy adds to a request's way; half of it is the set-up of a new connection
     */
    public DataPlane(SeededRandom random, Duration sidecarOverhead) {
        this(new Engine(), random, sidecarOverhead.toNanos(), new HashMap<>(), new HashMap<>(), new HashMap<>());
    }

    private DataPlane(Engine engine, SeededRandom random, long overhead, Map<String, Map<String, UpstreamCluster>> upstreams,
                      Map<String, Map<Integer, CircuitBreaker>> inbound, Map<String, Affinity> affinity) {
        this.engine = engine;
        this.random = random;
        this.overhead = overhead;
        // The proxy asks its pool halfway through its overhead; a new connection's set-up is the
        // second half (docs/resilience.md, "Circuit breakers").
        this.connectNanos = overhead - overhead / 2;
        this.upstreams = upstreams;
        this.inbound = inbound;
        this.affinity = affinity;
    }

    /**
     * This data plane with another sidecar overhead (a meshtest setting, not Istio's): the same
     * clock, random stream and session affinity; connection pools and cluster state start anew,
     * since their connect time changes.
     */
    public DataPlane withSidecarOverhead(Duration sidecarOverhead) {
        requireAtRest("withSidecarOverhead");
        DataPlane d = new DataPlane(engine, random, sidecarOverhead.toNanos(), new HashMap<>(), new HashMap<>(), affinity);
        d.mirrored = mirrored;
        return d;
    }

    /** What one Envoy adds to a request's way, in nanoseconds. */
    long overhead() {
        return overhead;
    }

    /** The clock and event queue. */
    public Engine engine() {
        return engine;
    }

    /** The one seeded random stream. */
    public SeededRandom random() {
        return random;
    }

    /** How many mirror copies were sent so far. */
    public long mirrored() {
        return mirrored;
    }

    /**
     * A copy at rest of everything here (clock, random stream, pools, ejections, affinity): what
     * happens in the copy does not touch this one. Explanations run in a fork.
     */
    public DataPlane fork() {
        requireAtRest("fork");
        Engine e = new Engine(engine.now());
        DataPlane f = new DataPlane(e, random.copy(), overhead, copy(upstreams, e), copyInbound(inbound, e),
                copyAffinity(affinity));
        f.configs = configs;
        f.mirrored = mirrored;
        return f;
    }

    /**
     * Starts a snapshot of this data plane as it is now, for replaying the send that follows: the
     * clock, random stream and mirror count now, and each cluster's, inbound port's and affinity
     * entry's state as it is when the send first touches it (a replay touches the same, in the
     * same order). Costs what the send touches, not what the data plane holds.
     */
    public Snapshot snapshot() {
        requireAtRest("snapshot");
        recording = new Snapshot(engine.now(), random.copy(), mirrored, overhead, configs);
        generation++;
        return recording;
    }

    /** Which snapshot generation this is: caches of state objects are valid within one. */
    long generation() {
        return generation;
    }

    /**
     * A data plane as it was at the start of a send, as far as the send touched it: restore it to
     * replay the send.
     *
     * <pre>{@code
     * DataPlane.Snapshot before = plane.snapshot();
     * // ... the send ...
     * DataPlane again = before.restore();   // a fresh copy each time
     * }</pre>
     */
    public static final class Snapshot {
        private final long now;
        private final SeededRandom random;
        private final long mirrored;
        private final long overhead;
        private final ProxyConfigs configs;
        /** What the send has touched (recorded or found absent), per proxy or server: cluster names, ports. */
        private final Map<String, Set<String>> seenClusters = new HashMap<>();
        private final Map<String, Set<Integer>> seenPorts = new HashMap<>();
        private final Set<String> seenAffinity = new HashSet<>();
        private final Map<String, Map<String, UpstreamCluster>> upstreams = new HashMap<>();
        private final Map<String, Map<Integer, CircuitBreaker>> inbound = new HashMap<>();
        private final Map<String, Affinity> affinity = new HashMap<>();

        private Snapshot(long now, SeededRandom random, long mirrored, long overhead, ProxyConfigs configs) {
            this.now = now;
            this.random = random;
            this.mirrored = mirrored;
            this.overhead = overhead;
            this.configs = configs;
        }

        /** A data plane in this state, for one replay. */
        public DataPlane restore() {
            Engine e = new Engine(now);
            DataPlane d = new DataPlane(e, random.copy(), overhead, copy(upstreams, e), copyInbound(inbound, e),
                    copyAffinity(affinity));
            d.configs = configs;
            d.mirrored = mirrored;
            return d;
        }
    }

    private static Map<String, Map<String, UpstreamCluster>> copy(Map<String, Map<String, UpstreamCluster>> from, Engine e) {
        Map<String, Map<String, UpstreamCluster>> ups = new HashMap<>();
        from.forEach((proxy, byName) -> {
            Map<String, UpstreamCluster> copy = new HashMap<>();
            byName.forEach((name, up) -> copy.put(name, up.copy(e)));
            ups.put(proxy, copy);
        });
        return ups;
    }

    private static Map<String, Map<Integer, CircuitBreaker>> copyInbound(Map<String, Map<Integer, CircuitBreaker>> from,
                                                                          Engine e) {
        Map<String, Map<Integer, CircuitBreaker>> in = new HashMap<>();
        from.forEach((pod, byPort) -> {
            Map<Integer, CircuitBreaker> copy = new HashMap<>();
            byPort.forEach((port, cb) -> copy.put(port, cb == null ? null : cb.copyAtRest(e)));
            in.put(pod, copy);
        });
        return in;
    }

    private static Map<String, Affinity> copyAffinity(Map<String, Affinity> from) {
        Map<String, Affinity> aff = new HashMap<>();
        from.forEach((k, a) -> aff.put(k, a.copy()));
        return aff;
    }

    /**
     * Takes a new configuration version: keeps, moves or drops each cluster's and inbound port's
     * state as Envoy would (see the class comment).
     */
    public void update(ProxyConfigs next) {
        if (next == configs) {
            return;
        }
        requireAtRest("update");
        configs = next;
        for (Iterator<Map.Entry<String, Map<String, UpstreamCluster>>> it = upstreams.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Map<String, UpstreamCluster>> proxy = it.next();
            ClusterPod pod = proxyOf(next, proxy.getKey());
            if (pod == null) {
                it.remove();
                continue;
            }
            // Only the clusters with state are looked at, each built alone: an update costs what
            // the data plane holds, not the size of the mesh.
            proxy.getValue().entrySet().removeIf(e -> {
                Cluster c = next.cluster(pod, e.getKey());
                if (c == null || !e.getValue().sameCluster(c)) {
                    return true;
                }
                e.getValue().update(c);
                return false;
            });
        }
        for (Iterator<Map.Entry<String, Map<Integer, CircuitBreaker>>> it = inbound.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Map<Integer, CircuitBreaker>> byPort = it.next();
            ClusterPod pod = proxyOf(next, byPort.getKey());
            if (pod == null) {
                it.remove();
                continue;
            }
            byPort.getValue().entrySet().removeIf(e -> !next.inboundCircuitBreakers(pod, e.getKey()).equals(
                    e.getValue() == null ? CircuitBreakers.DEFAULT : e.getValue().limits()));
        }
    }

    /**
     * One proxy takes a new configuration version while traffic runs (a push reaching it,
     * {@link ConfigPushes}): its clusters' and inbound ports' state are kept, moved or dropped as
     * {@link #update(ProxyConfigs)} does for all. Requests in flight keep the state objects they
     * hold: a replaced cluster's pool drains as Envoy's does.
     */
    void update(ClusterPod pod, ProxyConfigs next) {
        String proxy = key(pod);
        Map<String, UpstreamCluster> byName = upstreams.get(proxy);
        if (byName != null) {
            for (Iterator<Map.Entry<String, UpstreamCluster>> it = byName.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, UpstreamCluster> e = it.next();
                // A replay must find each cluster as it was before the send changed it.
                if (recording != null && recording.seenClusters.computeIfAbsent(proxy, k -> new HashSet<>()).add(e.getKey())) {
                    recording.upstreams.computeIfAbsent(proxy, k -> new HashMap<>()).put(e.getKey(), e.getValue().copy(engine));
                }
                Cluster c = next.cluster(pod, e.getKey());
                if (c == null || !e.getValue().sameCluster(c) || !e.getValue().pushed(c)) {
                    it.remove();
                }
            }
        }
        Map<Integer, CircuitBreaker> byPort = inbound.get(proxy);
        if (byPort != null) {
            for (Iterator<Map.Entry<Integer, CircuitBreaker>> it = byPort.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Integer, CircuitBreaker> e = it.next();
                if (recording != null && recording.seenPorts.computeIfAbsent(proxy, k -> new HashSet<>()).add(e.getKey())) {
                    recording.inbound.computeIfAbsent(proxy, k -> new HashMap<>()).put(e.getKey(),
                            e.getValue() == null ? null : e.getValue().copyAtRest(engine));
                }
                if (!next.inboundCircuitBreakers(pod, e.getKey()).equals(
                        e.getValue() == null ? CircuitBreakers.DEFAULT : e.getValue().limits())) {
                    it.remove();
                }
            }
        }
    }

    /** The pod {@code key} in {@code next} when it has a proxy, else {@code null}. */
    private static ClusterPod proxyOf(ProxyConfigs next, String key) {
        int slash = key.indexOf('/');
        ClusterPod pod = next.state().pod(key.substring(0, slash), key.substring(slash + 1)).orElse(null);
        return pod == null || !pod.hasProxy() ? null : pod;
    }

    /** The run-time state of {@code cluster} in the proxy of {@code pod}, made new when the proxy has none. */
    UpstreamCluster upstream(ClusterPod pod, Cluster cluster) {
        String proxy = key(pod);
        Map<String, UpstreamCluster> byName = upstreams.computeIfAbsent(proxy, k -> new HashMap<>());
        UpstreamCluster up = byName.get(cluster.name());
        if (recording != null && recording.seenClusters.computeIfAbsent(proxy, k -> new HashSet<>()).add(cluster.name())
                && up != null) {
            recording.upstreams.computeIfAbsent(proxy, k -> new HashMap<>()).put(cluster.name(), up.copy(engine));
        }
        if (up == null) {
            up = new UpstreamCluster(cluster, engine, connectNanos);
            byName.put(cluster.name(), up);
        } else if (up.cluster != cluster && !up.pushed(cluster)) {
            // The same cluster compiled again for another version (update() checked its settings). Its
            // endpoints moved while requests were in flight: a new cluster, the old one drains.
            up = new UpstreamCluster(cluster, engine, connectNanos);
            byName.put(cluster.name(), up);
        }
        return up;
    }

    /** The inbound circuit breaker of {@code pod}'s sidecar for a target port, or {@code null} when it has no limits. */
    CircuitBreaker inbound(ClusterPod pod, int port, ProxyConfigs configs) {
        String server = key(pod);
        Map<Integer, CircuitBreaker> byPort = inbound.computeIfAbsent(server, k -> new HashMap<>());
        if (recording != null && recording.seenPorts.computeIfAbsent(server, k -> new HashSet<>()).add(port)
                && byPort.containsKey(port)) {
            CircuitBreaker cb = byPort.get(port);
            recording.inbound.computeIfAbsent(server, k -> new HashMap<>()).put(port, cb == null ? null : cb.copyAtRest(engine));
        }
        if (byPort.containsKey(port)) {
            return byPort.get(port);
        }
        CircuitBreaker cb = null;
        if (pod.proxy() == ProxyKind.SIDECAR) {
            CircuitBreakers limits = configs.inboundCircuitBreakers(pod, port);
            if (!limits.equals(CircuitBreakers.DEFAULT)) {
                cb = new CircuitBreaker(limits);
            }
        }
        byPort.put(port, cb);
        return cb;
    }

    /** kube-proxy's affinity entry {@code key}, or {@code null}; {@code create} makes one when there is none. */
    Affinity affinity(String key, boolean create) {
        Affinity a = affinity.get(key);
        if (recording != null && recording.seenAffinity.add(key) && a != null) {
            recording.affinity.put(key, a.copy());
        }
        if (a == null && create) {
            a = new Affinity();
            affinity.put(key, a);
        }
        return a;
    }

    private static String key(ClusterPod pod) {
        return pod.namespace() + "/" + pod.name();
    }

    private void requireAtRest(String what) {
        if (!engine.idle()) {
            throw new IllegalStateException(what + " while requests are in flight");
        }
    }
}
