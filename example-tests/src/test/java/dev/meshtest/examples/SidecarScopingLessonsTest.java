package dev.meshtest.examples;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Sidecar resource, as a lesson: helloworld and a sleep pod in {@code default}, httpbin in
 * namespace {@code team-b} with a VirtualService that sends everything to v1
 * ({@code sidecar/team-b.yaml}). A Sidecar decides what the sleep pod's proxy knows; what it
 * does not know, it cannot route.
 */
@DisplayName("Sidecar scoping: what a pod's proxy knows, and what it can reach")
@ExtendWith(LessonPrinter.class)
class SidecarScopingLessonsTest {

    private static final String OWN_NAMESPACE_ONLY = """
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: default, namespace: default}
            spec:
              egress:
              - hosts: ["./*", "istio-system/*"]
            """;

    static Mesh mesh() {
        return dev.meshtest.Mesh.mesh().apply("classpath:helloworld.yaml").withPod("sleep")
                .apply("classpath:sidecar/team-b.yaml");
    }

    static TrafficResult curlHttpbin(Mesh mesh) {
        return mesh.send(100).from("sleep").to("http://httpbin.team-b:8000/headers");
    }

    @Test
    @DisplayName("Without a Sidecar, every proxy knows every Service: sleep's routes team B's httpbin by team B's VirtualService, all to v1")
    void everyProxyKnowsEverything() {
        Mesh mesh = mesh();
        assertThat(mesh.proxyConfig("sleep").clusters().column("SERVICE FQDN")).contains("httpbin.team-b.svc.cluster.local");
        TrafficResult r = curlHttpbin(mesh);
        assertThat(r).allSucceeded().allReached("httpbin-v1");
        assertThat(r.countByCluster()).containsOnlyKeys("outbound|8000|v1|httpbin.team-b.svc.cluster.local");
    }

    @Test
    @DisplayName("A Sidecar importing ./* and istio-system/* shrinks sleep's proxy to its own namespace: httpbin has no cluster there")
    void theProxyForgetsOtherNamespaces() {
        Mesh mesh = mesh().withSidecar(OWN_NAMESPACE_ONLY);
        assertThat(mesh.proxyConfig("sleep").clusters().column("SERVICE FQDN"))
                .contains("helloworld.default.svc.cluster.local")
                .doesNotContain("httpbin.team-b.svc.cluster.local");
    }

    @Test
    @DisplayName("...yet the request still arrives, through the passthrough cluster and kube-proxy: team B's VirtualService no longer "
            + "applies, and v2 answers about half of the requests")
    void unknownHostsPassThrough() {
        TrafficResult r = curlHttpbin(mesh().withSidecar(OWN_NAMESPACE_ONLY));
        assertThat(r).allSucceeded();
        assertThat(r.countByCluster()).containsOnlyKeys("PassthroughCluster");
        assertThat(r.countByWorkload()).containsOnlyKeys("httpbin-v1", "httpbin-v2");
        assertThat(r.countByWorkload().get("httpbin-v2")).isBetween(35L, 65L);
    }

    @Test
    @DisplayName("With outboundTrafficPolicy REGISTRY_ONLY in the Sidecar, sleep's proxy has no listener on port 8000 at all: "
            + "the black-hole cluster closes the connection, and curl gets no HTTP answer")
    void registryOnlyBlocks() {
        Mesh mesh = mesh().withSidecar(OWN_NAMESPACE_ONLY + "  outboundTrafficPolicy: {mode: REGISTRY_ONLY}\n");
        TrafficResult r = curlHttpbin(mesh);
        assertThat(r.countByStatus()).containsExactly(Map.entry(0, 100L));
        assertThat(r.countByCluster()).containsExactly(Map.entry("BlackHoleCluster", 100L));
        assertThat(mesh.proxyConfig("sleep").listeners().rows()).contains(java.util.List.of("0.0.0.0", "15001", "ALL", "BlackHoleCluster"));
        assertThat(mesh.send(10).from("sleep").to("helloworld:5000/hello")).allSucceeded();
    }

    @Test
    @DisplayName("Importing team B's host by name brings back its cluster and its VirtualService: all to v1 again")
    void importingTheHostRestoresRouting() {
        Mesh mesh = mesh().withSidecar(OWN_NAMESPACE_ONLY.replace("\"istio-system/*\"",
                "\"istio-system/*\", \"team-b/httpbin.team-b.svc.cluster.local\""));
        assertThat(curlHttpbin(mesh)).allSucceeded().allReached("httpbin-v1");
    }
}
