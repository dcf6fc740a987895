package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.internal.cluster.ClusterPod;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ReplicaSets and DaemonSets applied on their own: their pods back Services as a Deployment's do. */
class ReplicaSetDaemonSetTest {

    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: front}
            spec:
              selector: {app: front}
              ports: [{name: http, port: 80, targetPort: 8080}]
            ---
            """;

    private static String replicaSet(int replicas, String image) {
        return SERVICE + """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: front}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: front}}
                  template:
                    metadata: {labels: {app: front}}
                    spec: {containers: [{name: web, image: %s, ports: [{containerPort: 8080}]}]}
                """.formatted(replicas, image);
    }

    private static String daemonSet(String image, String strategy) {
        return SERVICE + """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: front}
                spec:
                  selector: {matchLabels: {app: front}}
                  template:
                    metadata: {labels: {app: front}}
                    spec: {containers: [{name: web, image: %s, ports: [{containerPort: 8080}]}]}
                %s""".formatted(image, strategy);
    }

    private static List<ClusterPod> pods(Mesh mesh) {
        return Internals.state(mesh).workloadPods("default", "front");
    }

    @Test
    @DisplayName("a ReplicaSet's pods serve its Service; a new template touches no running pod; a deleted pod is replaced")
    void replicaSet() {
        Mesh mesh = helloworld().apply(replicaSet(2, "web:1"));
        assertThat(pods(mesh)).hasSize(2).allMatch(p -> p.name().matches("front-[bcdfghjklmnpqrstvwxz2456789]{5}"));
        assertThat(mesh.send(20).from("nginx").to("front/").countByWorkload()).containsOnlyKeys("front");
        List<String> ips = pods(mesh).stream().map(ClusterPod::ip).toList();
        mesh.apply(replicaSet(2, "web:2"));
        assertThat(pods(mesh)).extracting(ClusterPod::ip).containsExactlyElementsOf(ips);
        mesh.apply(replicaSet(1, "web:2"));
        assertThat(pods(mesh)).hasSize(1);
        mesh.delete(new ResourceRef("Pod", "default", pods(mesh).get(0).name()));
        assertThat(pods(mesh)).hasSize(1).extracting(ClusterPod::ip).doesNotContainAnyElementsOf(ips);
        assertThat(mesh.lastApply().toString()).contains("pod/");
    }

    @Test
    @DisplayName("a DaemonSet runs one pod on meshtest's one node; a new template replaces it unless OnDelete")
    void daemonSet() {
        Mesh mesh = helloworld().apply(daemonSet("agent:1", ""));
        assertThat(pods(mesh)).hasSize(1);
        assertThat(mesh.lastApply().toString()).contains("daemonset.apps/front created");
        String ip = pods(mesh).get(0).ip();
        mesh.apply(daemonSet("agent:2", ""));
        assertThat(pods(mesh)).hasSize(1).extracting(ClusterPod::ip).doesNotContain(ip);
        Mesh onDelete = helloworld().apply(daemonSet("agent:1", "  updateStrategy: {type: OnDelete}\n"));
        String kept = pods(onDelete).get(0).ip();
        onDelete.apply(daemonSet("agent:2", "  updateStrategy: {type: OnDelete}\n"));
        assertThat(pods(onDelete)).extracting(ClusterPod::ip).containsExactly(kept);
        // Back to RollingUpdate with the same template: the pod of the older revision is replaced now.
        onDelete.apply(daemonSet("agent:2", ""));
        assertThat(pods(onDelete)).hasSize(1).extracting(ClusterPod::ip).doesNotContain(kept);
    }

    @Test
    @DisplayName("Kubernetes' words for an empty selector; one name per workload in a namespace")
    void validation() {
        assertThatThrownBy(() -> helloworld().apply(replicaSet(1, "web:1").replace("selector: {matchLabels: {app: front}}",
                "selector: {}"))).isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("ReplicaSet default/front: spec.selector: Invalid value: \"{}\": empty selector is invalid for deployment");
        assertThatThrownBy(() -> helloworld().apply(daemonSet("a", "").replace("selector: {matchLabels: {app: front}}",
                "selector: {}"))).isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("empty selector is invalid for daemonset");
        assertThatThrownBy(() -> helloworld().apply(replicaSet(1, "web:1")).apply(daemonSet("a", "")))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("a DaemonSet and a ReplicaSet may not both be named default/front");
    }
}
