package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One filter chain of a gateway listener whose servers use TLS: the server names (SNI) it matches,
 * and what it does with a connection. A chain that terminates TLS (gateway.go
 * {@code createGatewayHTTPFilterChainOpts}) has the TLS and the route configuration of its HTTP
 * connection manager; a chain of a {@code PASSTHROUGH} server ({@code buildGatewayNetworkFiltersFromTLSRoutes})
 * forwards the connection, TLS and all, to the clusters of a VirtualService's {@code tls} route; a
 * {@code TLS} server that terminates forwards what is inside by a {@code tcp} route; a chain with
 * none of these is a plain-text HTTP server's on the same port. A chain without server names
 * matches any connection.
 *
 * <pre>{@code
 * FilterChain c = listener.filterChain("httpbin.example.com").orElseThrow();
 * c.routeConfigName();   // "https.443.https.mygateway.istio-system"
 * c.tls().mode();        // SIMPLE
 * }</pre>
 *
 * @param serverNames the SNI names it matches, sorted; empty: any (Istio drops them when a host is {@code *})
 * @param tls the TLS it terminates, or {@code null} for plain text
 * @param routeConfigName the route configuration its HTTP connection manager routes with, or
 *                        {@code null} for a TCP proxy chain
 * @param tcpRoute the weighted clusters a passthrough chain's TCP proxy picks from, else {@code null}
 * @param virtualService the VirtualService whose {@code tls} route made a passthrough chain, else {@code null}
 * @param destinationCidrs the destination address ranges it matches (a ServiceEntry's CIDR
 *                         {@code addresses} on a shared listener); empty: any address
 * @param autoPassthrough an {@code AUTO_PASSTHROUGH} server's chain ({@code builtAutoPassthroughFilterChains}):
 *                        it matches Istio's mutual TLS only (its ALPNs), and forwards it as it is to
 *                        the SNI-DNAT cluster its server name names
 */
@API(status = INTERNAL, since = "0.5")
public record FilterChain(List<String> serverNames, DownstreamTls tls, String routeConfigName, RouteAction.Forward tcpRoute,
                          String virtualService, List<Cidr> destinationCidrs, boolean autoPassthrough) {

    public FilterChain {
        serverNames = List.copyOf(serverNames);
        destinationCidrs = List.copyOf(destinationCidrs);
    }

    /** A chain with an HTTP connection manager. */
    public FilterChain(List<String> serverNames, DownstreamTls tls, String routeConfigName) {
        this(serverNames, tls, routeConfigName, null, null, List.of(), false);
    }

    /** A chain for any destination address. */
    public FilterChain(List<String> serverNames, DownstreamTls tls, String routeConfigName, RouteAction.Forward tcpRoute,
                       String virtualService) {
        this(serverNames, tls, routeConfigName, tcpRoute, virtualService, List.of(), false);
    }

    /** An {@code AUTO_PASSTHROUGH} server's chain for one SNI-DNAT cluster, whose name is also the server name it matches. */
    static FilterChain autoPassthrough(String sniDnatCluster) {
        return new FilterChain(List.of(sniDnatCluster), null, null, new RouteAction.Forward(List.of(
                new RouteAction.WeightedCluster(sniDnatCluster, 1, HeaderMutation.NONE)), null, null, null, null, null,
                RetryPolicy.NONE, null, List.of()), null, List.of(), true);
    }

    /** This chain matched on destination ranges. */
    public FilterChain withDestinationCidrs(List<Cidr> cidrs) {
        return new FilterChain(serverNames, tls, routeConfigName, tcpRoute, virtualService, cidrs, autoPassthrough);
    }

    /** Whether it forwards connections, TLS and all, by a {@code tls} or {@code tcp} route (no TLS of its own). */
    public boolean passthrough() {
        return tcpRoute != null && tls == null;
    }

    /** Whether its network filter is a TCP proxy (after terminating TLS, when it has TLS) rather than an HTTP connection manager. */
    public boolean proxiesTcp() {
        return tcpRoute != null;
    }
}
