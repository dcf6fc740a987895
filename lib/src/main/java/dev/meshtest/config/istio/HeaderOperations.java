package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Header operations on one message (proto {@code Headers.HeaderOperations}).
 *
 * <pre>{@code
 * request:
 *   set: {x-env: canary}
 *   add: {x-trace: "1"}
 *   remove: [x-debug]
 * }</pre>
 *
 * @param set headers to overwrite, name to value
 * @param add headers to append, name to value
 * @param remove names of headers to remove
 */
@API(status = STABLE, since = "0.1")
public record HeaderOperations(Map<String, String> set, Map<String, String> add, List<String> remove) {

    /**
     * Creates an instance, reading {@code null} {@code set}, {@code add} and {@code remove} (as
     * when left out of the YAML) as empty.
     *
     * @param set headers to overwrite, name to value
     * @param add headers to append, name to value
     * @param remove names of headers to remove
     */
    public HeaderOperations {
        set = set == null ? Map.of() : set;
        add = add == null ? Map.of() : add;
        remove = remove == null ? List.of() : remove;
    }
}
