package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A weighted backend of an HTTPRoute rule (Go type {@code HTTPBackendRef}).
 *
 * <pre>{@code
 * backendRefs:
 * - {name: reviews-v1, port: 9080, weight: 80}
 * - name: reviews-v2
 *   port: 9080
 *   weight: 20
 *   filters:
 *   - type: ResponseHeaderModifier
 *     responseHeaderModifier: {add: [{name: x-version, value: v2}]}
 * }</pre>
 *
 * @param group the backend's API group; absent or {@code ""} for the core group
 * @param kind the backend's kind; absent for {@code Service}
 * @param name the backend's name
 * @param namespace the backend's namespace; absent for the route's own. Another namespace needs a
 *     ReferenceGrant there.
 * @param port the Service port; required for a Service
 * @param weight the backend's share relative to the others (0 to 1,000,000); absent for 1
 * @param filters filters for requests sent to this backend only
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpBackendRef(
        String group,
        String kind,
        @Required String name,
        String namespace,
        Integer port,
        Integer weight,
        List<HttpRouteFilter> filters) {

    /**
     * Creates an instance, reading {@code null} {@code filters} (as when left out of the YAML) as
     * empty.
     *
     * @param group the backend's API group; absent or {@code ""} for the core group
     * @param kind the backend's kind; absent for {@code Service}
     * @param name the backend's name
     * @param namespace the backend's namespace; absent for the route's own. Another namespace needs a
     *     ReferenceGrant there.
     * @param port the Service port; required for a Service
     * @param weight the backend's share relative to the others (0 to 1,000,000); absent for 1
     * @param filters filters for requests sent to this backend only
     */
    public HttpBackendRef {
        filters = filters == null ? List.of() : filters;
    }
}
