package dev.meshtest.routing;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * MeshConfig's {@code defaultVirtualServiceExportTo}, {@code defaultDestinationRuleExportTo} and
 * {@code defaultServiceExportTo} (istio-rules §5.3): the {@code exportTo} of objects that set none.
 */
class ExportToDefaultsTest {

    private static Mesh twoNamespaces(String meshConfig) {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .withNamespace("shop", true).withPod("client", "shop").withMeshConfig(meshConfig);
    }

    private static final String TO_V2 = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: to-v2}
            spec:
              hosts: [helloworld]
              http:
              - route: [{destination: {host: helloworld, subset: v2}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: helloworld}
            spec:
              host: helloworld
              subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
            """;

    @Test
    @DisplayName("defaultVirtualServiceExportTo [.]: a VirtualService without exportTo routes only its own namespace's clients")
    void virtualServices() {
        Mesh mesh = twoNamespaces("defaultVirtualServiceExportTo: [\".\"]").apply(TO_V2);
        assertThat(mesh.notes()).isEmpty();
        assertThat(mesh.send(20).from("nginx").to("helloworld:5000/").countByWorkload()).containsOnlyKeys("helloworld-v2");
        assertThat(mesh.send(200).from("shop/client").to("helloworld.default:5000/").countByWorkload())
                .containsOnlyKeys("helloworld-v1", "helloworld-v2");
        Mesh everywhere = twoNamespaces("{}").apply(TO_V2);
        assertThat(everywhere.send(20).from("shop/client").to("helloworld.default:5000/").countByWorkload())
                .containsOnlyKeys("helloworld-v2");
    }

    @Test
    @DisplayName("defaultDestinationRuleExportTo [.]: another namespace's VirtualService cannot use the rule's subsets: 503 NC")
    void destinationRules() {
        Mesh mesh = twoNamespaces("defaultDestinationRuleExportTo: [\".\"]").apply(TO_V2.replace("metadata: {name: to-v2}",
                "metadata: {name: to-v2, namespace: shop}").replace("hosts: [helloworld]", "hosts: [helloworld.default.svc.cluster.local]")
                .replace("host: helloworld, subset", "host: helloworld.default.svc.cluster.local, subset"));
        TrafficResult r = mesh.send(5).from("shop/client").to("helloworld.default:5000/");
        assertThat(r.countByStatus()).containsOnlyKeys(503);
        assertThat(r.outcomes().get(0).flagsText()).isEqualTo("NC");
    }

    @Test
    @DisplayName("defaultServiceExportTo [.]: another namespace's sidecar does not know the Service and passes the request through")
    void services() {
        Mesh mesh = twoNamespaces("defaultServiceExportTo: [\".\"]");
        assertThat(mesh.send(5).from("shop/client").to("helloworld.default:5000/").countByCluster())
                .containsOnlyKeys("PassthroughCluster");
        assertThat(mesh.send(5).from("nginx").to("helloworld:5000/").countByCluster())
                .containsOnlyKeys("outbound|5000||helloworld.default.svc.cluster.local");
    }
}
