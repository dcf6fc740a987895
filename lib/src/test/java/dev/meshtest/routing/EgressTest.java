package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static dev.meshtest.routing.Routing.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.Replies;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Traffic to hosts outside the registry (istio-rules §2.5) and ServiceEntry hosts. */
class EgressTest {

    @Test
    @DisplayName("ALLOW_ANY (default): an unknown host on port 80 passes through: 200, PassthroughCluster")
    void allowAny() {
        TrafficResult r = helloworld().send(2).from("nginx").to("http://api.example.com/x");
        assertThat(r.outcomes().get(0)).isEqualTo(Outcome.of(200).withCluster("PassthroughCluster").withResponseHeader("server", "envoy"));
    }

    @Test
    @DisplayName("REGISTRY_ONLY: an unknown host on an HTTP port gets the block_all 502, empty body, no flag")
    void registryOnly() {
        Mesh mesh = helloworld().withMeshConfig("outboundTrafficPolicy: {mode: REGISTRY_ONLY}");
        assertThat(mesh.send(1).from("nginx").to("http://api.example.com/x").outcomes().get(0))
                .isEqualTo(Replies.sidecar("", 502, ""));
        assertThat(where(mesh.send(2).from("nginx").to("helloworld:5000/"))).startsWith("v");
    }

    @Test
    @DisplayName("a DNS ServiceEntry makes the host a service: its cluster, the host itself as endpoint, even under REGISTRY_ONLY")
    void dnsServiceEntry() {
        Mesh mesh = helloworld().withMeshConfig("outboundTrafficPolicy: {mode: REGISTRY_ONLY}").withServiceEntry("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: api}
                spec:
                  hosts: [api.example.com]
                  location: MESH_EXTERNAL
                  resolution: DNS
                  ports: [{number: 80, name: http, protocol: HTTP}]
                """);
        TrafficResult r = mesh.send(2).from("nginx").to("http://api.example.com/x");
        assertThat(r.outcomes().get(0)).isEqualTo(Outcome.of(200).withCluster("outbound|80||api.example.com").withResponseHeader("server", "envoy"));
        assertThat(mesh.proxyConfig("nginx").endpoints().rows()).contains(
                java.util.List.of("api.example.com:80", "HEALTHY", "", "outbound|80||api.example.com"));
    }

    @Test
    @DisplayName("a STATIC ServiceEntry with a workloadSelector reaches the selected pods")
    void workloadSelectorServiceEntry() {
        Mesh mesh = helloworld().withServiceEntry("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: hw-v2}
                spec:
                  hosts: [hw.internal]
                  location: MESH_INTERNAL
                  resolution: STATIC
                  ports: [{number: 80, name: http, protocol: HTTP, targetPort: 5000}]
                  workloadSelector: {labels: {version: v2}}
                """);
        TrafficResult r = mesh.send(5).from("nginx").to("http://hw.internal/");
        assertThat(r.countByCluster()).containsExactly(Map.entry("outbound|80||hw.internal", 5L));
        assertThat(where(r)).isEqualTo("v2");
    }

    @Test
    @DisplayName("a VirtualService for an external host without ServiceEntry works on port 80 only (the port-80 vhost hack)")
    void virtualServiceForExternalHost() {
        Mesh mesh = helloworld().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: ext}
                spec:
                  hosts: [api.example.com]
                  http:
                  - route: [{destination: {host: helloworld, subset: v2, port: {number: 5000}}}]
                """);
        assertThat(where(mesh.send(3).from("nginx").to("http://api.example.com/"))).isEqualTo("v2");
        assertThat(mesh.proxyConfig("nginx").routes().rows()).filteredOn(r -> r.get(1).startsWith("api.example.com"))
                .extracting(r -> r.get(0)).containsExactly("80");
    }
}
