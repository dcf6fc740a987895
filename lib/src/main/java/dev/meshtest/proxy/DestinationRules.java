package dev.meshtest.proxy;

import dev.meshtest.cluster.ClusterState;
import dev.meshtest.cluster.StoredConfig;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.istio.ConnectionPoolSettings;
import dev.meshtest.config.istio.ConsistentHashLb;
import dev.meshtest.config.istio.DestinationRule;
import dev.meshtest.config.istio.DestinationRuleSpec;
import dev.meshtest.config.istio.LoadBalancerSettings;
import dev.meshtest.config.istio.OutlierDetection;
import dev.meshtest.config.istio.PortTrafficPolicy;
import dev.meshtest.config.istio.Subset;
import dev.meshtest.config.istio.TrafficPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which DestinationRule a proxy applies to a service, and what it means for a cluster: Istio's
 * lookup order (§6.1), merging of several rules for one host (§6.2), and policy precedence for a
 * port and subset (§6.3, §6.4). Built once per cluster state.
 *
 * <pre>{@code
 * DestinationRules drs = DestinationRules.of(state, "istio-system");
 * DestinationRules.Applied dr = drs.lookup("default", labels, "helloworld.default.svc.cluster.local", "default");
 * dr.subset("v1");               // the subset, or null
 * dr.loadBalancer(5000, "v1");   // LEAST_REQUEST unless the rule says otherwise
 * }</pre>
 */
public final class DestinationRules {

    private final String rootNamespace;
    /** Rules by namespace, each list in Istio's order: oldest first, then name. */
    private final Map<String, List<Rule>> byNamespace = new LinkedHashMap<>();

    /** One rule with its host resolved relative to its namespace. */
    private record Rule(DestinationRule dr, String host, StoredConfig<DestinationRule> stored) {
        DestinationRuleSpec spec() {
            return dr.spec();
        }
    }

    private DestinationRules(List<StoredConfig<DestinationRule>> rules, String rootNamespace) {
        this.rootNamespace = rootNamespace;
        List<StoredConfig<DestinationRule>> sorted = new ArrayList<>(rules);
        sorted.sort(VirtualServices.AGE_ORDER);
        for (StoredConfig<DestinationRule> s : sorted) {
            DestinationRule dr = s.resource();
            if (dr.spec() == null) {
                continue;
            }
            String host = Hosts.resolveShortName(dr.spec().host(), dr.namespace());
            byNamespace.computeIfAbsent(dr.namespace(), k -> new ArrayList<>()).add(new Rule(dr, host, s));
        }
    }

    /** The index of a cluster state's DestinationRules. */
    public static DestinationRules of(ClusterState state, String rootNamespace) {
        return new DestinationRules(state.configs(DestinationRule.class), rootNamespace);
    }

    /**
     * The rule a proxy in {@code clientNamespace} with {@code clientLabels} applies to a service
     * host in {@code serviceNamespace}, or {@code null}. The first step that finds any match
     * wins: rules in the client's namespace, then in the service's namespace, then in the root
     * namespace, each time the most specific host (exact, then the longest wildcard).
     */
    public Applied lookup(String clientNamespace, Map<String, String> clientLabels, String hostname,
                          String serviceNamespace) {
        boolean clientIsRoot = clientNamespace.equals(rootNamespace);
        Applied found = find(clientNamespace, clientLabels, hostname, clientNamespace, clientIsRoot);
        if (found == null && serviceNamespace != null && !serviceNamespace.equals(clientNamespace)) {
            found = find(serviceNamespace, clientLabels, hostname, clientNamespace, false);
        }
        if (found == null && !clientNamespace.equals(rootNamespace)) {
            found = find(rootNamespace, clientLabels, hostname, clientNamespace, false);
        }
        return found;
    }

    /**
     * The rule a server pod's sidecar applies to its inbound cluster for a service host (§6.6,
     * {@code SidecarScope.DestinationRule} with direction inbound): looked up as from a client in
     * the pod's namespace, but rules with a {@code workloadSelector} never apply. Such a rule
     * still takes part in finding the most specific host in the pod's namespace: when it wins
     * there, the search stops without a rule, as in Istio, where it shadows the other namespaces.
     */
    public Applied lookupInbound(String podNamespace, String hostname, String serviceNamespace) {
        boolean podIsRoot = podNamespace.equals(rootNamespace);
        List<Rule> local = new ArrayList<>();
        for (Rule r : byNamespace.getOrDefault(podNamespace, List.of())) {
            List<String> exportTo = r.spec().exportTo();
            // Workload-selected rules are always private to their namespace.
            boolean visible = r.spec().workloadSelector() != null
                    || (podIsRoot ? ExportTo.isPrivateTo(exportTo, podNamespace) : ExportTo.visible(exportTo, podNamespace, podNamespace));
            if (visible) {
                local.add(r);
            }
        }
        String best = bestHost(local, hostname);
        if (best != null) {
            List<Rule> catchAll = local.stream().filter(r -> r.host().equals(best) && r.spec().workloadSelector() == null).toList();
            return catchAll.isEmpty() ? null : Applied.merge(catchAll.stream().map(Rule::dr).toList());
        }
        Applied found = null;
        if (serviceNamespace != null && !serviceNamespace.equals(podNamespace)) {
            found = find(serviceNamespace, Map.of(), hostname, podNamespace, false);
        }
        if (found == null) {
            // PushContext.destinationRule step 4: the root namespace's exported rules, for every proxy.
            found = find(rootNamespace, Map.of(), hostname, podNamespace, false);
        }
        return found;
    }

    private Applied find(String namespace, Map<String, String> clientLabels, String hostname, String clientNamespace,
                         boolean onlyPrivate) {
        List<Rule> rules = byNamespace.getOrDefault(namespace, List.of());
        List<Rule> visible = new ArrayList<>();
        List<Rule> selected = new ArrayList<>();
        for (Rule r : rules) {
            List<String> exportTo = r.spec().exportTo();
            if (onlyPrivate ? !ExportTo.isPrivateTo(exportTo, namespace) : !ExportTo.visible(exportTo, namespace, clientNamespace)) {
                continue;
            }
            if (r.spec().workloadSelector() != null) {
                // Workload-selected rules apply outbound only, to matching clients in their own namespace.
                Map<String, String> want = r.spec().workloadSelector().matchLabels();
                if (namespace.equals(clientNamespace) && clientLabels.entrySet().containsAll(want.entrySet())) {
                    selected.add(r);
                }
                continue;
            }
            visible.add(r);
        }
        Applied a = mostSpecific(selected, hostname);
        return a != null ? a : mostSpecific(visible, hostname);
    }

    /** Exact host first, else the longest wildcard; rules with that same host string merge (§6.2). */
    private static Applied mostSpecific(List<Rule> rules, String hostname) {
        String best = bestHost(rules, hostname);
        if (best == null) {
            return null;
        }
        List<Rule> merged = new ArrayList<>();
        for (Rule r : rules) {
            if (r.host().equals(best)) {
                merged.add(r);
            }
        }
        return Applied.merge(merged.stream().map(Rule::dr).toList());
    }

    /** The most specific rule host for a hostname: an exact match, else the longest covering wildcard; or {@code null}. */
    private static String bestHost(List<Rule> rules, String hostname) {
        String best = null;
        for (Rule r : rules) {
            if (r.host().equalsIgnoreCase(hostname)) {
                best = r.host();
                break;
            }
            if (Hosts.isWildcard(r.host()) && Hosts.subsetOf(hostname, r.host())
                    && (best == null || r.host().length() > best.length())) {
                best = r.host();
            }
        }
        return best;
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
     */
    public record Applied(ResourceRef ref, String host, TrafficPolicy trafficPolicy, List<Subset> subsets) {

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
                    List.copyOf(subsets.values()));
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
         * The load-balancer settings of the cluster for a service port and subset (§6.3): the top
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
         * The outlier detection of the cluster for a service port and subset, by the same
         * precedence as {@link #loadBalancerSettings}; {@code null} when none applies (no detection).
         */
        public OutlierDetection outlierDetection(int port, String subsetName) {
            return effective(port, subsetName, TrafficPolicy::outlierDetection, PortTrafficPolicy::outlierDetection);
        }

        /**
         * The connection pool an inbound cluster takes from this rule (§6.6, {@code buildInboundCluster}):
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

    /** Istio's {@code applyLoadBalancer}: the Envoy policy for DestinationRule settings (§6.4). */
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
