package dev.meshtest.internal.yaml;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map in the order its entries were read, for the maps the reader binds (labels,
 * selectors, annotations): most hold one to four entries, and a large stream has a hundred
 * thousand of them, so two arrays scanned in order cost a fifth of a {@code LinkedHashMap}'s
 * memory and objects. Maps of more than {@value #MAX} entries stay linked hash maps. Values may be
 * {@code null} (a free-form map's YAML null).
 *
 * <pre>{@code
 * Map<String, Object> labels = SmallMap.copyOf(readLabels);   // {app=reviews, version=v1}, in that order
 * }</pre>
 */
final class SmallMap extends AbstractMap<String, Object> {

    /** The largest map kept in arrays; a scan of this many keys is still cheaper than hashing. */
    static final int MAX = 8;

    private final String[] keys;
    private final Object[] values;

    private SmallMap(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** An immutable copy of {@code in} in its iteration order. */
    static Map<String, Object> copyOf(Map<String, Object> in) {
        int n = in.size();
        if (n == 0) {
            return Collections.emptyMap();
        }
        if (n > MAX) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(in));
        }
        String[] k = new String[n];
        Object[] v = new Object[n];
        int i = 0;
        for (Map.Entry<String, Object> e : in.entrySet()) {
            k[i] = e.getKey();
            v[i++] = e.getValue();
        }
        return new SmallMap(k, v);
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
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
    public Object put(String key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object remove(Object key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void replaceAll(java.util.function.BiFunction<? super String, ? super Object, ?> function) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object replace(String key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object computeIfAbsent(String key, java.util.function.Function<? super String, ?> f) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object computeIfPresent(String key, java.util.function.BiFunction<? super String, ? super Object, ?> f) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object compute(String key, java.util.function.BiFunction<? super String, ? super Object, ?> f) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object merge(String key, Object value, java.util.function.BiFunction<? super Object, ? super Object, ?> f) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
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
