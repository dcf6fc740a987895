package dev.meshtest.internal.sim;

/**
 * A small direct-mapped cache keyed by reference: each key has one slot (by its identity hash),
 * and a newer key in the same slot replaces the older. For answers the hot path computes from a
 * handful of shared objects (a served outcome's stamped copy, a route's cluster): a lookup is a
 * hash, a load and a compare, with no {@code equals}, no boxing and no growth; a miss falls back
 * to whatever the caller computes it with. Not thread-safe, like the simulation that uses it.
 *
 * <pre>{@code
 * IdentityMemo<Outcome, Outcome> stamped = new IdentityMemo<>();
 * Outcome s = stamped.get(o);
 * if (s == null) {
 *     s = o.withResponseHeader("server", "envoy");
 *     stamped.put(o, s);
 * }
 * }</pre>
 *
 * @param <K> the key, compared by reference
 * @param <V> the value, never {@code null}
 */
final class IdentityMemo<K, V> {
    private static final int SLOTS = 16;

    private final Object[] keys = new Object[SLOTS];
    private final Object[] values = new Object[SLOTS];

    /** The value kept for {@code key}, or {@code null}. */
    @SuppressWarnings("unchecked")
    V get(K key) {
        int i = slot(key);
        return keys[i] == key ? (V) values[i] : null;
    }

    /** Keeps {@code value} for {@code key}, replacing whatever shared its slot. */
    void put(K key, V value) {
        int i = slot(key);
        keys[i] = key;
        values[i] = value;
    }

    /** Forgets every key (their objects stand for something else now). */
    void clear() {
        java.util.Arrays.fill(keys, null);
        java.util.Arrays.fill(values, null);
    }

    private static int slot(Object key) {
        int h = System.identityHashCode(key);
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
