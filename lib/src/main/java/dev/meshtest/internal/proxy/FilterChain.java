package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One filter chain of a gateway listener that terminates TLS (gateway.go
 * {@code createGatewayHTTPFilterChainOpts}): the server names (SNI) it matches, the TLS it
 * terminates, and the route configuration of its HTTP connection manager. A chain without server
 * names matches any connection; a chain without TLS is a plain-text HTTP server's on the same port.
 *
 * <pre>{@code
 * FilterChain c = listener.filterChain("httpbin.example.com").orElseThrow();
 * c.routeConfigName();   // "https.443.https.mygateway.istio-system"
 * c.tls().mode();        // SIMPLE
 * }</pre>
 *
 * @param serverNames the SNI names it matches, sorted; empty: any (Istio drops them when a host is {@code *})
 * @param tls the TLS it terminates, or {@code null} for plain text
 * @param routeConfigName the route configuration its HTTP connection manager routes with
 */
@API(status = INTERNAL, since = "0.5")
public record FilterChain(List<String> serverNames, DownstreamTls tls, String routeConfigName) {

    public FilterChain {
        serverNames = List.copyOf(serverNames);
    }
}
