package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * An outbound Envoy listener of a proxy. HTTP ports (by Istio's protocol selection) share one
 * listener {@code 0.0.0.0_<port>} whose route configuration {@code "<port>"} picks the service by
 * Host header; auto-detected ports get a listener per service, {@code <ClusterIP>_<port>}, routed
 * by destination IP; TCP ports a per-service TCP proxy to one cluster. Envoy picks the most
 * specific address: {@code <ClusterIP>:<port>} beats {@code 0.0.0.0:<port>}.
 *
 * <pre>{@code
 * listener.name();              // "0.0.0.0_5000"
 * listener.routeConfigName();   // "5000"
 * }</pre>
 *
 * @param address {@code 0.0.0.0} or a ClusterIP
 * @param port the port
 * @param protocol {@code HTTP} (route configuration) or {@code TCP} (one cluster)
 * @param routeConfigName the route configuration of an HTTP listener, else {@code null}
 * @param cluster the cluster of a TCP listener; for a sniffed port's HTTP listener, the cluster of
 *                its TCP chain (what is not HTTP, TLS for one, goes there); else {@code null}
 * @param filterChains a gateway listener's chains when some server on the port terminates TLS
 *                     (then {@code routeConfigName} is {@code null}: each chain names its own), else empty
 * @param tcpRoute a TCP listener's VirtualService {@code tcp} route, whose weighted clusters its TCP
 *                 proxy picks from, or {@code null}: it forwards to {@code cluster}
 * @param virtualService the VirtualService of {@code tcpRoute}, {@code namespace/name}, or {@code null}
 */
@API(status = INTERNAL, since = "0.1")
public record Listener(String address, int port, Protocol protocol, String routeConfigName, String cluster,
                       List<FilterChain> filterChains, RouteAction.Forward tcpRoute, String virtualService) {

    public Listener {
        filterChains = List.copyOf(filterChains);
    }

    /** A listener with one filter chain and no TLS. */
    public Listener(String address, int port, Protocol protocol, String routeConfigName, String cluster) {
        this(address, port, protocol, routeConfigName, cluster, List.of(), null, null);
    }

    /** A gateway listener with filter chains. */
    public Listener(String address, int port, Protocol protocol, String routeConfigName, String cluster, List<FilterChain> filterChains) {
        this(address, port, protocol, routeConfigName, cluster, filterChains, null, null);
    }

    /** This TCP listener with a VirtualService's {@code tcp} route ({@code null}: none, the default cluster). */
    public Listener withTcpRoute(RouteAction.Forward route, String vs) {
        return route == null ? this : new Listener(address, port, protocol, routeConfigName, cluster, filterChains, route, vs);
    }

    /** Whether some chain terminates TLS. */
    public boolean terminatesTls() {
        return !filterChains.isEmpty();
    }

    /** As {@link #filterChain(String, String)} for a listener whose chains do not match on the destination address. */
    public Optional<FilterChain> filterChain(String sni) {
        return filterChain(null, sni);
    }

    /**
     * The filter chain a connection to {@code destinationIp} with server name {@code sni}
     * ({@code null}: none sent) gets, as Envoy's {@code FilterChainManagerImpl} finds it: first the
     * destination address (the chains with the longest range that contains it, else those without
     * ranges), then among them the server name: the chain naming it exactly, else the one with the
     * longest matching wildcard ({@code *.example.com} matches any name ending in
     * {@code .example.com}), else one without server names; empty when none matches (Envoy closes
     * the connection, or a sidecar's listener takes its fallthrough chain).
     */
    public Optional<FilterChain> filterChain(String destinationIp, String sni) {
        List<FilterChain> chains = filterChains;
        if (chains.stream().anyMatch(c -> !c.destinationCidrs().isEmpty())) {
            int best = -1;
            for (FilterChain c : chains) {
                for (Cidr range : c.destinationCidrs()) {
                    if (range.contains(destinationIp)) {
                        best = Math.max(best, range.bits());
                    }
                }
            }
            final int longest = best;
            chains = chains.stream().filter(c -> longest < 0 ? c.destinationCidrs().isEmpty()
                    : c.destinationCidrs().stream().anyMatch(r -> r.bits() == longest && r.contains(destinationIp))).toList();
        }
        return byServerName(chains, sni);
    }

    private static Optional<FilterChain> byServerName(List<FilterChain> filterChains, String sni) {
        if (sni != null) {
            String name = sni.toLowerCase(java.util.Locale.ROOT);
            for (FilterChain c : filterChains) {
                if (c.serverNames().contains(name)) {
                    return Optional.of(c);
                }
            }
            for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
                String wildcard = "*" + name.substring(dot);
                for (FilterChain c : filterChains) {
                    if (c.serverNames().contains(wildcard)) {
                        return Optional.of(c);
                    }
                }
            }
        }
        for (FilterChain c : filterChains) {
            if (c.serverNames().isEmpty()) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** How the listener treats traffic. */
    public enum Protocol { HTTP, TCP }

    /** Envoy's listener name, {@code <address>_<port>}. */
    public String name() {
        return address + "_" + port;
    }
}
