package dev.meshtest.internal.cluster;

import static dev.meshtest.internal.cluster.K8s.cport;
import static dev.meshtest.internal.cluster.K8s.deployment;
import static dev.meshtest.internal.cluster.K8s.m;
import static dev.meshtest.internal.cluster.K8s.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.kube.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DeploymentPodsTest {

    static final String SAFE = "[bcdfghjklmnpqrstvwxz2456789]";
    static final Map<String, String> V1 = Map.of("app", "helloworld", "version", "v1");

    static List<String> podNames(long seed, Deployment d) {
        Cluster c = Cluster.withIstio(seed);
        c.apply(m(d));
        return c.state().workloadPods("default", d.name()).stream().map(ClusterPod::name).toList();
    }

    @Test
    void podsAreNamedLikeKubernetesAndStableForASeed() {
        Deployment d = deployment("helloworld-v1", null, 3, V1, cport(5000));
        List<String> names = podNames(42, d);
        assertThat(names).hasSize(3).allMatch(n -> n.matches("helloworld-v1-" + SAFE + "{10}-" + SAFE + "{5}"));
        assertThat(names).doesNotHaveDuplicates();
        String hash = names.get(0).substring("helloworld-v1-".length(), "helloworld-v1-".length() + 10);
        assertThat(names).allMatch(n -> n.startsWith("helloworld-v1-" + hash + "-"));

        assertThat(podNames(42, d)).isEqualTo(names);
        assertThat(podNames(43, d)).isNotEqualTo(names)
                .allMatch(n -> n.startsWith("helloworld-v1-" + hash + "-")); // the hash depends on the template only
    }

    @Test
    void podNamesAreTheSameOnEveryJvm() {
        // Golden values: a change here breaks every user's pinned pod names.
        assertThat(podNames(42, deployment("helloworld-v1", null, 2, V1, cport(5000))))
                .containsExactly("helloworld-v1-7c455c6675-h5ptg", "helloworld-v1-7c455c6675-vrhf5");
    }

    @Test
    void podNamesDoNotDependOnTheDefaultLocale() {
        // A locale with its own digits once gave other pod-template-hashes (String.format's digits).
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG-u-nu-arab"));
            assertThat(podNames(42, deployment("helloworld-v1", null, 2, V1, cport(5000))))
                    .containsExactly("helloworld-v1-7c455c6675-h5ptg", "helloworld-v1-7c455c6675-vrhf5");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void theTemplateHashDoesNotDependOnMapOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("app", "helloworld");
        ab.put("version", "v1");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("version", "v1");
        ba.put("app", "helloworld");
        assertThat(podNames(1, deployment("helloworld-v1", null, 1, ab, cport(5000))))
                .isEqualTo(podNames(1, deployment("helloworld-v1", null, 1, ba, cport(5000))));
        assertThat(Cluster.podTemplateHash(deployment("x", null, 1, ab, cport(5000)).spec().template()))
                .isEqualTo(Cluster.podTemplateHash(deployment("x", null, 1, new TreeMap<>(ba), cport(5000))
                        .spec().template()));
    }

    @Test
    void podsCarryTheTemplateAndAPodTemplateHashLabel() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(deployment("helloworld-v1", null, 1, V1, Map.of("prometheus.io/scrape", "true"), cport(5000))));
        ClusterPod p = c.state().pods("default").get(0);
        String hash = p.name().split("-")[2];
        assertThat(p.labels()).isEqualTo(Map.of("app", "helloworld", "version", "v1", "pod-template-hash", hash));
        assertThat(p.annotations()).isEqualTo(Map.of("prometheus.io/scrape", "true"));
        assertThat(p.workload()).isEqualTo("helloworld-v1");
        assertThat(p.serviceAccount()).isEqualTo("default");
        assertThat(p.proxy()).isEqualTo(ProxyKind.SIDECAR);
    }

    @Test
    void replicasAreHonoured() {
        assertThat(podNames(1, deployment("a", null, 3, V1))).hasSize(3);
        assertThat(podNames(1, deployment("a", null, null, V1))).hasSize(1);
        assertThat(podNames(1, deployment("a", null, 0, V1))).isEmpty();
    }

    @Test
    void reapplyingKeepsPodsScalingAddsOrRemovesAndATemplateChangeReplacesThem() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(deployment("web", null, 2, V1, cport(80))));
        List<ClusterPod> two = c.state().workloadPods("default", "web");

        c.apply(m(deployment("web", null, 2, V1, cport(80))));
        assertThat(c.state().workloadPods("default", "web")).isEqualTo(two);

        c.apply(m(deployment("web", null, 3, V1, cport(80))));
        List<ClusterPod> three = c.state().workloadPods("default", "web");
        assertThat(three).hasSize(3).startsWith(two.get(0), two.get(1));
        assertThat(three.get(2).ip()).isEqualTo("10.244.0.4");

        // scale down: not-ready pods go first, then the newest
        c.setReady("default", three.get(0).name(), false);
        c.apply(m(deployment("web", null, 1, V1, cport(80))));
        assertThat(c.state().workloadPods("default", "web")).extracting(ClusterPod::name)
                .containsExactly(three.get(1).name());

        c.apply(m(deployment("web", null, 1, V1, cport(8080))));
        List<ClusterPod> replaced = c.state().workloadPods("default", "web");
        assertThat(replaced).hasSize(1);
        assertThat(replaced.get(0).name()).isNotEqualTo(three.get(1).name());
        assertThat(replaced.get(0).name().split("-")[1]).isNotEqualTo(three.get(1).name().split("-")[1]);
        assertThat(replaced.get(0).ip()).isEqualTo("10.244.0.5"); // IPs are never reused
    }

    @Test
    void changingOnlyTheDeploymentsOwnLabelsKeepsPods() {
        Cluster c = Cluster.withIstio(1);
        Deployment d = deployment("web", null, 2, V1, cport(80));
        c.apply(m(d));
        List<ClusterPod> before = c.state().workloadPods("default", "web");
        Deployment relabelled = new Deployment(d.apiVersion(), d.kind(),
                dev.meshtest.config.ObjectMeta.of("web", null, Map.of("team", "a")), d.spec());
        assertThat(c.apply(m(relabelled)).lines()).containsExactly("deployment.apps/web configured");
        assertThat(c.state().workloadPods("default", "web")).isEqualTo(before);
    }

    @Test
    void bareAndDeploymentPodsGetIpsInCreationOrder() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(pod("nginx", null, Map.of("run", "nginx")), deployment("web", null, 2, V1)));
        assertThat(c.state().pods()).extracting(p -> p.workload() + "=" + p.ip()).containsExactly(
                "istio-ingressgateway=10.244.0.1", "nginx=10.244.0.2", "web=10.244.0.3", "web=10.244.0.4");
        assertThat(c.state().pod("default", "nginx").orElseThrow().workload()).isEqualTo("nginx");
        assertThat(c.state().podByIp("10.244.0.2")).map(ClusterPod::name).contains("nginx");
    }
}
