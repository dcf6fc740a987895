package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Whether Istio's sidecar injector gave a pod a proxy when it was created, and why. The decision
 * is taken once, at pod creation, as in Kubernetes: labelling a namespace later does not inject
 * pods that already run (real clusters need {@code kubectl rollout restart}).
 *
 * <pre>{@code
 * InjectionDecision d = state.pod("default", "nginx").orElseThrow().injection();
 * d.injected();  // true
 * d.reason();    // "namespace default has label istio-injection=enabled"
 * }</pre>
 *
 * @param injected whether a proxy was injected
 * @param reason a sentence saying why, for explanations
 */
@API(status = INTERNAL, since = "0.1")
public record InjectionDecision(boolean injected, String reason) {

    /** Namespace label that turns injection on ({@code enabled}) or off (any other value). */
    public static final String NAMESPACE_LABEL = "istio-injection";
    /** Namespace or pod label naming a control-plane revision. */
    public static final String REVISION_LABEL = "istio.io/rev";
    /** Pod label (webhook selector) and annotation (injector policy) {@code sidecar.istio.io/inject}. */
    public static final String INJECT = "sidecar.istio.io/inject";

    /**
     * Namespaces the injector never touches ({@code IgnoredNamespaces} in
     * {@code pkg/kube/inject/initializer.go}).
     */
    public static final Set<String> IGNORED_NAMESPACES =
            Set.of("kube-system", "kube-public", "kube-node-lease", "local-path-storage");

    public InjectionDecision {
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Decides injection for a pod being created, as Istio does in two steps.
     *
     * <p>Rule, step 1 (which mutating webhook the API server calls; selectors from
     * {@code mutatingwebhook.yaml}): namespace label {@code istio-injection=enabled} and pod label
     * {@code sidecar.istio.io/inject} not {@code false}; or no {@code istio-injection} label,
     * namespace label {@code istio.io/rev} and pod label not {@code false}; or neither namespace
     * label and either pod label {@code istio.io/rev} (not disabled) or pod label
     * {@code sidecar.istio.io/inject=true}. Otherwise no webhook is called, so an annotation alone
     * never injects. Step 2 ({@code injectRequired} in {@code pkg/kube/inject/inject.go}): never
     * with {@code hostNetwork} or in an ignored namespace; the pod <em>label</em>, when present,
     * replaces the annotation; {@code true}/{@code false} decide; any other value or none falls
     * back to the default policy, which is "enabled".
     *
     * <p>Any {@code istio.io/rev} value counts as an installed revision (meshtest simulates one
     * control plane that answers to every revision).
     *
     * @param namespace the pod's namespace
     * @param namespaceLabels the namespace's labels at pod creation
     * @param podLabels the pod's labels
     * @param podAnnotations the pod's annotations
     * @param hostNetwork the pod's {@code spec.hostNetwork}
     */
    public static InjectionDecision decide(String namespace, Map<String, String> namespaceLabels,
                                           Map<String, String> podLabels, Map<String, String> podAnnotations,
                                           boolean hostNetwork) {
        if (IGNORED_NAMESPACES.contains(namespace)) {
            return no("namespace " + namespace + " is never injected");
        }
        if (hostNetwork) {
            return no("pods with hostNetwork: true are never injected");
        }
        String nsInjection = namespaceLabels.get(NAMESPACE_LABEL);
        String nsRevision = namespaceLabels.get(REVISION_LABEL);
        String podLabel = podLabels.get(INJECT);
        String podRevision = podLabels.get(REVISION_LABEL);
        boolean labelFalse = "false".equals(podLabel);

        String called;
        if ("enabled".equals(nsInjection) && !labelFalse) {
            called = "namespace " + namespace + " has label istio-injection=enabled";
        } else if (nsInjection == null && nsRevision != null && !labelFalse) {
            called = "namespace " + namespace + " has label istio.io/rev=" + nsRevision;
        } else if (nsInjection == null && nsRevision == null && podRevision != null && !labelFalse) {
            called = "pod has label istio.io/rev=" + podRevision;
        } else if (nsInjection == null && nsRevision == null && "true".equals(podLabel)) {
            called = "pod has label sidecar.istio.io/inject=true";
        } else {
            return no(notCalledReason(namespace, nsInjection, podLabel, podAnnotations.get(INJECT)));
        }

        // The injector itself: label wins over annotation; only "true"/"false" count.
        String policy = podLabel != null ? podLabel : podAnnotations.get(INJECT);
        if ("false".equals(policy)) {
            return no("pod has annotation sidecar.istio.io/inject=false");
        }
        return new InjectionDecision(true, called);
    }

    private static String notCalledReason(String namespace, String nsInjection, String podLabel, String annotation) {
        if (nsInjection != null && !"enabled".equals(nsInjection)) {
            return "namespace " + namespace + " has label istio-injection=" + nsInjection;
        }
        if ("false".equals(podLabel)) {
            return "pod has label sidecar.istio.io/inject=false";
        }
        String why = "namespace " + namespace + " has neither label istio-injection=enabled nor istio.io/rev,"
                + " and the pod has no label sidecar.istio.io/inject=true";
        if ("true".equals(annotation)) {
            why += " (the annotation alone does not trigger the webhook)";
        }
        return why;
    }

    private static InjectionDecision no(String reason) {
        return new InjectionDecision(false, reason);
    }
}
