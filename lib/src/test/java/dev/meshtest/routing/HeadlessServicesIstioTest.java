package dev.meshtest.routing;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Istio's {@code TestHeadlessServices} ({@code sidecar_simulation_test.go}) as our own test: a
 * headless Service with HTTP (80), sniffed (81), TCP (82), TLS (83) and HTTPS (84) ports and one
 * endpoint written by hand, a pod of the mesh at 10.244.0.99. Every port is routed through the
 * Service's own cluster, none through the passthrough cluster. (meshtest's client speaks HTTP:
 * the TLS calls of Istio's test are made as plain requests.)
 */
class HeadlessServicesIstioTest {

    private static final String PORTS = """
              - {name: http, port: 80}
              - {name: auto, port: 81}
              - {name: tcp, port: 82}
              - {name: tls, port: 83}
              - {name: https, port: 84}
            """;

    private static Mesh headless() {
        return mesh().withPod("nginx").apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: headless}
                spec:
                  clusterIP: None
                  ports:
                """ + PORTS.indent(2) + """
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: headless
                  labels: {kubernetes.io/service-name: headless}
                addressType: IPv4
                endpoints:
                - addresses: [1.2.3.4]
                ports:
                """ + PORTS);
    }

    private static String cluster(Mesh mesh, String url) {
        return mesh.send(1).from("nginx").to(url).outcomes().get(0).cluster().orElse("-");
    }

    @Test
    @DisplayName("every port of a headless Service is routed through its own cluster, by FQDN or short name")
    void everyPortThroughItsOwnCluster() {
        Mesh mesh = headless();
        for (int port : new int[] {80, 81, 82}) {
            assertThat(cluster(mesh, "http://headless.default.svc.cluster.local:" + port + "/"))
                    .as("port %d", port).isEqualTo("outbound|" + port + "||headless.default.svc.cluster.local");
        }
        for (int port : new int[] {83, 84}) {
            assertThat(cluster(mesh, "http://headless.default:" + port + "/"))
                    .as("port %d", port).isEqualTo("outbound|" + port + "||headless.default.svc.cluster.local");
        }
    }

    @Test
    @DisplayName("the TCP and sniffed ports get a listener per endpoint address; the HTTP port shares 0.0.0.0:80")
    void listenersPerEndpoint() {
        assertThat(headless().proxyConfig("nginx").listeners().rows()).contains(
                java.util.List.of("0.0.0.0", "80", "HTTP", "Route: 80"),
                java.util.List.of("1.2.3.4", "81", "HTTP", "Route: headless.default.svc.cluster.local:81"),
                java.util.List.of("1.2.3.4", "82", "TCP", "Cluster: outbound|82||headless.default.svc.cluster.local"),
                java.util.List.of("1.2.3.4", "84", "TCP", "Cluster: outbound|84||headless.default.svc.cluster.local"));
    }
}
