package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Sidecar resource with traffic (istio-rules §2.9): which Sidecar applies to a pod, what its
 * egress hosts let the pod's proxy route, and what happens to requests for hosts it does not
 * import: the catch-all sends them through the passthrough cluster (kube-proxy picks a pod; no
 * VirtualService, no DestinationRule) or, under REGISTRY_ONLY, answers 502.
 */
class SidecarScopingTest {

    private static Mesh mesh() {
        return helloworld().apply("classpath:routing/echo-other.yaml").withPod("client", "other");
    }

    private static String sidecar(String namespace, String spec) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: default, namespace: %s}
                spec:
                %s""".formatted(namespace, spec.indent(2));
    }

    /**
     * The one cluster ({@code -}: a direct answer, as the block_all route's 502) and workload (or
     * status) of a request: {@code outbound|5000||echo.other.svc.cluster.local -> echo}.
     */
    private static String via(Mesh mesh, String from, String url) {
        Outcome o = mesh.send(1).from(from).to(url).outcomes().get(0);
        return o.cluster().orElse("-") + " -> " + (o.pod().isPresent() ? o.workload().orElseThrow() : o.status() + " " + o.flagsText());
    }

    @Test
    @DisplayName("without a Sidecar a pod's proxy knows every Service: echo in another namespace has its cluster")
    void withoutSidecar() {
        Mesh mesh = mesh();
        assertThat(via(mesh, "nginx", "echo.other:5000/")).isEqualTo("outbound|5000||echo.other.svc.cluster.local -> echo");
        assertThat(mesh.proxyConfig("nginx").clusters().column("SERVICE FQDN")).contains("echo.other.svc.cluster.local");
    }

    @Test
    @DisplayName("egress ./* and istio-system/*: the own namespace is routed; another namespace's Service goes through the "
            + "passthrough cluster, and its VirtualService is not applied")
    void ownNamespaceOnly() {
        Mesh mesh = mesh().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: echo, namespace: other}
                spec:
                  hosts: [echo.other.svc.cluster.local]
                  http:
                  - fault: {abort: {httpStatus: 418, percentage: {value: 100}}}
                    route: [{destination: {host: echo.other.svc.cluster.local}}]
                """).apply(sidecar("default", """
                egress:
                - hosts: ["./*", "istio-system/*"]
                """));
        assertThat(via(mesh, "nginx", "helloworld:5000/hello")).isEqualTo("outbound|5000||helloworld.default.svc.cluster.local -> helloworld-v1");
        assertThat(via(mesh, "nginx", "echo.other:5000/")).isEqualTo("PassthroughCluster -> echo");
        assertThat(mesh.proxyConfig("nginx").clusters().column("SERVICE FQDN")).doesNotContain("echo.other.svc.cluster.local");
        // The pod in namespace other has no Sidecar: it still applies the VirtualService.
        assertThat(via(mesh, "other/client", "echo:5000/")).isEqualTo("- -> 418 FI");
    }

    @Test
    @DisplayName("outboundTrafficPolicy written without a mode is REGISTRY_ONLY (the proto's zero value): unimported hosts get 502")
    void registryOnlyByDefaultInASidecar() {
        Mesh mesh = mesh().apply(sidecar("default", """
                egress:
                - hosts: ["./*"]
                outboundTrafficPolicy: {}
                """));
        assertThat(via(mesh, "nginx", "echo.other:5000/")).isEqualTo("- -> 502 -");
        assertThat(via(mesh, "nginx", "helloworld:5000/hello")).startsWith("outbound|5000||helloworld");
        assertThat(mesh.proxyConfig("nginx").routes().rows()).anyMatch(r -> r.get(1).equals("block_all"));
    }

    @Test
    @DisplayName("a root-namespace Sidecar is every namespace's default, ./ meaning the pod's own namespace; a namespace's own Sidecar wins")
    void rootNamespaceDefault() {
        Mesh mesh = mesh().apply(sidecar("istio-system", """
                egress:
                - hosts: ["./*"]
                """));
        assertThat(via(mesh, "nginx", "helloworld:5000/hello")).startsWith("outbound|5000||helloworld");
        assertThat(via(mesh, "nginx", "echo.other:5000/")).isEqualTo("PassthroughCluster -> echo");
        assertThat(via(mesh, "other/client", "echo:5000/")).isEqualTo("outbound|5000||echo.other.svc.cluster.local -> echo");
        assertThat(via(mesh, "other/client", "helloworld.default:5000/hello")).startsWith("PassthroughCluster -> ");

        mesh.apply(sidecar("other", """
                egress:
                - hosts: ["*/*"]
                """));
        assertThat(via(mesh, "other/client", "helloworld.default:5000/hello")).startsWith("outbound|5000||helloworld");
    }

    @Test
    @DisplayName("a Sidecar with a workloadSelector applies to the pods it selects, before the namespace's own")
    void workloadSelectorFirst() {
        Mesh mesh = mesh().withPod("curl").apply(sidecar("default", """
                egress:
                - hosts: ["*/*"]
                """)).apply("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: nginx-only}
                spec:
                  workloadSelector: {labels: {run: nginx}}
                  egress:
                  - hosts: ["./*"]
                  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
                """);
        assertThat(via(mesh, "nginx", "echo.other:5000/")).isEqualTo("- -> 502 -");
        assertThat(via(mesh, "curl", "echo.other:5000/")).isEqualTo("outbound|5000||echo.other.svc.cluster.local -> echo");
    }

    @Test
    @DisplayName("an imported VirtualService brings the clusters of its destinations, though their hosts are not imported")
    void virtualServiceDestinationsAreImported() {
        Mesh mesh = mesh().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: hello}
                spec:
                  hosts: [helloworld]
                  http:
                  - match: [{uri: {prefix: /echo}}]
                    route: [{destination: {host: echo.other.svc.cluster.local}}]
                  - route: [{destination: {host: helloworld, subset: v2}}]
                """).apply(sidecar("default", """
                egress:
                - hosts: ["./*"]
                """));
        assertThat(via(mesh, "nginx", "helloworld:5000/echo")).isEqualTo("outbound|5000||echo.other.svc.cluster.local -> echo");
        assertThat(via(mesh, "nginx", "helloworld:5000/hello")).isEqualTo("outbound|5000|v2|helloworld.default.svc.cluster.local -> helloworld-v2");
        // The cluster exists, but echo's own name has no virtual host: a request to it passes through.
        assertThat(via(mesh, "nginx", "echo.other:5000/")).isEqualTo("PassthroughCluster -> echo");
    }

    @Test
    @DisplayName("~/ excludes a host from */*: that Service passes through, the rest are routed")
    void exclusion() {
        Mesh mesh = mesh().apply(sidecar("default", """
                egress:
                - hosts: ["*/*", "~/echo.other.svc.cluster.local"]
                """));
        assertThat(via(mesh, "nginx", "echo.other:5000/")).isEqualTo("PassthroughCluster -> echo");
        assertThat(via(mesh, "nginx", "helloworld:5000/hello")).startsWith("outbound|5000||helloworld");
        assertThat(mesh.proxyConfig("nginx").clusters().column("SERVICE FQDN")).doesNotContain("echo.other.svc.cluster.local");
    }

    @Test
    @DisplayName("an egress listener on a port holds only its own hosts on that port; the catch-all adds nothing to it, "
            + "though it still gives the other hosts their clusters")
    void portSpecificListener() {
        Mesh mesh = mesh().apply(sidecar("default", """
                egress:
                - port: {number: 5000, protocol: HTTP, name: http}
                  hosts: ["./*"]
                - hosts: ["*/*"]
                """));
        assertThat(via(mesh, "nginx", "helloworld:5000/hello")).startsWith("outbound|5000||helloworld");
        assertThat(via(mesh, "nginx", "echo.other:5000/")).isEqualTo("PassthroughCluster -> echo");
        assertThat(mesh.proxyConfig("nginx").clusters().column("SERVICE FQDN")).contains("echo.other.svc.cluster.local");
    }

    @Test
    @DisplayName("an egress listener bound to an address owns route configuration \"<port>\": the catch-all's 0.0.0.0 listener on "
            + "that port uses it too, so hosts the bound listener does not import pass through there")
    void boundListenerOwnsTheRoute() {
        Mesh mesh = mesh().apply(sidecar("default", """
                egress:
                - port: {number: 5000, protocol: HTTP, name: http}
                  bind: 10.96.0.100
                  hosts: ["./*"]
                - hosts: ["*/*"]
                """));
        assertThat(mesh.proxyConfig("nginx").listeners().rows()).contains(
                java.util.List.of("0.0.0.0", "5000", "HTTP", "Route: 5000"), java.util.List.of("10.96.0.100", "5000", "HTTP", "Route: 5000"));
        assertThat(via(mesh, "nginx", "helloworld:5000/hello")).startsWith("outbound|5000||helloworld");
        assertThat(via(mesh, "nginx", "echo.other:5000/")).isEqualTo("PassthroughCluster -> echo");
    }

    @Test
    @DisplayName("the passthrough cluster is kube-proxy's random pick, not the sidecar's balancing: "
            + "a 50/50 VirtualService split no longer applies once its host is not imported")
    void passthroughIgnoresTheSplit() {
        Mesh mesh = mesh().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: hello}
                spec:
                  hosts: [helloworld]
                  http:
                  - route: [{destination: {host: helloworld, subset: v2}}]
                """);
        mesh.apply(sidecar("other", """
                egress:
                - hosts: ["./*"]
                """));
        TrafficResult r = mesh.send(200).from("other/client").to("helloworld.default:5000/hello");
        assertThat(r.countByWorkload()).containsExactly(Map.entry("helloworld-v1", 103L), Map.entry("helloworld-v2", 97L));
        Routing.assertPlausible(103, 200, 0.5);
        assertThat(r.countByCluster()).containsOnlyKeys("PassthroughCluster");
    }

    @Test
    @DisplayName("lenient: an egress listener with captureMode NONE is simulated without, as the note says; the catch-all keeps the port")
    void lenientWithoutCaptureModeNone() {
        Mesh mesh = mesh().lenient().apply(sidecar("default", """
                egress:
                - port: {number: 5000, protocol: HTTP, name: http}
                  captureMode: NONE
                  hosts: ["./*"]
                - hosts: ["*/*"]
                """));
        assertThat(mesh.notes()).singleElement().asString().contains("captureMode: NONE");
        assertThat(via(mesh, "nginx", "echo.other:5000/")).isEqualTo("outbound|5000||echo.other.svc.cluster.local -> echo");
    }
}
