package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import dev.meshtest.config.ExperimentalFields;
import org.apiguardian.api.API;

/**
 * One rule of an HTTPRoute: conditions, filters and weighted backends (Go type {@code
 * HTTPRouteRule}).
 *
 * <pre>{@code
 * - name: to-v2
 *   matches:
 *   - headers: [{name: end-user, value: jason}]
 *   filters:
 *   - type: RequestHeaderModifier
 *     requestHeaderModifier: {set: [{name: x-canary, value: "true"}]}
 *   backendRefs:
 *   - {name: reviews-v2, port: 9080}
 *   timeouts: {request: 10s}
 * }</pre>
 *
 * @param name the rule's name; Istio names the generated route {@code <namespace>.<route>.<index>}
 *     without it
 * @param matches conditions, any one of which selects the rule; absent means every path, which the
 *     API server writes in
 * @param filters what to do to matching requests and their responses
 * @param backendRefs weighted backends; none (or only zero weights) answers 500
 * @param timeouts the request and backend request timeouts
 */
@ExperimentalFields({"retry", "sessionPersistence"})
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpRouteRule(
        String name,
        List<HttpRouteMatch> matches,
        List<HttpRouteFilter> filters,
        List<HttpBackendRef> backendRefs,
        HttpRouteTimeouts timeouts) {

    /**
     * Creates an instance, reading {@code null} {@code matches}, {@code filters} and {@code
     * backendRefs} (as when left out of the YAML) as empty.
     *
     * @param name the rule's name; Istio names the generated route {@code <namespace>.<route>.<index>}
     *     without it
     * @param matches conditions, any one of which selects the rule; absent means every path, which the
     *     API server writes in
     * @param filters what to do to matching requests and their responses
     * @param backendRefs weighted backends; none (or only zero weights) answers 500
     * @param timeouts the request and backend request timeouts
     */
    public HttpRouteRule {
        matches = matches == null ? List.of() : matches;
        filters = filters == null ? List.of() : filters;
        backendRefs = backendRefs == null ? List.of() : backendRefs;
    }
}
