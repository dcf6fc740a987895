package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import dev.meshtest.config.ExperimentalFields;
import org.apiguardian.api.API;

/**
 * An HTTPRoute's {@code spec}.
 *
 * <pre>{@code
 * spec:
 *   parentRefs: [{name: gateway, namespace: istio-ingress}]
 *   hostnames: [httpbin.example.com]
 *   rules:
 *   - matches: [{path: {type: PathPrefix, value: /status}}]
 *     backendRefs: [{name: httpbin, port: 8000}]
 * }</pre>
 *
 * @param parentRefs the Gateways, listeners and Services the route attaches to
 * @param hostnames the hosts the rules apply to, exact or {@code *.} wildcards; empty for every
 *     host the parent serves
 * @param rules the rules; absent means one rule matching every path, which the API server writes
 *     in
 */
@ExperimentalFields({"useDefaultGateways"})
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpRouteSpec(
        List<ParentReference> parentRefs,
        List<String> hostnames,
        List<HttpRouteRule> rules) {

    /**
     * Creates an instance, reading {@code null} {@code parentRefs}, {@code hostnames} and {@code
     * rules} (as when left out of the YAML) as empty.
     *
     * @param parentRefs the Gateways, listeners and Services the route attaches to
     * @param hostnames the hosts the rules apply to, exact or {@code *.} wildcards; empty for every
     *     host the parent serves
     * @param rules the rules; absent means one rule matching every path, which the API server writes
     *     in
     */
    public HttpRouteSpec {
        parentRefs = parentRefs == null ? List.of() : parentRefs;
        hostnames = hostnames == null ? List.of() : hostnames;
        rules = rules == null ? List.of() : rules;
    }
}
