package dev.meshtest.internal.proxy;

import dev.meshtest.internal.cluster.LabelSelector;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.istio.ClientTlsSettings;
import dev.meshtest.config.istio.ConnectionPoolSettings;
import dev.meshtest.config.istio.ConsistentHashLb;
import dev.meshtest.config.istio.DestinationRule;
import dev.meshtest.config.istio.DestinationRuleSpec;
import dev.meshtest.config.istio.LoadBalancerSettings;
import dev.meshtest.config.istio.OutlierDetection;
import dev.meshtest.config.istio.PortTrafficPolicy;
import dev.meshtest.config.istio.Subset;
import dev.meshtest.config.istio.TrafficPolicy;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.CreationOrder;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Which DestinationRule a proxy applies to a service, and what it means for a cluster: Istio's
 * lookup order (istio-rules §6.1), merging of several rules for one host (istio-rules §6.2), and policy precedence for a
 * port and subset (istio-rules §6.3, §6.4). Built once per cluster state.
 *
 * <pre>{@code
 * DestinationRules drs = DestinationRules.of(state, "istio-system");
 * DestinationRules.Applied dr = drs.lookup("default", labels, "helloworld.default.svc.cluster.local", "default");
 * dr.subset("v1");               // the subset, or null
 * dr.loadBalancer(5000, "v1");   // LEAST_REQUEST unless the rule says otherwise
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class DestinationRules {

    private final String rootNamespace;
    /** Istio's {@code namespaceLocal}: per namespace, the rules visible in their own namespace. */
    private final Map<String, Index> namespaceLocal = new LinkedHashMap<>();
    /** Istio's {@code exportedByNamespace}: per namespace, the rules exported beyond it. */
    private final Map<String, Index> exported = new LinkedHashMap<>();
    /** Istio's {@code rootNamespaceLocal}: the root namespace's rules private to it. */
    private final Index rootNamespaceLocal = new Index();

    /**
     * Istio's {@code consolidatedDestRules}: rules by resolved host; rules with the same host,
     * the same {@code exportTo} and the same workload selector (or none) merge into one group,
     * others stand side by side in the order they were added.
     */
    private static final class Index {
        final Map<String, List<Group>> byHost = new LinkedHashMap<>();

        void add(DestinationRule dr, String host, Set<String> exportTo) {
            Map<String, String> selector = dr.spec().workloadSelector() == null ? null
                    : dr.spec().workloadSelector().matchLabels();
            List<Group> groups = byHost.computeIfAbsent(host, h -> new ArrayList<>());
            for (Group g : groups) {
                if (g.exportTo.equals(exportTo) && Objects.equals(g.selector, selector)) {
                    g.add(dr);
                    return;
                }
            }
            groups.add(new Group(new ArrayList<>(List.of(dr)), exportTo, selector));
        }

        /** {@code MostSpecificHostMatch}: the exact host, else the longest wildcard covering it. */
        List<Group> mostSpecific(String hostname) {
            List<Group> exact = byHost.get(hostname);
            if (exact != null && !Hosts.isWildcard(hostname)) {
                return exact;
            }
            String best = null;
            for (String h : byHost.keySet()) {
                if (Hosts.isWildcard(h) && Hosts.subsetOf(hostname, h) && (best == null || h.length() > best.length())) {
                    best = h;
                }
            }
            return best == null ? null : byHost.get(best);
        }
    }

    /**
     * Rules merged for one host, {@code exportTo} and selector ({@code null}: none). The merge is
     * made once, on first use, after the index is built: a proxy's first compilation looks a
     * host's rule up for its cluster and for each route that names it.
     */
    private static final class Group {
        private final List<DestinationRule> rules;
        private final Set<String> exportTo;
        private final Map<String, String> selector;
        private Applied merged;

        Group(List<DestinationRule> rules, Set<String> exportTo, Map<String, String> selector) {
            this.rules = rules;
            this.exportTo = exportTo;
            this.selector = selector;
        }

        void add(DestinationRule dr) {
            rules.add(dr);
            merged = null;
        }

        Map<String, String> selector() {
            return selector;
        }

        Applied merged() {
            Applied m = merged;
            if (m == null) {
                m = Applied.merge(rules);
                merged = m;
            }
            return m;
        }

        String namespace() {
            return rules.get(0).namespace();
        }

        boolean visibleTo(String clientNamespace) {
            return ExportTo.visible(exportTo, namespace(), clientNamespace);
        }
    }

    private DestinationRules(List<StoredConfig<DestinationRule>> rules, String rootNamespace, List<String> defaultExportTo) {
        this.rootNamespace = rootNamespace;
        List<StoredConfig<DestinationRule>> sorted = new ArrayList<>(rules);
        // sortConfigBySelectorAndCreationTime: workload-selected rules first, then the oldest.
        sorted.sort(Comparator.comparing((StoredConfig<DestinationRule> c) -> c.resource().spec() == null
                        || c.resource().spec().workloadSelector() == null)
                .thenComparing(CreationOrder.CONFIGS::compare));
        for (StoredConfig<DestinationRule> stored : sorted) {
            DestinationRule dr = stored.resource();
            if (dr.spec() == null) {
                continue;
            }
            String ns = dr.namespace();
            String host = Hosts.resolveShortName(dr.spec().host(), ns);
            // setDestinationRules: a workload-selected rule is private to its namespace.
            Set<String> exportTo = dr.spec().workloadSelector() != null ? Set.of(".")
                    : Set.copyOf(MeshSettings.ExportToDefaults.effective(dr.spec().exportTo(), defaultExportTo));
            if (exportTo.isEmpty() || exportTo.contains("*") || exportTo.contains(".") || exportTo.contains(ns)) {
                namespaceLocal.computeIfAbsent(ns, k -> new Index()).add(dr, host, exportTo);
            }
            // setDestinationRules' isPrivateOnly: exactly one entry, "." or the rule's own namespace
            // (a VirtualService's "private" differs: see VirtualServices).
            boolean privateOnly = exportTo.size() == 1 && (exportTo.contains(".") || exportTo.contains(ns));
            if (!privateOnly) {
                exported.computeIfAbsent(ns, k -> new Index()).add(dr, host, exportTo);
            } else if (ns.equals(rootNamespace)) {
                rootNamespaceLocal.add(dr, host, exportTo);
            }
        }
    }

    /** The index of a cluster state's DestinationRules. */
    public static DestinationRules of(ClusterState state, String rootNamespace) {
        return of(state, rootNamespace, List.of());
    }

    /**
     * The index of a cluster state's DestinationRules, with MeshConfig's {@code defaultDestinationRuleExportTo}.
     *
     * @param state the cluster
     * @param rootNamespace the root namespace
     * @param defaultExportTo the {@code exportTo} of DestinationRules that set none; empty for {@code *}
     * @return the index
     */
    public static DestinationRules of(ClusterState state, String rootNamespace, List<String> defaultExportTo) {
        return new DestinationRules(state.configs(DestinationRule.class), rootNamespace, defaultExportTo);
    }

    /**
     * The rule a proxy in {@code clientNamespace} with {@code clientLabels} applies outbound to a
     * service host in {@code serviceNamespace}, or {@code null} (istio-rules §6.1). Istio's
     * {@code PushContext.destinationRule} finds the rules of the most specific host in the first
     * place that has any: the client's namespace (for the root namespace, only its private rules),
     * then the service's namespace, then the root namespace, the last two only rules exported to
     * the client; then {@code SidecarScope.DestinationRule} picks among them.
     */
    public Applied lookup(String clientNamespace, Map<String, String> clientLabels, String hostname,
                          String serviceNamespace) {
        return choose(candidates(clientNamespace, hostname, serviceNamespace), clientNamespace, clientLabels, true);
    }

    /**
     * The rule a server pod's sidecar applies to its inbound cluster for a service host (istio-rules §6.6):
     * found as for a client in the pod's namespace, but a rule with a {@code workloadSelector}
     * never applies inbound.
     */
    public Applied lookupInbound(String podNamespace, String hostname, String serviceNamespace) {
        return choose(candidates(podNamespace, hostname, serviceNamespace), podNamespace, Map.of(), false);
    }

    /** {@code PushContext.destinationRule}: the groups of the first place with a match, or {@code null}. */
    private List<Group> candidates(String clientNamespace, String hostname, String serviceNamespace) {
        List<Group> found;
        if (!clientNamespace.equals(rootNamespace)) {
            Index local = namespaceLocal.get(clientNamespace);
            found = local == null ? null : local.mostSpecific(hostname);
        } else {
            found = rootNamespaceLocal.mostSpecific(hostname);
        }
        if (found != null) {
            return found;
        }
        if (serviceNamespace != null) {
            found = exportedTo(serviceNamespace, hostname, clientNamespace);
        }
        return found != null ? found : exportedTo(rootNamespace, hostname, clientNamespace);
    }

    private List<Group> exportedTo(String namespace, String hostname, String clientNamespace) {
        Index index = exported.get(namespace);
        List<Group> groups = index == null ? null : index.mostSpecific(hostname);
        if (groups == null) {
            return null;
        }
        List<Group> visible = groups.stream().filter(g -> g.visibleTo(clientNamespace)).toList();
        return visible.isEmpty() ? null : visible;
    }

    /**
     * {@code SidecarScope.DestinationRule}: outbound, a workload-selected rule in the client's own
     * namespace whose selector the client matches wins; otherwise the (last) rule without a
     * selector; otherwise none, even when other namespaces have rules for the host.
     */
    private static Applied choose(List<Group> groups, String clientNamespace, Map<String, String> labels, boolean outbound) {
        if (groups == null) {
            return null;
        }
        Group catchAll = null;
        for (Group g : groups) {
            if (g.selector() == null) {
                catchAll = g;
            } else if (outbound && g.namespace().equals(clientNamespace)
                    && LabelSelector.matches(g.selector(), labels)) {
                return g.merged();
            }
        }
        return catchAll == null ? null : catchAll.merged();
    }

    /**
     * The DestinationRule in effect for one host, after merging: subsets of every rule with the
     * same host (a repeated subset name keeps the older one), the top-level traffic policy taken
     * whole from the oldest rule that has one.
     *
     * @param ref the oldest merged rule, which names it in tables
     * @param host the rule's host
     * @param trafficPolicy the top-level traffic policy, or {@code null}
     * @param subsets the subsets
     * @param withSelector whether the rule selects workloads ({@code workloadSelector}), which
     *                     istiod's TLS origination with a {@code credentialName} needs on sidecars
     */
    public record Applied(ResourceRef ref, String host, TrafficPolicy trafficPolicy, List<Subset> subsets,
                          boolean withSelector) {

        static Applied merge(List<DestinationRule> rules) {
            TrafficPolicy policy = null;
            Map<String, Subset> subsets = new LinkedHashMap<>();
            for (DestinationRule dr : rules) {
                if (policy == null) {
                    policy = dr.spec().trafficPolicy();
                }
                for (Subset s : dr.spec().subsets()) {
                    subsets.putIfAbsent(s.name(), s);
                }
            }
            DestinationRule first = rules.get(0);
            return new Applied(first.ref(), Hosts.resolveShortName(first.spec().host(), first.namespace()), policy,
                    List.copyOf(subsets.values()), first.spec().workloadSelector() != null);
        }

        /** The subset with this name, or {@code null}. */
        public Subset subset(String name) {
            for (Subset s : subsets) {
                if (s.name().equals(name)) {
                    return s;
                }
            }
            return null;
        }

        /**
         * The load-balancer settings of the cluster for a service port and subset (istio-rules §6.3): the top
         * level, replaced by its port-level entry for the port if any; then the subset's port-level
         * entry for the port, or else the subset's own block when it sets one.
         */
        public LoadBalancerSettings loadBalancerSettings(int port, String subsetName) {
            return effective(port, subsetName, TrafficPolicy::loadBalancer, PortTrafficPolicy::loadBalancer);
        }

        /**
         * The connection pool of the cluster for a service port and subset, by the same precedence
         * as {@link #loadBalancerSettings}; {@code null} when none applies (Istio's defaults).
         */
        public ConnectionPoolSettings connectionPool(int port, String subsetName) {
            return effective(port, subsetName, TrafficPolicy::connectionPool, PortTrafficPolicy::connectionPool);
        }

        /**
         * The retry budget of the cluster for a service port and subset (Istio's
         * {@code MergeSubsetTrafficPolicy}): a port-level entry for the port replaces its policy
         * with one that has no budget ({@code shadowCopyPortTrafficPolicy}); the subset's budget,
         * when its policy (after that) has one, replaces the top level's, which port-level
         * entries of the subset do not reset ({@code MergeTrafficPolicy}). {@code null} for none.
         */
        public dev.meshtest.config.istio.RetryBudget retryBudget(int port, String subsetName) {
            dev.meshtest.config.istio.RetryBudget value = trafficPolicy == null || portLevel(trafficPolicy, port) != null
                    ? null : trafficPolicy.retryBudget();
            Subset subset = subsetName == null || subsetName.isEmpty() ? null : subset(subsetName);
            if (subset != null && subset.trafficPolicy() != null && portLevel(subset.trafficPolicy(), port) == null
                    && subset.trafficPolicy().retryBudget() != null) {
                value = subset.trafficPolicy().retryBudget();
            }
            return value;
        }

        /**
         * The outlier detection of the cluster for a service port and subset, by the same
         * precedence as {@link #loadBalancerSettings}; {@code null} when none applies (no detection).
         */
        public OutlierDetection outlierDetection(int port, String subsetName) {
            return effective(port, subsetName, TrafficPolicy::outlierDetection, PortTrafficPolicy::outlierDetection);
        }

        /**
         * The TLS settings of the cluster for a service port and subset, by the same precedence
         * as {@link #loadBalancerSettings} (Istio's {@code MergeTrafficPolicy}); {@code null} when
         * none applies (auto mTLS decides, docs/security.md).
         */
        public ClientTlsSettings tls(int port, String subsetName) {
            return effective(port, subsetName, TrafficPolicy::tls, PortTrafficPolicy::tls);
        }

        /**
         * The connection pool an inbound cluster takes from this rule (istio-rules §6.6, {@code buildInboundCluster}):
         * the port-level entry for the <em>service</em> port if there is one (it replaces the top
         * level whole, even when it has no connection pool), else the top-level block. Subsets never
         * reach the inbound side.
         */
        public ConnectionPoolSettings inboundConnectionPool(int servicePort) {
            return effective(servicePort, null, TrafficPolicy::connectionPool, PortTrafficPolicy::connectionPool);
        }

        /**
         * One block of the policy in effect for a cluster (Istio's {@code GetPortLevelTrafficPolicy}
         * then {@code MergeSubsetTrafficPolicy}/{@code MergeTrafficPolicy}): the top level, replaced
         * whole by its port-level entry for the port; then, for a subset with a traffic policy, its
         * port-level entry for the port (even when it omits the block), else its own block when set.
         */
        private <T> T effective(int port, String subsetName, Function<TrafficPolicy, T> block,
                                Function<PortTrafficPolicy, T> portBlock) {
            T value = null;
            if (trafficPolicy != null) {
                PortTrafficPolicy pls = portLevel(trafficPolicy, port);
                value = pls != null ? portBlock.apply(pls) : block.apply(trafficPolicy);
            }
            Subset subset = subsetName == null || subsetName.isEmpty() ? null : subset(subsetName);
            if (subset != null && subset.trafficPolicy() != null) {
                PortTrafficPolicy pls = portLevel(subset.trafficPolicy(), port);
                if (pls != null) {
                    value = portBlock.apply(pls);
                } else if (block.apply(subset.trafficPolicy()) != null) {
                    value = block.apply(subset.trafficPolicy());
                }
            }
            return value;
        }

        /**
         * The consistent-hash key a route to this host carries ({@code HashForHTTPDestination}):
         * subset port-level, else subset, else the rule's port-level, else its top level. Port-level
         * entries count only when the destination names a port.
         */
        public ConsistentHashLb consistentHash(Integer destinationPort, String subsetName) {
            ConsistentHashLb hash = trafficPolicy == null || trafficPolicy.loadBalancer() == null ? null
                    : trafficPolicy.loadBalancer().consistentHash();
            ConsistentHashLb plsHash = trafficPolicy == null ? null : portLevelHash(trafficPolicy, destinationPort);
            ConsistentHashLb subsetHash = null;
            ConsistentHashLb subsetPlsHash = null;
            Subset subset = subsetName == null || subsetName.isEmpty() ? null : subset(subsetName);
            if (subset != null && subset.trafficPolicy() != null) {
                LoadBalancerSettings slb = subset.trafficPolicy().loadBalancer();
                subsetHash = slb == null ? null : slb.consistentHash();
                subsetPlsHash = portLevelHash(subset.trafficPolicy(), destinationPort);
            }
            if (subsetPlsHash != null) {
                return subsetPlsHash;
            }
            if (subsetHash != null) {
                return subsetHash;
            }
            return plsHash != null ? plsHash : hash;
        }

        private static ConsistentHashLb portLevelHash(TrafficPolicy tp, Integer port) {
            if (port == null) {
                return null;
            }
            PortTrafficPolicy pls = portLevel(tp, port);
            return pls == null || pls.loadBalancer() == null ? null : pls.loadBalancer().consistentHash();
        }

        private static PortTrafficPolicy portLevel(TrafficPolicy tp, int port) {
            for (PortTrafficPolicy p : tp.portLevelSettings()) {
                if (p.port() != null && p.port().number() != null && p.port().number() == port) {
                    return p;
                }
            }
            return null;
        }
    }

    /** Istio's {@code applyLoadBalancer}: the Envoy policy for DestinationRule settings (istio-rules §6.4). */
    static LoadBalancerPolicy loadBalancerPolicy(LoadBalancerSettings lb) {
        if (lb == null) {
            return LoadBalancerPolicy.DEFAULT;
        }
        ConsistentHashLb ch = lb.consistentHash();
        if (ch != null) {
            if (ch.maglev() != null) {
                Long size = ch.maglev().tableSize();
                return LoadBalancerPolicy.maglev(size == null || size == 0 ? LoadBalancerPolicy.DEFAULT_MAGLEV_TABLE_SIZE : size);
            }
            Long min = ch.ringHash() != null ? ch.ringHash().minimumRingSize() : ch.minimumRingSize();
            return LoadBalancerPolicy.ringHash(min == null || min == 0 ? LoadBalancerPolicy.DEFAULT_MIN_RING_SIZE : min);
        }
        if (lb.simple() == null) {
            return LoadBalancerPolicy.DEFAULT;
        }
        return switch (lb.simple()) {
            case ROUND_ROBIN -> LoadBalancerPolicy.of(LoadBalancerPolicy.Algorithm.ROUND_ROBIN);
            case RANDOM -> LoadBalancerPolicy.of(LoadBalancerPolicy.Algorithm.RANDOM);
            // PASSTHROUGH (ORIGINAL_DST) is not simulated: it balances like the default.
            case UNSPECIFIED, LEAST_CONN, LEAST_REQUEST, PASSTHROUGH -> LoadBalancerPolicy.DEFAULT;
        };
    }

    /** Istio's {@code ConsistentHashToHashPolicy}: the route hash policy for a consistent-hash setting. */
    static HashPolicy hashPolicy(ConsistentHashLb ch) {
        if (ch == null) {
            return null;
        }
        if (ch.httpHeaderName() != null) {
            return new HashPolicy(HashPolicy.Source.HEADER, ch.httpHeaderName().toLowerCase(java.util.Locale.ROOT));
        }
        if (ch.httpCookie() != null) {
            return new HashPolicy(HashPolicy.Source.COOKIE, ch.httpCookie().name());
        }
        if (Boolean.TRUE.equals(ch.useSourceIp())) {
            return new HashPolicy(HashPolicy.Source.SOURCE_IP, null);
        }
        if (ch.httpQueryParameterName() != null) {
            return new HashPolicy(HashPolicy.Source.QUERY_PARAMETER, ch.httpQueryParameterName());
        }
        return null;
    }
}
