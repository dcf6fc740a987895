package dev.meshtest.internal.cluster;

import dev.meshtest.config.Resource;
import dev.meshtest.config.ResourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The cluster's mutable data, changed in place. {@link Cluster} makes a call atomic with an undo
 * log rather than a copy: {@link #begin()} starts a call, every change records its inverse, and
 * {@link #rollback()} undoes them all when the call fails, {@link #commit()} forgets them when it
 * succeeds. A call so costs what it changes, not what the store holds (a copy of a store of 50,000
 * objects took 17% of an apply of 100). Values are immutable records.
 *
 * <p>The store also remembers which objects and pods a call touched, so the next
 * {@link ClusterState} is derived from the previous one and those ({@link ClusterState#next}).
 *
 * <p>Maps are {@link LinkedHashMap}s in creation order (a replaced value keeps its place); after a
 * rollback that put back removed entries, {@link #rollback()} restores that order. The one
 * {@link HashSet} is only asked {@code contains}, never iterated.
 *
 * <pre>{@code
 * store.begin();
 * try {
 *     store.putObject(ref, stored);
 *     store.commit();
 * } catch (RuntimeException e) {
 *     store.rollback();   // as before begin()
 *     throw e;
 * }
 * }</pre>
 */
final class Store {

    /** What the cluster remembers of a Deployment beyond its manifest. */
    record DeploymentState(String templateHash, long podsNamed) {
    }

    /** The counters of a call's start, restored by a rollback. */
    private record Counters(long version, long nextSequence, long nextPodSequence, Instant clock, int nextPodIp,
                            int nextServiceIp) {
    }

    long version;
    /** Next creation sequence of a stored object. */
    long nextSequence;
    /** Next creation sequence of a pod. */
    long nextPodSequence;
    /** Last creation time handed out, or {@code null} before the first. */
    Instant clock;
    /** Offsets (from the range's base) of the next pod IP and ClusterIP to try. */
    int nextPodIp = 1;
    int nextServiceIp = 2;

    private final LinkedHashMap<ResourceRef, StoredConfig<Resource>> objects = new LinkedHashMap<>();
    /** Pods by {@code namespace/name}. */
    private final PodTable pods = new PodTable();
    /** ClusterIP of each Service ({@code null}: headless or ExternalName). */
    private final LinkedHashMap<ResourceRef, String> serviceIps = new LinkedHashMap<>();
    private final LinkedHashMap<ResourceRef, DeploymentState> deployments = new LinkedHashMap<>();
    /** Every IP ever handed out or claimed: IPs are never reused. */
    private final Set<String> usedIps = new HashSet<>();

    /** The inverse of each change of the call in progress, oldest first; {@code null} outside a call. */
    private List<Runnable> undo;
    private Counters start;
    /** Whether the call put back an entry it had removed, which lands at the end of its map. */
    private boolean reinserted;
    /** Objects and pods the calls since the last {@link #takeTouched} changed, in the order first changed. */
    private Set<ResourceRef> touchedObjects = new LinkedHashSet<>();
    private Set<String> touchedPods = new LinkedHashSet<>();

    static String podKey(String namespace, String name) {
        return namespace + "/" + name;
    }

    // ---- calls ----

    /** A call inside a batch: where the undo log and counters were when it began. */
    private record Savepoint(int undoSize, Counters counters) {
    }

    /** Inside a {@link #beginBatch() batch}, the savepoint of the call in progress; {@code null} between calls. */
    private Savepoint savepoint;
    private boolean batch;

    /**
     * Starts a batch of calls that succeed or fail together: each call inside commits or rolls
     * back on its own, and {@link #endBatch} keeps them all or undoes them all.
     */
    void beginBatch() {
        begin();
        batch = true;
    }

    /** Ends a batch, keeping its calls' changes or undoing them all. */
    void endBatch(boolean keep) {
        batch = false;
        savepoint = null;
        if (keep) {
            commit();
        } else {
            rollback();
        }
    }

    private Counters counters() {
        return new Counters(version, nextSequence, nextPodSequence, clock, nextPodIp, nextServiceIp);
    }

    private void restore(Counters c) {
        version = c.version();
        nextSequence = c.nextSequence();
        nextPodSequence = c.nextPodSequence();
        clock = c.clock();
        nextPodIp = c.nextPodIp();
        nextServiceIp = c.nextServiceIp();
    }

    /** Starts a call: changes from here on are undone by {@link #rollback()}. */
    void begin() {
        if (batch && savepoint == null) {
            savepoint = new Savepoint(undo.size(), counters());
            return;
        }
        if (undo != null) {
            throw new IllegalStateException("a call is already in progress");
        }
        undo = new ArrayList<>();
        reinserted = false;
        start = counters();
    }

    /** Ends the call, keeping its changes. */
    void commit() {
        if (savepoint != null) {
            savepoint = null;   // a batch keeps the undo log until it ends
            return;
        }
        undo = null;
        start = null;
    }

    /** Ends the call, undoing every change since {@link #begin()}: the store is as it was, orders included. */
    void rollback() {
        if (savepoint != null) {
            for (int i = undo.size() - 1; i >= savepoint.undoSize(); i--) {
                undo.remove(i).run();
            }
            restore(savepoint.counters());
            savepoint = null;
            if (reinserted) {
                restoreCreationOrder();
            }
            return;
        }
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        restore(start);
        if (reinserted) {
            restoreCreationOrder();
        }
        undo = null;
        start = null;
        // Nothing changed after all; touched keys that are back to their old values are told apart
        // from changed ones by ClusterState.next, which compares values.
    }

    /**
     * Answers the objects and the pods changed since the last call of this method (their keys,
     * whatever they hold now), and starts a new list.
     */
    Touched takeTouched() {
        Touched t = new Touched(touchedObjects, touchedPods);
        touchedObjects = new LinkedHashSet<>();
        touchedPods = new LinkedHashSet<>();
        return t;
    }

    /** The keys of objects changed since the last {@link #takeTouched()}; read-only. */
    Collection<ResourceRef> touchedObjects() {
        return Collections.unmodifiableCollection(touchedObjects);
    }

    /** Keys of objects and pods that may have changed. */
    /** The keys of pods changed since the last {@link #takeTouched()}, in the order first changed; read-only. */
    Collection<String> touchedPods() {
        return Collections.unmodifiableCollection(touchedPods);
    }

    record Touched(Collection<ResourceRef> objects, Collection<String> pods) {
    }

    private void record(Runnable inverse) {
        if (undo == null) {
            throw new IllegalStateException("changes to the store happen inside begin() and commit()/rollback()");
        }
        undo.add(inverse);
    }

    /**
     * A rollback puts removed entries back at the end of their maps: sorts them back into creation
     * order (objects and pods by sequence, ClusterIPs and workload states by their object's). Rare
     * (only a failed call that removed something), so it may cost the store's size.
     */
    private void restoreCreationOrder() {
        reorder(objects, Comparator.comparingLong(e -> e.getValue().sequence()));
        reorder(serviceIps, Comparator.comparingLong(e -> objects.get(e.getKey()).sequence()));
        reorder(deployments, Comparator.comparingLong(e -> objects.get(e.getKey()).sequence()));
        pods.restoreCreationOrder();
    }

    private static <K, V> void reorder(LinkedHashMap<K, V> map, Comparator<Map.Entry<K, V>> order) {
        List<Map.Entry<K, V>> entries = new ArrayList<>();
        // Not Map.entry: a headless Service's ClusterIP is null.
        map.forEach((k, v) -> entries.add(new java.util.AbstractMap.SimpleImmutableEntry<>(k, v)));
        entries.sort(order);
        map.clear();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
    }

    // ---- objects ----

    StoredConfig<Resource> object(ResourceRef ref) {
        return objects.get(ref);
    }

    boolean hasObject(ResourceRef ref) {
        return objects.containsKey(ref);
    }

    /** Every object, in creation order; read-only. */
    Collection<StoredConfig<Resource>> objects() {
        return Collections.unmodifiableCollection(objects.values());
    }

    void putObject(ResourceRef ref, StoredConfig<Resource> c) {
        StoredConfig<Resource> old = objects.put(ref, c);
        touchedObjects.add(ref);
        record(() -> {
            if (old == null) {
                objects.remove(ref);
            } else {
                objects.put(ref, old);
            }
        });
    }

    StoredConfig<Resource> removeObject(ResourceRef ref) {
        StoredConfig<Resource> old = objects.remove(ref);
        if (old != null) {
            touchedObjects.add(ref);
            record(() -> {
                objects.put(ref, old);
                reinserted = true;
            });
        }
        return old;
    }

    /** Removes every object {@code gone} accepts (a namespace's, when it is deleted). */
    void removeObjectsIf(Predicate<ResourceRef> gone) {
        List<ResourceRef> refs = new ArrayList<>();
        for (ResourceRef ref : objects.keySet()) {
            if (gone.test(ref)) {
                refs.add(ref);
            }
        }
        refs.forEach(this::removeObject);
    }

    // ---- pods ----

    ClusterPod pod(String key) {
        return pods.get(key);
    }

    boolean hasPod(String key) {
        return pods.containsKey(key);
    }

    /** Every pod, in creation order; read-only. */
    Collection<ClusterPod> pods() {
        return pods.values();
    }

    /** The pods of a workload, in creation order. */
    List<ClusterPod> podsOfWorkload(String namespace, String workload) {
        return pods.ofWorkload(namespace, workload);
    }

    void putPod(String key, ClusterPod pod) {
        ClusterPod old = pods.put(key, pod);
        touchedPods.add(key);
        record(() -> {
            if (old == null) {
                pods.remove(key);
            } else {
                pods.put(key, old);
            }
        });
    }

    ClusterPod removePod(String key) {
        ClusterPod old = pods.remove(key);
        if (old != null) {
            touchedPods.add(key);
            record(() -> {
                pods.put(key, old);
                reinserted = true;
            });
        }
        return old;
    }

    void removePodsIf(Predicate<ClusterPod> gone) {
        List<String> keys = new ArrayList<>();
        for (ClusterPod p : pods.values()) {
            if (gone.test(p)) {
                keys.add(podKey(p.namespace(), p.name()));
            }
        }
        keys.forEach(this::removePod);
    }

    // ---- ClusterIPs, workloads, addresses ----

    String serviceIp(ResourceRef ref) {
        return serviceIps.get(ref);
    }

    void putServiceIp(ResourceRef ref, String ip) {
        boolean had = serviceIps.containsKey(ref);
        String old = serviceIps.put(ref, ip);
        touchedObjects.add(ref);
        record(() -> {
            if (had) {
                serviceIps.put(ref, old);
            } else {
                serviceIps.remove(ref);
            }
        });
    }

    /** Removes a Service's ClusterIP entry; answers the IP ({@code null}: none, or headless). */
    String removeServiceIp(ResourceRef ref) {
        if (!serviceIps.containsKey(ref)) {
            return null;
        }
        String old = serviceIps.remove(ref);
        touchedObjects.add(ref);
        record(() -> {
            serviceIps.put(ref, old);
            reinserted = true;
        });
        return old;
    }

    /** The ClusterIP entries of a namespace's Services, in creation order (a copy). */
    List<Map.Entry<ResourceRef, String>> serviceIpsIn(String namespace) {
        List<Map.Entry<ResourceRef, String>> out = new ArrayList<>();
        for (Iterator<Map.Entry<ResourceRef, String>> it = serviceIps.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ResourceRef, String> e = it.next();
            if (e.getKey().namespace().equals(namespace)) {
                out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    DeploymentState deployment(ResourceRef ref) {
        return deployments.get(ref);
    }

    void putDeployment(ResourceRef ref, DeploymentState state) {
        DeploymentState old = deployments.put(ref, state);
        record(() -> {
            if (old == null) {
                deployments.remove(ref);
            } else {
                deployments.put(ref, old);
            }
        });
    }

    void removeDeployment(ResourceRef ref) {
        DeploymentState old = deployments.remove(ref);
        if (old != null) {
            record(() -> {
                deployments.put(ref, old);
                reinserted = true;
            });
        }
    }

    void removeDeploymentsIf(Predicate<ResourceRef> gone) {
        List<ResourceRef> refs = new ArrayList<>();
        for (ResourceRef ref : deployments.keySet()) {
            if (gone.test(ref)) {
                refs.add(ref);
            }
        }
        refs.forEach(this::removeDeployment);
    }

    boolean ipUsed(String ip) {
        return usedIps.contains(ip);
    }

    /** Marks an IP used; answers whether it was free. */
    boolean useIp(String ip) {
        boolean added = usedIps.add(ip);
        if (added) {
            record(() -> usedIps.remove(ip));
        }
        return added;
    }

    void releaseIp(String ip) {
        if (usedIps.remove(ip)) {
            record(() -> usedIps.add(ip));
        }
    }

    /**
     * The store's contents as text, orders included: what a test compares before a failed call and
     * after its rollback.
     */
    String dump() {
        StringBuilder sb = new StringBuilder();
        sb.append("version=").append(version).append(" nextSequence=").append(nextSequence)
                .append(" nextPodSequence=").append(nextPodSequence).append(" clock=").append(clock)
                .append(" nextPodIp=").append(nextPodIp).append(" nextServiceIp=").append(nextServiceIp).append('\n');
        objects.forEach((k, v) -> sb.append("object ").append(k).append(" = ").append(v).append('\n'));
        pods.values().forEach(p -> sb.append("pod ").append(p).append('\n'));
        pods.workloadKeysInOrder().forEach(w -> sb.append("workload ").append(w).append('\n'));
        serviceIps.forEach((k, v) -> sb.append("ip ").append(k).append(" = ").append(v).append('\n'));
        deployments.forEach((k, v) -> sb.append("deployment ").append(k).append(" = ").append(v).append('\n'));
        usedIps.stream().sorted().forEach(ip -> sb.append("used ").append(ip).append('\n'));
        return sb.toString();
    }
}
