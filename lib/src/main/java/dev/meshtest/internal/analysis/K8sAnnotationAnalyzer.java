package dev.meshtest.internal.analysis;

import dev.meshtest.config.Resource;
import dev.meshtest.config.kube.Deployment;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.Pod;
import dev.meshtest.config.kube.Service;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.InjectionDecision;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Istio's {@code annotations.K8sAnalyzer} ({@code annotations/annotations.go}) on Namespaces,
 * Services, Pods and Deployments: an annotation of an {@code *istio.io} domain Istio does not
 * define (IST0108), a deprecated one (IST0135, Info), one on a kind it does not apply to (IST0107:
 * Istio's pod annotations belong on the pod template, not on the Deployment). Pods of Deployments
 * carry their template's annotations. Istio's own {@code sidecar.istio.io/status},
 * {@code gateway.istio.io/controller-version} and {@code istio.io/rev} are skipped, as istioctl does.
 */
final class K8sAnnotationAnalyzer {

    private static final Set<String> ALWAYS_IGNORED = Set.of("sidecar.istio.io/status", "gateway.istio.io/controller-version",
            "istio.io/rev");

    private K8sAnnotationAnalyzer() {
    }

    /** Where a message about one annotation goes: the object's annotation line, or the pod the cluster made. */
    private interface Reporter {
        void report(Code code, String annotation, Object... args);
    }

    static void analyze(Context c) {
        for (StoredConfig<Namespace> s : c.state.configs(Namespace.class)) {
            check("Namespace", s.resource().metadata().annotations(), Map.of(), stored(c, s));
        }
        for (StoredConfig<Service> s : c.state.configs(Service.class)) {
            check("Service", s.resource().metadata().annotations(), Map.of(), stored(c, s));
        }
        for (StoredConfig<Deployment> s : c.state.configs(Deployment.class)) {
            check("Deployment", s.resource().metadata().annotations(), Map.of(), stored(c, s));
        }
        for (ClusterPod pod : c.state.pods()) {
            Reporter r = c.state.configs(Pod.class).stream()
                    .filter(s -> s.resource().namespace().equals(pod.namespace()) && s.resource().name().equals(pod.name()))
                    .findFirst().map(s -> stored(c, s))
                    .orElse((code, ann, args) -> c.report(code, "Pod", pod.namespace(), pod.name(), args));
            check("Pod", pod.annotations(), pod.labels(), r);
        }
    }

    private static Reporter stored(Context c, StoredConfig<? extends Resource> s) {
        return (code, ann, args) -> c.report(code, s, "metadata.annotations." + ann, args);
    }

    /** {@code allowAnnotations}. */
    private static void check(String kind, Map<String, String> annotations, Map<String, String> labels, Reporter r) {
        for (String ann : new TreeMap<>(annotations).keySet()) {
            if (!istioAnnotation(ann) || ALWAYS_IGNORED.contains(ann)) {
                continue;
            }
            IstioAnnotations.Definition def = IstioAnnotations.ALL.get(ann);
            if (def == null) {
                r.report(Code.UNKNOWN_ANNOTATION, ann, ann);
                continue;
            }
            if (def.deprecated() && !(ann.equals(InjectionDecision.INJECT) && labels.containsKey(InjectionDecision.INJECT))) {
                String extra = ann.equals(InjectionDecision.INJECT) ? " in favor of the \"sidecar.istio.io/inject\" label" : "";
                r.report(Code.DEPRECATED_ANNOTATION, ann, ann, extra);
            }
            if (!def.resources().contains("Any") && !def.resources().contains(kind)) {
                r.report(Code.MISPLACED_ANNOTATION, ann, ann, String.join(", ", def.resources()));
            }
        }
    }

    /** {@code istioAnnotation}: {@code kubernetes.io/ingress.class}, or a key whose domain ends in {@code istio.io}. */
    private static boolean istioAnnotation(String ann) {
        if (ann.equals("kubernetes.io/ingress.class")) {
            return true;
        }
        int slash = ann.indexOf('/');
        return (slash < 0 ? ann : ann.substring(0, slash)).endsWith("istio.io");
    }
}
