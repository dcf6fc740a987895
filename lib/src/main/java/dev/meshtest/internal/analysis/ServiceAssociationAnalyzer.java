package dev.meshtest.internal.analysis;

import dev.meshtest.internal.cluster.LabelSelector;
import dev.meshtest.config.kube.Deployment;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServicePort;
import dev.meshtest.internal.cluster.ClusterNamespace;
import dev.meshtest.internal.cluster.InjectionDecision;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Istio's {@code deployment.ServiceAssociationAnalyzer} ({@code deployment/services.go}), for
 * Deployments in the mesh: Services selecting its pods that use one port with different
 * Kubernetes protocols (IST0116), or one target port behind different ports (IST0137).
 */
final class ServiceAssociationAnalyzer {

    private ServiceAssociationAnalyzer() {
    }

    static void analyze(Context c) {
        for (StoredConfig<Deployment> stored : c.state.configs(Deployment.class)) {
            Deployment d = stored.resource();
            if (d.spec() == null || d.spec().template() == null || d.spec().template().metadata() == null || !inMesh(c, d)) {
                continue;
            }
            Map<String, String> labels = d.spec().template().metadata().labels();
            List<StoredConfig<Service>> services = new ArrayList<>();
            for (StoredConfig<Service> s : c.state.configs(Service.class)) {
                var sel = s.resource().spec() == null ? null : s.resource().spec().selector();
                if (sel != null && !sel.isEmpty() && LabelSelector.matches(sel, labels)
                        && s.resource().namespace().equals(d.namespace())) {
                    services.add(s);
                }
            }
            // servicePortMap: port -> protocol -> services
            Map<Integer, Map<String, List<String>>> byPort = new TreeMap<>();
            // serviceTargetPortsMap: target port -> port -> service
            Map<String, Map<Integer, String>> byTarget = new TreeMap<>();
            for (StoredConfig<Service> s : services) {
                String name = s.resource().namespace() + "/" + s.resource().name();
                for (ServicePort p : s.resource().spec().ports()) {
                    String protocol = p.protocol() == null || p.protocol().isEmpty() ? "TCP" : p.protocol();
                    byPort.computeIfAbsent(p.port(), k -> new TreeMap<>()).computeIfAbsent(protocol, k -> new ArrayList<>()).add(name);
                    String target = p.targetPort() == null || p.targetPort().toString().equals("0") ? Integer.toString(p.port())
                            : p.targetPort().toString();
                    byTarget.computeIfAbsent(target, k -> new TreeMap<>()).put(p.port(), name);
                }
            }
            byPort.forEach((port, protocols) -> {
                if (protocols.size() > 1) {
                    List<String> names = new ArrayList<>();
                    protocols.values().forEach(names::addAll);
                    names.sort(null);
                    c.report(Code.DEPLOYMENT_ASSOCIATED_TO_MULTIPLE_SERVICES, stored, "metadata.name", d.name(), port, names);
                }
            });
            byTarget.forEach((target, ports) -> {
                if (ports.size() > 1) {
                    List<String> names = new ArrayList<>(ports.values());
                    names.sort(null);
                    c.report(Code.DEPLOYMENT_CONFLICTING_PORTS, stored, "metadata.name", d.name(), names, target,
                            new ArrayList<>(ports.keySet()));
                }
            });
        }
    }

    /** {@code DeploymentInMesh}: the pod template's inject label or annotation, else its namespace's label. */
    private static boolean inMesh(Context c, Deployment d) {
        var meta = d.spec().template().metadata();
        String label = meta.labels().get(InjectionDecision.INJECT);
        if (label != null) {
            return label.equals("true");
        }
        String anno = meta.annotations().get(InjectionDecision.INJECT);
        if (anno != null) {
            return anno.equals("true");
        }
        Optional<ClusterNamespace> ns = c.state.namespace(d.namespace());
        return ns.map(n -> "enabled".equals(n.labels().get(InjectionDecision.NAMESPACE_LABEL))
                || n.labels().containsKey(InjectionDecision.REVISION_LABEL)).orElse(false);
    }
}
