package dev.meshtest.internal.proxy;

import dev.meshtest.config.istio.ConnectionPoolSettings;
import dev.meshtest.config.istio.Gateway;
import dev.meshtest.internal.gatewayapi.ReferenceGrants;
import dev.meshtest.internal.istio.GatewayServers;
import dev.meshtest.internal.istio.InternalAnnotations;
import dev.meshtest.internal.istio.RouteSemantics;
import dev.meshtest.config.istio.TlsProtocol;
import dev.meshtest.config.gateway.ReferenceGrant;
import dev.meshtest.config.kube.Secret;
import dev.meshtest.config.istio.IstioIngressListener;
import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.istio.Server;
import dev.meshtest.config.istio.ServiceEntryResolution;
import dev.meshtest.config.istio.ServiceEntrySpec;
import dev.meshtest.config.istio.ServicePort;
import dev.meshtest.config.istio.Subset;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.config.istio.WorkloadEntry;
import dev.meshtest.config.kube.IntOrString;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterService;
import dev.meshtest.internal.cluster.ClusterServicePort;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.CreationOrder;
import dev.meshtest.internal.cluster.Endpoint;
import dev.meshtest.internal.cluster.LabelSelector;
import dev.meshtest.internal.cluster.ProxyKind;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compiles what istiod pushes to one proxy: for a sidecar, outbound listeners, route
 * configurations and clusters (istio-rules §2); for a gateway, the listeners and routes of the Gateway
 * servers that select it (istio-rules §7). Inputs are indexed once per cluster state by {@link ProxyConfigs}.
 */
final class ProxyConfigBuilder {

    private final ClusterState state;
    private final MeshSettings mesh;
    private final ServiceRegistry registry;
    private final VirtualServices virtualServices;
    private final DestinationRules destinationRules;
    private final SidecarScopes scopes;
    private final PeerAuthentications peerAuthentications;
    private final AuthorizationPolicies authorizationPolicies;
    private final ClusterNames names = new ClusterNames();

    ProxyConfigBuilder(ClusterState state, MeshSettings mesh) {
        this.state = state;
        this.mesh = mesh;
        this.registry = ServiceRegistry.of(state, mesh.exportToDefaults().service());
        this.virtualServices = VirtualServices.of(state, mesh.exportToDefaults().virtualService());
        this.destinationRules = DestinationRules.of(state, mesh.rootNamespace(), mesh.exportToDefaults().destinationRule());
        this.scopes = new SidecarScopes(state, registry, virtualServices, mesh);
        this.peerAuthentications = PeerAuthentications.of(state, mesh.rootNamespace());
        this.authorizationPolicies = AuthorizationPolicies.of(state, mesh.rootNamespace(), mesh.trustDomain());
    }

    AuthorizationPolicies authorizationPolicies() {
        return authorizationPolicies;
    }

    PeerAuthentications peerAuthentications() {
        return peerAuthentications;
    }

    ServiceRegistry registry() {
        return registry;
    }

    ProxyConfig build(ClusterPod proxy) {
        ProxyConfig pc = proxy.proxy() == ProxyKind.GATEWAY ? gateway(proxy) : sidecar(proxy);
        pc.version = state.version();
        return pc;
    }

    // ---------------------------------------------------------------- sidecar (istio-rules §2)

    private ProxyConfig sidecar(ClusterPod proxy) {
        SidecarScope scope = scopes.of(proxy);
        String ns = proxy.namespace();
        RouteTranslator.Context ctx = context(proxy, Set.of(VirtualServices.MESH), false);

        List<Listener> listeners = new ArrayList<>();
        List<RouteConfiguration> routeConfigs = new ArrayList<>();
        // Listeners of egress listeners with a port are "locked": the catch-all adds nothing to them
        // (buildSidecarOutboundListeners), and their route configurations hold only their own services.
        Set<String> locked = new HashSet<>();
        for (SidecarScope.EgressListener el : scope.egress()) {
            if (el.port == null) {
                catchAllListeners(proxy, scope, el, locked, listeners, routeConfigs, ctx);
                continue;
            }
            int port = el.port;
            if (el.protocol.isHttp()) {
                String address = el.bind == null ? "0.0.0.0" : el.bind;
                // A listener only when some (non-alias) service was imported on the port.
                if (el.services.stream().anyMatch(svc -> svc.aliasFor() == null) && locked.add(address + ":" + port)) {
                    String rcName = Integer.toString(port);
                    listeners.add(new Listener(address, port, Listener.Protocol.HTTP, rcName, null));
                    routeConfigs.add(new RouteConfiguration(rcName, sidecarVirtualHosts(scope, ns, port, new ArrayList<>(el.services),
                            ctx)));
                }
                continue;
            }
            for (IstioService svc : el.services) {
                String address = el.bind != null ? el.bind : svc.address();
                if (svc.aliasFor() != null || address == null || el.protocol == Protocol.UDP || !locked.add(address + ":" + port)) {
                    continue;
                }
                if (el.protocol.isAutoDetect()) {
                    // No protocol on the Sidecar's port: sniffed, as a catch-all service port without one.
                    String rcName = svc.hostname() + ":" + port;
                    listeners.add(new Listener(address, port, Listener.Protocol.HTTP, rcName, names.outbound(port, "", svc.hostname())));
                    routeConfigs.add(new RouteConfiguration(rcName, List.of(sniffedVirtualHost(scope, svc, port, ctx))));
                } else {
                    listeners.add(tcpListener(proxy, el.virtualServices, svc, address, port, el.protocol, ctx));
                }
            }
        }
        listeners.sort(java.util.Comparator.comparingInt(Listener::port).thenComparing(Listener::address));
        return new ProxyConfig(proxy, listeners, routeConfigs, clusters(proxy, scope.services()), scope.outboundTrafficPolicy(),
                inboundClusters(proxy)).withSecurity(JwtAuthentication.forWorkload(state, mesh, proxy), authorizationPolicies.forWorkload(proxy),
                        peerAuthentications.forWorkload(proxy));
    }

    /**
     * The catch-all egress listener's listeners: one per service port not on a locked listener,
     * by the port's protocol (istio-rules §2.1): HTTP ports share {@code 0.0.0.0:<port>} and route
     * configuration {@code "<port>"}, sniffed ports get a listener per service, others a TCP proxy.
     */
    private void catchAllListeners(ClusterPod proxy, SidecarScope scope, SidecarScope.EgressListener el, Set<String> locked,
                                   List<Listener> listeners, List<RouteConfiguration> routeConfigs, RouteTranslator.Context ctx) {
        TreeMap<Integer, List<IstioService>> httpPorts = new TreeMap<>();
        TreeMap<Integer, List<FilterChain>> wildcardTls = new TreeMap<>();
        for (IstioService svc : el.services) {
            if (svc.aliasFor() != null) {
                continue;   // an alias gets no listener of its own (listener.go)
            }
            for (IstioService.Port p : svc.ports()) {
                Protocol protocol = p.protocol();
                if (protocol.isHttp()) {
                    if (!locked.contains("0.0.0.0:" + p.port())) {
                        httpPorts.computeIfAbsent(p.port(), k -> new ArrayList<>()).add(svc);
                    }
                } else if (svc.address() == null && isHeadless(svc) && (protocol.isTcp() || protocol.isAutoDetect())) {
                    headlessListeners(proxy, scope, svc, p, locked, listeners, routeConfigs, ctx);
                } else if (protocol == Protocol.UDP) {
                    continue;
                } else if (svc.address() == null && !isHeadless(svc) && protocol.isTls()) {
                    // A TLS port of a host without an address (a ServiceEntry without addresses): a chain on the
                    // wildcard listener, matched by its hostname as SNI (buildSidecarOutboundTLSFilterChainOpts).
                    addChains(wildcardTls.computeIfAbsent(p.port(), k -> new ArrayList<>()),
                            tlsChains(proxy, el.virtualServices, svc, p.port(), true, ctx));
                } else {
                    for (String address : addresses(svc)) {
                        if (Cidr.isRange(address)) {
                            // A ServiceEntry's CIDR address: chains on the wildcard listener, matched by destination
                            // range (and, for TLS, by the hostname as SNI).
                            List<FilterChain> chains = protocol.isTls() ? tlsChains(proxy, el.virtualServices, svc, p.port(), true, ctx)
                                    : tcpChain(tcpListener(proxy, el.virtualServices, svc, address, p.port(), protocol, ctx));
                            addChains(wildcardTls.computeIfAbsent(p.port(), k -> new ArrayList<>()),
                                    chains.stream().map(c -> c.withDestinationCidrs(List.of(Cidr.parse(address)))).toList());
                        } else if (protocol.isAutoDetect()) {
                            if (locked.add(address + ":" + p.port())) {
                                // Sniffed port: a listener per service address, routed by destination IP, one "*" vhost (istio-rules §2.1).
                                String rcName = svc.hostname() + ":" + p.port();
                                listeners.add(new Listener(address, p.port(), Listener.Protocol.HTTP, rcName,
                                        names.outbound(p.port(), "", svc.hostname())));
                                if (routeConfigs.stream().noneMatch(rc -> rc.name().equals(rcName))) {
                                    routeConfigs.add(new RouteConfiguration(rcName, List.of(sniffedVirtualHost(scope, svc, p.port(), ctx))));
                                }
                            }
                        } else if (locked.add(address + ":" + p.port())) {
                            listeners.add(tcpListener(proxy, el.virtualServices, svc, address, p.port(), protocol, ctx));
                        }
                    }
                }
            }
        }
        for (Map.Entry<Integer, List<FilterChain>> e : wildcardTls.entrySet()) {
            if (!httpPorts.containsKey(e.getKey()) && locked.add("0.0.0.0:" + e.getKey())) {
                listeners.add(new Listener("0.0.0.0", e.getKey(), Listener.Protocol.TCP, null, null, e.getValue()));
            }
        }
        List<IstioService> aliases = el.services.stream().filter(svc -> svc.aliasFor() != null).toList();
        for (Map.Entry<Integer, List<IstioService>> e : httpPorts.entrySet()) {
            int port = e.getKey();
            String rcName = Integer.toString(port);
            listeners.add(new Listener("0.0.0.0", port, Listener.Protocol.HTTP, rcName, null));
            SidecarScope.EgressListener rds = scope.egressListenerFor(port);
            if (rds != el) {
                // A listener with this port (bound to an address) owns route configuration "<port>", which
                // both listeners use: GetEgressListenerForRDS finds it first.
                if (routeConfigs.stream().noneMatch(rc -> rc.name().equals(rcName))) {
                    routeConfigs.add(new RouteConfiguration(rcName, sidecarVirtualHosts(scope, scope.namespace(), port,
                            new ArrayList<>(rds.services), ctx)));
                }
                continue;
            }
            List<IstioService> onPort = new ArrayList<>(e.getValue());
            onPort.addAll(aliases);
            routeConfigs.add(new RouteConfiguration(rcName, sidecarVirtualHosts(scope, scope.namespace(), port, onPort, ctx)));
        }
    }

    /**
     * A service's addresses: a Kubernetes Service's ClusterIP, a ServiceEntry's {@code addresses}
     * (plain addresses get listeners of their own, ranges chains on the wildcard listener).
     */
    private static List<String> addresses(IstioService svc) {
        if (svc.serviceEntry() != null && svc.serviceEntry().spec() != null) {
            return svc.serviceEntry().spec().addresses();
        }
        return svc.address() == null ? List.of() : List.of(svc.address());
    }

    /** A TCP listener's one destination as a chain of the wildcard listener. */
    private static List<FilterChain> tcpChain(Listener l) {
        RouteAction.Forward route = l.tcpRoute() != null ? l.tcpRoute() : RouteAction.Forward.to(l.cluster());
        return List.of(new FilterChain(List.of(), null, null, route, l.virtualService()));
    }

    /**
     * Adds chains to a shared listener's, dropping one whose match another already has (listener.go
     * {@code conflictsWith}: the same server names and the same ranges once masked): Envoy would
     * reject the listener otherwise, so istiod keeps the first.
     */
    private static void addChains(List<FilterChain> to, List<FilterChain> chains) {
        for (FilterChain c : chains) {
            boolean conflict = to.stream().anyMatch(o -> o.serverNames().equals(c.serverNames())   // both sorted
                    && new HashSet<>(o.destinationCidrs()).equals(new HashSet<>(c.destinationCidrs())));
            if (!conflict) {
                to.add(c);
            }
        }
    }

    /**
     * A service port's TCP proxy listener on a sidecar (tls.go {@code buildSidecarOutboundTCPFilterChainOpts}):
     * the first VirtualService {@code tcp} rule with routes, among the VirtualServices the sidecar
     * sees whose hosts match the service ({@code getConfigsForHost}), that has no match or a match
     * that fits this proxy ({@code matchTCP}: port, {@code sourceLabels}, {@code sourceNamespace},
     * {@code gateways} naming {@code mesh}) without {@code destinationSubnets}; else the service's own
     * cluster. A TLS or HTTPS port takes no {@code tcp} rule.
     */
    private Listener tcpListener(ClusterPod proxy, List<VirtualService> visible, IstioService svc, String address, int port,
                                 Protocol protocol, RouteTranslator.Context ctx) {
        Listener plain = new Listener(address, port, Listener.Protocol.TCP, null, names.outbound(port, "", svc.hostname()));
        if (protocol.isTls()) {
            return new Listener(address, port, Listener.Protocol.TCP, null, plain.cluster(),
                    tlsChains(proxy, visible, svc, port, false, ctx));
        }
        for (VirtualService vs : forHost(visible, svc, vs -> !vs.spec().tcp().isEmpty())) {
            for (dev.meshtest.config.istio.TcpRoute rule : vs.spec().tcp()) {
                if (rule == null || rule.route().isEmpty()) {
                    continue;
                }
                boolean applies = rule.match().isEmpty();
                for (dev.meshtest.config.istio.L4MatchAttributes m : rule.match()) {
                    applies |= m != null && m.destinationSubnets().isEmpty()
                            && matchL4(m.gateways(), m.sourceLabels(), m.port(), m.sourceNamespace(), proxy, port);
                }
                if (applies) {
                    return plain.withTcpRoute(RouteTranslator.tcpRoute(vs, rule.route(), port, ctx), vs.namespace() + "/" + vs.name());
                }
            }
        }
        return plain;
    }

    /**
     * A TLS or HTTPS service port's filter chains on a sidecar (tls.go {@code buildSidecarOutboundTLSFilterChainOpts}):
     * one per {@code tls} match of the VirtualServices the sidecar sees for the host that fits the
     * proxy ({@code matchTLS}; the first of equal {@code sniHosts} wins), each forwarding to its rule's
     * clusters; without any, one to the service's own cluster, matched by the hostname as SNI on
     * the wildcard listener ({@code wildcard}) and by nothing on the service's own address.
     */
    private List<FilterChain> tlsChains(ClusterPod proxy, List<VirtualService> visible, IstioService svc, int port, boolean wildcard,
                                        RouteTranslator.Context ctx) {
        List<FilterChain> out = new ArrayList<>();
        Set<String> handled = new HashSet<>();
        for (VirtualService vs : forHost(visible, svc, vs -> !vs.spec().tls().isEmpty())) {
            for (dev.meshtest.config.istio.TlsRoute rule : vs.spec().tls()) {
                if (rule == null || rule.route().isEmpty()) {
                    continue;
                }
                for (dev.meshtest.config.istio.TlsMatchAttributes m : rule.match()) {
                    boolean fits = m != null && matchL4(m.gateways(), m.sourceLabels(), m.port(), m.sourceNamespace(), proxy, port);
                    if (fits && handled.add(String.join(",", m.sniHosts()) + "|" + String.join(",", m.destinationSubnets()))) {
                        TreeSet<String> names = new TreeSet<>();
                        m.sniHosts().forEach(h -> names.add(h.toLowerCase(Locale.ROOT)));
                        out.add(new FilterChain(names.contains("*") ? List.of() : List.copyOf(names), null, null,
                                RouteTranslator.tcpRoute(vs, rule.route(), port, ctx), vs.namespace() + "/" + vs.name()));
                    }
                }
            }
        }
        if (out.isEmpty()) {
            int clusterPort = svc.ports().size() == 1 ? svc.ports().get(0).port() : port;
            out.add(new FilterChain(wildcard ? List.of(svc.hostname().toLowerCase(Locale.ROOT)) : List.of(), null, null,
                    RouteAction.Forward.to(names.outbound(clusterPort, "", svc.hostname())), null));
        }
        return out;
    }

    /**
     * tls.go {@code matchTCP} and {@code matchTLS} on a sidecar: {@code gateways} naming {@code mesh},
     * {@code sourceLabels} all on the proxy's pod, the listener's port, the proxy's namespace.
     */
    private static boolean matchL4(List<String> gateways, Map<String, String> sourceLabels, Integer matchPort, String sourceNamespace,
                                   ClusterPod proxy, int port) {
        boolean gatewayMatch = gateways.isEmpty() || gateways.contains("mesh");
        boolean labelMatch = LabelSelector.matches(sourceLabels, proxy.labels());
        boolean portMatch = matchPort == null || matchPort == 0 || matchPort == port;
        boolean nsMatch = sourceNamespace == null || sourceNamespace.isEmpty() || sourceNamespace.equals(proxy.namespace());
        return gatewayMatch && labelMatch && portMatch && nsMatch;
    }

    /** tls.go {@code getConfigsForHost}: the VirtualServices with such rules whose hosts match the service's, in their order. */
    private static List<VirtualService> forHost(List<VirtualService> visible, IstioService svc,
                                                java.util.function.Predicate<VirtualService> withRules) {
        return visible.stream().filter(withRules).filter(vs -> vs.spec().hosts().stream()
                .anyMatch(h -> Hosts.overlap(VirtualServices.host(vs, h), svc.hostname()))).toList();
    }

    /**
     * A headless Service's TCP or sniffed port: a listener per endpoint address (not the proxy's
     * own), as {@code buildSidecarOutboundListeners} builds them, so the connection goes through
     * the Service's own cluster rather than the passthrough cluster (istio-rules §2.7).
     */
    private void headlessListeners(ClusterPod proxy, SidecarScope scope, IstioService svc, IstioService.Port p,
                                   Set<String> locked, List<Listener> listeners, List<RouteConfiguration> routeConfigs,
                                   RouteTranslator.Context ctx) {
        String rcName = svc.hostname() + ":" + p.port();
        boolean routed = false;
        for (LbEndpoint e : endpoints(svc, p.port())) {
            if (e.ip().equals(proxy.ip()) || !Hosts.isIp(e.ip()) || !locked.add(e.ip() + ":" + p.port())) {
                continue;
            }
            if (p.protocol().isAutoDetect()) {
                listeners.add(new Listener(e.ip(), p.port(), Listener.Protocol.HTTP, rcName, names.outbound(p.port(), "", svc.hostname())));
                routed = true;
            } else {
                listeners.add(tcpListener(proxy, scope.egressListenerFor(p.port()).virtualServices, svc, e.ip(), p.port(),
                        p.protocol(), ctx));
            }
        }
        if (routed) {
            routeConfigs.add(new RouteConfiguration(rcName, List.of(sniffedVirtualHost(scope, svc, p.port(), ctx))));
        }
    }

    private static boolean isHeadless(IstioService svc) {
        return svc.kubernetes() != null && svc.kubernetes().headless();
    }

    /**
     * The virtual hosts of route configuration {@code "<port>"} (istio-rules §2.2, §2.3, §2.5): VirtualService
     * hosts first (a service is claimed by the first VirtualService with routes that names it
     * exactly, else by its most specific wildcard), then one vhost per remaining service with its
     * default route, then the catch-all. A domain already taken is dropped from later vhosts.
     */
    private List<VirtualHost> sidecarVirtualHosts(SidecarScope scope, String clientNs, int port, List<IstioService> imported,
                                                  RouteTranslator.Context ctx) {
        SidecarScope.EgressListener el = scope.egressListenerFor(port);
        List<VirtualService> vss = el.virtualServices;
        // The listener's services with an HTTP port of that number (BuildSidecarVirtualHostWrapper gives
        // HTTP and sniffed ports a vhost; a sniffed port has a listener of its own unless a Sidecar's
        // port-specific listener took the port); an alias is one VirtualServices can name there when
        // some service listens on the port.
        List<IstioService> services = new ArrayList<>();
        for (IstioService s : imported) {
            IstioService.Port p = s.port(port);
            if (s.aliasFor() == null && p != null && (p.protocol().isHttp() || (el.port != null && p.protocol().isAutoDetect()))) {
                services.add(s);
            }
        }
        if (!services.isEmpty()) {
            for (IstioService s : imported) {
                if (s.aliasFor() != null && s.port(port) != null) {
                    services.add(s);
                }
            }
        }
        Map<String, IstioService> byHost = new LinkedHashMap<>();
        services.forEach(s -> byHost.putIfAbsent(s.hostname().toLowerCase(Locale.ROOT), s));
        HostOwners owners = new HostOwners(vss, vs -> RouteTranslator.routes(vs, port, ctx));

        List<VirtualHost> out = new ArrayList<>();
        Set<String> usedNames = new HashSet<>();
        Set<String> usedDomains = new HashSet<>();
        Set<String> claimed = new HashSet<>();
        for (VirtualService vs : vss) {
            boolean gatewaySemantics = RouteSemantics.gateway(vs);
            List<IstioService> matched = new ArrayList<>();
            List<String> nonService = new ArrayList<>();
            for (String h : owners.hostsOf(vs)) {
                if (gatewaySemantics && Hosts.isWildcard(h)) {
                    // separateVSHostsAndServices: with gateway route semantics a wildcard host is a plain
                    // domain, never expanded to the registry's services (istio-rules §5.5).
                    nonService.add(h);
                    continue;
                }
                if (!Hosts.isWildcard(h)) {
                    IstioService s = byHost.get(h);
                    if (s != null) {
                        matched.add(s);
                    } else {
                        nonService.add(VirtualServices.host(vs, originalHost(vs, h)));
                    }
                    continue;
                }
                boolean any = false;
                for (Map.Entry<String, IstioService> e : byHost.entrySet()) {
                    if (Hosts.subsetOf(e.getKey(), h)) {
                        any = true;
                        if (owners.wildcardOwner(e.getKey()).orElse(null) == vs) {
                            matched.add(e.getValue());
                        }
                    }
                }
                if (!any) {
                    nonService.add(h);
                }
            }
            if (gatewaySemantics && !gatewaySemanticsAdmits(vs, matched, clientNs)) {
                continue;
            }
            if (matched.isEmpty() && port != 80) {
                continue; // only port 80 carries VirtualServices for hosts that are not services
            }
            List<Route> routes = owners.routes(vs);
            if (routes.isEmpty()) {
                continue; // every rule filtered out: the services keep their default routes
            }
            for (String h : nonService) {
                addVirtualHost(out, usedNames, usedDomains, h + ":" + port, List.of(h), routes);
            }
            for (IstioService s : matched) {
                if (addVirtualHost(out, usedNames, usedDomains, s.hostname() + ":" + port, domains(s, clientNs, el), routes)) {
                    claimed.add(s.hostname());
                }
            }
        }
        for (IstioService s : services) {
            if (claimed.contains(s.hostname()) || s.aliasFor() != null) {
                continue;   // an alias's names are on the vhost of the service it names (domains)
            }
            addVirtualHost(out, usedNames, usedDomains, s.hostname() + ":" + port, domains(s, clientNs, el),
                    List.of(Route.defaultRoute(names.outbound(port, "", s.hostname()), defaultHash(ctx, s, port), defaultRetries())));
        }
        // The catch-all vhost: passthrough or 502 for unknown hosts (istio-rules §2.5).
        if (scope.outboundTrafficPolicy() == MeshSettings.OutboundTrafficPolicy.ALLOW_ANY) {
            out.add(new VirtualHost("allow_any", List.of("*"), List.of(new Route("allow_any", RouteMatch.ANY,
                    RouteAction.Forward.to(Cluster.PASSTHROUGH), null, -1, -1))));
        } else {
            out.add(new VirtualHost("block_all", List.of("*"), List.of(new Route("block_all", RouteMatch.ANY,
                    new RouteAction.DirectResponse(502, ""), null, -1, -1))));
        }
        return out;
    }

    /**
     * buildSidecarVirtualHostsForVirtualService with gateway route semantics ("routes only from the
     * namespace of the proxy, or of the destination"): the VirtualService gives the sidecar no vhost
     * unless one of the services its hosts name is in its namespace or the proxy is. Istio computes
     * that filtered list but then builds the vhosts from every matched service, so one service that
     * passes lets all of them through; and a VirtualService naming no service gives no vhost at all,
     * not even the port-80 one of its other hosts (istio-rules §5.5).
     */
    private static boolean gatewaySemanticsAdmits(VirtualService vs, List<IstioService> matched, String proxyNamespace) {
        for (IstioService s : matched) {
            if (s.namespace().equals(vs.namespace()) || proxyNamespace.equals(vs.namespace())) {
                return true;
            }
        }
        return false;
    }

    /** Adds a vhost unless its name is taken; drops domains an earlier vhost took. */
    private static boolean addVirtualHost(List<VirtualHost> out, Set<String> usedNames, Set<String> usedDomains,
                                          String name, List<String> domains, List<Route> routes) {
        if (!usedNames.add(name)) {
            return false;
        }
        List<String> kept = new ArrayList<>();
        for (String d : domains) {
            if (usedDomains.add(d.toLowerCase(Locale.ROOT))) {
                kept.add(d);
            }
        }
        if (kept.isEmpty()) {
            return false;
        }
        out.add(new VirtualHost(name, kept, routes));
        return true;
    }

    private VirtualHost sniffedVirtualHost(SidecarScope scope, IstioService svc, int port, RouteTranslator.Context ctx) {
        HostOwners owners = new HostOwners(scope.egressListenerFor(port).virtualServices, vs -> RouteTranslator.routes(vs, port, ctx));
        // Istio builds a sniffed port's vhosts as the port's (getVirtualHostsForSniffedServicePort picks this
        // service's): with gateway route semantics a VirtualService gives routes only when one of the services
        // of the port it names is in its namespace, or the proxy is.
        List<IstioService> onPort = scope.egressListenerFor(port).services.stream().filter(s -> s.port(port) != null).toList();
        List<Route> routes = owners.owner(svc.hostname().toLowerCase(Locale.ROOT),
                        vs -> !RouteSemantics.gateway(vs) || gatewaySemanticsAdmits(vs, onPort.stream()
                                .filter(s -> owners.hostsOf(vs).contains(s.hostname().toLowerCase(Locale.ROOT))).toList(),
                                scope.namespace()))
                .map(owners::routes)
                .orElseGet(() -> List.of(Route.defaultRoute(names.outbound(port, "", svc.hostname()), defaultHash(ctx, svc, port),
                        defaultRetries())));
        return new VirtualHost(svc.hostname() + ":" + port, List.of("*"), routes);
    }

    /** A VirtualService's host as written (its case kept), for the lower-cased {@code host}. */
    private static String originalHost(VirtualService vs, String host) {
        for (String h : vs.spec().hosts()) {
            if (VirtualServices.host(vs, h).toLowerCase(Locale.ROOT).equals(host)) {
                return h;
            }
        }
        return host;
    }

    /**
     * A service's vhost domains ({@code generateVirtualHostDomains}), and the names of the
     * ExternalName Services that are its aliases and that the listener imports (istio-rules §2.8,
     * {@code matchingAliasService}).
     */
    private List<String> domains(IstioService s, String clientNs, SidecarScope.EgressListener el) {
        ClusterService k = s.kubernetes();
        List<String> own = k == null ? Hosts.serviceEntryDomains(s.hostname())
                : Hosts.kubernetesServiceDomains(k.name(), k.namespace(), k.clusterIp(), clientNs, k.headless());
        List<IstioService> aliases = el.aliases(s, registry.aliasesOf(s.hostname()));
        if (aliases.isEmpty() || s.aliasFor() != null) {
            return own;
        }
        List<String> out = new ArrayList<>(own);
        for (IstioService a : aliases) {
            out.addAll(Hosts.kubernetesServiceDomains(a.kubernetes().name(), a.namespace(), null, clientNs, false));
        }
        return out;
    }

    private HashPolicy defaultHash(RouteTranslator.Context ctx, IstioService svc, int port) {
        DestinationRules.Applied dr = ctx.destinationRule().apply(svc.hostname(), svc.namespace());
        return dr == null ? null : DestinationRules.hashPolicy(dr.consistentHash(port, null));
    }

    /** {@code BuildDefaultHTTPOutboundRoute}: MeshConfig's defaultHttpRetryPolicy, never with the consistent-hash variant. */
    private RetryPolicy defaultRetries() {
        return ResiliencePolicies.routeRetries(null, mesh.defaultHttpRetryPolicy(), false);
    }

    private RouteTranslator.Context context(ClusterPod proxy, Set<String> gatewayNames, boolean gateway) {
        return new RouteTranslator.Context(proxy.namespace(), proxy.labels(), gatewayNames, gateway, registry,
                (host, serviceNs) -> destinationRules.lookup(proxy.namespace(), proxy.labels(), host, serviceNs),
                mesh.defaultHttpRetryPolicy(), virtualServices::origins, names);
    }

    // ---------------------------------------------------------------- gateway (istio-rules §7)

    private ProxyConfig gateway(ClusterPod proxy) {
        String ns = proxy.namespace();
        List<Gateway> selecting = new ArrayList<>();
        // The Services through which a Gateway bound by internal.istio.io/gateway-service reaches this pod;
        // absent for a Gateway bound by its selector.
        Map<Gateway, List<ClusterService>> boundByService = new java.util.IdentityHashMap<>();
        for (StoredConfig<Gateway> g : sortedGateways()) {
            if (g.resource().spec() == null) {
                continue;
            }
            String gatewayServices = g.resource().metadata().annotations().get(GATEWAY_SERVICE_ANNOTATION);
            if (gatewayServices != null) {
                List<ClusterService> instances = gatewayServiceInstances(proxy, g.resource(), gatewayServices);
                if (!instances.isEmpty()) {
                    selecting.add(g.resource());
                    boundByService.put(g.resource(), instances);
                }
                continue;
            }
            Map<String, String> selector = g.resource().spec().selector();
            if (LabelSelector.matches(selector, proxy.labels())) {
                selecting.add(g.resource());
            }
        }
        selecting = strictGatewayMerging(selecting);
        // model/gateway.go mergeGateways: servers by the pod port they resolve to. Plain HTTP servers
        // on a port share route configuration http.<pod port>; each HTTPS server that terminates TLS
        // gets a filter chain of its own, matched by SNI, with route configuration
        // https.<port>.<port name>.<gateway>.<namespace>. A server that conflicts is skipped.
        TreeMap<Integer, GatewayPort> ports = new TreeMap<>();
        Map<Integer, Set<String>> tlsHostsByPort = new HashMap<>();
        for (Gateway g : selecting) {
            for (Server s : g.spec().servers()) {
                if (s == null || s.port() == null) {
                    continue;
                }
                Protocol protocol = Protocol.parse(s.port().protocol());
                boolean tcp = GatewayServers.plainTcp(s);
                if (!GatewayServers.simulated(s)) {
                    continue;   // Istio's mutual TLS, TLS termination for TCP, other protocols: refused unless lenient (NotSimulated)
                }
                List<ClusterService> instances = boundByService.get(g);
                for (int podPort : instances == null ? List.of(targetPort(proxy, s.port().number()))
                        : targetPorts(proxy, instances, s.port().number())) {
                    if (s.tls() != null) {
                        // CheckDuplicates: Envoy would reject two chains matching the same server name.
                        List<String> hosts = sanitizedHosts(s, g.namespace());
                        Set<String> known = tlsHostsByPort.computeIfAbsent(podPort, k -> new HashSet<>());
                        if (hosts.stream().anyMatch(known::contains)) {
                            continue;
                        }
                        known.addAll(hosts);
                    }
                    GatewayPort gp = ports.computeIfAbsent(podPort, GatewayPort::new);
                    if (gp.tcp != null) {
                        continue;   // a plain-text TCP server has the port: nothing merges with it (canMergeProtocols)
                    }
                    if (tcp) {
                        if (gp.http.isEmpty() && gp.https.isEmpty()) {
                            gp.tcp = Map.entry(g, s);
                        }
                    } else if (protocol.isHttp()) {
                        gp.http.add(Map.entry(g, s));
                    } else if (gp.http.isEmpty()) {
                        gp.https.add(Map.entry(g, s));
                    }
                    // else: an HTTPS server on a port plain HTTP already has (canMergeProtocols): skipped.
                }
            }
        }
        List<Listener> listeners = new ArrayList<>();
        List<RouteConfiguration> routeConfigs = new ArrayList<>();
        for (GatewayPort gp : ports.values()) {
            if (gp.tcp != null) {
                Listener tcp = tcpRule(proxy, gp.podPort, gp.tcp.getKey(), gp.tcp.getValue());
                if (tcp != null) {
                    listeners.add(tcp);
                }
                continue;
            }
            String httpRc = "http." + gp.podPort;
            if (!gp.http.isEmpty()) {
                routeConfigs.add(new RouteConfiguration(httpRc, gatewayVirtualHosts(proxy, gp.http.get(0).getValue().port().number(),
                        gp.http)));
            }
            if (gp.https.isEmpty()) {
                listeners.add(new Listener("0.0.0.0", gp.podPort, Listener.Protocol.HTTP, httpRc, null));
                continue;
            }
            List<FilterChain> chains = new ArrayList<>();
            Set<String> sniTaken = new HashSet<>();
            for (Map.Entry<Gateway, Server> e : gp.https) {
                Gateway g = e.getKey();
                Server s = e.getValue();
                if (GatewayServers.passesTlsThrough(s)) {
                    chains.addAll(passthroughChains(proxy, g, s, sniTaken));
                    continue;
                }
                if (GatewayServers.autoPassthrough(s)) {
                    for (String name : autoPassthroughClusters(proxy, s, g.namespace())) {
                        if (sniTaken.add(name)) {
                            chains.add(FilterChain.autoPassthrough(name));
                        }
                    }
                    continue;
                }
                if (Protocol.parse(s.port().protocol()) == Protocol.TLS) {
                    // A TLS server that terminates: a TCP proxy by the bound tcp rule (createGatewayTCPFilterChainOpts);
                    // none, no chain.
                    Listener routed = tcpRule(proxy, gp.podPort, g, s);
                    if (routed != null) {
                        chains.add(new FilterChain(serverNames(s, g.namespace()), downstreamTls(proxy, g, s), null, routed.tcpRoute(),
                                routed.virtualService()));
                    }
                    continue;
                }
                String rcName = "https." + s.port().number() + "." + s.port().name() + "." + g.name() + "." + g.namespace();
                routeConfigs.add(new RouteConfiguration(rcName, gatewayVirtualHosts(proxy, s.port().number(), List.of(e))));
                chains.add(new FilterChain(serverNames(s, g.namespace()), downstreamTls(proxy, g, s), rcName));
            }
            if (!gp.http.isEmpty()) {
                chains.add(new FilterChain(List.of(), null, httpRc));   // a plain-text server on the same port
            }
            if (chains.isEmpty()) {
                // PASSTHROUGH servers no tls rule routes: a listener without filter chains is omitted (connections refused).
                continue;
            }
            listeners.add(new Listener("0.0.0.0", gp.podPort, Listener.Protocol.HTTP, null, null, chains));
        }
        List<IstioService> visible = registry.services().stream().filter(s -> s.visibleFrom(ns)).toList();
        List<Cluster> clusters = clusters(proxy, visible);
        clusters.addAll(sniDnatClusters(clusters, listeners));
        return new ProxyConfig(proxy, listeners, routeConfigs, clusters, mesh.outboundTrafficPolicy())
                .withSecurity(JwtAuthentication.forWorkload(state, mesh, proxy), authorizationPolicies.forWorkload(proxy), null);
    }

    /**
     * The SNI-DNAT clusters an {@code AUTO_PASSTHROUGH} server forwards to (gateway.go
     * {@code builtAutoPassthroughFilterChains}, {@code model.BuildDNSSrvSubsetKey}): for each service
     * the gateway sees that is not outside the mesh, whose host falls under one of the server's
     * hosts, each port but UDP: {@code outbound_.<port>_._.<host>}, and one per subset of its
     * DestinationRule.
     */
    private List<String> autoPassthroughClusters(ClusterPod proxy, Server s, String gatewayNs) {
        List<String> hosts = sanitizedHosts(s, gatewayNs).stream().map(h -> h.substring(h.indexOf('/') + 1)).toList();
        List<String> out = new ArrayList<>();
        for (IstioService svc : registry.services()) {
            if (!svc.visibleFrom(proxy.namespace()) || svc.meshExternal()
                    || hosts.stream().noneMatch(h -> Hosts.subsetOf(svc.hostname(), h))) {
                continue;
            }
            DestinationRules.Applied dr = destinationRules.lookup(proxy.namespace(), proxy.labels(), svc.hostname(), svc.namespace());
            for (IstioService.Port p : svc.ports()) {
                if (p.protocol() == Protocol.UDP) {
                    continue;
                }
                out.add(Cluster.dnsSrvSubsetKey(p.port(), "", svc.hostname()));
                if (dr != null) {
                    for (Subset subset : dr.subsets()) {
                        out.add(Cluster.dnsSrvSubsetKey(p.port(), subset.name(), svc.hostname()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code buildOutboundSniDnatClusters}: for each {@code AUTO_PASSTHROUGH} chain, the outbound
     * cluster it names under its SNI-DNAT name, with no TLS of its own (the client's passes through)
     * and only the endpoints with a sidecar (EDS leaves out plain-text ones, so nothing reaches a
     * cluster without mutual TLS).
     */
    private static List<Cluster> sniDnatClusters(List<Cluster> outbound, List<Listener> listeners) {
        Map<String, Cluster> byDnatName = new HashMap<>();
        for (Cluster c : outbound) {
            if (c.host() != null) {
                byDnatName.put(Cluster.dnsSrvSubsetKey(c.port(), c.subset(), c.host()), c);
            }
        }
        List<Cluster> out = new ArrayList<>();
        Set<String> made = new HashSet<>();
        for (Listener l : listeners) {
            for (FilterChain chain : l.filterChains()) {
                String name = chain.autoPassthrough() ? chain.serverNames().get(0) : null;
                Cluster c = name == null ? null : byDnatName.get(name);
                if (c == null || !made.add(name)) {
                    continue;
                }
                List<LbEndpoint> mtls = c.endpoints().stream().filter(LbEndpoint::istioTlsMode).toList();
                out.add(new Cluster(name, c.type(), c.host(), c.port(), c.subset(), mtls,
                        mtls.stream().filter(LbEndpoint::ready).toList(), c.loadBalancer(), c.destinationRule(),
                        c.circuitBreakers(), c.outlierDetection(), Cluster.TransportSocket.PLAINTEXT, null, null));
            }
        }
        return out;
    }

    /**
     * A gateway's TCP server (gateway.go {@code buildGatewayNetworkFiltersFromTCPRoutes}): the first
     * VirtualService bound to the gateway whose hosts match the server's, with a {@code tcp} rule
     * with routes that has no match or a match of the server's port and gateway
     * ({@code l4MultiMatch}); none leaves the listener without a filter chain, and istiod omits
     * it: {@code null}, the connection is refused.
     */
    private Listener tcpRule(ClusterPod proxy, int podPort, Gateway g, Server s) {
        String gatewayName = g.namespace() + "/" + g.name();
        Listener none = new Listener("0.0.0.0", podPort, Listener.Protocol.TCP, null, null);
        RouteTranslator.Context ctx = context(proxy, Set.of(gatewayName), true);
        for (VirtualService vs : virtualServices.forGateway(Set.of(gatewayName), proxy.namespace())) {
            if (!matchesServerHosts(s, g.namespace(), vs)) {
                continue;
            }
            for (dev.meshtest.config.istio.TcpRoute rule : vs.spec().tcp()) {
                boolean matches = rule.match().isEmpty() || rule.match().stream().anyMatch(m -> m != null
                        && (m.port() == null || m.port() == 0 || m.port().equals(s.port().number()))
                        && (m.gateways().isEmpty() || m.gateways().stream()
                                .anyMatch(n -> VirtualServices.gatewayName(vs, n).equals(gatewayName))));
                if (matches && !rule.route().isEmpty()) {
                    return none.withTcpRoute(RouteTranslator.tcpRoute(vs, rule.route(), s.port().number(), ctx),
                            vs.namespace() + "/" + vs.name());
                }
            }
        }
        return null;
    }

    /** A gateway pod port's servers, in merge order: plain HTTP ones, HTTPS ones with TLS, or one TCP server. */
    private static final class GatewayPort {
        Map.Entry<Gateway, Server> tcp;
        final int podPort;
        final List<Map.Entry<Gateway, Server>> http = new ArrayList<>();
        final List<Map.Entry<Gateway, Server>> https = new ArrayList<>();

        GatewayPort(int podPort) {
            this.podPort = podPort;
        }
    }

    /**
     * A {@code PASSTHROUGH} server's filter chains (gateway.go {@code buildGatewayNetworkFiltersFromTLSRoutes}):
     * for each VirtualService bound to the gateway whose hosts match the server's
     * ({@code pickMatchingGatewayHosts}), each {@code tls} rule with routes, each of its matches whose
     * {@code port} and {@code gateways} fit the server ({@code l4SingleMatch}; other match fields are
     * not read on gateways): a chain for the match's {@code sniHosts}, skipped when one of them
     * already has a chain on the port ({@code CheckDuplicates}), forwarding to the rule's destinations.
     */
    private List<FilterChain> passthroughChains(ClusterPod proxy, Gateway g, Server s, Set<String> sniTaken) {
        String gatewayName = g.namespace() + "/" + g.name();
        RouteTranslator.Context ctx = context(proxy, Set.of(gatewayName), true);
        List<FilterChain> out = new ArrayList<>();
        for (VirtualService vs : virtualServices.forGateway(Set.of(gatewayName), proxy.namespace())) {
            if (!matchesServerHosts(s, g.namespace(), vs)) {
                continue;
            }
            for (dev.meshtest.config.istio.TlsRoute rule : vs.spec().tls()) {
                if (rule == null || rule.route().isEmpty()) {
                    continue;
                }
                for (dev.meshtest.config.istio.TlsMatchAttributes m : rule.match()) {
                    boolean portMatch = m.port() == null || m.port() == 0 || m.port().equals(s.port().number());
                    boolean gatewayMatch = m.gateways().isEmpty() || m.gateways().stream()
                            .anyMatch(n -> VirtualServices.gatewayName(vs, n).equals(gatewayName));
                    if (!portMatch || !gatewayMatch) {
                        continue;
                    }
                    if (m.sniHosts().stream().anyMatch(sniTaken::contains)) {
                        continue;
                    }
                    sniTaken.addAll(m.sniHosts());
                    TreeSet<String> names = new TreeSet<>();
                    m.sniHosts().forEach(h -> names.add(h.toLowerCase(Locale.ROOT)));
                    out.add(new FilterChain(names.contains("*") ? List.of() : List.copyOf(names), null, null,
                            RouteTranslator.tcpRoute(vs, rule.route(), s.port().number(), ctx), vs.namespace() + "/" + vs.name()));
                }
            }
        }
        return out;
    }

    /**
     * gateway.go {@code pickMatchingGatewayHosts}: some server host ({@code ns/host} only for
     * VirtualServices of {@code ns}, as {@link #serverHostFor} reads it) matches a VirtualService
     * host, either being a wildcard of the other.
     */
    private static boolean matchesServerHosts(Server s, String gatewayNs, VirtualService vs) {
        for (String vsHost : vs.spec().hosts()) {
            for (String serverHost : s.hosts()) {
                String h = serverHostFor(serverHost, gatewayNs, vs.namespace());
                if (h != null && Hosts.overlap(h, vsHost)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** model/gateway.go {@code sanitizeServerHostNamespace}: {@code ./host} in the Gateway's namespace, {@code *}/host as host. */
    private static List<String> sanitizedHosts(Server s, String gatewayNs) {
        List<String> out = new ArrayList<>();
        for (String h : s.hosts()) {
            int slash = h.indexOf('/');
            if (slash < 0) {
                out.add(h);
            } else if (h.startsWith("./")) {
                out.add(gatewayNs + "/" + h.substring(2));
            } else if (h.startsWith("*/")) {
                if (h.equals("*/*")) {
                    return List.of("*");
                }
                out.add(h.substring(2));
            } else {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * The SNI names of a server's filter chain ({@code GetSNIHostsForServer}, then
     * {@code toFilterChainMatch}): its hosts without namespaces, sorted, none when one is {@code *}.
     */
    private static List<String> serverNames(Server s, String gatewayNs) {
        TreeSet<String> names = new TreeSet<>();
        for (String h : sanitizedHosts(s, gatewayNs)) {
            names.add(h.substring(h.indexOf('/') + 1).toLowerCase(Locale.ROOT));
        }
        return names.contains("*") ? List.of() : List.copyOf(names);
    }

    /**
     * The certificate istiod's SDS serves a gateway for {@code credentialName} (sds.go
     * {@code filterAuthorizedResources}, the credentials controller's {@code GetCertInfo} and
     * {@code GetCaCert}): a Secret in the gateway pod's own namespace, its {@code tls.crt} (or
     * {@code cert}); for {@code MUTUAL} the CA from Secret {@code <name>-cacert}, else the same
     * Secret's {@code ca.crt} (or {@code cacert}). What cannot be served leaves the chain without
     * it: its handshakes fail.
     *
     * <p>The names are read as {@code credentials.ParseResourceName} reads them:
     * {@code kubernetes://name} and {@code kubernetes://namespace/name} (served from the pod's own
     * namespace only), and {@code kubernetes-gateway://namespace/name}, what istiod's Gateway API
     * translation writes for a listener's {@code certificateRefs}: served when model/gateway.go
     * {@code MergeGateways} counts it among the {@code VerifiedCertificateReferences}, that is when
     * the Gateway is in the pod's namespace and the Secret too, or a ReferenceGrant lets Gateways of
     * the pod's namespace use it. Of several {@code credentialNames} (an RSA and an ECDSA
     * certificate) the first is served: which one Envoy picks by the client's algorithms is not simulated.
     */
    private DownstreamTls downstreamTls(ClusterPod proxy, Gateway gateway, Server s) {
        DownstreamTls.Mode mode = switch (s.tls().mode()) {
            case MUTUAL -> DownstreamTls.Mode.MUTUAL;
            case OPTIONAL_MUTUAL -> DownstreamTls.Mode.OPTIONAL_MUTUAL;
            case ISTIO_MUTUAL -> DownstreamTls.Mode.ISTIO_MUTUAL;
            default -> DownstreamTls.Mode.SIMPLE;
        };
        // BuildListenerTLSContext: TLS_AUTO (or none) is TLS 1.2 at least (MeshConfig tlsDefaults), 1.3 at most (Envoy's).
        String min = s.tls().minProtocolVersion() == null || s.tls().minProtocolVersion() == TlsProtocol.TLS_AUTO
                ? "TLSV1_2" : s.tls().minProtocolVersion().name();
        String max = s.tls().maxProtocolVersion() == null || s.tls().maxProtocolVersion() == TlsProtocol.TLS_AUTO
                ? "TLSV1_3" : s.tls().maxProtocolVersion().name();
        if (mode == DownstreamTls.Mode.ISTIO_MUTUAL) {
            // The gateway's own workload certificate from istiod's CA; clients need one of the mesh's.
            return new DownstreamTls(mode, "the gateway's workload certificate", null, null, null, min, max);
        }
        String name = s.tls().credentialName() == null ? "" : s.tls().credentialName();
        if (name.isEmpty()) {
            name = s.tls().credentialNames().stream().filter(n -> n != null && !n.isEmpty()).findFirst().orElse("");
        }
        String secretNs = proxy.namespace();
        boolean gatewayApi = name.startsWith(KUBERNETES_GATEWAY);
        if (gatewayApi) {
            // credentials.ParseResourceName: kubernetes-gateway://namespace/name, both required.
            String[] parts = name.substring(KUBERNETES_GATEWAY.length()).split("/", -1);
            if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                return new DownstreamTls(mode, name, null, "invalid resource name \"" + name + "\": expected namespace and name",
                        null, min, max);
            }
            secretNs = parts[0];
            name = parts[1];
        } else if (name.startsWith("kubernetes://")) {
            name = name.substring("kubernetes://".length());
            int slash = name.indexOf('/');
            if (slash >= 0) {
                secretNs = name.substring(0, slash);
                name = name.substring(slash + 1);
            }
        }
        String credential = secretNs + "/" + name;
        if (name.isEmpty()) {
            return new DownstreamTls(mode, credential, null, "the server names no credentialName", null, min, max);
        }
        boolean served = gatewayApi
                // MergeGateways: the config and the proxy in one namespace, then the Secret there too or granted
                ? gateway.namespace().equals(proxy.namespace())
                        && (secretNs.equals(proxy.namespace()) || secretGranted(proxy.namespace(), secretNs, name))
                // sds.go filterAuthorizedResources: a kubernetes:// Secret only from the proxy's own namespace
                : secretNs.equals(proxy.namespace());
        if (!served) {
            return new DownstreamTls(mode, credential, null, "Secret " + credential + " is not in the gateway's namespace "
                    + proxy.namespace() + ": istiod does not serve it (cross namespace secret reference requires ReferenceGrant)",
                    null, min, max);
        }
        Secret secret = secret(secretNs, name);
        if (secret == null) {
            return new DownstreamTls(mode, credential, null, "Secret " + credential + " not found", null, min, max);
        }
        String pem = secret.value("tls.crt").or(() -> secret.value("cert")).orElse(null);
        if (pem == null || secret.value("tls.key").or(() -> secret.value("key")).isEmpty()) {
            return new DownstreamTls(mode, credential, null, "Secret " + credential + " has no tls.crt and tls.key (or cert and key)",
                    null, min, max);
        }
        PemCertificate certificate;
        try {
            certificate = PemCertificate.parse(pem);
        } catch (IllegalArgumentException e) {
            return new DownstreamTls(mode, credential, null, "Secret " + credential + ": tls.crt: " + e.getMessage(), null, min, max);
        }
        PemCertificate clientCa = null;
        if (mode.checksClients()) {
            Secret caSecret = secret(secretNs, name + "-cacert");
            Secret from = caSecret != null ? caSecret : secret;
            String caPem = from.value("ca.crt").or(() -> from.value("cacert")).orElse(null);
            String where = "Secret " + secretNs + "/" + name + "-cacert" + " or " + credential;
            if (caPem == null) {
                return new DownstreamTls(mode, credential, null, "MUTUAL needs the CA of client certificates, and neither "
                        + where + " has a ca.crt (or cacert)", null, min, max);
            }
            try {
                clientCa = PemCertificate.parse(caPem);
            } catch (IllegalArgumentException e) {
                return new DownstreamTls(mode, credential, null, where + ": ca.crt: " + e.getMessage(), null, min, max);
            }
        }
        return new DownstreamTls(mode, credential, certificate, null, clientCa, min, max);
    }

    /** The credential scheme of Gateway API certificate references ({@code credentials.kubernetesGatewaySecretTypeURI}). */
    private static final String KUBERNETES_GATEWAY = "kubernetes-gateway://";

    /**
     * {@code PushContext.SecretAllowed}: a ReferenceGrant in the Secret's namespace lets Gateways of
     * {@code fromNamespace} use it (all Secrets there, or the one named).
     */
    private boolean secretGranted(String fromNamespace, String secretNamespace, String secretName) {
        return ReferenceGrants.of(state.configs(ReferenceGrant.class).stream().map(StoredConfig::resource).toList())
                .allows("Gateway", fromNamespace, "Secret", secretNamespace, secretName);
    }

    private Secret secret(String namespace, String name) {
        for (StoredConfig<Secret> c : state.configs(Secret.class)) {
            if (c.resource().namespace().equals(namespace) && c.resource().name().equals(name)) {
                return c.resource();
            }
        }
        return null;
    }

    private List<StoredConfig<Gateway>> sortedGateways() {
        List<StoredConfig<Gateway>> gws = new ArrayList<>(state.pushedConfigs(Gateway.class));
        gws.sort(CreationOrder.CONFIGS);
        return gws;
    }

    /**
     * push_context.go {@code filterStrictGatewayMerging} ({@code PILOT_ENABLE_STRICT_GATEWAY_MERGING}, on by
     * default): when a managed Gateway API Gateway ({@code internal.istio.io/gateway-semantics: gateway} with a
     * {@code internal.istio.io/service-account-name}) is among the pod's Gateways, only Gateway API Gateways
     * and the Gateways of those managed ones' namespaces stay (istio-rules §5.5).
     */
    private static List<Gateway> strictGatewayMerging(List<Gateway> selecting) {
        Set<String> managedNamespaces = new HashSet<>();
        for (Gateway g : selecting) {
            String account = g.metadata().annotations().get(InternalAnnotations.SERVICE_ACCOUNT_NAME);
            if (gatewayApi(g) && account != null && !account.isEmpty()) {
                managedNamespaces.add(g.namespace());
            }
        }
        if (managedNamespaces.isEmpty()) {
            return selecting;
        }
        List<Gateway> out = new ArrayList<>();
        for (Gateway g : selecting) {
            if (gatewayApi(g) || managedNamespaces.contains(g.namespace())) {
                out.add(g);
            }
        }
        return out;
    }

    /** A Gateway made from the Gateway API: {@code internal.istio.io/gateway-semantics: gateway}. */
    private static boolean gatewayApi(Gateway g) {
        return RouteSemantics.gatewayApiGateway(g);
    }

    /** The annotation with which Istio's Gateway API translator binds a Gateway to the pods of Services (push_context.go). */
    static final String GATEWAY_SERVICE_ANNOTATION = InternalAnnotations.GATEWAY_SERVICE;

    /**
     * push_context.go {@code mergeGateways} for a Gateway annotated {@code internal.istio.io/gateway-service}
     * (a comma-separated list of Service host names): the Services of that list that select this pod
     * and are in the Gateway's namespace (or the one {@code internal.istio.io/parent-namespace} names).
     * The Gateway applies to the pod only through them, whatever its {@code selector} (istio-rules §5.5).
     */
    private List<ClusterService> gatewayServiceInstances(ClusterPod pod, Gateway g, String gatewayServices) {
        Set<String> known = new HashSet<>(List.of(gatewayServices.split(",", -1)));
        String parent = g.metadata().annotations().get(InternalAnnotations.PARENT_NAMESPACE);
        String configNamespace = parent == null || parent.isEmpty() ? g.namespace() : parent;
        List<ClusterService> out = new ArrayList<>();
        for (IstioService s : registry.services()) {
            ClusterService k = s.kubernetes();
            if (k != null && known.contains(k.fqdn()) && k.namespace().equals(configNamespace) && k.namespace().equals(pod.namespace())
                    && !k.selector().isEmpty() && LabelSelector.matches(k.selector(), pod.labels())) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * gateway.go {@code resolvePorts} for a Gateway bound by Service: every pod port a port of those
     * Services with the server's number leads to; none when they have no such port, and then the
     * server is not served (there is no fallback to the number itself, as for a selector).
     */
    private List<Integer> targetPorts(ClusterPod pod, List<ClusterService> services, int servicePort) {
        Set<Integer> out = new java.util.TreeSet<>();
        for (ClusterService k : services) {
            for (ClusterServicePort p : k.ports()) {
                if (p.port() == servicePort) {
                    Integer t = podPort(pod, k, p);
                    if (t != null) {
                        out.add(t);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The pod's port behind a Service port: its targetPort (a name looked up in the endpoints), else the port. */
    private Integer podPort(ClusterPod pod, ClusterService k, ClusterServicePort p) {
        IntOrString t = p.targetPort();
        if (t == null) {
            return p.port();
        }
        if (t.isInt()) {
            return t.intValue();
        }
        for (Endpoint ep : state.endpoints(k, p.port())) {
            if (pod.equals(ep.pod())) {
                return ep.port();
            }
        }
        return null;
    }

    /** The gateway pod's port for a server port: the targetPort of a Service port selecting the pod, else the port itself. */
    private int targetPort(ClusterPod pod, int servicePort) {
        for (IstioService s : registry.services()) {
            ClusterService k = s.kubernetes();
            if (k == null || !k.namespace().equals(pod.namespace()) || k.selector().isEmpty()
                    || !LabelSelector.matches(k.selector(), pod.labels())) {
                continue;
            }
            for (ClusterServicePort p : k.ports()) {
                if (p.port() == servicePort) {
                    IntOrString t = p.targetPort();
                    if (t == null) {
                        return servicePort;
                    }
                    if (t.isInt()) {
                        return t.intValue();
                    }
                    for (Endpoint ep : state.endpoints(k, servicePort)) {
                        if (pod.equals(ep.pod())) {
                            return ep.port();
                        }
                    }
                }
            }
        }
        return servicePort;
    }

    /**
     * Route configuration {@code http.<port>} of a gateway (istio-rules §7.2–§7.4, §5.2): for every server
     * host and every bound VirtualService host, their intersection becomes a vhost; the routes
     * of all VirtualServices for one host are concatenated and catch-alls moved last. No bound
     * VirtualService: a blackhole vhost with no routes (404). A server with {@code tls.httpsRedirect}
     * makes the vhosts it contributes to require TLS, and adds a vhost requiring TLS for each of
     * its hosts that no VirtualService gave one (gateway.go {@code buildGatewayHTTPRouteConfig},
     * istio-rules §7.6); that vhost's domain is the server host as written, lowercased.
     *
     * <p>The concatenation follows {@code buildGatewayHTTPRouteConfig}'s loops: server by server in the
     * merged Gateway's order (older Gateway first, {@code mergeGateways}), and for each server the
     * VirtualServices of its own Gateway in {@code VirtualServicesForGateway} order. So when Gateways share
     * the port, the older Gateway's routes come first, whatever the VirtualServices' ages (istio-rules §5.5).
     */
    private List<VirtualHost> gatewayVirtualHosts(ClusterPod proxy, int port, List<Map.Entry<Gateway, Server>> servers) {
        Map<String, List<VirtualService>> boundByGateway = new HashMap<>();
        Map<String, Map<VirtualService, List<Route>>> routesByGateway = new HashMap<>();
        Map<String, List<Route>> routesByHost = new LinkedHashMap<>();
        Set<String> requireTls = new HashSet<>();
        for (Map.Entry<Gateway, Server> e : servers) {
            Gateway g = e.getKey();
            String gatewayName = g.namespace() + "/" + g.name();
            List<VirtualService> bound = boundByGateway.computeIfAbsent(gatewayName,
                    n -> virtualServices.forGateway(Set.of(n), proxy.namespace()));
            Map<VirtualService, List<Route>> built = routesByGateway.computeIfAbsent(gatewayName, n -> new IdentityHashMap<>());
            for (VirtualService vs : bound) {
                for (String serverHost : e.getValue().hosts()) {
                    String sh = serverHostFor(serverHost, g.namespace(), vs.namespace());
                    if (sh == null) {
                        continue;
                    }
                    for (String raw : vs.spec().hosts()) {
                        String vh = VirtualServices.host(vs, raw);
                        String host = Hosts.intersection(sh, vh);
                        if (host == null) {
                            continue;
                        }
                        // Routes built once per Gateway and VirtualService, with that Gateway alone for a match's gateways.
                        List<Route> routes = built.computeIfAbsent(vs,
                                v -> RouteTranslator.routes(v, port, context(proxy, Set.of(gatewayName), true)));
                        String key = host.toLowerCase(Locale.ROOT);
                        List<Route> list = routesByHost.computeIfAbsent(key, k -> new ArrayList<>());
                        if (!list.containsAll(routes)) {
                            list.addAll(routes);
                        }
                        if (httpsRedirect(e.getValue())) {
                            requireTls.add(key);
                        }
                    }
                }
            }
        }
        for (Map.Entry<Gateway, Server> e : servers) {
            if (httpsRedirect(e.getValue())) {
                for (String serverHost : e.getValue().hosts()) {
                    String key = serverHost.toLowerCase(Locale.ROOT);
                    routesByHost.putIfAbsent(key, new ArrayList<>());
                    requireTls.add(key);
                }
            }
        }
        List<VirtualHost> out = new ArrayList<>();
        routesByHost.forEach((host, routes) -> {
            List<Route> sorted = new ArrayList<>();
            routes.stream().filter(r -> !r.match().isCatchAll()).forEach(sorted::add);
            routes.stream().filter(r -> r.match().isCatchAll()).forEach(sorted::add);
            out.add(new VirtualHost(host + ":" + port, List.of(host), sorted, requireTls.contains(host)));
        });
        if (out.isEmpty()) {
            out.add(new VirtualHost("blackhole:" + port, List.of("*"), List.of()));
        }
        return out;
    }

    private static boolean httpsRedirect(Server server) {
        return server.tls() != null && Boolean.TRUE.equals(server.tls().httpsRedirect());
    }

    /** A server host for a VirtualService's namespace: {@code ns/host} only for that namespace, {@code ./host} the Gateway's. */
    private static String serverHostFor(String serverHost, String gatewayNs, String vsNs) {
        int slash = serverHost.indexOf('/');
        if (slash < 0) {
            return serverHost;
        }
        String ns = serverHost.substring(0, slash);
        String host = serverHost.substring(slash + 1);
        if (ns.equals("*") || ns.equals(vsNs) || (ns.equals(".") && gatewayNs.equals(vsNs))) {
            return host;
        }
        return null;
    }

    // ---------------------------------------------------------------- clusters (istio-rules §6)

    /** Outbound clusters: one per service port, one more per DestinationRule subset, plus Istio's special ones. */
    private List<Cluster> clusters(ClusterPod proxy, List<IstioService> visible) {
        List<Cluster> out = new ArrayList<>();
        for (IstioService svc : visible) {
            if (svc.aliasFor() == null) {   // an alias has no cluster: routes to it use its target's (cluster.go)
                addClusters(out, proxy, svc);
            }
        }
        out.add(Cluster.special(Cluster.BLACKHOLE, Cluster.Type.STATIC));
        if (proxy.proxy() != ProxyKind.GATEWAY) {
            // cluster.go: gateways have no original-destination listeners, so no passthrough cluster.
            out.add(Cluster.special(Cluster.PASSTHROUGH, Cluster.Type.ORIGINAL_DST));
        }
        return out;
    }

    /**
     * The cluster {@code name} of a proxy, as its full configuration would hold it (the last of
     * that name wins there too), built alone: {@code null} when the proxy has none. What a data
     * plane needs to keep or drop a cluster's state without compiling the proxy's routes.
     */
    Cluster cluster(ClusterPod proxy, String name) {
        if (name.equals(Cluster.BLACKHOLE)) {
            return Cluster.special(Cluster.BLACKHOLE, Cluster.Type.STATIC);
        }
        if (name.equals(Cluster.PASSTHROUGH)) {
            return proxy.proxy() == ProxyKind.GATEWAY ? null : Cluster.special(Cluster.PASSTHROUGH, Cluster.Type.ORIGINAL_DST);
        }
        String[] parts = name.split("\\|", -1);
        if (parts.length != 4) {
            return null;
        }
        Cluster found = null;
        List<IstioService> candidates = proxy.proxy() == ProxyKind.GATEWAY ? registry.services()
                : scopes.of(proxy).service(parts[3]) == null ? List.of() : List.of(scopes.of(proxy).service(parts[3]));
        for (IstioService svc : candidates) {
            if (svc.hostname().equals(parts[3]) && svc.visibleFrom(proxy.namespace()) && svc.aliasFor() == null) {
                List<Cluster> of = new ArrayList<>();
                addClusters(of, proxy, svc);
                for (Cluster c : of) {
                    if (c.name().equals(name)) {
                        found = c;
                    }
                }
            }
        }
        return found;
    }

    /** A visible service's outbound clusters: one per port, and one per port and DestinationRule subset. */
    private void addClusters(List<Cluster> out, ClusterPod proxy, IstioService svc) {
        DestinationRules.Applied dr = destinationRules.lookup(proxy.namespace(), proxy.labels(), svc.hostname(), svc.namespace());
        Cluster.Type type = clusterType(svc, proxy);
        for (IstioService.Port p : svc.ports()) {
            List<LbEndpoint> endpoints = endpoints(svc, p.port());
            String name = names.outbound(p.port(), "", svc.hostname());
            out.add(secured(proxy, withPolicies(Cluster.outbound(name, svc.hostname(), p.port(), "", type, endpoints,
                    DestinationRules.loadBalancerPolicy(dr == null ? null : dr.loadBalancerSettings(p.port(), "")),
                    dr == null ? null : dr.ref()), dr, p, ""), svc, dr));
            if (dr == null) {
                continue;
            }
            for (Subset subset : dr.subsets()) {
                // A subset's labels further filter the service's endpoints (istio-rules §6.3).
                List<LbEndpoint> selected = endpoints.stream()
                        .filter(e -> LabelSelector.matches(subset.labels(), e.labels())).toList();
                String subsetName = names.outbound(p.port(), subset.name(), svc.hostname());
                out.add(secured(proxy, withPolicies(Cluster.outbound(subsetName, svc.hostname(), p.port(), subset.name(), type, selected,
                        DestinationRules.loadBalancerPolicy(dr.loadBalancerSettings(p.port(), subset.name())), dr.ref()),
                        dr, p, subset.name()), svc, dr));
            }
        }
    }

    /**
     * The cluster's transport socket and its endpoints' {@code tlsMode} metadata (docs/security.md,
     * {@link UpstreamTls}): the DestinationRule's TLS for the port and subset, else auto mTLS.
     */
    private Cluster secured(ClusterPod proxy, Cluster c, IstioService svc, DestinationRules.Applied dr) {
        var tls = dr == null ? null : dr.tls(c.port(), c.subset());
        OriginatedTls originated = UpstreamTls.originated(tls, proxy, dr != null && dr.withSelector(), svc, this::secret);
        Cluster.TransportSocket socket = UpstreamTls.transportSocket(tls, originated, svc, c.type(), c.endpoints(), mesh,
                peerAuthentications);
        var drMode = UpstreamTls.destinationRuleMode(dr, c.subset(), c.port());
        List<LbEndpoint> withMetadata = new ArrayList<>(c.endpoints().size());
        for (LbEndpoint e : c.endpoints()) {
            withMetadata.add(e.withIstioTlsMode(e.pod() != null && UpstreamTls.istioTlsMode(e.pod(), e.port(), drMode,
                    peerAuthentications)));
        }
        return c.withTransportSocket(socket, withMetadata, tls == null || tls.sni() == null || tls.sni().isEmpty() ? null : tls.sni(),
                originated);
    }

    /**
     * Istio's {@code applyTrafficPolicy} for an outbound cluster: circuit breakers from the
     * connection pool in effect for the port and subset ({@code applyConnectionPool}; none gives
     * the defaults) and outlier detection from the outlier block in effect ({@code applyOutlierDetection};
     * none gives none), with istio-rules §6.3's precedence; and the cluster's upstream protocol,
     * HTTP/2 or HTTP/1.1, from the port and the pool ({@link ResiliencePolicies#outboundHttp2}).
     */
    private static Cluster withPolicies(Cluster c, DestinationRules.Applied dr, IstioService.Port p, String subset) {
        int port = p.port();
        ConnectionPoolSettings pool = dr == null ? null : dr.connectionPool(port, subset);
        boolean h2 = ResiliencePolicies.outboundHttp2(p.protocol(), pool);
        if (dr == null) {
            return h2 ? c.withPolicies(c.circuitBreakers().withHttp2(true), c.outlierDetection()) : c;
        }
        return c.withPolicies(ResiliencePolicies.circuitBreakers(pool, dr.retryBudget(port, subset)).withHttp2(h2),
                ResiliencePolicies.outlierDetection(dr.outlierDetection(port, subset)));
    }

    // ---------------------------------------------------------------- inbound (istio-rules §6.6)

    /**
     * Istio's {@code buildInboundClusters} and {@code buildInboundCluster}: one inbound cluster per
     * target port on which some Service reaches the pod; its primary Service is the oldest (then
     * by hostname) of those, and the service port is that Service's first port reaching the target
     * port. A Sidecar with {@code ingress} listeners replaces those ports by its own
     * ({@code buildInboundClustersFromSidecar}: the service port is then the listener's, and a port
     * no Service reaches has no primary Service). The DestinationRule for the primary host is
     * looked up from the pod's namespace without workload-selected rules, only when the pod's
     * Sidecar scope imports that host, and only its connection pool for the service port applies
     * (port-level entry, else top level; never a subset); the Sidecar's inbound connection pool
     * for the target port replaces it (istio-rules §2.9, §6.6).
     */
    List<InboundCluster> inboundClusters(ClusterPod pod) {
        if (pod.proxy() == ProxyKind.GATEWAY) {
            return List.of();   // a gateway routes what it receives as a client does: it has no inbound clusters
        }
        SidecarScope scope = scopes.of(pod);
        boolean fromSidecar = scope.hasIngressListeners();
        Set<Integer> targetPorts = new java.util.TreeSet<>();
        if (fromSidecar) {
            for (IstioIngressListener in : scope.ingressListeners()) {
                if (in.port() != null && in.port().number() != null) {
                    targetPorts.add(in.port().number());
                }
            }
        } else {
            for (ClusterService s : state.servicesSelecting(pod)) {
                for (ClusterServicePort sp : s.ports()) {
                    for (Endpoint e : state.endpoints(s, sp.port())) {
                        if (pod.equals(e.pod())) {
                            targetPorts.add(e.port());
                        }
                    }
                }
            }
        }
        List<InboundCluster> out = new ArrayList<>();
        for (int targetPort : targetPorts) {
            ClusterService primary = state.primaryService(pod, targetPort).orElse(null);
            if (primary == null && !fromSidecar) {
                continue;
            }
            int servicePort = fromSidecar ? targetPort : servicePortFor(primary, pod, targetPort);
            DestinationRules.Applied dr = primary == null || scope.service(primary.fqdn()) == null ? null
                    : destinationRules.lookupInbound(pod.namespace(), primary.fqdn(), primary.namespace());
            ConnectionPoolSettings pool = dr == null ? null : dr.inboundConnectionPool(servicePort);
            ConnectionPoolSettings sidecarPool = scope.inboundConnectionPool(targetPort);
            ConnectionPoolSettings inbound = sidecarPool != null ? sidecarPool : pool;
            CircuitBreakers breakers = ResiliencePolicies.circuitBreakers(inbound)
                    .withHttp2(ResiliencePolicies.inboundHttp2(primary == null ? null : portProtocol(primary, servicePort), inbound));
            // Istio records the rule on the inbound cluster only when it has a traffic policy.
            String service = primary != null ? primary.fqdn() : scope.sidecar().name() + "." + scope.namespace();
            out.add(new InboundCluster(targetPort, service, servicePort, breakers,
                    dr == null || dr.trafficPolicy() == null ? null : dr.ref()));
        }
        return out;
    }

    /** The protocol of the Service's port {@code servicePort}, or {@code null} when it has none. */
    private static dev.meshtest.config.istio.Protocol portProtocol(ClusterService service, int servicePort) {
        for (ClusterServicePort sp : service.ports()) {
            if (sp.port() == servicePort) {
                return sp.protocol();
            }
        }
        return null;
    }

    /** The first port of a Service (in its spec order) whose endpoint for the pod is the target port. */
    private int servicePortFor(ClusterService service, ClusterPod pod, int targetPort) {
        for (ClusterServicePort sp : service.ports()) {
            for (Endpoint e : state.endpoints(service, sp.port())) {
                if (pod.equals(e.pod()) && e.port() == targetPort) {
                    return sp.port();
                }
            }
        }
        return targetPort;
    }

    private List<LbEndpoint> endpoints(IstioService svc, int port) {
        ClusterService k = svc.kubernetes();
        List<LbEndpoint> out = new ArrayList<>();
        if (k != null) {
            for (Endpoint e : state.endpoints(k, port)) {
                out.add(new LbEndpoint(e.ip(), e.port(), e.pod(), e.podLabels(), e.ready()));
            }
            return out;
        }
        return serviceEntryEndpoints(svc, port);
    }

    /**
     * A ServiceEntry's endpoints for a port: its WorkloadEntries (port by the port's name, else
     * its targetPort, else its number), or the pods its workloadSelector picks in its namespace;
     * with DNS resolution and no endpoints, the host itself.
     */
    private List<LbEndpoint> serviceEntryEndpoints(IstioService svc, int port) {
        ServiceEntrySpec spec = svc.serviceEntry().spec();
        ServicePort sp = spec.ports().stream().filter(p -> p.number() == port).findFirst().orElse(null);
        int defaultPort = sp == null ? port : sp.targetPort() != null ? sp.targetPort() : sp.number();
        List<LbEndpoint> out = new ArrayList<>();
        if (spec.workloadSelector() != null) {
            for (ClusterPod p : state.pods(svc.namespace())) {
                if (LabelSelector.matches(spec.workloadSelector().labels(), p.labels())) {
                    out.add(new LbEndpoint(p.ip(), defaultPort, p, p.labels(), p.ready()));
                }
            }
            return out;
        }
        for (WorkloadEntry we : spec.endpoints()) {
            Integer named = sp == null ? null : we.ports().get(sp.name());
            String address = we.address() == null ? svc.hostname() : we.address();
            ClusterPod pod = state.podByIp(address).orElse(null);
            out.add(new LbEndpoint(address, named != null ? named : defaultPort, pod, we.labels(), true));
        }
        if (out.isEmpty() && isDns(spec.resolution()) && !Hosts.isWildcard(svc.hostname())) {
            out.add(new LbEndpoint(svc.hostname(), defaultPort, null, Map.of(), true));
        }
        return out;
    }

    private static boolean isDns(ServiceEntryResolution r) {
        return r == ServiceEntryResolution.DNS || r == ServiceEntryResolution.DNS_ROUND_ROBIN;
    }

    /**
     * How a cluster finds its endpoints (cluster.go {@code convertResolution}): EDS for Services,
     * except a headless Service's clusters at a sidecar, which send to the address the client
     * dialled (ORIGINAL_DST, istio-rules §2.7; gateways cannot, and use EDS); DNS, static or
     * original destination for ServiceEntries.
     */
    private static Cluster.Type clusterType(IstioService svc, ClusterPod proxy) {
        if (svc.serviceEntry() == null) {
            return isHeadless(svc) && proxy.proxy() != ProxyKind.GATEWAY ? Cluster.Type.ORIGINAL_DST : Cluster.Type.EDS;
        }
        ServiceEntryResolution r = svc.serviceEntry().spec().resolution();
        if (r == null || r == ServiceEntryResolution.NONE) {
            return Cluster.Type.ORIGINAL_DST;
        }
        return isDns(r) ? Cluster.Type.STRICT_DNS : Cluster.Type.EDS;
    }
}
