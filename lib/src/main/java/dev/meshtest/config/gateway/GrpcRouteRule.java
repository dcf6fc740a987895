package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import dev.meshtest.config.ExperimentalFields;
import org.apiguardian.api.API;

/**
 * One rule of a GRPCRoute (Go type {@code GRPCRouteRule}).
 *
 * <pre>{@code
 * - matches:
 *   - method: {service: helloworld.Greeter}
 *     headers: [{name: x-canary, value: "true"}]
 *   backendRefs: [{name: greeter-v2, port: 50051}]
 * }</pre>
 *
 * @param name the rule's name; Istio names the generated route {@code <namespace>.<route>.<index>}
 *     without it
 * @param matches conditions, any one of which selects the rule; none means every request
 * @param filters what to do to matching requests and their responses
 * @param backendRefs weighted backends; none (or only zero weights) fails the request
 */
@ExperimentalFields({"sessionPersistence"})
@API(status = EXPERIMENTAL, since = "0.7")
public record GrpcRouteRule(
        String name,
        List<GrpcRouteMatch> matches,
        List<GrpcRouteFilter> filters,
        List<GrpcBackendRef> backendRefs) {

    /**
     * Creates an instance, reading {@code null} {@code matches}, {@code filters} and {@code
     * backendRefs} (as when left out of the YAML) as empty.
     *
     * @param name the rule's name; Istio names the generated route {@code <namespace>.<route>.<index>}
     *     without it
     * @param matches conditions, any one of which selects the rule; none means every request
     * @param filters what to do to matching requests and their responses
     * @param backendRefs weighted backends; none (or only zero weights) fails the request
     */
    public GrpcRouteRule {
        matches = matches == null ? List.of() : matches;
        filters = filters == null ? List.of() : filters;
        backendRefs = backendRefs == null ? List.of() : backendRefs;
    }
}
