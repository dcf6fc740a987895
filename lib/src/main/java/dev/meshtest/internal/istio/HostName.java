package dev.meshtest.internal.istio;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Istio's {@code host.Name} comparisons ({@code pkg/config/host/name.go}), on host names as
 * written: a wildcard is a name starting with {@code *} ({@code *}, {@code *.example.com}),
 * covering every name that ends with what follows the {@code *}.
 *
 * <pre>{@code
 * HostName.subsetOf("a.example.com", "*.example.com");   // true
 * HostName.matches("*.com", "a.com");                    // true (either way round)
 * HostName.matches("a.com", "b.com");                    // false
 * }</pre>
 */
@API(status = INTERNAL, since = "0.3")
public final class HostName {

    private HostName() {
    }

    /** {@code IsWildCarded}: the name starts with {@code *}. */
    public static boolean isWildcarded(String h) {
        return !h.isEmpty() && h.charAt(0) == '*';
    }

    /** {@code Matches}: the two names overlap, either way round; two exact names only when equal. */
    public static boolean matches(String n, String o) {
        boolean nw = isWildcarded(n);
        boolean ow = isWildcarded(o);
        if (nw) {
            if (ow) {
                return n.length() < o.length() ? o.substring(1).endsWith(n.substring(1)) : n.substring(1).endsWith(o.substring(1));
            }
            return o.endsWith(n.substring(1));
        }
        if (ow) {
            return n.endsWith(o.substring(1));
        }
        return n.equals(o);
    }

    /** {@code SubsetOf}: every name {@code n} matches is matched by {@code o}. */
    public static boolean subsetOf(String n, String o) {
        boolean nw = isWildcarded(n);
        boolean ow = isWildcarded(o);
        if (nw) {
            return ow && n.length() >= o.length() && n.substring(1).endsWith(o.substring(1));
        }
        if (ow) {
            return n.endsWith(o.substring(1));
        }
        return n.equals(o);
    }
}
