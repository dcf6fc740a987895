package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.ExperimentalFields;
import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A TLSRoute's {@code spec}.
 *
 * <pre>{@code
 * spec:
 *   parentRefs: [{name: gateway}]
 *   hostnames: [nginx.example.com]
 *   rules:
 *   - backendRefs: [{name: my-nginx, port: 443}]
 * }</pre>
 *
 * @param parentRefs the Gateways, listeners and Services the route attaches to
 * @param hostnames the SNI host names the route serves, exact or {@code *.} wildcards (1 to 1024)
 * @param rules the rule (exactly one)
 */
@ExperimentalFields({"useDefaultGateways"})
@API(status = EXPERIMENTAL, since = "0.7")
public record TlsRouteSpec(
        List<ParentReference> parentRefs,
        @Required List<String> hostnames,
        @Required List<TlsRouteRule> rules) {

    /**
     * Creates an instance, reading {@code null} {@code parentRefs}, {@code hostnames} and {@code
     * rules} (as when left out of the YAML) as empty.
     *
     * @param parentRefs the Gateways, listeners and Services the route attaches to
     * @param hostnames the SNI host names the route serves, exact or {@code *.} wildcards (1 to 1024)
     * @param rules the rule (exactly one)
     */
    public TlsRouteSpec {
        parentRefs = parentRefs == null ? List.of() : parentRefs;
        hostnames = hostnames == null ? List.of() : hostnames;
        rules = rules == null ? List.of() : rules;
    }
}
