package dev.meshtest.internal.analysis;

import dev.meshtest.internal.cluster.LabelSelector;
import dev.meshtest.config.istio.Gateway;
import dev.meshtest.config.istio.Server;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Istio's {@code gateway.ConflictingGatewayAnalyzer} ({@code gateway/conflictinggateway.go}): two
 * Gateways for the same workloads (equal selectors, or selectors one containing the other that
 * select a common pod) with servers on one port that share a host with the same {@code bind}
 * (IST0145, once per server). On the gateway only one of them takes effect.
 */
final class ConflictingGatewayAnalyzer {

    private ConflictingGatewayAnalyzer() {
    }

    static void analyze(Context c) {
        List<StoredConfig<Gateway>> gateways = c.state.configs(Gateway.class);
        for (StoredConfig<Gateway> stored : gateways) {
            Gateway gw = stored.resource();
            if (gw.spec() == null) {
                continue;
            }
            String selector = selector(gw);
            String name = gw.namespace() + "/" + gw.name();
            for (Server server : gw.spec().servers()) {
                if (server == null || server.port() == null) {
                    continue;
                }
                List<String> conflicting = new ArrayList<>();
                for (StoredConfig<Gateway> other : gateways) {
                    Gateway o = other.resource();
                    String otherName = o.namespace() + "/" + o.name();
                    if (o.spec() == null || otherName.equals(name) || !sameWorkloads(c, gw, o)) {
                        continue;
                    }
                    for (Server os : o.spec().servers()) {
                        if (os != null && os.port() != null && Objects.equals(os.port().number(), server.port().number())
                                && sharesHost(server, os)) {
                            conflicting.add(otherName);
                        }
                    }
                }
                if (!conflicting.isEmpty()) {
                    conflicting.sort(null);
                    c.report(Code.CONFLICTING_GATEWAYS, stored, null, String.join(",", conflicting), selector,
                            String.valueOf(server.port().number()), String.join(",", server.hosts()));
                }
            }
        }
    }

    /** Kubernetes' label selector text: {@code app=x,istio=y}, keys sorted. */
    static String selector(Gateway gw) {
        Map<String, String> sel = gw.spec().selector() == null ? Map.of() : gw.spec().selector();
        return String.join(",", new TreeMap<>(sel).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static boolean sameWorkloads(Context c, Gateway a, Gateway b) {
        String sa = selector(a);
        String sb = selector(b);
        if (sa.equals(sb)) {
            return true;
        }
        if (!sa.contains(sb) && !sb.contains(sa)) {
            return false;
        }
        Map<String, String> la = a.spec().selector() == null ? Map.of() : a.spec().selector();
        Map<String, String> lb = b.spec().selector() == null ? Map.of() : b.spec().selector();
        for (ClusterPod p : c.state.pods()) {
            if (LabelSelector.matches(la, p.labels()) && LabelSelector.matches(lb, p.labels())) {
                return true;
            }
        }
        return false;
    }

    /** {@code model.CheckDuplicates}: a host of one server the other serves with the same bind. */
    private static boolean sharesHost(Server a, Server b) {
        String bindA = a.bind() == null ? "" : a.bind();
        String bindB = b.bind() == null ? "" : b.bind();
        return bindA.equals(bindB) && a.hosts().stream().anyMatch(b.hosts()::contains);
    }
}
