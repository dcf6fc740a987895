package dev.meshtest.internal.analysis;

import dev.meshtest.config.istio.Sidecar;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.LabelSelector;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Istio's {@code sidecar.SelectorAnalyzer} ({@code analyzers/sidecar/selector.go}): a Sidecar
 * whose {@code workloadSelector} selects no pod of its namespace (IST0101), a pod selected by
 * several Sidecars (IST0110, once per Sidecar), and a namespace with several Sidecars without a
 * selector (IST0111, once per Sidecar). In each case which Sidecar applies depends on creation
 * order alone.
 */
final class SidecarSelectorAnalyzer {

    private SidecarSelectorAnalyzer() {
    }

    static void analyze(Context c) {
        Map<String, List<StoredConfig<Sidecar>>> bySelectedPod = new TreeMap<>();
        Map<String, List<StoredConfig<Sidecar>>> withoutSelector = new TreeMap<>();
        for (StoredConfig<Sidecar> stored : c.state.configs(Sidecar.class)) {
            Sidecar s = stored.resource();
            Map<String, String> labels = s.spec() == null || s.spec().workloadSelector() == null ? Map.of()
                    : s.spec().workloadSelector().labels();
            if (labels.isEmpty()) {
                withoutSelector.computeIfAbsent(s.namespace(), k -> new ArrayList<>()).add(stored);
                continue;
            }
            boolean found = false;
            for (ClusterPod p : c.state.pods(s.namespace())) {
                if (LabelSelector.matches(labels, p.labels())) {
                    found = true;
                    bySelectedPod.computeIfAbsent(p.namespace() + "/" + p.name(), k -> new ArrayList<>()).add(stored);
                }
            }
            if (!found) {
                String selector = selectorString(labels);
                String first = new TreeMap<>(labels).firstKey();
                c.report(Code.REFERENCED_RESOURCE_NOT_FOUND, stored, "spec.workloadSelector.labels." + first, "selector", selector);
            }
        }
        bySelectedPod.forEach((pod, sidecars) -> {
            if (sidecars.size() > 1) {
                int slash = pod.indexOf('/');
                for (StoredConfig<Sidecar> s : sidecars) {
                    c.report(Code.CONFLICTING_SIDECAR_WORKLOAD_SELECTORS, s, "metadata.name", names(sidecars),
                            pod.substring(0, slash), pod.substring(slash + 1));
                }
            }
        });
        withoutSelector.forEach((ns, sidecars) -> {
            if (sidecars.size() > 1) {
                for (StoredConfig<Sidecar> s : sidecars) {
                    c.report(Code.MULTIPLE_SIDECARS_WITHOUT_WORKLOAD_SELECTORS, s, null, names(sidecars), ns);
                }
            }
        });
    }

    /** {@code getNames}: the Sidecars' names, sorted. */
    private static List<String> names(List<StoredConfig<Sidecar>> sidecars) {
        return sidecars.stream().map(s -> s.resource().name()).sorted().toList();
    }

    /** Kubernetes' selector text: {@code app=x,version=y}, keys sorted. */
    private static String selectorString(Map<String, String> labels) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }
}
