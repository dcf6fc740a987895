package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A rule for opaque TCP traffic (proto {@code TCPRoute}).
 *
 * <pre>{@code
 * tcp:
 * - match: [{port: 27017}]
 *   route:
 *   - destination: {host: mongo.backup.svc.cluster.local, port: {number: 5555}}
 * }</pre>
 *
 * @param match conditions, any one of which selects this rule; none means every connection
 * @param route the destinations to forward the connection to
 */
@API(status = STABLE, since = "0.1")
public record TcpRoute(List<L4MatchAttributes> match, List<RouteDestination> route) {

    /**
     * Creates an instance, reading {@code null} {@code match} and {@code route} (as when left out
     * of the YAML) as empty.
     *
     * @param match conditions, any one of which selects this rule; none means every connection
     * @param route the destinations to forward the connection to
     */
    public TcpRoute {
        match = match == null ? List.of() : match;
        route = route == null ? List.of() : route;
    }
}
