package dev.meshtest.internal.cluster;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Immutable, key-sorted copies of label maps, so iteration order never depends on the JVM. */
final class Maps {

    private Maps() {
    }

    static Map<String, String> sortedCopy(Map<String, String> m) {
        if (m == null || m.isEmpty()) {
            return Collections.emptySortedMap();
        }
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }
}
