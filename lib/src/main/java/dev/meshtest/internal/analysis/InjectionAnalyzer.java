package dev.meshtest.internal.analysis;

import dev.meshtest.config.kube.Namespace;
import dev.meshtest.internal.cluster.ClusterNamespace;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.InjectionDecision;
import dev.meshtest.internal.cluster.ProxyKind;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.HashSet;
import java.util.Set;

/**
 * Istio's {@code injection.Analyzer} ({@code injection/injection.go}): a namespace (other than
 * {@code istio-system}) with neither {@code istio-injection} nor {@code istio.io/rev} (IST0102,
 * Info), and a pod in an {@code istio-injection=enabled} namespace that did not opt out and has no
 * proxy (IST0103): created before the label, say.
 */
final class InjectionAnalyzer {

    private InjectionAnalyzer() {
    }

    static void analyze(Context c) {
        Set<String> injected = new HashSet<>();
        for (ClusterNamespace ns : c.state.namespaces()) {
            if (ns.name().equals("istio-system")) {
                continue;
            }
            String label = ns.labels().get(InjectionDecision.NAMESPACE_LABEL);
            boolean revision = ns.labels().containsKey(InjectionDecision.REVISION_LABEL);
            if ((label == null || label.isEmpty()) && !revision) {
                StoredConfig<Namespace> stored = c.state.configs(Namespace.class).stream()
                        .filter(s -> s.resource().name().equals(ns.name())).findFirst().orElse(null);
                if (stored != null) {
                    c.report(Code.NAMESPACE_NOT_INJECTED, stored, "metadata.name", ns.name(), ns.name());
                } else {
                    c.report(Code.NAMESPACE_NOT_INJECTED, "Namespace", "", ns.name(), ns.name(), ns.name());
                }
                continue;
            }
            if ("enabled".equals(label)) {
                injected.add(ns.name());
            }
        }
        for (ClusterPod pod : c.state.pods()) {
            if (!injected.contains(pod.namespace())) {
                continue;
            }
            String inject = pod.labels().getOrDefault(InjectionDecision.INJECT,
                    pod.annotations().getOrDefault(InjectionDecision.INJECT, ""));
            if (inject.equalsIgnoreCase("false") || pod.proxy() != ProxyKind.NONE || (pod.injection() != null && String.valueOf(pod.injection().reason()).contains("hostNetwork"))) {
                continue;
            }
            c.report(Code.POD_MISSING_PROXY, "Pod", pod.namespace(), pod.name(), pod.namespace() + "/" + pod.name());
        }
    }
}
