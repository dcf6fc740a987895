package dev.meshtest.internal.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cluster's pods by {@code namespace/name} in creation order, indexed by workload, so the
 * ReplicaSet controller finds a Deployment's pods without looking at every pod (an apply costs
 * what it changes, not the mesh's size).
 *
 * <pre>{@code
 * PodTable pods = new PodTable();
 * pods.put("default/helloworld-v1-abc", pod);
 * pods.ofWorkload("default", "helloworld-v1");   // [pod]
 * }</pre>
 */
final class PodTable {

    private final LinkedHashMap<String, ClusterPod> byKey;
    /** {@code namespace/workload} to the keys of its pods, in insertion order. */
    private final Map<String, LinkedHashSet<String>> byWorkload;

    PodTable() {
        byKey = new LinkedHashMap<>();
        byWorkload = new HashMap<>();
    }

    private static String workloadKey(ClusterPod p) {
        return p.namespace() + "/" + p.workload();
    }

    ClusterPod get(String key) {
        return byKey.get(key);
    }

    boolean containsKey(String key) {
        return byKey.containsKey(key);
    }

    /** Every pod, in creation order; read-only. */
    Collection<ClusterPod> values() {
        return Collections.unmodifiableCollection(byKey.values());
    }

    /** Adds or replaces the pod under {@code key} (a replaced pod keeps its place); answers the replaced pod. */
    ClusterPod put(String key, ClusterPod pod) {
        ClusterPod old = byKey.put(key, pod);
        if (old != null && workloadKey(old).equals(workloadKey(pod))) {
            return old;
        }
        if (old != null) {
            unindex(key, old);
        }
        byWorkload.computeIfAbsent(workloadKey(pod), k -> new LinkedHashSet<>()).add(key);
        return old;
    }

    ClusterPod remove(String key) {
        ClusterPod old = byKey.remove(key);
        if (old != null) {
            unindex(key, old);
        }
        return old;
    }

    /**
     * Sorts the pods back into creation order (by sequence), in the table and in each workload's
     * list: after an undo put removed pods back at the end.
     */
    void restoreCreationOrder() {
        List<Map.Entry<String, ClusterPod>> entries = new ArrayList<>(byKey.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue())).toList());
        entries.sort(Comparator.comparingLong(e -> e.getValue().sequence()));
        byKey.clear();
        byWorkload.clear();
        entries.forEach(e -> put(e.getKey(), e.getValue()));
    }

    /** Each workload's pod keys in their order, workloads sorted: for comparing tables in tests. */
    List<String> workloadKeysInOrder() {
        List<String> out = new ArrayList<>();
        new TreeMap<>(byWorkload).forEach((w, keys) -> out.add(w + " " + keys));
        return out;
    }

    private void unindex(String key, ClusterPod pod) {
        Set<String> keys = byWorkload.get(workloadKey(pod));
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                byWorkload.remove(workloadKey(pod));
            }
        }
    }

    /** The pods of a workload, in creation order. */
    List<ClusterPod> ofWorkload(String namespace, String workload) {
        Set<String> keys = byWorkload.get(namespace + "/" + workload);
        if (keys == null) {
            return List.of();
        }
        List<ClusterPod> out = new ArrayList<>(keys.size());
        for (String k : keys) {
            out.add(byKey.get(k));
        }
        return out;
    }
}
