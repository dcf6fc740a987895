package dev.meshtest.internal.sim;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.internal.cluster.ClusterPod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * How configuration reaches the proxies while traffic runs: eventually, as istiod pushes it
 * (docs/istio-rules.md §13). A change to the cluster takes effect at once for Kubernetes (the
 * "world": which pods exist, kube-proxy's endpoints), but each proxy routes by the last
 * configuration version it received. istiod debounces changes ({@code discovery.go debounce}:
 * the push waits until no change came for {@code PILOT_DEBOUNCE_AFTER}, 100 ms, or until
 * {@code PILOT_DEBOUNCE_MAX}, 10 s, after the first change of the round, and carries the
 * latest version), then pushes to every proxy; each proxy has it after a delivery delay drawn
 * from the mesh's seed (meshtest's assumption, see {@link Timing}). Pushes to one proxy arrive in
 * order. A proxy created by a change starts with that version, as a new proxy connects and
 * gets the current one.
 *
 * <p>Each version is a {@link Simulation} of its own over the one {@link DataPlane};
 * {@link #of(ClusterPod)} says which one a proxy routes with now, and a request that reaches
 * another proxy continues in that proxy's (see {@link Simulation#at}). When a proxy takes a new
 * version, its clusters' run-time state is kept, moved or replaced as Envoy does on a push
 * ({@link DataPlane#update(ClusterPod, dev.meshtest.internal.proxy.ProxyConfigs)}); requests in
 * flight finish as they were routed.
 *
 * <pre>{@code
 * ConfigPushes pushes = new ConfigPushes(initial, ConfigPushes.Timing.ISTIO, seed);
 * engine.schedule(5_000_000_000L, event(() -> pushes.changed(next)));   // kubectl apply at 5 s
 * engine.run();   // proxies take the new version from about 5.1 s on
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class ConfigPushes {

    /**
     * The delays of a push, in nanoseconds: istiod's debounce ({@code PILOT_DEBOUNCE_AFTER},
     * {@code PILOT_DEBOUNCE_MAX}), and the delivery to each proxy (generating its config, sending
     * it, Envoy applying it), drawn uniformly from {@code [deliveryMin, deliveryMax]} per proxy
     * and push.
     */
    public record Timing(long debounceAfter, long debounceMax, long deliveryMin, long deliveryMax) {
        /** Every change at every proxy at once. */
        public static final Timing NONE = new Timing(0, 0, 0, 0);

        public Timing {
            if (debounceAfter < 0 || debounceMax < 0 || deliveryMin < 0 || deliveryMax < deliveryMin) {
                throw new IllegalArgumentException("push delays are not negative, and the longest delivery is not shorter "
                        + "than the shortest");
            }
        }

        /** {@return whether changes reach every proxy at the moment they are made} */
        public boolean instant() {
            return debounceAfter == 0 && deliveryMax == 0;
        }
    }

    /** A proxy took a configuration version at a time on the virtual clock. */
    public record Push(ClusterPod pod, long version, long atNanos) {
    }

    private static final long MILLI = 1_000_000;

    private final Engine engine;
    private final Timing timing;
    private final long seed;
    private final List<Simulation> versions = new ArrayList<>();
    private Simulation world;
    /** The version each proxy ({@code namespace/pod}) routes with, when it took one since the start. */
    private final Map<String, Simulation> taken = new HashMap<>();
    /** When each proxy's last push arrives (pushes to one proxy arrive in order). */
    private final Map<String, Long> lastArrival = new HashMap<>();
    private final List<Push> log = new ArrayList<>();
    /** The debounce: the latest version not yet pushed, when the round began, the last change. */
    private Simulation waiting;
    private long roundStart;
    private long lastChange;
    private int rounds;
    /** Deliveries scheduled and not yet arrived. */
    private int inFlight;

    /** Pushes over {@code initial}, the version every proxy has at the start. */
    public ConfigPushes(Simulation initial, Timing timing, long seed) {
        this.engine = initial.engine;
        this.timing = timing;
        this.seed = seed;
        this.world = initial;
        versions.add(initial);
        initial.pushes = this;
    }

    /** {@return the latest version: what Kubernetes has now} */
    public Simulation world() {
        return world;
    }

    /**
     * The version {@code pod}'s proxy routes with now; for a pod without a proxy, the world's.
     * Whichever it is holds the pod.
     */
    public Simulation of(ClusterPod pod) {
        if (!pod.hasProxy()) {
            return world;
        }
        Simulation s = taken.get(key(pod.namespace(), pod.name()));
        if (s != null) {
            return s;
        }
        if (versions.size() == 1) {
            return world;   // no change yet: the one version, without a lookup per request
        }
        // No push reached it yet: the version it started with, the first that has it.
        for (Simulation v : versions) {
            if (v.state.pod(pod.namespace(), pod.name()).isPresent()) {
                return v;
            }
        }
        return world;
    }

    /**
     * The cluster changed now to {@code next} (a simulation of the new version over the same data
     * plane): the world has it at once; the proxies when the debounced push reaches them.
     */
    public void changed(Simulation next) {
        next.pushes = this;
        versions.add(next);
        world = next;
        long now = engine.now();
        if (timing.instant()) {
            deliver(next, now);
            return;
        }
        lastChange = now;
        if (waiting == null) {
            roundStart = now;
            engine.schedule(now + timing.debounceAfter(), new Debounce());
        }
        waiting = next;
    }

    /** istiod's debounce timer ({@code discovery.go debounce}, {@code pushWorker}). */
    private final class Debounce extends Engine.Event {
        @Override
        protected void fire() {
            long now = engine.now();
            long quiet = now - lastChange;
            if (now - roundStart >= timing.debounceMax() || quiet >= timing.debounceAfter()) {
                Simulation v = waiting;
                waiting = null;
                deliver(v, now);
            } else {
                engine.schedule(now + timing.debounceAfter() - quiet, this);
            }
        }
    }

    /** Pushes {@code v} to every proxy it has, each arriving after its own delivery delay. */
    private void deliver(Simulation v, long pushedAt) {
        int round = rounds++;
        for (ClusterPod pod : v.state.pods()) {
            if (!pod.hasProxy()) {
                continue;
            }
            String key = key(pod.namespace(), pod.name());
            long at = pushedAt + delivery(round, key);
            Long last = lastArrival.get(key);
            if (last != null && last > at) {
                at = last;
            }
            lastArrival.put(key, at);
            inFlight++;
            if (at == engine.now()) {
                arrive(v, pod, key);
            } else {
                engine.schedule(at, new Arrival(v, pod, key));
            }
        }
    }

    /** One proxy's delivery delay for one push: its own draw, whatever order proxies are pushed in. */
    private long delivery(int round, String key) {
        long span = timing.deliveryMax() - timing.deliveryMin();
        if (span == 0) {
            return timing.deliveryMin();
        }
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + round * 0xBF58476D1CE4E5B9L + key.hashCode());
        // In whole milliseconds when the range spans one: a push takes milliseconds, and times read better.
        return span < MILLI ? timing.deliveryMin() + r.nextLong(span + 1)
                : timing.deliveryMin() + r.nextLong(span / MILLI + 1) * MILLI;
    }

    private final class Arrival extends Engine.Event {
        private final Simulation v;
        private final ClusterPod pod;
        private final String key;

        Arrival(Simulation v, ClusterPod pod, String key) {
            this.v = v;
            this.pod = pod;
            this.key = key;
        }

        @Override
        protected void fire() {
            arrive(v, pod, key);
        }
    }

    private void arrive(Simulation v, ClusterPod pod, String key) {
        inFlight--;
        Simulation before = of(pod);
        if (versions.indexOf(before) >= versions.indexOf(v)) {
            return;
        }
        taken.put(key, v);
        v.plane.update(pod, v.configs);
        log.add(new Push(v.same(pod), v.state.version(), engine.now()));
    }

    /** {@return whether every proxy has the latest version and nothing is on its way} */
    public boolean converged() {
        return waiting == null && inFlight == 0;
    }

    /** {@return every proxy's take of a new version so far, in time order} */
    public List<Push> log() {
        return Collections.unmodifiableList(log);
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
