package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Header changes on requests or responses (Go type {@code HTTPHeaderFilter}).
 *
 * <pre>{@code
 * requestHeaderModifier:
 *   set: [{name: x-env, value: canary}]
 *   add: [{name: x-trace, value: "1"}]
 *   remove: [x-debug]
 * }</pre>
 *
 * @param set headers to set, replacing any value
 * @param add headers to add to any value
 * @param remove names of headers to remove
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpHeaderFilter(
        List<HttpHeader> set,
        List<HttpHeader> add,
        List<String> remove) {

    /**
     * Creates an instance, reading {@code null} {@code set}, {@code add} and {@code remove} (as when
     * left out of the YAML) as empty.
     *
     * @param set headers to set, replacing any value
     * @param add headers to add to any value
     * @param remove names of headers to remove
     */
    public HttpHeaderFilter {
        set = set == null ? List.of() : set;
        add = add == null ? List.of() : add;
        remove = remove == null ? List.of() : remove;
    }
}
