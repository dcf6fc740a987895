package dev.meshtest.config;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map of field path to {@link Position} for {@link Origin}, in two arrays: the paths
 * and each position packed in a {@code long} (line in the high half, column in the low), found by
 * open addressing. A large stream keeps a position for every field of every object (a million for
 * 50,000 objects); as {@code Position} objects in a {@code Map.copyOf} they cost about twice the
 * memory and a million objects every young collection of an apply copies. Positions are made when
 * asked for, which is when a message locates a field.
 */
final class PositionMap extends AbstractMap<String, Position> {

    private final String[] keys;
    private final long[] packed;
    /**
     * Open-addressing table: index + 1 into {@code keys}, 0 for an empty slot; length a power of
     * two at least 4/3 of the entries. {@code char}s: an object has fewer than 65,535 fields.
     */
    private final char[] table;

    private PositionMap(Map<String, Position> from) {
        int n = from.size();
        keys = new String[n];
        packed = new long[n];
        table = new char[Integer.highestOneBit(Math.max(2, n + n / 3)) << 1];
        int i = 0;
        for (Map.Entry<String, Position> e : from.entrySet()) {
            String k = java.util.Objects.requireNonNull(e.getKey(), "path");
            Position p = java.util.Objects.requireNonNull(e.getValue(), "position");
            keys[i] = k;
            packed[i] = ((long) p.line() << 32) | (p.column() & 0xFFFF_FFFFL);
            int slot = k.hashCode() & (table.length - 1);
            while (table[slot] != 0) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = (char) ++i;
        }
    }

    /** An immutable copy of {@code positions}, or {@code positions} itself when it is one already. */
    static Map<String, Position> copyOf(Map<String, Position> positions) {
        if (positions instanceof PositionMap) {
            return positions;
        }
        if (positions.isEmpty()) {
            return Map.of();
        }
        return positions.size() < Character.MAX_VALUE ? new PositionMap(positions) : Map.copyOf(positions);
    }

    private int indexOf(Object key) {
        if (!(key instanceof String)) {
            return -1;
        }
        int slot = key.hashCode() & (table.length - 1);
        while (true) {
            int at = table[slot];
            if (at == 0) {
                return -1;
            }
            if (keys[at - 1].equals(key)) {
                return at - 1;
            }
            slot = (slot + 1) & (table.length - 1);
        }
    }

    private Position position(int i) {
        return new Position((int) (packed[i] >>> 32), (int) packed[i]);
    }

    @Override
    public Position get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : position(i);
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return keys.length;
    }

    // Immutable: every change is refused, whether or not it would change anything.

    @Override
    public Position put(String key, Position value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Position remove(Object key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putAll(Map<? extends String, ? extends Position> m) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void replaceAll(java.util.function.BiFunction<? super String, ? super Position, ? extends Position> function) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Position putIfAbsent(String key, Position value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean replace(String key, Position oldValue, Position newValue) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Position replace(String key, Position value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Position computeIfAbsent(String key, java.util.function.Function<? super String, ? extends Position> f) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Position computeIfPresent(String key,
                                     java.util.function.BiFunction<? super String, ? super Position, ? extends Position> f) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Position compute(String key, java.util.function.BiFunction<? super String, ? super Position, ? extends Position> f) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Position merge(String key, Position value,
                          java.util.function.BiFunction<? super Position, ? super Position, ? extends Position> f) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<Map.Entry<String, Position>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Position>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Map.Entry<String, Position> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return Map.entry(keys[i], position(i));
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
