package dev.meshtest.internal.sim;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A map by reference for the per-request lookups of the engine (a pod's server, a cluster's
 * state, a host's active requests): its first few keys are found by a scan of one small array,
 * which is what most sends touch (a 20/80 split has two clusters and two hosts), the rest in an
 * {@link IdentityHashMap}. Never iterated, so its order cannot leak into a result.
 *
 * <pre>{@code
 * IdentityTable<ClusterPod, InboundServer> servers = new IdentityTable<>();
 * InboundServer s = servers.get(pod);
 * if (s == null) {
 *     servers.put(pod, s = new InboundServer(sim, pod));
 * }
 * }</pre>
 *
 * @param <K> the key, compared by reference
 * @param <V> the value, never {@code null}
 */
final class IdentityTable<K, V> {
    /** How many keys the array holds before the rest go to the map. */
    private static final int SCANNED = 8;

    private final Object[] keys = new Object[SCANNED];
    private final Object[] values = new Object[SCANNED];
    private int size;
    private Map<K, V> rest;

    @SuppressWarnings("unchecked")
    V get(K key) {
        Object[] k = keys;
        for (int i = 0; i < size; i++) {
            if (k[i] == key) {
                return (V) values[i];
            }
        }
        return rest == null ? null : rest.get(key);
    }

    /** Adds a key that {@link #get} does not find. */
    void put(K key, V value) {
        if (size < SCANNED) {
            keys[size] = key;
            values[size] = value;
            size++;
            return;
        }
        if (rest == null) {
            rest = new IdentityHashMap<>();
        }
        rest.put(key, value);
    }

    void clear() {
        java.util.Arrays.fill(keys, 0, size, null);
        java.util.Arrays.fill(values, 0, size, null);
        size = 0;
        rest = null;
    }
}
