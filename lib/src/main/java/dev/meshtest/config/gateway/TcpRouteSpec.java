package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.ExperimentalFields;
import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A TCPRoute's {@code spec}.
 *
 * <pre>{@code
 * spec:
 *   parentRefs: [{name: gateway, sectionName: tcp}]
 *   rules:
 *   - backendRefs: [{name: tcp-echo, port: 9000}]
 * }</pre>
 *
 * @param parentRefs the Gateways, listeners and Services the route attaches to
 * @param rules the rule (exactly one)
 */
@ExperimentalFields({"useDefaultGateways"})
@API(status = EXPERIMENTAL, since = "0.7")
public record TcpRouteSpec(
        List<ParentReference> parentRefs,
        @Required List<TcpRouteRule> rules) {

    /**
     * Creates an instance, reading {@code null} {@code parentRefs} and {@code rules} (as when left out
     * of the YAML) as empty.
     *
     * @param parentRefs the Gateways, listeners and Services the route attaches to
     * @param rules the rule (exactly one)
     */
    public TcpRouteSpec {
        parentRefs = parentRefs == null ? List.of() : parentRefs;
        rules = rules == null ? List.of() : rules;
    }
}
