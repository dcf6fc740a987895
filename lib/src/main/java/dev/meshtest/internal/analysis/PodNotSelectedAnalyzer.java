package dev.meshtest.internal.analysis;

import dev.meshtest.internal.cluster.LabelSelector;
import dev.meshtest.config.istio.DestinationRule;
import dev.meshtest.config.istio.Subset;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Istio's {@code destinationrule.SubsetSelectPodAnalyzer} ({@code destinationrule/subset.go}): a
 * subset whose labels (with the ServiceEntry's workload selector) select no pod in the cluster
 * (IST0173): requests routed to it get 503 UH. As Istio's, the pods need not be the host's: any pod
 * with the labels will do. DestinationRules for an unknown host are skipped here.
 */
final class PodNotSelectedAnalyzer {

    private PodNotSelectedAnalyzer() {
    }

    static void analyze(Context c, ServiceEntryHosts hosts) {
        List<ClusterPod> pods = c.state.pods();
        for (StoredConfig<DestinationRule> stored : c.state.configs(DestinationRule.class)) {
            DestinationRule dr = stored.resource();
            if (dr.spec() == null || dr.spec().host() == null) {
                continue;
            }
            ServiceEntryHosts.Entry se = hosts.lookup(dr.namespace(), dr.spec().exportTo(), dr.spec().host());
            if (se == null) {
                continue;
            }
            List<Subset> subsets = dr.spec().subsets();
            for (int i = 0; i < subsets.size(); i++) {
                Map<String, String> selector = new HashMap<>(se.workloadSelector());
                if (subsets.get(i).labels() != null) {
                    selector.putAll(subsets.get(i).labels());
                }
                boolean selected = pods.stream().anyMatch(p -> LabelSelector.matches(selector, p.labels()));
                if (!selected) {
                    c.report(Code.DESTINATION_RULE_SUBSET_NOT_SELECT_PODS, stored, "spec.subsets[" + i + "]", subsets.get(i).name());
                }
            }
        }
    }
}
