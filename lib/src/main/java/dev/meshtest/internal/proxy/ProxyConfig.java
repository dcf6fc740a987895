package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.proxyconfig.ProxyConfigView;
import dev.meshtest.proxyconfig.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Everything istiod pushes to one proxy (a sidecar or a gateway), compiled once per cluster
 * state: listeners, route configurations with their virtual hosts and routes, and clusters with
 * their endpoints. Prints like {@code istioctl proxy-config}.
 *
 * <pre>{@code
 * ProxyConfig pc = mesh.proxyConfig("nginx");
 * System.out.println(pc.routes());     // NAME  VHOST NAME  DOMAINS  MATCH  VIRTUAL SERVICE
 * System.out.println(pc.clusters());   // SERVICE FQDN  PORT  SUBSET  DIRECTION  TYPE  DESTINATION RULE
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class ProxyConfig implements ProxyConfigView {

    private final ClusterPod proxy;
    /** The cluster state version it was built from, set by its builder. */
    long version;
    private final List<Listener> listeners;
    /** The ports that have listeners, sorted; {@link #listenersOnPort} holds each one's listeners by address. */
    private final int[] listenerPorts;
    /** Listeners on {@code listenerPorts[i]}, by address ({@code 0.0.0.0} or a ClusterIP): looked up per request without boxing the port. */
    private final Map<String, Listener>[] listenersOnPort;
    private final Map<String, RouteConfiguration> routeConfigs = new LinkedHashMap<>();
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private final MeshSettings.OutboundTrafficPolicy outboundTrafficPolicy;
    /** Inbound clusters by target port, in port order; filled by the builder for sidecar pods. */
    private final Map<Integer, InboundCluster> inboundClusters = new java.util.TreeMap<>();
    /** The RBAC filters of its HTTP connection managers (inbound at a sidecar, every listener at a gateway). */
    private Rbac rbac = Rbac.NONE;
    /** Its jwt_authn filter, before the RBAC filters. */
    private JwtAuthentication jwt = JwtAuthentication.NONE;
    /** A sidecar's mutual TLS modes; {@code null} for a gateway, whose listeners take what their servers say. */
    private PeerAuthentications.Composed mutualTls;

    @Override
    public long version() {
        return version;
    }

    ProxyConfig(ClusterPod proxy, List<Listener> listeners, Collection<RouteConfiguration> routeConfigs,
                Collection<Cluster> clusters, MeshSettings.OutboundTrafficPolicy outboundTrafficPolicy) {
        this(proxy, listeners, routeConfigs, clusters, outboundTrafficPolicy, List.of());
    }

    ProxyConfig(ClusterPod proxy, List<Listener> listeners, Collection<RouteConfiguration> routeConfigs,
                Collection<Cluster> clusters, MeshSettings.OutboundTrafficPolicy outboundTrafficPolicy,
                Collection<InboundCluster> inboundClusters) {
        inboundClusters.forEach(c -> this.inboundClusters.put(c.targetPort(), c));
        this.proxy = proxy;
        this.listeners = List.copyOf(listeners);
        java.util.TreeMap<Integer, Map<String, Listener>> byPort = new java.util.TreeMap<>();
        this.listeners.forEach(l -> byPort.computeIfAbsent(l.port(), p -> new HashMap<>()).put(l.address(), l));
        this.listenerPorts = byPort.keySet().stream().mapToInt(Integer::intValue).toArray();
        @SuppressWarnings("unchecked")
        Map<String, Listener>[] onPort = byPort.values().toArray(new Map[0]);
        this.listenersOnPort = onPort;
        routeConfigs.forEach(rc -> this.routeConfigs.put(rc.name(), rc));
        clusters.forEach(c -> this.clusters.put(c.name(), c));
        this.outboundTrafficPolicy = outboundTrafficPolicy;
    }

    /** This configuration with its security filters, as the builder computed them; called once, before use. */
    ProxyConfig withSecurity(JwtAuthentication jwt, Rbac rbac, PeerAuthentications.Composed mutualTls) {
        this.jwt = jwt;
        this.rbac = rbac;
        this.mutualTls = mutualTls;
        return this;
    }

    /** The jwt_authn filter ({@link JwtAuthentication}). */
    public JwtAuthentication jwt() {
        return jwt;
    }

    /** The RBAC filters ({@link AuthorizationPolicies}). */
    public Rbac rbac() {
        return rbac;
    }

    /** The proxy's pod. */
    public ClusterPod proxy() {
        return proxy;
    }

    @Override
    public String pod() {
        return proxy.namespace() + "/" + proxy.name();
    }

    @Override
    public boolean isGateway() {
        return proxy.proxy() == dev.meshtest.internal.cluster.ProxyKind.GATEWAY;
    }

    /**
     * The listener for a destination: {@code <ip>_<port>} if there is one, else
     * {@code 0.0.0.0_<port>}, else {@code null} (the catch-all outbound listener).
     */
    public Listener listener(String ip, int port) {
        int i = java.util.Arrays.binarySearch(listenerPorts, port);
        if (i < 0) {
            return null;
        }
        Map<String, Listener> onPort = listenersOnPort[i];
        Listener l = onPort.get(ip);
        return l != null ? l : onPort.get("0.0.0.0");
    }

    /** All listeners. */
    public List<Listener> listenerList() {
        return listeners;
    }

    /** A route configuration by name, or {@code null}. */
    public RouteConfiguration routeConfiguration(String name) {
        return routeConfigs.get(name);
    }

    /** A cluster by name, or {@code null}. */
    public Cluster cluster(String name) {
        return clusters.get(name);
    }

    /** All clusters. */
    public Collection<Cluster> clusterList() {
        return clusters.values();
    }

    /**
     * The inbound circuit breakers of this proxy's pod for a target port (istio-rules §6.6): the connection
     * pool of the DestinationRule for the pod's primary Service on that port, top-level or
     * port-level, never subset-level; {@link CircuitBreakers#DEFAULT} when none.
     */
    public CircuitBreakers inboundCircuitBreakers(int targetPort) {
        InboundCluster c = inboundClusters.get(targetPort);
        return c == null ? CircuitBreakers.DEFAULT : c.circuitBreakers();
    }

    /** The inbound cluster for a target port of a sidecar's pod, or {@code null} when no Service reaches the pod on it. */
    public InboundCluster inboundCluster(int targetPort) {
        return inboundClusters.get(targetPort);
    }

    /** The inbound clusters of a sidecar's pod, by target port; empty for a gateway. */
    public Collection<InboundCluster> inboundClusterList() {
        return inboundClusters.values();
    }

    /** {@code ALLOW_ANY} or {@code REGISTRY_ONLY}: what the catch-all listener does. */
    public MeshSettings.OutboundTrafficPolicy outboundTrafficPolicy() {
        return outboundTrafficPolicy;
    }

    /** Like {@code istioctl proxy-config listeners}. */
    @Override
    public Table listeners() {
        List<List<String>> rows = new ArrayList<>();
        for (Listener l : listeners) {
            if (l.terminatesTls()) {
                // One row per filter chain, as istioctl shows a gateway's SNI matches.
                for (FilterChain c : l.filterChains()) {
                    String match = c.tls() == null && !c.proxiesTcp() ? "HTTP"
                            : !c.serverNames().isEmpty() ? "SNI: " + String.join(",", c.serverNames())
                            : l.protocol() == Listener.Protocol.TCP ? "TCP" : "TLS";
                    String dest = c.proxiesTcp() ? clusters(c.tcpRoute()) : "Route: " + c.routeConfigName();
                    if (c.tls() != null && c.tls().certificate() == null) {
                        dest += " (no certificate: " + c.tls().missing() + ")";
                    }
                    rows.add(List.of(l.address(), Integer.toString(l.port()), match, dest));
                }
                continue;
            }
            String dest = l.protocol() == Listener.Protocol.HTTP ? "Route: " + l.routeConfigName()
                    : l.tcpRoute() != null ? clusters(l.tcpRoute()) + " (tcp route of " + l.virtualService() + ")"
                    : l.cluster() == null ? "no filter chain" : "Cluster: " + l.cluster();
            rows.add(List.of(l.address(), Integer.toString(l.port()), l.protocol() == Listener.Protocol.HTTP ? "HTTP" : "TCP", dest));
        }
        if (!isGateway()) {
            rows.add(List.of("0.0.0.0", "15001", "ALL", outboundTrafficPolicy == MeshSettings.OutboundTrafficPolicy.ALLOW_ANY
                    ? "PassthroughCluster" : "BlackHoleCluster"));
        }
        return new Table(List.of("ADDRESSES", "PORT", "MATCH", "DESTINATION"), rows);
    }

    /** A TCP proxy's destination as the listener table shows it: {@code Cluster: x}, or each weighted cluster. */
    private static String clusters(RouteAction.Forward tcp) {
        return tcp.clusters().size() == 1 ? "Cluster: " + tcp.clusters().get(0).name()
                : "Clusters: " + tcp.clusters().stream().map(w -> w.name() + " (" + w.weight() + ")")
                        .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Like {@code istioctl proxy-config routes}: one row per route of every virtual host. */
    @Override
    public Table routes() {
        List<List<String>> rows = new ArrayList<>();
        for (RouteConfiguration rc : routeConfigs.values()) {
            for (VirtualHost vh : rc.virtualHosts()) {
                String domains = domains(vh.domains());
                if (vh.requireTls()) {
                    // Envoy answers a request that is not TLS before any route (istioctl shows only the routes).
                    rows.add(List.of(rc.name(), vh.name(), domains, "* (not TLS)", "301 to https (tls.httpsRedirect)"));
                }
                if (vh.routes().isEmpty() && !vh.requireTls()) {
                    rows.add(List.of(rc.name(), vh.name(), domains, "", "404"));
                }
                for (Route r : vh.routes()) {
                    rows.add(List.of(rc.name(), vh.name(), domains, r.match().toString(),
                            r.virtualService() == null ? "" : r.virtualService().name() + "." + r.virtualService().namespace()));
                }
            }
        }
        return new Table(List.of("NAME", "VHOST NAME", "DOMAINS", "MATCH", "VIRTUAL SERVICE"), rows);
    }

    /** Like {@code istioctl proxy-config clusters}. */
    @Override
    public Table clusters() {
        List<List<String>> rows = new ArrayList<>();
        for (Cluster c : clusters.values()) {
            if (c.host() == null || !c.name().startsWith("outbound|")) {
                // Special and SNI-DNAT clusters: istioctl shows a name it cannot split by '|' whole.
                rows.add(List.of(c.name(), "-", "-", "-", c.type().name(), ""));
            } else {
                rows.add(List.of(c.host(), Integer.toString(c.port()), c.subset().isEmpty() ? "-" : c.subset(), "outbound",
                        c.type().name(), c.destinationRule() == null ? "" : c.destinationRule().name() + "." + c.destinationRule().namespace()));
            }
        }
        // istioctl prints inbound|<port>|| with an empty host; Istio's default inbound passthrough binds ORIGINAL_DST.
        for (InboundCluster c : inboundClusters.values()) {
            rows.add(List.of("", Integer.toString(c.targetPort()), "-", "inbound", Cluster.Type.ORIGINAL_DST.name(),
                    c.destinationRule() == null ? "" : c.destinationRule().name() + "." + c.destinationRule().namespace()));
        }
        return new Table(List.of("SERVICE FQDN", "PORT", "SUBSET", "DIRECTION", "TYPE", "DESTINATION RULE"), rows);
    }

    /** The security filters in order: jwt_authn's providers, then the RBAC DENY filter's policies, then the ALLOW filter's. */
    @Override
    public Table authorization() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < jwt.issuers().size(); i++) {
            dev.meshtest.config.ResourceRef ref = jwt.sources().get(i);
            rows.add(List.of("envoy.filters.http.jwt_authn", "-", "issuer " + jwt.issuers().get(i),
                    "RequestAuthentication " + ref.name() + "." + ref.namespace()));
        }
        for (Rbac.Policy p : rbac.deny()) {
            rows.add(List.of("envoy.filters.http.rbac", "DENY", policyName(p), "AuthorizationPolicy " + p.ref().name() + "." + p.ref().namespace()));
        }
        for (Rbac.Policy p : rbac.allow() == null ? List.<Rbac.Policy>of() : rbac.allow()) {
            rows.add(List.of("envoy.filters.http.rbac", "ALLOW", policyName(p), "AuthorizationPolicy " + p.ref().name() + "." + p.ref().namespace()));
        }
        return new Table(List.of("FILTER", "ACTION", "RULE", "FROM"), rows);
    }

    /** A policy's name; one from a policy without rules never matches ({@code rbacPolicyMatchNever}), and says so. */
    private static String policyName(Rbac.Policy p) {
        return p.permissions().isEmpty() ? p.name() + " (matches nothing)" : p.name();
    }

    /** A sidecar's mutual TLS mode per inbound port: the ports its Services and its PeerAuthentication name, then {@code *}. */
    @Override
    public Table mutualTls() {
        List<List<String>> rows = new ArrayList<>();
        if (mutualTls != null) {
            java.util.TreeSet<Integer> ports = new java.util.TreeSet<>(inboundClusters.keySet());
            ports.addAll(mutualTls.perPort().keySet());
            for (int port : ports) {
                rows.add(List.of(Integer.toString(port), mutualTls.forPort(port).name()));
            }
            rows.add(List.of("*", mutualTls.mode().name()));
        }
        return new Table(List.of("PORT", "MODE"), rows);
    }

    /** The TLS the proxy terminates (its listeners' filter chains) and originates (its clusters). */
    @Override
    public Table tls() {
        List<List<String>> rows = new ArrayList<>();
        for (Listener l : listeners) {
            for (FilterChain c : l.filterChains()) {
                DownstreamTls t = c.tls();
                if (t == null) {
                    continue;
                }
                String certificate = t.mode() == DownstreamTls.Mode.ISTIO_MUTUAL ? "the workload certificate"
                        : t.certificate() != null ? "Secret " + t.credential() : "none: " + t.missing();
                String validation = t.mode() == DownstreamTls.Mode.ISTIO_MUTUAL ? "client certificates of the mesh's CA"
                        : t.mode().checksClients() && t.clientCa() != null
                        ? (t.mode() == DownstreamTls.Mode.OPTIONAL_MUTUAL ? "optional " : "") + "client certificates of " + t.clientCa()
                        : "-";
                rows.add(List.of("downstream", l.address() + ":" + l.port(), t.mode().name(),
                        c.serverNames().isEmpty() ? "*" : String.join(",", c.serverNames()), certificate, validation,
                        t.minVersion() + "-" + t.maxVersion()));
            }
        }
        for (Cluster c : clusters.values()) {
            OriginatedTls t = c.originatedTls();
            if (t == null) {
                continue;
            }
            String validation = t.insecure() ? "none (insecureSkipVerify)" : t.trust()
                    + (!t.subjectAltNames().isEmpty() ? ", SAN " + String.join(",", t.subjectAltNames())
                    : t.autoSan() ? ", SAN the server name (auto)" : "");
            String certificate = !t.mutual() ? "-" : t.clientCertificate() != null ? "Secret " + t.credential()
                    : t.problem() != null ? "none: " + t.problem() : "none";
            rows.add(List.of("upstream", c.name(), t.notBuilt() != null ? "none: " + t.notBuilt() : t.mode(),
                    t.sni() != null ? t.sni() : "the request's host (auto)", certificate, validation, "TLSV1_2-TLSV1_2"));
        }
        return new Table(List.of("DIRECTION", "WHERE", "MODE", "SNI", "CERTIFICATE", "VALIDATION", "VERSIONS"), rows);
    }

    /** Like {@code istioctl proxy-config endpoints}: every endpoint of every cluster. */
    @Override
    public Table endpoints() {
        List<List<String>> rows = new ArrayList<>();
        for (Cluster c : clusters.values()) {
            for (LbEndpoint e : c.endpoints()) {
                rows.add(List.of(e.address(), e.ready() ? "HEALTHY" : "UNHEALTHY", e.pod() == null ? "" : e.pod().name(), c.name()));
            }
        }
        return new Table(List.of("ENDPOINT", "STATUS", "POD", "CLUSTER"), rows);
    }

    private static String domains(List<String> d) {
        if (d.size() <= 2) {
            return String.join(", ", d);
        }
        // istioctl shows the shortest names first and counts the rest.
        List<String> shortest = d.stream().sorted(java.util.Comparator.comparingInt(String::length)).limit(2).toList();
        return String.join(", ", shortest) + " + " + (d.size() - 2) + " more...";
    }
}
