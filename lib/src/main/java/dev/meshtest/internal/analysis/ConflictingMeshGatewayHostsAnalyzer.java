package dev.meshtest.internal.analysis;

import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Istio's {@code virtualservice.ConflictingMeshGatewayHostsAnalyzer}
 * ({@code conflictingmeshgatewayhosts.go}): VirtualServices bound to the mesh gateway (no
 * {@code gateways}, or {@code mesh} among them) that define the same host for the same scope of
 * namespaces (IST0109). On sidecars only the oldest of them is used (istio-rules §5.1).
 */
final class ConflictingMeshGatewayHostsAnalyzer {

    private ConflictingMeshGatewayHostsAnalyzer() {
    }

    static void analyze(Context c) {
        Map<String, List<StoredConfig<VirtualService>>> byScopedHost = new LinkedHashMap<>();
        for (StoredConfig<VirtualService> stored : c.state.configs(VirtualService.class)) {
            VirtualService vs = stored.resource();
            if (vs.spec() == null || !(vs.spec().gateways().isEmpty() || vs.spec().gateways().contains("mesh"))) {
                continue;
            }
            Set<String> scopes = new LinkedHashSet<>();
            List<String> exportTo = vs.spec().exportTo();
            if (exportTo.isEmpty() || exportTo.contains("*")) {
                scopes.add("*");
            } else {
                exportTo.forEach(e -> scopes.add(e.equals(".") ? vs.namespace() : e));
            }
            for (String scope : scopes) {
                for (String h : vs.spec().hosts()) {
                    byScopedHost.computeIfAbsent(scope + "/" + ServiceEntryHosts.fqdn(vs.namespace(), h), k -> new ArrayList<>())
                            .add(stored);
                }
            }
        }
        Set<String> reported = new HashSet<>();
        for (Map.Entry<String, List<StoredConfig<VirtualService>>> e : byScopedHost.entrySet()) {
            List<StoredConfig<VirtualService>> list = new ArrayList<>(e.getValue());
            String scope = e.getKey().substring(0, e.getKey().indexOf('/'));
            String host = e.getKey().substring(e.getKey().indexOf('/') + 1);
            if (!scope.equals("*")) {
                // getExportToAllNamespacesVSListForScopedHost: the exported-to-all ones whose host matches
                byScopedHost.forEach((k, v) -> {
                    if (k.startsWith("*/") && Hostnames.matches(host, k.substring(2))) {
                        list.addAll(v);
                    }
                });
            }
            if (list.size() < 2) {
                continue;
            }
            Set<String> names = new TreeSet<>();
            list.forEach(s -> names.add(s.resource().namespace() + "/" + s.resource().name()));
            String joined = String.join(",", names);
            for (StoredConfig<VirtualService> s : list) {
                String key = s.resource().namespace() + "/" + s.resource().name();
                if (reported.add(key)) {
                    c.report(Code.CONFLICTING_MESH_GATEWAY_VIRTUAL_SERVICE_HOSTS, s, "metadata.name", joined, e.getKey());
                }
            }
        }
    }
}
