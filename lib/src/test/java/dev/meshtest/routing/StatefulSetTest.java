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

/** StatefulSets: stable pod names and each pod's DNS name under the headless Service (istio-rules §1.4, §2.7). */
class StatefulSetTest {

    private static String web(int replicas, String image, String extra) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  clusterIP: None
                  selector: {app: web}
                  ports: [{name: http, port: 8080}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: web}
                spec:
                  serviceName: web
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: %s, ports: [{containerPort: 8080}]}]}
                %s""".formatted(replicas, image, extra);
    }

    /** The pod that answered one request from nginx, or the status and flags. */
    private static String one(Mesh mesh, String url) {
        var o = mesh.send(1).from("nginx").to(url).outcomes().get(0);
        return o.pod().orElse(o.status() + " " + o.flagsText());
    }

    private static List<ClusterPod> pods(Mesh mesh) {
        return Internals.state(mesh).workloadPods("default", "web");
    }

    @Test
    @DisplayName("pods web-0..web-2, each reachable by its own name; the Service's name reaches one of them")
    void stableNamesAndDns() {
        Mesh mesh = helloworld().apply(web(3, "web:1", ""));
        assertThat(pods(mesh)).extracting(ClusterPod::name).containsExactly("web-0", "web-1", "web-2");
        assertThat(pods(mesh).get(1).labels()).containsEntry("statefulset.kubernetes.io/pod-name", "web-1")
                .containsEntry("apps.kubernetes.io/pod-index", "1").containsKey("controller-revision-hash");
        assertThat(one(mesh, "web-1.web:8080/")).isEqualTo("web-1");
        assertThat(one(mesh, "web-2.web.default.svc.cluster.local:8080/")).isEqualTo("web-2");
        assertThat(one(mesh, "web-3.web:8080/")).isEqualTo("0 -");
        assertThat(mesh.send(300).from("nginx").to("web:8080/").countByWorkload()).containsOnlyKeys("web");
        assertThat(mesh.lastApply().toString()).contains("statefulset.apps/web created");
    }

    @Test
    @DisplayName("scaling down removes the highest ordinals; a new template replaces the pods, same names, new IPs")
    void scaleAndUpdate() {
        Mesh mesh = helloworld().apply(web(3, "web:1", ""));
        String ip0 = pods(mesh).get(0).ip();
        mesh.apply(web(2, "web:1", ""));
        assertThat(pods(mesh)).extracting(ClusterPod::name).containsExactly("web-0", "web-1");
        assertThat(pods(mesh).get(0).ip()).isEqualTo(ip0);
        mesh.apply(web(2, "web:2", ""));
        assertThat(pods(mesh)).extracting(ClusterPod::name).containsExactlyInAnyOrder("web-0", "web-1");
        assertThat(pods(mesh)).extracting(ClusterPod::ip).doesNotContain(ip0);
        assertThat(one(mesh, "web-0.web:8080/")).isEqualTo("web-0");
    }

    @Test
    @DisplayName("OnDelete keeps the running pods on their template; a partition keeps those below it; a deleted pod comes back")
    void updateStrategies() {
        Mesh onDelete = helloworld().apply(web(2, "web:1", "  updateStrategy: {type: OnDelete}\n"));
        List<String> before = pods(onDelete).stream().map(ClusterPod::ip).toList();
        onDelete.apply(web(2, "web:2", "  updateStrategy: {type: OnDelete}\n"));
        assertThat(pods(onDelete)).extracting(ClusterPod::ip).containsExactlyElementsOf(before);
        onDelete.delete(new ResourceRef("Pod", "default", "web-1"));
        assertThat(pods(onDelete)).extracting(ClusterPod::name).containsExactlyInAnyOrder("web-0", "web-1");
        assertThat(pods(onDelete)).extracting(ClusterPod::ip).doesNotContain(before.get(1)).contains(before.get(0));

        String partition = "  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}\n";
        Mesh partitioned = helloworld().apply(web(3, "web:1", partition));
        String ip0 = pods(partitioned).get(0).ip();
        partitioned.apply(web(3, "web:2", partition));
        assertThat(pods(partitioned)).filteredOn(p -> p.name().equals("web-0")).extracting(ClusterPod::ip).containsExactly(ip0);
        assertThat(pods(partitioned)).filteredOn(p -> !p.name().equals("web-0")).extracting(ClusterPod::ip).doesNotContain(ip0);
    }

    @Test
    @DisplayName("the API server's refusals: an empty selector, a selector that misses the template, a changed serviceName")
    void validation() {
        assertThatThrownBy(() -> helloworld().apply(web(1, "web:1", "").replace("selector: {matchLabels: {app: web}}\n  template",
                "selector: {matchLabels: {app: other}}\n  template")))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("StatefulSet default/web: spec.template.metadata.labels: Invalid value:")
                .hasMessageContaining("`selector` does not match template `labels`");
        Mesh mesh = helloworld().apply(web(1, "web:1", ""));
        assertThatThrownBy(() -> mesh.apply(web(1, "web:1", "").replace("serviceName: web", "serviceName: other")))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("StatefulSet default/web: spec: Forbidden: updates to statefulset spec for fields other than");
        assertThatThrownBy(() -> mesh.apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web2}}
                  template:
                    metadata: {labels: {app: web2}}
                    spec: {containers: [{name: web, image: web}]}
                """)).isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("a Deployment and a StatefulSet may not both be named default/web");
    }
}
