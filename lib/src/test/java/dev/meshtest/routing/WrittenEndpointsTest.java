package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static dev.meshtest.routing.Routing.one;
import static dev.meshtest.routing.Routing.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Endpoints and EndpointSlices written by hand (istio-rules §1.6): the addresses behind a Service
 * without a selector, or added to a Service's own.
 */
class WrittenEndpointsTest {

    /** A Service without a selector: port 80 named http. */
    private static final String LEGACY = """
            apiVersion: v1
            kind: Service
            metadata: {name: legacy}
            spec:
              ports: [{name: http, port: 80}]
            """;

    private static String endpoints(String addresses, String portName) {
        return """
                apiVersion: v1
                kind: Endpoints
                metadata: {name: legacy}
                subsets:
                - %s
                  ports: [{name: %s, port: 5000}]
                """.formatted(addresses, portName);
    }

    private static String slice(String name, String service, String addressType, String endpoints) {
        return """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: %s
                  labels: {kubernetes.io/service-name: %s}
                addressType: %s
                endpoints: %s
                ports: [{name: http, port: 5000}]
                """.formatted(name, service, addressType, endpoints);
    }

    private static String podIp(Mesh mesh, String workload) {
        return Internals.state(mesh).workloadPods("default", workload).get(0).ip();
    }

    @Test
    @DisplayName("Endpoints naming a pod's IP: the Service reaches that pod, on the endpoint's port, from a sidecar and from kube-proxy")
    void endpointsToAPod() {
        Mesh mesh = helloworld().apply(LEGACY);
        String v2 = podIp(mesh, "helloworld-v2");
        mesh.apply(endpoints("addresses: [{ip: " + v2 + "}]", "http"));
        assertThat(one(mesh, "legacy/hello")).isEqualTo("v2");
        Mesh plain = mesh.apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: plain}\n").withPod("curl", "plain");
        assertThat(where(plain.send(3).from("plain/curl").to("legacy.default/hello"))).isEqualTo("v2");
        assertThat(mesh.proxyConfig("nginx").endpoints().rows()).contains(
                java.util.List.of(v2 + ":5000", "HEALTHY", Internals.state(mesh).workloadPods("default", "helloworld-v2").get(0).name(),
                        "outbound|80||legacy.default.svc.cluster.local"));
    }

    @Test
    @DisplayName("an address that is no pod's is outside the cluster; not-ready addresses and other port names get nothing")
    void outsideNotReadyAndPortNames() {
        Mesh outside = helloworld().apply(LEGACY).apply(endpoints("addresses: [{ip: 192.168.10.4}]", "http"));
        assertThat(one(outside, "legacy/hello")).isEqualTo("200 -");
        assertThat(outside.explain().from("nginx").to("legacy/hello").steps()).anyMatch(s -> s.contains("192.168.10.4:5000"));
        Mesh notReady = helloworld().apply(LEGACY).apply(endpoints("notReadyAddresses: [{ip: 192.168.10.4}]", "http"));
        assertThat(one(notReady, "legacy/hello")).isEqualTo("503 UH");
        Mesh otherName = helloworld().apply(LEGACY).apply(endpoints("addresses: [{ip: 192.168.10.4}]", "grpc"));
        assertThat(one(otherName, "legacy/hello")).isEqualTo("503 UH");
    }

    @Test
    @DisplayName("Endpoints for a Service with a selector are overwritten by Kubernetes: not used")
    void endpointsOfASelectorService() {
        Mesh mesh = helloworld().apply(endpoints("addresses: [{ip: 192.168.10.4}]", "http").replace("name: legacy", "name: helloworld"));
        assertThat(mesh.send(200).from("nginx").to("helloworld:5000/hello").countByWorkload()).containsOnlyKeys("helloworld-v1", "helloworld-v2");
    }

    @Test
    @DisplayName("EndpointSlices: a not-ready endpoint gets nothing; FQDN slices are ignored; a slice adds to a selector's endpoints")
    void slices() {
        Mesh mesh = helloworld().apply(LEGACY);
        String v1 = podIp(mesh, "helloworld-v1");
        mesh.apply(slice("legacy-1", "legacy", "IPv4", "[{addresses: [" + v1 + "]}, {addresses: [192.168.10.9], conditions: {ready: false}}]"))
                .apply(slice("legacy-2", "legacy", "FQDN", "[{addresses: [db.example.com]}]"));
        assertThat(mesh.send(50).from("nginx").to("legacy/hello").countByWorkload()).containsExactly(Map.entry("helloworld-v1", 50L));
        Mesh added = helloworld().apply(slice("extra", "helloworld", "IPv4", "[{addresses: [192.168.10.4]}]"));
        Map<String, Long> byWorkload = added.send(300).from("nginx").to("helloworld:5000/hello").countByWorkload();
        // A third of the requests leave the cluster for 192.168.10.4 (no workload: "-").
        assertThat(byWorkload).containsExactly(java.util.Map.entry("-", 110L), java.util.Map.entry("helloworld-v1", 112L), java.util.Map.entry("helloworld-v2", 78L));
        Routing.assertPlausible(110, 300, 1.0 / 3);
        // A slice port named otherwise serves no port of the Service.
        Mesh unnamed = helloworld().apply(slice("extra", "helloworld", "IPv4", "[{addresses: [192.168.10.4]}]")
                .replace("name: http, port: 5000", "port: 5000"));
        assertThat(unnamed.send(300).from("nginx").to("helloworld:5000/hello").countByWorkload())
                .containsOnlyKeys("helloworld-v1", "helloworld-v2");
    }

    @Test
    @DisplayName("kubectl's words, and the API server's checks of addresses, ports and address types")
    void validation() {
        Mesh mesh = helloworld().apply(LEGACY);
        mesh.apply(slice("legacy-1", "legacy", "IPv4", "[{addresses: [192.168.10.4]}]"));
        assertThat(mesh.lastApply().toString()).contains("endpointslice.discovery.k8s.io/legacy-1 created");
        assertThatThrownBy(() -> helloworld().apply(endpoints("addresses: [{ip: 127.0.0.1}, {ip: 300.1.1.1}]", "http")))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("subsets[0].addresses[0].ip: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)")
                .hasMessageContaining("subsets[0].addresses[1].ip: Invalid value: \"300.1.1.1\": must be a valid IP address");
        assertThatThrownBy(() -> helloworld().apply(slice("x", "legacy", "IPv5", "[{addresses: []}]")))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("addressType: Unsupported value: \"IPv5\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"")
                .hasMessageContaining("endpoints[0].addresses: Required value: must contain at least 1 address");
        assertThatThrownBy(() -> helloworld().apply(slice("x", "legacy", "IPv4", "[{addresses: [10.0.0.300]}]").replace("port: 5000", "port: 70000")))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("endpoints[0].addresses[0]: Invalid value: \"10.0.0.300\": must be a valid IPv4 address")
                .hasMessageContaining("ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive");
    }
}
