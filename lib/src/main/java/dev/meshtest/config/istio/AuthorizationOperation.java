package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What a request asks, in a rule's {@code to} (proto {@code istio.security.v1beta1.Operation}).
 * Fields are ANDed, the values of one field ORed; {@code not} fields exclude.
 *
 * <pre>{@code
 * operation:
 *   methods: [GET]
 *   paths: ["/api/*"]
 * }</pre>
 *
 * @param hosts Host headers, exact or with a leading or trailing {@code *}, case-insensitive
 * @param notHosts hosts that do not match
 * @param ports the port the request arrived on (a container port at a sidecar), as text
 * @param notPorts ports that do not match
 * @param methods HTTP methods, exact
 * @param notMethods methods that do not match
 * @param paths paths without the query: exact, {@code /prefix*}, {@code *suffix}, {@code *}, or a template with {@code {*}} and {@code {**}}
 * @param notPaths paths that do not match
 */
@API(status = STABLE, since = "0.4")
public record AuthorizationOperation(
                                     List<String> hosts,
                                     List<String> notHosts,
                                     List<String> ports,
                                     List<String> notPorts,
                                     List<String> methods,
                                     List<String> notMethods,
                                     List<String> paths,
                                     List<String> notPaths) {

    /**
     * Creates an instance, reading {@code null} lists (as when left out of the YAML) as empty.
     *
     * @param hosts Host headers, exact or with a leading or trailing {@code *}, case-insensitive
     * @param notHosts hosts that do not match
     * @param ports the port the request arrived on (a container port at a sidecar), as text
     * @param notPorts ports that do not match
     * @param methods HTTP methods, exact
     * @param notMethods methods that do not match
     * @param paths paths without the query: exact, {@code /prefix*}, {@code *suffix}, {@code *}, or a template with {@code {*}} and {@code {**}}
     * @param notPaths paths that do not match
     */
    public AuthorizationOperation {
        hosts = hosts == null ? List.of() : hosts;
        notHosts = notHosts == null ? List.of() : notHosts;
        ports = ports == null ? List.of() : ports;
        notPorts = notPorts == null ? List.of() : notPorts;
        methods = methods == null ? List.of() : methods;
        notMethods = notMethods == null ? List.of() : notMethods;
        paths = paths == null ? List.of() : paths;
        notPaths = notPaths == null ? List.of() : notPaths;
    }
}
