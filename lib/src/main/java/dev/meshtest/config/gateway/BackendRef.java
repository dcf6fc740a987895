package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A weighted backend of a TCPRoute or TLSRoute (Go type {@code BackendRef}).
 *
 * <pre>{@code
 * backendRefs:
 * - {name: tcp-echo-v1, port: 9000, weight: 80}
 * }</pre>
 *
 * @param group the backend's API group; absent or {@code ""} for the core group
 * @param kind the backend's kind; absent for {@code Service}
 * @param name the backend's name
 * @param namespace the backend's namespace; absent for the route's own. Another namespace needs a
 *     ReferenceGrant there.
 * @param port the Service port; required for a Service
 * @param weight the backend's share relative to the others; absent for 1
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record BackendRef(
        String group,
        String kind,
        @Required String name,
        String namespace,
        Integer port,
        Integer weight) {
}
