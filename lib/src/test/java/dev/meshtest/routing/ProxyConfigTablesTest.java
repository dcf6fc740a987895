package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.proxyconfig.ProxyConfigView;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What {@code proxyConfig("nginx")} prints for the helloworld setup, like istioctl proxy-config. */
class ProxyConfigTablesTest {

    private static Mesh mesh() {
        return helloworld().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  http:
                  - match: [{headers: {end-user: {exact: jason}}}]
                    route: [{destination: {host: helloworld, subset: v2}}]
                  - route: [{destination: {host: helloworld, subset: v1}}]
                """);
    }

    private static ProxyConfigView nginx() {
        return mesh().proxyConfig("nginx");
    }

    @Test
    @DisplayName("listeners: 0.0.0.0_5000 with route 5000, and the catch-all 15001")
    void listeners() {
        assertThat(nginx().listeners().rows()).contains(
                List.of("0.0.0.0", "5000", "HTTP", "Route: 5000"),
                List.of("0.0.0.0", "15001", "ALL", "PassthroughCluster"));
    }

    @Test
    @DisplayName("routes: vhost helloworld.default.svc.cluster.local:5000 with its domains, one row per route, then allow_any")
    void routes() {
        Mesh mesh = mesh();
        ProxyConfigView pc = mesh.proxyConfig("nginx");
        assertThat(pc.routes().rows()).filteredOn(r -> r.get(0).equals("5000")).containsExactly(
                List.of("5000", "helloworld.default.svc.cluster.local:5000", "10.96.0.3, helloworld + 4 more...",
                        "/* end-user exact jason", "helloworld.default"),
                List.of("5000", "helloworld.default.svc.cluster.local:5000", "10.96.0.3, helloworld + 4 more...", "/*",
                        "helloworld.default"),
                List.of("5000", "allow_any", "*", "/*", ""));
        assertThat(Internals.proxyConfig(mesh, "nginx").routeConfiguration("5000").virtualHosts().get(0).domains()).containsExactly(
                "helloworld.default.svc.cluster.local", "helloworld.default.svc.cluster.local.", "helloworld",
                "helloworld.default.svc", "helloworld.default", "10.96.0.3");
    }

    @Test
    @DisplayName("clusters: the service port, one per subset, all named after the DestinationRule")
    void clusters() {
        assertThat(nginx().clusters().rows()).filteredOn(r -> r.get(0).startsWith("helloworld")).containsExactly(
                List.of("helloworld.default.svc.cluster.local", "5000", "-", "outbound", "EDS", "helloworld.default"),
                List.of("helloworld.default.svc.cluster.local", "5000", "v1", "outbound", "EDS", "helloworld.default"),
                List.of("helloworld.default.svc.cluster.local", "5000", "v2", "outbound", "EDS", "helloworld.default"));
    }
}
