package dev.meshtest.routing;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Services every cluster has: {@code kubernetes} (the API server, 10.96.0.1:443) and
 * {@code kube-dns} (10.96.0.10: DNS on 53 and CoreDNS's metrics on 9153). Every sidecar knows
 * them, as on a cluster, and a Sidecar that imports only its own namespace drops them.
 */
class SystemServicesTest {

    @Test
    @DisplayName("every sidecar has the API server's and CoreDNS's listeners and clusters; kubernetes.default resolves to 10.96.0.1")
    void everySidecarKnowsThem() {
        Mesh mesh = mesh().withPod("nginx");
        assertThat(mesh.proxyConfig("nginx").listeners().rows()).contains(
                List.of("10.96.0.1", "443", "TCP", "Cluster: outbound|443||kubernetes.default.svc.cluster.local"),
                List.of("10.96.0.10", "9153", "HTTP", "Route: kube-dns.kube-system.svc.cluster.local:9153"));
        assertThat(mesh.proxyConfig("nginx").clusters().column("SERVICE FQDN"))
                .contains("kubernetes.default.svc.cluster.local", "kube-dns.kube-system.svc.cluster.local");
        assertThat(mesh.explain().from("nginx").to("http://kubernetes.default:443/").steps())
                .contains("DNS in namespace default: kubernetes.default -> 10.96.0.1");
    }

    @Test
    @DisplayName("a Sidecar importing ./* keeps the kubernetes Service of default, and drops kube-dns")
    void aSidecarScopesThemToo() {
        Mesh mesh = mesh().withPod("nginx").withSidecar("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: default}
                spec:
                  egress: [{hosts: ["./*"]}]
                """);
        assertThat(mesh.proxyConfig("nginx").clusters().column("SERVICE FQDN"))
                .contains("kubernetes.default.svc.cluster.local").doesNotContain("kube-dns.kube-system.svc.cluster.local");
    }

    @Test
    @DisplayName("Istio's special clusters: a sidecar has BlackHoleCluster and PassthroughCluster, a gateway only BlackHoleCluster")
    void specialClusters() {
        Mesh mesh = mesh().withPod("nginx");
        assertThat(mesh.proxyConfig("nginx").clusters().column("SERVICE FQDN")).contains("BlackHoleCluster", "PassthroughCluster");
        // cluster.go: gateways have no original-destination listeners, so istiod builds them no passthrough cluster.
        assertThat(mesh.proxyConfig("istio-system/istio-ingressgateway").clusters().column("SERVICE FQDN"))
                .contains("BlackHoleCluster").doesNotContain("PassthroughCluster");
    }
}
