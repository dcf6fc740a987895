package dev.meshtest.internal.analysis;

import dev.meshtest.config.istio.DestinationRule;
import dev.meshtest.config.istio.Subset;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.HashSet;
import java.util.Set;

/**
 * Istio's {@code virtualservice.DestinationRuleAnalyzer} ({@code destinationrules.go}): a
 * destination's subset that no DestinationRule for its host defines (IST0101
 * {@code host+subset in destinationrule}, {@code mirror+subset in destinationrule}). Hosts are
 * compared as {@code namespace/name}, each side from its own object's namespace.
 */
final class DestinationRuleAnalyzer {

    private DestinationRuleAnalyzer() {
    }

    static void analyze(Context c) {
        Set<String> defined = new HashSet<>();
        for (StoredConfig<DestinationRule> stored : c.state.configs(DestinationRule.class)) {
            DestinationRule dr = stored.resource();
            if (dr.spec() == null || dr.spec().host() == null) {
                continue;
            }
            String host = ServiceEntryHosts.resourceName(dr.namespace(), dr.spec().host());
            for (Subset s : dr.spec().subsets()) {
                defined.add(host + "+" + s.name());
            }
        }
        for (StoredConfig<VirtualService> stored : c.state.configs(VirtualService.class)) {
            VirtualService vs = stored.resource();
            if (vs.spec() == null) {
                continue;
            }
            for (Destinations d : Destinations.routes(vs.spec())) {
                check(c, defined, stored, d, "host+subset in destinationrule");
            }
            for (Destinations d : Destinations.mirrors(vs.spec())) {
                check(c, defined, stored, d, "mirror+subset in destinationrule");
            }
        }
    }

    private static void check(Context c, Set<String> defined, StoredConfig<VirtualService> stored, Destinations d, String what) {
        String subset = d.destination().subset();
        if (subset == null || subset.isEmpty()) {
            return;
        }
        String host = ServiceEntryHosts.resourceName(stored.resource().namespace(), d.destination().host());
        if (!defined.contains(host + "+" + subset)) {
            c.report(Code.REFERENCED_RESOURCE_NOT_FOUND, stored, d.path(), what, d.destination().host() + "+" + subset);
        }
    }
}
