package dev.meshtest.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.config.MeshConfigException;
import dev.meshtest.internal.yaml.ManifestReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kubelet's service links ({@code kubelet_pods.go getServiceEnvVarMap}, {@code envvars.go
 * FromServices}): which Services, which variables, and when a pod reads them.
 */
class ServiceLinksTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: %s, namespace: %s}
            spec: {%scontainers: [{name: app, image: app}]}
            """;

    private static String pod(String name, String namespace, String specPrefix) {
        return POD.formatted(name, namespace, specPrefix);
    }

    private static String service(String name, String namespace, String spec) {
        return "apiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: " + namespace + "}\nspec: " + spec + "\n";
    }

    private static ServiceLinks links(Cluster c, String namespace, String pod) {
        return c.state().pod(namespace, pod).orElseThrow().serviceLinks();
    }

    private static void apply(Cluster c, String... yaml) {
        c.apply(ManifestReader.read(String.join("---\n", yaml)));
    }

    @Test
    void aPodSeesTheFirstPortOfEachServiceOfItsNamespaceWithAClusterIp() {
        Cluster c = Cluster.withIstio(1);
        apply(c, "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n",
                service("details", "default", "{ports: [{port: 80, name: http}]}"),
                service("my-reviews", "shop", "{clusterIP: 10.96.9.9, ports: [{port: 8080, name: web, targetPort: 9080}, "
                        + "{port: 9090, name: grpc-api, protocol: TCP}]}"),
                service("ratings", "shop", "{clusterIP: None, ports: [{port: 9080}]}"),
                service("books", "shop", "{type: ExternalName, externalName: books.example.com}"),
                pod("p", "shop", ""));
        ServiceLinks l = links(c, "shop", "p");
        assertThat(l.started()).isTrue();
        assertThat(l.values("MY_REVIEWS_SERVICE_PORT")).isEqualTo(Map.of("my-reviews", "8080"));
        assertThat(l.values("MY_REVIEWS_SERVICE_HOST")).isEqualTo(Map.of("my-reviews", "10.96.9.9"));
        assertThat(l.values("MY_REVIEWS_SERVICE_PORT_GRPC_API")).isEqualTo(Map.of("my-reviews", "9090"));
        assertThat(l.values("MY_REVIEWS_PORT")).isEqualTo(Map.of("my-reviews", "tcp://10.96.9.9:8080"));
        assertThat(l.values("MY_REVIEWS_PORT_9090_TCP_ADDR")).isEqualTo(Map.of("my-reviews", "10.96.9.9"));
        assertThat(l.values("MY_REVIEWS_PORT_9090_TCP_PROTO")).isEqualTo(Map.of("my-reviews", "tcp"));
        // Headless and ExternalName Services have no ClusterIP (IsServiceIPSet); another namespace's are not linked.
        assertThat(l.values("RATINGS_SERVICE_PORT")).isEmpty();
        assertThat(l.values("BOOKS_SERVICE_HOST")).isEmpty();
        assertThat(l.values("DETAILS_SERVICE_PORT")).isEmpty();
        // The API server's Service is linked into every pod.
        assertThat(l.values("KUBERNETES_SERVICE_HOST")).isEqualTo(Map.of("kubernetes", "10.96.0.1"));
        assertThat(l.values("KUBERNETES_SERVICE_PORT")).isEqualTo(Map.of("kubernetes", "443"));
    }

    @Test
    void enableServiceLinksFalseLeavesOnlyTheApiServersService() {
        Cluster c = Cluster.withIstio(1);
        apply(c, service("details", "default", "{ports: [{port: 80}]}"), pod("p", "default", "enableServiceLinks: false, "));
        ServiceLinks l = links(c, "default", "p");
        assertThat(l.enabled()).isFalse();
        assertThat(l.values("DETAILS_SERVICE_PORT")).isEmpty();
        assertThat(l.values("KUBERNETES_SERVICE_PORT")).isEqualTo(Map.of("kubernetes", "443"));
    }

    @Test
    void twoServicesCanGiveOneVariable() {
        // details-service's Docker link variable DETAILS_SERVICE_PORT is details' port variable.
        Cluster c = Cluster.withIstio(1);
        apply(c, service("details", "default", "{clusterIP: 10.96.7.1, ports: [{port: 9080}]}"),
                service("details-service", "default", "{clusterIP: 10.96.7.2, ports: [{port: 80, protocol: UDP}]}"),
                pod("p", "default", ""));
        assertThat(links(c, "default", "p").values("DETAILS_SERVICE_PORT"))
                .containsExactly(Map.entry("details", "9080"), Map.entry("details-service", "udp://10.96.7.2:80"));
    }

    @Test
    void aPodSeesTheServicesOfItsOwnApplyAndEarlierOnesAsTheyWereWhenItStarted() {
        Cluster c = Cluster.withIstio(1);
        // The Service comes after the pod in the file: the pod starts once the apply is done.
        apply(c, pod("first", "default", ""), service("details", "default", "{ports: [{port: 80}]}"));
        apply(c, service("reviews", "default", "{ports: [{port: 81}]}"));
        apply(c, service("details", "default", "{ports: [{port: 8080}]}"), pod("second", "default", ""));
        ServiceLinks first = links(c, "default", "first");
        assertThat(first.values("DETAILS_SERVICE_PORT")).isEqualTo(Map.of("details", "80"));
        assertThat(first.values("REVIEWS_SERVICE_PORT")).isEmpty();
        ServiceLinks second = links(c, "default", "second");
        assertThat(second.values("DETAILS_SERVICE_PORT")).isEqualTo(Map.of("details", "8080"));
        assertThat(second.values("REVIEWS_SERVICE_PORT")).isEqualTo(Map.of("reviews", "81"));
    }

    @Test
    void aDeploymentsNewPodsStartWithTheServicesOfTheirTime() {
        Cluster c = Cluster.withIstio(1);
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: web}]}
                """;
        apply(c, deployment.formatted(1));
        apply(c, service("details", "default", "{ports: [{port: 80}]}"), deployment.formatted(2));
        assertThat(c.state().workloadPods("default", "web").stream().map(p -> (Map<String, String>) p.serviceLinks()
                .values("DETAILS_SERVICE_PORT")).toList()).containsExactly(Map.of(), Map.of("details", "80"));
    }

    @Test
    void aPodStartCheckThatRefusesUndoesTheCall() {
        Cluster c = Cluster.withIstio(1);
        c.onPodStart(p -> p.serviceLinks().values("DETAILS_SERVICE_PORT").isEmpty() ? null : "no details for " + p.name());
        apply(c, pod("ok", "default", ""));
        assertThatThrownBy(() -> apply(c, service("details", "default", "{ports: [{port: 80}]}"), pod("refused", "default", "")))
                .isInstanceOf(MeshConfigException.class).hasMessageContaining("no details for refused");
        assertThat(c.state().pod("default", "refused")).isEmpty();
        assertThat(c.state().service("default", "details")).isEmpty();
    }
}
