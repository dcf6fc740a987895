package dev.meshtest.internal.proxy;

import dev.meshtest.config.istio.ConnectionPoolSettings;
import dev.meshtest.config.istio.Destination;
import dev.meshtest.config.istio.HttpMirrorPolicy;
import dev.meshtest.config.istio.HttpRoute;
import dev.meshtest.config.istio.HttpRouteDestination;
import dev.meshtest.config.istio.IstioEgressListener;
import dev.meshtest.config.istio.IstioIngressListener;
import dev.meshtest.config.istio.OutboundTrafficPolicy;
import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.istio.Sidecar;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.internal.istio.RouteSemantics;
import dev.meshtest.internal.istio.SidecarEgress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one sidecar knows, as istiod's {@code SidecarScope} ({@code pilot/pkg/model/sidecar.go})
 * computes it from the Sidecar resource that applies to it (istio-rules §2.9): per egress
 * listener, the services and VirtualServices it imports; for clusters, the union of those plus
 * the services the imported VirtualServices route to; the outbound traffic policy; and the
 * inbound connection pools. A proxy without a Sidecar gets the default scope, one catch-all
 * listener importing {@code * /*}: every service and VirtualService visible from its namespace.
 *
 * <pre>{@code
 * SidecarScope scope = SidecarScope.of(sidecar, "default", registry, virtualServices, mesh);
 * scope.egressListenerFor(9080).services();   // what route configuration "9080" is built from
 * scope.services();                            // what clusters are built for
 * }</pre>
 */
final class SidecarScope {

    private static final String WILDCARD_NAMESPACE = "*";

    private final Sidecar sidecar;
    private final String namespace;
    private final List<EgressListener> egress;
    private final List<IstioService> services = new ArrayList<>();
    private final Map<String, IstioService> byHostname = new HashMap<>();
    private final MeshSettings.OutboundTrafficPolicy outboundTrafficPolicy;

    private SidecarScope(Sidecar sidecar, String namespace, List<EgressListener> egress,
                         MeshSettings.OutboundTrafficPolicy outboundTrafficPolicy) {
        this.sidecar = sidecar;
        this.namespace = namespace;
        this.egress = List.copyOf(egress);
        this.outboundTrafficPolicy = outboundTrafficPolicy;
    }

    /**
     * {@code convertToSidecarScope} and {@code initSidecarScopeInternalIndexes}: the scope of a
     * Sidecar (or of none: {@code sidecar == null}) for proxies in {@code namespace}. A Sidecar of
     * the root namespace serves every namespace without its own, with {@code ./} meaning the
     * proxy's namespace.
     */
    static SidecarScope of(Sidecar sidecar, String namespace, ServiceRegistry registry, VirtualServices virtualServices,
                           MeshSettings mesh) {
        List<IstioEgressListener> configs = sidecar == null || sidecar.spec() == null || sidecar.spec().egress().isEmpty()
                ? List.of(new IstioEgressListener(null, null, null, List.of("*/*"))) : sidecar.spec().egress();
        List<IstioService> visible = new ArrayList<>();
        for (IstioService s : registry.services()) {
            if (s.visibleFrom(namespace)) {
                visible.add(s);
            }
        }
        List<VirtualService> meshVirtualServices = virtualServices.forSidecar(namespace);
        List<EgressListener> listeners = new ArrayList<>();
        for (IstioEgressListener config : configs) {
            if (!SidecarEgress.capturesServiceTraffic(config)) {
                continue;   // refused unless the mesh is lenient, which simulates without it (NotSimulated)
            }
            listeners.add(EgressListener.of(config, namespace, visible, meshVirtualServices));
        }
        SidecarScope scope = new SidecarScope(sidecar, namespace, listeners, outboundTrafficPolicy(sidecar, mesh));
        scope.collectImportedServices(registry);
        return scope;
    }

    /** A Sidecar's {@code outboundTrafficPolicy} replaces MeshConfig's; written without a mode it is the proto's REGISTRY_ONLY. */
    private static MeshSettings.OutboundTrafficPolicy outboundTrafficPolicy(Sidecar sidecar, MeshSettings mesh) {
        if (sidecar == null || sidecar.spec() == null || sidecar.spec().outboundTrafficPolicy() == null) {
            return mesh.outboundTrafficPolicy();
        }
        OutboundTrafficPolicy.Mode mode = sidecar.spec().outboundTrafficPolicy().mode();
        return MeshSettings.OutboundTrafficPolicy.valueOf((mode == null ? OutboundTrafficPolicy.Mode.REGISTRY_ONLY : mode).name());
    }

    /** The Sidecar this scope was computed from, or {@code null} for the default scope. */
    Sidecar sidecar() {
        return sidecar;
    }

    /** The proxies' namespace (for a root-namespace Sidecar, the namespace it was computed for). */
    String namespace() {
        return namespace;
    }

    /** The egress listeners, in the Sidecar's order; the catch-all (if any) last. */
    List<EgressListener> egress() {
        return egress;
    }

    /** Every service the proxy has clusters for, one per hostname, ports merged across listeners. */
    List<IstioService> services() {
        return services;
    }

    /** The imported service with this hostname, or {@code null}. */
    IstioService service(String hostname) {
        return byHostname.get(hostname);
    }

    /** ALLOW_ANY or REGISTRY_ONLY: the Sidecar's, else MeshConfig's. */
    MeshSettings.OutboundTrafficPolicy outboundTrafficPolicy() {
        return outboundTrafficPolicy;
    }

    /**
     * {@code GetEgressListenerForRDS}: the first listener on {@code port}, else the catch-all,
     * else {@code null}.
     */
    EgressListener egressListenerFor(int port) {
        for (EgressListener e : egress) {
            if (e.port == null || e.port == port) {
                return e;
            }
        }
        return null;
    }

    /** {@code HasIngressListener}: whether the Sidecar lists the ports its workload receives on. */
    boolean hasIngressListeners() {
        return sidecar != null && sidecar.spec() != null && !sidecar.spec().ingress().isEmpty();
    }

    /** The Sidecar's ingress listeners; empty when none. */
    List<IstioIngressListener> ingressListeners() {
        return hasIngressListeners() ? sidecar.spec().ingress() : List.of();
    }

    /**
     * {@code InboundConnectionPoolForPort}: the connection pool of the ingress listener on the
     * port, else the Sidecar's {@code inboundConnectionPool}, else {@code null} (the
     * DestinationRule's then applies).
     */
    ConnectionPoolSettings inboundConnectionPool(int port) {
        if (sidecar == null || sidecar.spec() == null) {
            return null;
        }
        for (IstioIngressListener in : sidecar.spec().ingress()) {
            if (in.port() != null && in.port().number() != null && in.port().number() == port && in.connectionPool() != null) {
                return in.connectionPool();
            }
        }
        return sidecar.spec().inboundConnectionPool();
    }

    /**
     * {@code collectImportedServices}: first every listener's own services, then the services its
     * VirtualServices route to (by hostname, in the proxy's namespace if there is one there, else
     * the best visible one), trimmed to the ports the routes name.
     */
    private void collectImportedServices(ServiceRegistry registry) {
        Map<String, Integer> added = new HashMap<>();
        for (EgressListener l : egress) {
            for (IstioService s : l.services) {
                append(added, s);
            }
            for (VirtualService vs : l.virtualServices) {
                for (Map.Entry<String, Set<Integer>> d : destinations(vs, namespace).entrySet()) {
                    IstioService s = pickNamespace(registry, d.getKey());
                    if (s == null) {
                        continue;
                    }
                    IstioService matched = l.port != null ? matchingListenerPort(s, l.port) : matchingRoutePorts(s, d.getValue());
                    if (matched != null) {
                        append(added, matched);
                    }
                }
            }
        }
    }

    /** The service of a hostname a VirtualService routes to: the proxy's namespace's, else a visible Kubernetes Service, else the oldest visible entry. */
    private IstioService pickNamespace(ServiceRegistry registry, String hostname) {
        IstioService best = null;
        for (IstioService s : registry.allByHostname(hostname)) {
            if (s.namespace().equals(namespace)) {
                return s;
            }
            if (!s.visibleFrom(namespace)) {
                continue;
            }
            if (s.kubernetes() != null && (best == null || best.kubernetes() == null)) {
                best = s;
            } else if (best == null) {
                best = s;   // allByHostname is oldest first: the first visible entry is the oldest
            }
        }
        return best;
    }

    /**
     * {@code appendSidecarServices}: one service per hostname; a Kubernetes Service wins over a
     * ServiceEntry for the same host; otherwise the first wins, taking the ports of later ones of
     * its own namespace (the same service seen through two listeners).
     */
    private void append(Map<String, Integer> added, IstioService s) {
        Integer at = added.get(s.hostname());
        if (at == null) {
            added.put(s.hostname(), services.size());
            services.add(s);
            byHostname.put(s.hostname(), s);
            return;
        }
        IstioService existing = services.get(at);
        if (existing.equals(s) || (existing.kubernetes() != null && s.kubernetes() == null)) {
            return;
        }
        if (existing.kubernetes() == null && s.kubernetes() != null) {
            services.set(at, s);
            byHostname.put(s.hostname(), s);
            return;
        }
        if (existing.ports().equals(s.ports()) || !existing.namespace().equals(s.namespace())
                || (existing.kubernetes() == null) != (s.kubernetes() == null)) {
            return;
        }
        List<IstioService.Port> ports = new ArrayList<>(existing.ports());
        for (IstioService.Port p : s.ports()) {
            if (existing.port(p.port()) == null) {
                ports.add(p);
            }
        }
        IstioService merged = withPorts(existing, ports);
        services.set(at, merged);
        byHostname.put(s.hostname(), merged);
    }

    /**
     * {@code virtualServiceDestinationsFilteredBySourceNamespace}: every host a VirtualService's
     * {@code http} routes and mirrors name, with the ports they name (0: a destination without
     * port, so every port); rules whose matches all name another {@code sourceNamespace} are
     * skipped. (TCP and TLS routes are refused before they get here.)
     */
    static Map<String, Set<Integer>> destinations(VirtualService vs, String proxyNamespace) {
        Map<String, Set<Integer>> out = new LinkedHashMap<>();
        for (HttpRoute rule : vs.spec().http()) {
            boolean namespaceMatched = true;
            for (var m : rule.match()) {
                if (m.sourceNamespace() != null && !m.sourceNamespace().isEmpty()) {
                    if (m.sourceNamespace().equals(proxyNamespace)) {
                        namespaceMatched = true;
                        break;
                    }
                    namespaceMatched = false;
                }
            }
            if (!namespaceMatched) {
                continue;
            }
            for (HttpRouteDestination d : rule.route()) {
                add(out, d.destination(), vs);
            }
            if (rule.mirror() != null) {
                add(out, rule.mirror(), vs);
            }
            for (HttpMirrorPolicy m : rule.mirrors()) {
                add(out, m.destination(), vs);
            }
        }
        return out;
    }

    private static void add(Map<String, Set<Integer>> out, Destination d, VirtualService vs) {
        if (d == null || d.host() == null) {
            return;
        }
        int port = d.port() == null || d.port().number() == null ? 0 : d.port().number();
        out.computeIfAbsent(VirtualServices.host(vs, d.host()), k -> new LinkedHashSet<>()).add(port);
    }

    /** {@code serviceMatchingListenerPort}: the service with only the listener's port, or {@code null} without it. */
    static IstioService matchingListenerPort(IstioService s, int port) {
        IstioService.Port p = s.port(port);
        if (p == null) {
            return null;
        }
        return s.ports().size() == 1 ? s : withPorts(s, List.of(p));
    }

    /** {@code serviceMatchingVirtualServicePorts}: the service with the ports routes name, or {@code null} when it has none of them. */
    private static IstioService matchingRoutePorts(IstioService s, Set<Integer> ports) {
        if (ports.isEmpty() || ports.contains(0)) {
            return s;
        }
        List<IstioService.Port> found = new ArrayList<>();
        for (IstioService.Port p : s.ports()) {
            if (ports.contains(p.port())) {
                found.add(p);
            }
        }
        if (found.size() == s.ports().size()) {
            return s;
        }
        return found.isEmpty() ? null : withPorts(s, found);
    }

    private static IstioService withPorts(IstioService s, List<IstioService.Port> ports) {
        return new IstioService(s.hostname(), s.namespace(), s.address(), ports, s.exportTo(), s.creationTime(),
                s.kubernetes(), s.serviceEntry());
    }

    /**
     * One egress listener and what it imports ({@code IstioEgressListenerWrapper}).
     */
    static final class EgressListener {
        /** The listener's port, or {@code null} for the catch-all. */
        final Integer port;
        /** The protocol of the Sidecar's port; {@code null} for the catch-all (each service port's own). */
        final Protocol protocol;
        /** The address the listener is bound to, or {@code null}. */
        final String bind;
        final List<IstioService> services;
        final List<VirtualService> virtualServices;
        private final Map<String, HostClassification> hostsByNamespace;

        private EgressListener(Integer port, Protocol protocol, String bind, List<IstioService> services,
                               List<VirtualService> virtualServices, Map<String, HostClassification> hostsByNamespace) {
            this.port = port;
            this.protocol = protocol;
            this.bind = bind;
            this.services = List.copyOf(services);
            this.virtualServices = List.copyOf(virtualServices);
            this.hostsByNamespace = hostsByNamespace;
        }

        /** {@code convertIstioListenerToWrapper}. */
        static EgressListener of(IstioEgressListener config, String configNamespace, List<IstioService> visible,
                                 List<VirtualService> meshVirtualServices) {
            Map<String, HostClassification> byNs = new HashMap<>();
            for (String h : config.hosts()) {
                int slash = h.indexOf('/');
                if (slash < 0 || h.indexOf('/', slash + 1) >= 0) {
                    continue;   // istiod logs "Illegal host in sidecar resource" (validation rejects it first)
                }
                String ns = h.substring(0, slash);
                String name = h.substring(slash + 1).toLowerCase(Locale.ROOT);
                boolean excluded = ns.startsWith("~");
                if (excluded) {
                    ns = ns.substring(1);
                    if (ns.isEmpty()) {
                        ns = WILDCARD_NAMESPACE;
                    }
                }
                if (ns.equals(".")) {
                    ns = configNamespace;
                }
                HostClassification hc = byNs.computeIfAbsent(ns, k -> new HostClassification());
                if (excluded) {
                    hc.excluded.add(name);
                } else {
                    if (!Hosts.isWildcard(name)) {
                        hc.exact.add(name);
                    }
                    hc.all.add(name);
                }
            }
            Integer port = config.port() == null ? null : config.port().number();
            Protocol protocol = config.port() == null ? null : Protocol.parse(config.port().protocol());
            String bind = config.bind() == null || config.bind().isEmpty() ? null : config.bind();
            List<VirtualService> vss = selectVirtualServices(meshVirtualServices, byNs);
            List<IstioService> services = selectServices(visible, configNamespace, byNs, port);
            return new EgressListener(port, protocol, bind, services, vss, byNs);
        }

        /**
         * {@code SelectVirtualServices}: the VirtualServices (in precedence order) with a host
         * imported from their own namespace or from {@code *}, and not excluded there.
         */
        private static List<VirtualService> selectVirtualServices(List<VirtualService> vss, Map<String, HostClassification> byNs) {
            HostClassification wildcard = byNs.get(WILDCARD_NAMESPACE);
            List<VirtualService> out = new ArrayList<>();
            for (VirtualService vs : vss) {
                HostClassification own = byNs.get(vs.namespace());
                if ((own != null && imports(vs, own, own, wildcard)) || (wildcard != null && imports(vs, wildcard, own, wildcard))) {
                    out.add(vs);
                }
            }
            return out;
        }

        private static boolean imports(VirtualService vs, HostClassification hc, HostClassification own, HostClassification wildcard) {
            for (String raw : vs.spec().hosts()) {
                String h = VirtualServices.host(vs, raw).toLowerCase(Locale.ROOT);
                if (!hc.virtualServiceMatches(h, RouteSemantics.gateway(vs))) {
                    continue;
                }
                if ((own != null && own.excludes(h)) || (wildcard != null && wildcard.excludes(h))) {
                    continue;   // another host may still import it
                }
                return true;
            }
            return false;
        }

        /**
         * {@code selectServices}: the visible services imported from their own namespace or from
         * {@code *} (on a listener with a port, only those with that port, trimmed to it), then one
         * per hostname: the proxy's namespace's, else a Kubernetes Service over a ServiceEntry,
         * else the first.
         */
        private static List<IstioService> selectServices(List<IstioService> visible, String configNamespace,
                                                         Map<String, HostClassification> byNs, Integer port) {
            HostClassification wildcard = byNs.get(WILDCARD_NAMESPACE);
            List<IstioService> imported = new ArrayList<>();
            for (IstioService s : visible) {
                HostClassification own = byNs.get(s.namespace());
                String h = s.hostname().toLowerCase(Locale.ROOT);
                if ((own != null && own.excludes(h)) || (wildcard != null && wildcard.excludes(h))) {
                    continue;
                }
                IstioService matched = null;
                if (own != null && own.matches(h)) {
                    matched = port == null ? s : matchingListenerPort(s, port);
                    if (matched != null) {
                        imported.add(matched);
                        continue;
                    }
                }
                if (wildcard != null && wildcard.matches(h)) {
                    matched = port == null ? s : matchingListenerPort(s, port);
                    if (matched != null) {
                        imported.add(matched);
                    }
                }
            }
            Map<String, IstioService> chosen = new HashMap<>();
            for (IstioService s : imported) {
                IstioService ex = chosen.get(s.hostname());
                if (ex == null || s.namespace().equals(configNamespace)
                        || (ex.kubernetes() == null && s.kubernetes() != null
                            && (s.namespace().equals(configNamespace) || !ex.namespace().equals(configNamespace)))) {
                    chosen.put(s.hostname(), s);
                }
            }
            List<IstioService> out = new ArrayList<>();
            for (IstioService s : imported) {
                if (chosen.get(s.hostname()) == s) {
                    out.add(s);
                }
            }
            return out;
        }

        /**
         * {@code matchingAliasService}: of a concrete service's aliases (ExternalName Services
         * naming it), those this listener imports under the classification that imported the
         * service; their names join its virtual host.
         */
        List<IstioService> aliases(IstioService concrete, List<IstioService> all) {
            if (all.isEmpty()) {
                return all;
            }
            HostClassification hc = hostsByNamespace.get(concrete.namespace());
            String h = concrete.hostname().toLowerCase(Locale.ROOT);
            if (hc == null || !hc.matches(h)) {
                hc = hostsByNamespace.get(WILDCARD_NAMESPACE);
            }
            if (hc == null) {
                return List.of();
            }
            List<IstioService> out = new ArrayList<>();
            for (IstioService a : all) {
                if (hc.matches(a.hostname().toLowerCase(Locale.ROOT))) {
                    out.add(a);
                }
            }
            return out;
        }
    }

    /** {@code hostClassification}: the hosts one namespace entry of a listener imports and excludes, lower-cased. */
    private static final class HostClassification {
        final Set<String> exact = new HashSet<>();
        final List<String> all = new ArrayList<>();
        final List<String> excluded = new ArrayList<>();

        /** {@code Excluded}: the host is under a {@code ~} entry. */
        boolean excludes(String h) {
            for (String e : excluded) {
                if (Hosts.subsetOf(h, e)) {
                    return true;
                }
            }
            return false;
        }

        /** {@code Matches}: a service's host is imported (exactly, or under an imported wildcard). */
        boolean matches(String h) {
            if (exact.contains(h)) {
                return true;
            }
            boolean wild = Hosts.isWildcard(h);
            for (String imported : all) {
                if ((wild || Hosts.isWildcard(imported)) && Hosts.subsetOf(h, imported)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * {@code VSMatches}: a VirtualService host overlapping an imported one either way; with gateway
         * route semantics only a host inside an imported one ({@code *.com} is not imported by {@code a.com};
         * istio-rules §5.5).
         */
        boolean virtualServiceMatches(String h, boolean gatewaySemantics) {
            if (exact.contains(h)) {
                return true;
            }
            boolean wild = Hosts.isWildcard(h);
            for (String imported : all) {
                if ((wild || Hosts.isWildcard(imported)) && (gatewaySemantics ? Hosts.subsetOf(h, imported) : Hosts.overlap(h, imported))) {
                    return true;
                }
            }
            return false;
        }
    }
}
