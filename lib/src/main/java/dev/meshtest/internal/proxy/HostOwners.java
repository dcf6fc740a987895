package dev.meshtest.internal.proxy;

import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.internal.istio.RouteSemantics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one answer to "which VirtualService owns service host H on port P for this proxy"
 * (istio-rules §2.3): among the VirtualServices the proxy applies, in precedence order, the first
 * that has routes for the port and names H, exactly or as H's most specific wildcard. An exact
 * host beats every wildcard whatever the ages; among wildcards the longest covering H wins, the
 * older on a tie (Istio's {@code computeWildcardHostVirtualServiceIndex} and
 * {@code MostSpecificHostMatch}). A host no VirtualService owns keeps its default route.
 *
 * <pre>{@code
 * HostOwners owners = new HostOwners(vss, vs -> RouteTranslator.routes(vs, 5000, ctx));
 * owners.owner("helloworld.default.svc.cluster.local");   // Optional[VirtualService default/helloworld]
 * }</pre>
 */
final class HostOwners {

    private final List<VirtualService> vss;
    private final Function<VirtualService, List<Route>> routesOf;
    private final Set<String> exact = new HashSet<>();
    /** Every wildcard host with its VirtualService, in precedence order. */
    private final List<Map.Entry<String, VirtualService>> wildcards = new ArrayList<>();
    private final Map<VirtualService, List<String>> hostsOf = new IdentityHashMap<>();
    private final Map<VirtualService, List<Route>> routes = new IdentityHashMap<>();
    private final Map<String, Optional<VirtualService>> wildcardOwners = new HashMap<>();

    /**
     * @param vss the VirtualServices the proxy applies, in precedence order
     * @param routesOf a VirtualService's routes for the port (empty when every rule is filtered out)
     */
    HostOwners(List<VirtualService> vss, Function<VirtualService, List<Route>> routesOf) {
        this.vss = vss;
        this.routesOf = routesOf;
        for (VirtualService vs : vss) {
            List<String> hosts = hosts(vs);
            hostsOf.put(vs, hosts);
            for (String h : hosts) {
                if (Hosts.isWildcard(h)) {
                    wildcards.add(Map.entry(h, vs));
                } else {
                    exact.add(h);
                }
            }
        }
    }

    /** The hosts of one of this proxy's VirtualServices, short names resolved, lower case (computed once). */
    List<String> hostsOf(VirtualService vs) {
        return hostsOf.computeIfAbsent(vs, HostOwners::hosts);
    }

    /** A VirtualService's hosts, short names resolved in its namespace (as written with gateway route semantics), lower case. */
    private static List<String> hosts(VirtualService vs) {
        return vs.spec().hosts().stream().map(h -> VirtualServices.host(vs, h).toLowerCase(Locale.ROOT)).toList();
    }

    /** The VirtualService's routes for the port, computed once. */
    List<Route> routes(VirtualService vs) {
        return routes.computeIfAbsent(vs, routesOf);
    }

    /**
     * The wildcard VirtualService that claims {@code serviceHost}: the longest wildcard host
     * covering it, the older VirtualService on a tie; none when any VirtualService names it exactly.
     */
    Optional<VirtualService> wildcardOwner(String serviceHost) {
        return wildcardOwners.computeIfAbsent(serviceHost, svc -> {
            if (exact.contains(svc)) {
                return Optional.empty();
            }
            VirtualService owner = null;
            int best = -1;
            for (Map.Entry<String, VirtualService> w : wildcards) {
                String h = w.getKey();
                if (Hosts.subsetOf(svc, h) && h.length() > best) {
                    best = h.length();
                    owner = w.getValue();
                }
            }
            return Optional.ofNullable(owner);
        });
    }

    /**
     * Whether {@code vs} names {@code serviceHost}: exactly, or as its wildcard owner; with gateway
     * route semantics only exactly ({@code separateVSHostsAndServices} does not expand its wildcards).
     */
    boolean names(VirtualService vs, String serviceHost) {
        for (String h : hostsOf(vs)) {
            if (h.equals(serviceHost)) {
                return true;
            }
        }
        return !RouteSemantics.gateway(vs) && wildcardOwner(serviceHost).orElse(null) == vs;
    }

    /** The VirtualService whose routes {@code serviceHost} gets on this port, or empty for its default route. */
    Optional<VirtualService> owner(String serviceHost) {
        return owner(serviceHost, vs -> true);
    }

    /**
     * As {@link #owner(String)}, among the VirtualServices {@code admits} lets give the host a vhost
     * (the sidecar namespace check of gateway route semantics, istio-rules §5.5).
     */
    Optional<VirtualService> owner(String serviceHost, java.util.function.Predicate<VirtualService> admits) {
        for (VirtualService vs : vss) {
            if (names(vs, serviceHost) && admits.test(vs) && !routes(vs).isEmpty()) {
                return Optional.of(vs);
            }
        }
        return Optional.empty();
    }
}
