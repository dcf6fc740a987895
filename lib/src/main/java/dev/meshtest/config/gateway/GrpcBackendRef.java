package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A weighted backend of a GRPCRoute rule (Go type {@code GRPCBackendRef}).
 *
 * <pre>{@code
 * backendRefs:
 * - {name: greeter-v1, port: 50051, weight: 90}
 * - {name: greeter-v2, port: 50051, weight: 10}
 * }</pre>
 *
 * @param group the backend's API group; absent or {@code ""} for the core group
 * @param kind the backend's kind; absent for {@code Service}
 * @param name the backend's name
 * @param namespace the backend's namespace; absent for the route's own. Another namespace needs a
 *     ReferenceGrant there.
 * @param port the Service port; required for a Service
 * @param weight the backend's share relative to the others; absent for 1
 * @param filters filters for requests sent to this backend only
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record GrpcBackendRef(
        String group,
        String kind,
        @Required String name,
        String namespace,
        Integer port,
        Integer weight,
        List<GrpcRouteFilter> filters) {

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
     * @param weight the backend's share relative to the others; absent for 1
     * @param filters filters for requests sent to this backend only
     */
    public GrpcBackendRef {
        filters = filters == null ? List.of() : filters;
    }
}
