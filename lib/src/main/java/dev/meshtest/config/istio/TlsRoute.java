package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A rule for unterminated TLS traffic, matched by SNI (proto {@code TLSRoute}).
 *
 * <pre>{@code
 * tls:
 * - match:
 *   - port: 443
 *     sniHosts: [login.bookinfo.com]
 *   route:
 *   - destination: {host: login.prod.svc.cluster.local}
 * }</pre>
 *
 * @param match conditions, any one of which selects this rule
 * @param route the destinations to forward the connection to
 */
@API(status = STABLE, since = "0.1")
public record TlsRoute(@Required List<TlsMatchAttributes> match, List<RouteDestination> route) {

    /**
     * Creates an instance, reading {@code null} {@code match} and {@code route} (as when left out
     * of the YAML) as empty.
     *
     * @param match conditions, any one of which selects this rule
     * @param route the destinations to forward the connection to
     */
    public TlsRoute {
        match = match == null ? List.of() : match;
        route = route == null ? List.of() : route;
    }
}
