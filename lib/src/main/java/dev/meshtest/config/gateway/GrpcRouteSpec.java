package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import dev.meshtest.config.ExperimentalFields;
import org.apiguardian.api.API;

/**
 * A GRPCRoute's {@code spec}.
 *
 * <pre>{@code
 * spec:
 *   parentRefs: [{name: gateway}]
 *   hostnames: [grpc.example.com]
 *   rules:
 *   - backendRefs: [{name: greeter, port: 50051}]
 * }</pre>
 *
 * @param parentRefs the Gateways, listeners and Services the route attaches to
 * @param hostnames the hosts the rules apply to; empty for every host the parent serves
 * @param rules the rules
 */
@ExperimentalFields({"useDefaultGateways"})
@API(status = EXPERIMENTAL, since = "0.7")
public record GrpcRouteSpec(
        List<ParentReference> parentRefs,
        List<String> hostnames,
        List<GrpcRouteRule> rules) {

    /**
     * Creates an instance, reading {@code null} {@code parentRefs}, {@code hostnames} and {@code
     * rules} (as when left out of the YAML) as empty.
     *
     * @param parentRefs the Gateways, listeners and Services the route attaches to
     * @param hostnames the hosts the rules apply to; empty for every host the parent serves
     * @param rules the rules
     */
    public GrpcRouteSpec {
        parentRefs = parentRefs == null ? List.of() : parentRefs;
        hostnames = hostnames == null ? List.of() : hostnames;
        rules = rules == null ? List.of() : rules;
    }
}
