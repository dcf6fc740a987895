package dev.meshtest.internal.cluster;

import static dev.meshtest.internal.cluster.K8s.m;
import static dev.meshtest.internal.cluster.K8s.ns;
import static dev.meshtest.internal.cluster.K8s.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** istio-rules §1.3, every row, through the cluster (pods created in labelled namespaces). */
class InjectionTest {

    /**
     * Columns: namespace label istio-injection, namespace label istio.io/rev, pod label
     * sidecar.istio.io/inject, pod annotation sidecar.istio.io/inject, injected?
     */
    @ParameterizedTest(name = "ns istio-injection={0} rev={1}, pod label={2} annotation={3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            // istio-injection=enabled: label absent or true, annotation absent or true
            "enabled,  -,      -,     -,     true",
            "enabled,  -,      true,  -,     true",
            "enabled,  -,      -,     true,  true",
            "enabled,  -,      true,  true,  true",
            // label false: webhook not called
            "enabled,  -,      false, -,     false",
            "enabled,  -,      false, true,  false",
            // label absent, annotation false: the injector honours the annotation
            "enabled,  -,      -,     false, false",
            // label present wins over the annotation
            "enabled,  -,      true,  false, true",
            // annotation value other than true/false: default policy (enabled)
            "enabled,  -,      -,     maybe, true",
            // istio-injection=disabled: never
            "disabled, -,      -,     -,     false",
            "disabled, -,      true,  -,     false",
            "disabled, -,      true,  true,  false",
            "disabled, canary, true,  -,     false",
            // no namespace labels: the pod label true injects, the annotation alone never
            "-,        -,      true,  -,     true",
            "-,        -,      true,  false, true",
            "-,        -,      true,  true,  true",
            "-,        -,      -,     true,  false",
            "-,        -,      -,     -,     false",
            "-,        -,      false, -,     false",
            // istio.io/rev without istio-injection: injected unless the pod label is false
            "-,        canary, -,     -,     true",
            "-,        canary, true,  -,     true",
            "-,        canary, -,     false, false",
            "-,        canary, false, -,     false",
            // both namespace labels: the legacy label decides
            "enabled,  canary, -,     -,     true",
    })
    void injectionTable(String nsInjection, String nsRev, String podLabel, String podAnnotation, boolean injected) {
        Map<String, String> nsLabels = new HashMap<>();
        if (nsInjection != null) {
            nsLabels.put("istio-injection", nsInjection);
        }
        if (nsRev != null) {
            nsLabels.put("istio.io/rev", nsRev);
        }
        Map<String, String> labels = new HashMap<>(Map.of("app", "client"));
        if (podLabel != null) {
            labels.put("sidecar.istio.io/inject", podLabel);
        }
        Map<String, String> annotations = new HashMap<>();
        if (podAnnotation != null) {
            annotations.put("sidecar.istio.io/inject", podAnnotation);
        }
        Cluster c = Cluster.empty(1);
        c.apply(m(ns("shop", nsLabels), pod("client", "shop", labels, annotations, false)));

        ClusterPod p = c.state().pod("shop", "client").orElseThrow();
        assertThat(p.injected()).as(p.injection().reason()).isEqualTo(injected);
        assertThat(p.proxy()).isEqualTo(injected ? ProxyKind.SIDECAR : ProxyKind.NONE);
        assertThat(c.state().injected("shop", "client")).contains(p.injection());
    }

    @Test
    void podRevisionLabelInjectsInUnlabelledNamespace() {
        InjectionDecision d = InjectionDecision.decide("shop", Map.of(), Map.of("istio.io/rev", "default"), Map.of(),
                false);
        assertThat(d).isEqualTo(new InjectionDecision(true, "pod has label istio.io/rev=default"));
    }

    @Test
    void hostNetworkIsNeverInjected() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(pod("node-agent", "default", Map.of("sidecar.istio.io/inject", "true"), Map.of(), true)));
        ClusterPod p = c.state().pod("default", "node-agent").orElseThrow();
        assertThat(p.injection()).isEqualTo(
                new InjectionDecision(false, "pods with hostNetwork: true are never injected"));
        assertThat(p.proxy()).isEqualTo(ProxyKind.NONE);
    }

    @Test
    void kubeSystemAndKubePublicAreNeverInjected() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(ns("kube-system", Map.of("istio-injection", "enabled")),
                ns("kube-public", Map.of("istio-injection", "enabled")),
                pod("dns", "kube-system", Map.of("sidecar.istio.io/inject", "true")),
                pod("info", "kube-public", Map.of())));
        assertThat(c.state().pod("kube-system", "dns").orElseThrow().injection())
                .isEqualTo(new InjectionDecision(false, "namespace kube-system is never injected"));
        assertThat(c.state().pod("kube-public", "info").orElseThrow().injected()).isFalse();
    }

    @Test
    void reasonsSayWhy() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(ns("plain"), pod("a", "default", Map.of()),
                pod("b", "plain", Map.of(), Map.of("sidecar.istio.io/inject", "true"), false),
                pod("c", "default", Map.of(), Map.of("sidecar.istio.io/inject", "false"), false)));
        ClusterState s = c.state();
        assertThat(s.pod("default", "a").orElseThrow().injection().reason())
                .isEqualTo("namespace default has label istio-injection=enabled");
        assertThat(s.pod("plain", "b").orElseThrow().injection().reason())
                .isEqualTo("namespace plain has neither label istio-injection=enabled nor istio.io/rev, and the pod"
                        + " has no label sidecar.istio.io/inject=true (the annotation alone does not trigger the webhook)");
        assertThat(s.pod("default", "c").orElseThrow().injection().reason())
                .isEqualTo("pod has annotation sidecar.istio.io/inject=false");
    }

    @Test
    void decisionIsTakenAtPodCreation() {
        Cluster c = Cluster.empty(1);
        c.apply(m(pod("early", "default", Map.of())));
        c.apply(m(ns("default", Map.of("istio-injection", "enabled")), pod("late", "default", Map.of())));
        assertThat(c.state().pod("default", "early").orElseThrow().proxy()).isEqualTo(ProxyKind.NONE);
        assertThat(c.state().pod("default", "late").orElseThrow().proxy()).isEqualTo(ProxyKind.SIDECAR);
    }

    @Test
    void gatewayTemplateMakesAGatewayProxy() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(pod("gw", "default", Map.of(), Map.of("inject.istio.io/templates", "gateway"), false)));
        assertThat(c.state().pod("default", "gw").orElseThrow().proxy()).isEqualTo(ProxyKind.GATEWAY);
    }
}
