package dev.meshtest.internal.analysis;

import dev.meshtest.config.istio.AuthorizationPolicy;
import dev.meshtest.config.istio.AuthorizationPolicySpec;
import dev.meshtest.config.istio.AuthorizationRule;
import dev.meshtest.config.istio.AuthorizationRuleFrom;
import dev.meshtest.config.istio.AuthorizationSource;
import dev.meshtest.internal.cluster.ClusterNamespace;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.LabelSelector;
import dev.meshtest.internal.cluster.ProxyKind;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Istio's {@code authz.AuthorizationPoliciesAnalyzer} ({@code analyzers/authz/authorizationpolicies.go}):
 * a policy that selects no workload in the mesh (IST0127: with a selector, no pod with a proxy
 * carries its labels, in its namespace or, for the root namespace, anywhere; without one, its
 * namespace has no pod with a proxy), and a {@code namespaces} or {@code notNamespaces} value
 * that names no namespace (IST0101).
 */
final class AuthorizationPoliciesAnalyzer {

    /** The root namespace istioctl reads from its MeshConfig; meshtest's analysis uses Istio's default. */
    private static final String ROOT_NAMESPACE = "istio-system";

    private AuthorizationPoliciesAnalyzer() {
    }

    static void analyze(Context c) {
        Map<String, List<Map<String, String>>> podLabels = new TreeMap<>();
        for (ClusterPod p : c.state.pods()) {
            if (p.proxy() != ProxyKind.NONE) {
                podLabels.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p.labels());
            }
        }
        for (StoredConfig<AuthorizationPolicy> stored : c.state.configs(AuthorizationPolicy.class)) {
            noMatchingWorkloads(c, stored, podLabels);
            namespaceNotFound(c, stored);
        }
    }

    private static void noMatchingWorkloads(Context c, StoredConfig<AuthorizationPolicy> stored,
                                            Map<String, List<Map<String, String>>> podLabels) {
        AuthorizationPolicy ap = stored.resource();
        AuthorizationPolicySpec spec = ap.spec();
        Map<String, String> selector = spec == null || spec.selector() == null ? null : spec.selector().matchLabels();
        if (ap.namespace().equals(ROOT_NAMESPACE)) {
            if (selector != null && podLabels.values().stream().noneMatch(ls -> matchesAny(selector, ls))) {
                c.report(Code.NO_MATCHING_WORKLOADS_FOUND, stored, "spec.selector", selectorString(selector));
            }
            return;
        }
        if (selector == null) {
            if (podLabels.getOrDefault(ap.namespace(), List.of()).isEmpty()) {
                c.report(Code.NO_MATCHING_WORKLOADS_FOUND, stored, null, "");
            }
            return;
        }
        if (!matchesAny(selector, podLabels.getOrDefault(ap.namespace(), List.of()))) {
            c.report(Code.NO_MATCHING_WORKLOADS_FOUND, stored, "spec.selector", selectorString(selector));
        }
    }

    private static boolean matchesAny(Map<String, String> selector, List<Map<String, String>> labels) {
        return labels.stream().anyMatch(l -> LabelSelector.matches(selector, l));
    }

    /** {@code analyzeNamespaceNotFound}: each namespaces and notNamespaces value, matched against existing namespaces. */
    private static void namespaceNotFound(Context c, StoredConfig<AuthorizationPolicy> stored) {
        AuthorizationPolicySpec spec = stored.resource().spec();
        if (spec == null) {
            return;
        }
        for (int i = 0; i < spec.rules().size(); i++) {
            AuthorizationRule rule = spec.rules().get(i);
            for (int j = 0; rule != null && j < rule.from().size(); j++) {
                AuthorizationRuleFrom from = rule.from().get(j);
                AuthorizationSource s = from == null ? null : from.source();
                if (s == null) {
                    continue;
                }
                List<String> all = new ArrayList<>(s.namespaces());
                all.addAll(s.notNamespaces());
                for (int k = 0; k < all.size(); k++) {
                    String ns = all.get(k);
                    if (!matchNamespace(c, ns)) {
                        // Istio points at namespaces[k], counting notNamespaces from 0 too.
                        int index = k < s.namespaces().size() ? k : k - s.namespaces().size();
                        c.report(Code.REFERENCED_RESOURCE_NOT_FOUND, stored,
                                "spec.rules[" + i + "].from[" + j + "].source.namespaces[" + index + "]", "namespace", ns);
                    }
                }
            }
        }
    }

    private static boolean matchNamespace(Context c, String exp) {
        for (ClusterNamespace ns : c.state.namespaces()) {
            if (namespaceMatch(ns.name(), exp)) {
                return true;
            }
        }
        return false;
    }

    /** {@code namespaceMatch}: {@code *}, a prefix or suffix wildcard, else equal ignoring case. */
    private static boolean namespaceMatch(String ns, String exp) {
        if (exp.equals("*")) {
            return true;
        }
        if (exp.startsWith("*")) {
            return ns.endsWith(exp.substring(1));
        }
        if (exp.endsWith("*")) {
            return ns.startsWith(exp.substring(0, exp.length() - 1));
        }
        return ns.toLowerCase(Locale.ROOT).equals(exp.toLowerCase(Locale.ROOT));
    }

    /** Kubernetes' selector text: {@code app=x,version=y}, keys sorted. */
    private static String selectorString(Map<String, String> labels) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }
}
