package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A reference to a backend, by default a Service and one of its ports (Go type {@code
 * BackendObjectReference}).
 *
 * <pre>{@code
 * backendRef: {name: httpbin-mirror, port: 8000}
 * }</pre>
 *
 * @param group the backend's API group; absent or {@code ""} for the core group
 * @param kind the backend's kind; absent for {@code Service}
 * @param name the backend's name
 * @param namespace the backend's namespace; absent for the route's own. Another namespace needs a
 *     ReferenceGrant there.
 * @param port the Service port; required for a Service
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record BackendObjectReference(
        String group,
        String kind,
        @Required String name,
        String namespace,
        Integer port) {
}
