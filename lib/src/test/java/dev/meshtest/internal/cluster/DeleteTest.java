package dev.meshtest.internal.cluster;

import static dev.meshtest.internal.cluster.K8s.cport;
import static dev.meshtest.internal.cluster.K8s.deployment;
import static dev.meshtest.internal.cluster.K8s.m;
import static dev.meshtest.internal.cluster.K8s.ns;
import static dev.meshtest.internal.cluster.K8s.pod;
import static dev.meshtest.internal.cluster.K8s.port;
import static dev.meshtest.internal.cluster.K8s.svc;
import static dev.meshtest.internal.cluster.K8s.vs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.Resource;
import dev.meshtest.config.ResourceRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeleteTest {

    @Test
    void deleteReportsKubectlLinesAndBumpsTheVersion() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(svc("web", null, Map.of("app", "web"), port("http", 80)), vs("web", null, "web")));
        long v = c.state().version();
        ApplyResult r = c.delete(m(vs("web", null, "web"), svc("web", null, Map.of("app", "web"), port("http", 80))));
        assertThat(r.lines()).containsExactly("virtualservice.networking.istio.io/web deleted", "service/web deleted");
        assertThat(c.state().version()).isEqualTo(v + 1);
        assertThat(c.state().service("default", "web")).isEmpty();
        assertThat(c.state().configs(Resource.class)).noneMatch(s -> s.ref().name().equals("web"));
    }

    @Test
    void unknownObjectsAreNotFoundAndNothingIsDeleted() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(vs("web", null, "web")));
        ClusterState before = c.state();
        MeshConfigException e = ApplyTest.catchMesh(() -> c.delete(m(vs("web", null, "web"),
                deployment("nope", null, 1, Map.of("app", "x")))));
        assertThat(e.problems()).extracting(MeshConfigException.Problem::reason)
                .containsExactly("deployments.apps \"nope\" not found");
        assertThat(c.state()).isSameAs(before);

        assertThat(ApplyTest.catchMesh(() -> c.delete(new ResourceRef("Service", "default", "gone"))).getMessage())
                .isEqualTo("Service default/gone: services \"gone\" not found");
        assertThat(ApplyTest.catchMesh(() -> c.delete(new ResourceRef("DestinationRule", "default", "gone")))
                .problems().get(0).reason()).isEqualTo("destinationrules.networking.istio.io \"gone\" not found");
        assertThat(ApplyTest.catchMesh(() -> c.delete(new ResourceRef("Namespace", "", "default")))
                .problems().get(0).reason()).isEqualTo("namespaces \"default\" is forbidden: this namespace may not be deleted");
    }

    @Test
    void deletingANamespaceDeletesWhatIsInIt() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(ns("shop"), svc("cart", "shop", Map.of("app", "cart"), port("http", 80)),
                deployment("cart", "shop", 2, Map.of("app", "cart"), cport(80)), vs("cart", "shop", "cart"),
                pod("keep", null, Map.of())));
        ApplyResult r = c.delete(new ResourceRef("Namespace", "", "shop"));
        assertThat(r.lines()).containsExactly("namespace/shop deleted");
        ClusterState s = c.state();
        assertThat(s.namespace("shop")).isEmpty();
        assertThat(s.services()).extracting(ClusterService::namespace).doesNotContain("shop");
        assertThat(s.pods()).extracting(ClusterPod::namespace).doesNotContain("shop");
        assertThat(s.configs(Resource.class)).noneMatch(x -> x.ref().namespace().equals("shop"));
        assertThat(s.pod("default", "keep")).isPresent();
        // and objects can no longer be applied there
        assertThat(ApplyTest.catchMesh(() -> c.apply(m(vs("cart", "shop", "cart")))).problems().get(0).reason())
                .isEqualTo("namespaces \"shop\" not found");
    }

    @Test
    void deletingADeploymentDeletesItsPodsButDeletingOnePodMakesANewOne() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(deployment("web", null, 2, Map.of("app", "web"), cport(80))));
        ClusterPod first = c.state().workloadPods("default", "web").get(0);

        ApplyResult r = c.delete(new ResourceRef("Pod", "default", first.name()));
        assertThat(r.lines()).containsExactly("pod/" + first.name() + " deleted");
        assertThat(c.state().workloadPods("default", "web")).hasSize(2)
                .noneMatch(p -> p.name().equals(first.name()));

        c.delete(new ResourceRef("Deployment", "default", "web"));
        assertThat(c.state().workloadPods("default", "web")).isEmpty();
        assertThat(c.state().pods()).hasSize(1); // the ingress gateway
    }

    @Test
    void deletingABarePodRemovesIt() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(pod("nginx", null, Map.of("run", "nginx"))));
        c.delete(m(pod("nginx", null, Map.of("run", "nginx"))));
        assertThat(c.state().pod("default", "nginx")).isEmpty();
    }
}
