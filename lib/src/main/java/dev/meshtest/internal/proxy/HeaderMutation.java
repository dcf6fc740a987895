package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Header edits of a VirtualService rule or destination ({@code headers.request} or
 * {@code headers.response}): remove, then set (overwrite) and add (append with a comma, as
 * Envoy joins repeated headers when one value is kept).
 *
 * <pre>{@code
 * headers:
 *   request:
 *     set: {x-canary: "true"}
 *     remove: [x-debug]
 * }</pre>
 *
 * @param set headers to overwrite
 * @param add headers to append
 * @param remove headers to remove
 */
@API(status = INTERNAL, since = "0.1")
public record HeaderMutation(Map<String, String> set, Map<String, String> add, List<String> remove) {

    public static final HeaderMutation NONE = new HeaderMutation(Map.of(), Map.of(), List.of());

    public HeaderMutation {
        set = set == null ? Map.of() : set;
        add = add == null ? Map.of() : add;
        remove = remove == null ? List.of() : remove;
    }

    public boolean isEmpty() {
        return this == NONE || set.isEmpty() && add.isEmpty() && remove.isEmpty();
    }

    /** Applies the edits to a mutable map of lower-case header names. */
    void applyTo(Map<String, String> headers) {
        remove.forEach(r -> headers.remove(r.toLowerCase(Locale.ROOT)));
        set.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        add.forEach((k, v) -> headers.merge(k.toLowerCase(Locale.ROOT), v, (a, b) -> a + "," + b));
    }

    /**
     * The headers after these edits, as a new map.
     *
     * @param headers headers with lower-case names; not changed
     * @return the edited headers
     */
    public Map<String, String> applied(Map<String, String> headers) {
        Map<String, String> out = new java.util.LinkedHashMap<>(headers);
        applyTo(out);
        return out;
    }

    /** These edits followed by another's. */
    public HeaderMutation then(HeaderMutation next) {
        if (next.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return next;
        }
        var s = new java.util.LinkedHashMap<>(set);
        s.putAll(next.set);
        var a = new java.util.LinkedHashMap<>(add);
        next.add.forEach((k, v) -> a.merge(k, v, (x, y) -> x + "," + y));
        var r = new java.util.ArrayList<>(remove);
        r.addAll(next.remove);
        return new HeaderMutation(s, a, r);
    }
}
