package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The rule of a TCPRoute (Go type {@code TCPRouteRule}).
 *
 * <pre>{@code
 * rules:
 * - name: echo
 *   backendRefs: [{name: tcp-echo, port: 9000}]
 * }</pre>
 *
 * @param name the rule's name
 * @param backendRefs weighted backends (1 to 16); only zero weights refuse connections
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record TcpRouteRule(
        String name,
        @Required List<BackendRef> backendRefs) {

    /**
     * Creates an instance, reading {@code null} {@code backendRefs} (as when left out of the YAML) as
     * empty.
     *
     * @param name the rule's name
     * @param backendRefs weighted backends (1 to 16); only zero weights refuse connections
     */
    public TcpRouteRule {
        backendRefs = backendRefs == null ? List.of() : backendRefs;
    }
}
