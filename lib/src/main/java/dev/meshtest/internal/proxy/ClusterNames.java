package dev.meshtest.internal.proxy;

import java.util.HashMap;
import java.util.Map;

/**
 * The outbound cluster names ({@link Cluster#name}) of one {@link ProxyConfigBuilder}, each made
 * one object: a route's cluster name and the cluster's own are then the same reference, so the
 * lookup every request makes ({@link ProxyConfig#cluster}) compares references, not 50
 * characters. It stands in for {@code String.intern}, which cost about a microsecond a name, an
 * eighth of a large mesh's first send. Not thread-safe, like the builder.
 *
 * <pre>{@code
 * ClusterNames names = new ClusterNames();
 * names.outbound(5000, "v1", "helloworld.default.svc.cluster.local")
 *         == names.outbound(5000, "v1", "helloworld.default.svc.cluster.local");   // true
 * }</pre>
 */
final class ClusterNames {
    private final Map<String, String> known = new HashMap<>();

    /** {@link Cluster#name}, the same object for equal names. */
    String outbound(int port, String subset, String host) {
        String name = Cluster.name(port, subset, host);
        String had = known.putIfAbsent(name, name);
        return had != null ? had : name;
    }
}
