package dev.meshtest.routing;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.internal.proxy.Route;
import dev.meshtest.internal.proxy.RouteAction;
import dev.meshtest.internal.proxy.RouteConfiguration;
import dev.meshtest.internal.proxy.VirtualHost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Sidecar cases of Istio's {@code TestSidecarRoutes} ({@code sidecar_simulation_test.go}),
 * as our own tests: three Services with ports 80 and 8080, VirtualServices naming them or
 * wildcards over them, and a Sidecar narrowing what the client's proxy imports; for each domain
 * of route configuration {@code "80"}, the clusters its routes send to ({@code null}: no virtual
 * host has the domain).
 */
class SidecarRoutesTest {

    private static final String KNOWN_SERVICES = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: not-default, labels: {istio-injection: enabled}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: known, namespace: default}
            spec:
              clusterIP: 2.0.0.0
              ports: [{port: 80, name: http}, {port: 8080, name: http-alt}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: alt-known, namespace: default}
            spec:
              clusterIP: 2.0.0.1
              ports: [{port: 80, name: http}, {port: 8080, name: http-alt}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: not-default, namespace: not-default}
            spec:
              clusterIP: 2.0.0.2
              ports: [{port: 80, name: http}, {port: 8080, name: http-alt}]
            """;

    /** Istio's {@code vsArgs}: one VirtualService in a namespace, for one host, to one destination. */
    private static String vs(String namespace, String match, String dest) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: "%s", namespace: %s}
                spec:
                  hosts: ["%s"]
                  http:
                  - route: [{destination: {host: %s}}]
                """.formatted(namespace + match.replace("*", "wild") + dest, namespace, match, dest);
    }

    /** Istio's {@code scArgs}: a Sidecar in a namespace with one catch-all egress listener. */
    private static String sidecar(String namespace, String... egress) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: %s, namespace: %s}
                spec:
                  egress:
                  - hosts: [%s]
                """.formatted(namespace, namespace, String.join(", ", java.util.Arrays.stream(egress).map(h -> "\"" + h + "\"").toList()));
    }

    /** Each apply is a later creation time: the first config is the oldest ({@code TimeOlder}). */
    private static Mesh meshWith(String... configs) {
        Mesh mesh = mesh().apply(KNOWN_SERVICES).withPod("client", "default").withPod("client", "not-default");
        for (String c : configs) {
            mesh.apply(c);
        }
        return mesh;
    }

    /** {@code xdstest.ExtractVirtualHosts} of route configuration "80" at the client in a namespace. */
    private static Map<String, List<String>> hosts(Mesh mesh, String namespace) {
        RouteConfiguration rc = Internals.proxyConfig(mesh, namespace + "/client").routeConfiguration("80");
        Map<String, List<String>> out = new HashMap<>();
        for (VirtualHost vh : rc.virtualHosts()) {
            List<String> clusters = new ArrayList<>();
            for (Route r : vh.routes()) {
                if (r.action() instanceof RouteAction.Forward f) {
                    f.clusters().forEach(c -> clusters.add(c.name()));
                }
            }
            for (String d : vh.domains()) {
                out.put(d, clusters);
            }
        }
        return out;
    }

    @Test
    @DisplayName("wildcard match with sidecar: the wildcard VirtualService takes both imported services; no vhost of its own")
    void wildcardMatchWithSidecar() {
        Map<String, List<String>> h = hosts(meshWith(vs("default", "*.cluster.local", "arbitrary.example.com"),
                sidecar("default", "*/*.cluster.local")), "default");
        assertThat(h.get("known.default.svc.cluster.local")).containsExactly("outbound|80||arbitrary.example.com");
        assertThat(h.get("alt-known.default.svc.cluster.local")).containsExactly("outbound|80||arbitrary.example.com");
        assertThat(h).doesNotContainKey("*.cluster.local");
    }

    @Test
    @DisplayName("wildcard and explicit with sidecar: the unimported wildcard VirtualService still attaches; the exact one wins its host")
    void wildcardAndExplicitWithSidecar() {
        Map<String, List<String>> h = hosts(meshWith(vs("default", "*.cluster.local", "wild.example.com"),
                vs("default", "known.default.svc.cluster.local", "explicit.example.com"),
                sidecar("default", "default/known.default.svc.cluster.local", "default/alt-known.default.svc.cluster.local")),
                "default");
        assertThat(h.get("alt-known.default.svc.cluster.local")).containsExactly("outbound|80||wild.example.com");
        assertThat(h.get("known.default.svc.cluster.local")).containsExactly("outbound|80||explicit.example.com");
        assertThat(h).doesNotContainKey("*.cluster.local");
    }

    @Test
    @DisplayName("explicit first then wildcard with sidecar cross namespace: a wildcard VirtualService of an unimported namespace is not seen")
    void crossNamespaceWildcardNotImported() {
        Map<String, List<String>> h = hosts(meshWith(vs("not-default", "*.cluster.local", "wild.example.com"),
                vs("default", "known.default.svc.cluster.local", "explicit.example.com"),
                sidecar("default", "default/known.default.svc.cluster.local", "default/alt-known.default.svc.cluster.local")),
                "default");
        assertThat(h.get("alt-known.default.svc.cluster.local")).containsExactly("outbound|80||alt-known.default.svc.cluster.local");
        assertThat(h.get("known.default.svc.cluster.local")).containsExactly("outbound|80||explicit.example.com");
        assertThat(h).doesNotContainKey("*.cluster.local");
    }

    @Test
    @DisplayName("explicit match with wildcard sidecar: a VirtualService for a host no service has gets its vhost on port 80")
    void explicitMatchWithWildcardSidecar() {
        Map<String, List<String>> h = hosts(meshWith(vs("default", "arbitrary.svc.cluster.local", "arbitrary.svc.cluster.local"),
                sidecar("default", "*/*.cluster.local")), "default");
        assertThat(h.get("arbitrary.svc.cluster.local")).containsExactly("outbound|80||arbitrary.svc.cluster.local");
    }

    @Test
    @DisplayName("wildcard match with explicit sidecar: the wildcard VirtualService takes the one imported service")
    void wildcardMatchWithExplicitSidecar() {
        Map<String, List<String>> h = hosts(meshWith(vs("default", "*.cluster.local", "arbitrary.example.com"),
                sidecar("default", "*/known.default.svc.cluster.local")), "default");
        assertThat(h.get("known.default.svc.cluster.local")).containsExactly("outbound|80||arbitrary.example.com");
        assertThat(h).doesNotContainKeys("*.cluster.local", "alt-known.default.svc.cluster.local");
    }

    @Test
    @DisplayName("non-service wildcard match with explicit sidecar: an unimported service has no vhost; the imported one keeps its default")
    void nonServiceWildcardWithExplicitSidecar() {
        Map<String, List<String>> h = hosts(meshWith(vs("default", "*.example.org", "arbitrary.example.com"),
                sidecar("default", "*/explicit.example.org", "*/alt-known.default.svc.cluster.local")), "default");
        assertThat(h).doesNotContainKey("known.default.svc.cluster.local");
        assertThat(h.get("alt-known.default.svc.cluster.local")).containsExactly("outbound|80||alt-known.default.svc.cluster.local");
        assertThat(h.get("*.example.org")).containsExactly("outbound|80||arbitrary.example.com");
    }

    @Test
    @DisplayName("sidecar filter: the wildcard VirtualService over unimported services gets a vhost of its own; the other namespace's is not seen")
    void sidecarFilter() {
        Map<String, List<String>> h = hosts(meshWith(vs("not-default", "*.default.svc.cluster.local", "arbitrary.example.com"),
                vs("default", "explicit.default.svc.cluster.local", "explicit.default.svc.cluster.local"),
                sidecar("not-default", "not-default/*.default.svc.cluster.local", "not-default/not-default.not-default.svc.cluster.local")),
                "not-default");
        assertThat(h.get("*.default.svc.cluster.local")).containsExactly("outbound|80||arbitrary.example.com");
        assertThat(h).doesNotContainKey("explicit.default.svc.cluster.local");
        assertThat(h.get("not-default.not-default.svc.cluster.local"))
                .containsExactly("outbound|80||not-default.not-default.svc.cluster.local");
    }

    @Test
    @DisplayName("without a Sidecar the same client sees every service: the baseline of the cases above")
    void withoutSidecar() {
        Map<String, List<String>> h = hosts(meshWith(vs("default", "*.cluster.local", "arbitrary.example.com")), "default");
        assertThat(h.get("known.default.svc.cluster.local")).containsExactly("outbound|80||arbitrary.example.com");
        assertThat(h.get("not-default.not-default.svc.cluster.local")).containsExactly("outbound|80||arbitrary.example.com");
    }
}
