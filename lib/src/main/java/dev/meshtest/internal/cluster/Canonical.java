package dev.meshtest.internal.cluster;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A canonical text of a config record and stable hashes of it. Records' own {@code toString} and
 * {@code hashCode} are not stable across JVM runs ({@code Map.of} iterates in a per-run order), so
 * names derived from content (the pod-template-hash) use this instead: map entries sorted by key,
 * sets sorted, lists in order, records as {@code Name{component=value, ...}} in declaration order.
 */
final class Canonical {

    private Canonical() {
    }

    /**
     * Record components added after pod names were first derived from this text: left out while
     * unset (null, or an empty list), so objects that do not set them keep their text, and pods their names.
     */
    private static final java.util.Set<String> ADDED_LATER = java.util.Set.of("dnsPolicy", "dnsConfig",
            "publishNotReadyAddresses", "internalTrafficPolicy", "trafficDistribution", "sessionAffinityConfig", "hostname",
            "subdomain", "env", "enableServiceLinks");

    static String text(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof CharSequence s) {
            quote(sb, s.toString());
        } else if (v instanceof Number || v instanceof Boolean || v instanceof Enum<?>) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            List<String[]> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                entries.add(new String[] {text(e.getKey()), text(e.getValue())});
            }
            entries.sort((a, b) -> a[0].compareTo(b[0]));
            sb.append('{');
            for (int i = 0; i < entries.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(entries.get(i)[0]).append(": ").append(entries.get(i)[1]);
            }
            sb.append('}');
        } else if (v instanceof Set<?> s) {
            List<String> items = new ArrayList<>();
            for (Object o : s) {
                items.add(text(o));
            }
            items.sort(null);
            sb.append('[').append(String.join(", ", items)).append(']');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                sb.append(first ? "" : ", ");
                write(sb, o);
                first = false;
            }
            sb.append(']');
        } else if (v.getClass().isRecord()) {
            Shape shape = SHAPES.get(v.getClass());
            sb.append(shape.name).append('{');
            boolean first = true;
            for (int i = 0; i < shape.names.length; i++) {
                Object value = shape.value(v, i);
                if ((value == null || value instanceof Collection<?> c && c.isEmpty()) && ADDED_LATER.contains(shape.names[i])) {
                    continue;
                }
                sb.append(first ? "" : ", ").append(shape.names[i]).append('=');
                write(sb, value);
                first = false;
            }
            sb.append('}');
        } else {
            quote(sb, v.toString());
        }
    }

    /**
     * A record class's simple name and its components' names and accessors, looked up once per
     * class: reading a record's components by reflection parsed their generic signatures on every
     * call, a tenth of a large apply (every Deployment's pod-template-hash).
     */
    private static final class Shape {
        final String name;
        final String[] names;
        final java.lang.reflect.Method[] accessors;

        Shape(Class<?> type) {
            name = type.getSimpleName();
            RecordComponent[] comps = type.getRecordComponents();
            names = new String[comps.length];
            accessors = new java.lang.reflect.Method[comps.length];
            for (int i = 0; i < comps.length; i++) {
                names[i] = comps[i].getName();
                accessors[i] = comps[i].getAccessor();
                accessors[i].setAccessible(true);
            }
        }

        Object value(Object record, int i) {
            try {
                return accessors[i].invoke(record);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                throw new IllegalStateException("cannot read " + names[i] + " of " + name, e);
            }
        }
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return new Shape(type);
        }
    };

    static Object component(Object record, RecordComponent c) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + c, e);
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        sb.append('"');
    }

    /** FNV-1a, 32 bits, over the UTF-8 bytes (the hash Kubernetes uses for pod-template-hash). */
    static int fnv32a(String s) {
        int h = 0x811c9dc5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return h;
    }

    /** FNV-1a, 64 bits, over the UTF-8 bytes. */
    static long fnv64a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A 64-bit finalizer (SplitMix64's), so nearby inputs give unrelated seeds. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
