package dev.meshtest.tls;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A gateway server with {@code tls.mode: PASSTHROUGH} (Istio's task "Ingress Gateway without TLS
 * Termination"): the gateway does not decrypt, it picks a VirtualService {@code tls} route by
 * the client's SNI and forwards the connection to its destination, which terminates TLS itself.
 */
class GatewayPassthroughTest {

    private static final String GATEWAY = "istio-system/istio-ingressgateway";

    /** Two versions of an nginx serving TLS on 443, as the task's my-nginx (meshtest takes its certificate as valid). */
    private static final String NGINX = """
            apiVersion: v1
            kind: Service
            metadata: {name: my-nginx, labels: {run: my-nginx}}
            spec:
              ports: [{port: 443, protocol: TCP, name: https}]
              selector: {run: my-nginx}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: my-nginx-v1}
            spec:
              selector: {matchLabels: {run: my-nginx, version: v1}}
              template:
                metadata: {labels: {run: my-nginx, version: v1}}
                spec: {containers: [{name: my-nginx, image: nginx, ports: [{containerPort: 443}]}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: my-nginx-v2}
            spec:
              selector: {matchLabels: {run: my-nginx, version: v2}}
              template:
                metadata: {labels: {run: my-nginx, version: v2}}
                spec: {containers: [{name: my-nginx, image: nginx, ports: [{containerPort: 443}]}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: my-nginx}
            spec:
              host: my-nginx
              subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: mygateway}
            spec:
              selector: {istio: ingressgateway}
              servers:
              - port: {number: 443, name: https, protocol: HTTPS}
                tls: {mode: PASSTHROUGH}
                hosts: [nginx.example.com]
            """;

    private static String route(String destinations) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: nginx}
                spec:
                  hosts: [nginx.example.com]
                  gateways: [mygateway]
                  tls:
                  - match: [{port: 443, sniHosts: [nginx.example.com]}]
                    route: %s
                """.formatted(destinations);
    }

    private static Mesh passthrough(String destinations) {
        return mesh().withNamespace("default", true).apply(NGINX).withVirtualService(route(destinations));
    }

    @Test
    @DisplayName("the task: the gateway forwards nginx.example.com's TLS to my-nginx, which answers")
    void forwardsBySni() {
        Mesh mesh = passthrough("[{destination: {host: my-nginx, port: {number: 443}}}]");
        Outcome o = mesh.send(1).fromOutside().to("https://nginx.example.com/").outcomes().get(0);
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.workload()).get().asString().startsWith("my-nginx-v");
        assertThat(o.cluster()).contains("outbound|443||my-nginx.default.svc.cluster.local");
        assertThat(mesh.proxyConfig(GATEWAY).listeners().rows()).containsExactly(
                List.of("0.0.0.0", "8443", "SNI: nginx.example.com", "Cluster: outbound|443||my-nginx.default.svc.cluster.local"));
        assertThat(mesh.explain().fromOutside().to("https://nginx.example.com/").toString())
                .contains("filter chain SNI nginx.example.com passes TLS through (tls route of VirtualService default/nginx)");
    }

    @Test
    @DisplayName("another server name has no chain: Envoy closes the connection; plain text finds no chain either")
    void otherNames() {
        Mesh mesh = passthrough("[{destination: {host: my-nginx, port: {number: 443}}}]");
        assertThat(mesh.send(1).fromOutside().to("https://other.example.com/").outcomes().get(0).body())
                .isEqualTo("curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to other.example.com:443 ");
        assertThat(mesh.send(1).fromOutside().header("Host", "nginx.example.com").to("http://10.0.0.1:443/").outcomes().get(0)
                .curlExitCode()).hasValue(52);
    }

    @Test
    @DisplayName("a weighted tls route splits connections by weight")
    void weighted() {
        Mesh mesh = passthrough("[{destination: {host: my-nginx, subset: v1, port: {number: 443}}, weight: 80}, "
                + "{destination: {host: my-nginx, subset: v2, port: {number: 443}}, weight: 20}]");
        TrafficResult r = mesh.send(1000).fromOutside().to("https://nginx.example.com/");
        Map<String, Long> byWorkload = r.countByWorkload();
        assertThat(byWorkload.keySet()).containsExactlyInAnyOrder("my-nginx-v1", "my-nginx-v2");
        assertThat(byWorkload).containsEntry("my-nginx-v1", 803L).containsEntry("my-nginx-v2", 197L);   // the default seed
        assertThat(mesh.proxyConfig(GATEWAY).listeners().rows().get(0).get(3)).isEqualTo(
                "Clusters: outbound|443|v1|my-nginx.default.svc.cluster.local (80), outbound|443|v2|my-nginx.default.svc.cluster.local (20)");
    }

    @Test
    @DisplayName("a second VirtualService with the same SNI host is skipped (CheckDuplicates): the older one's chain stays")
    void duplicateSni() {
        Mesh mesh = passthrough("[{destination: {host: my-nginx, subset: v1, port: {number: 443}}}]")
                .withVirtualService(route("[{destination: {host: my-nginx, subset: v2, port: {number: 443}}}]")
                        .replace("name: nginx}", "name: nginx-2}"));
        assertThat(mesh.send(20).fromOutside().to("https://nginx.example.com/").countByWorkload())
                .containsExactly(Map.entry("my-nginx-v1", 20L));
    }

    @Test
    @DisplayName("TLS my-nginx terminates behind its sidecar meets the sidecar's network RBAC: the policies' TCP part, not its HTTP rules")
    void networkRbacOnPassedThroughTls() {
        String policy = """
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: nginx}
                spec:
                  selector: {matchLabels: {run: my-nginx}}
                  rules: [%s]
                """;
        Mesh byNamespace = passthrough("[{destination: {host: my-nginx, port: {number: 443}}}]")
                .apply(policy.formatted("{from: [{source: {namespaces: [istio-system]}}]}"));
        assertThat(byNamespace.send(1).fromOutside().to("https://nginx.example.com/").outcomes().get(0).status()).isEqualTo(200);
        // An ALLOW rule on paths cannot match a TCP connection: it allows nothing, and the ClientHello meets a closed connection.
        Mesh byPath = passthrough("[{destination: {host: my-nginx, port: {number: 443}}}]").apply(policy.formatted("{to: [{operation: {paths: [/]}}]}"));
        assertThat(byPath.send(1).fromOutside().to("https://nginx.example.com/").outcomes().get(0).body())
                .isEqualTo("curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to nginx.example.com:443 ");
    }
}
