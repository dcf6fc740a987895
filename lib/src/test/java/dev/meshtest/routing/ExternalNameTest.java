package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static dev.meshtest.routing.Routing.one;
import static dev.meshtest.routing.Routing.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * ExternalName Services as Istio treats them (istio-rules §2.8): an alias of the host it names,
 * with no listener, cluster or virtual host of its own.
 */
class ExternalNameTest {

    private static String alias(String name, String target) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %s}
                spec:
                  type: ExternalName
                  externalName: %s
                  ports: [{name: http, port: 5000}]
                """.formatted(name, target);
    }

    @Test
    @DisplayName("an alias of an in-mesh Service: DNS answers the Service's ClusterIP, its virtual host answers the alias's names, no cluster of its own")
    void aliasOfAService() {
        Mesh mesh = helloworld().apply(alias("hello-alias", "helloworld.default.svc.cluster.local"));
        assertThat(mesh.send(100).from("nginx").to("hello-alias:5000/hello").countByWorkload())
                .containsExactly(java.util.Map.entry("helloworld-v1", 55L), java.util.Map.entry("helloworld-v2", 45L));
        assertThat(mesh.proxyConfig("nginx").clusters().column("SERVICE FQDN")).doesNotContain("hello-alias.default.svc.cluster.local");
        assertThat(Internals.proxyConfig(mesh, "nginx").routeConfiguration("5000").virtualHosts().stream()
                .filter(v -> v.name().startsWith("helloworld.default")).findFirst().orElseThrow().domains())
                .contains("helloworld", "hello-alias", "hello-alias.default.svc.cluster.local");
    }

    @Test
    @DisplayName("a VirtualService destination naming the alias uses the cluster of the Service it names")
    void destinationIsTheAlias() {
        Mesh mesh = helloworld().apply(alias("hello-alias", "helloworld.default.svc.cluster.local")).withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: hello}
                spec:
                  hosts: [helloworld]
                  http:
                  - route: [{destination: {host: hello-alias, subset: v2}}]
                """);
        assertThat(one(mesh, "helloworld:5000/hello")).isEqualTo("v2");
        assertThat(mesh.explain().from("nginx").to("helloworld:5000/hello").steps())
                .anyMatch(s -> s.contains("outbound|5000|v2|helloworld.default.svc.cluster.local"));
    }

    @Test
    @DisplayName("a VirtualService for the alias's own name takes those names; the Service's own name keeps its default route")
    void virtualServiceForTheAlias() {
        Mesh mesh = helloworld().apply(alias("hello-alias", "helloworld.default.svc.cluster.local")).withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: alias}
                spec:
                  hosts: [hello-alias]
                  http:
                  - route: [{destination: {host: helloworld, subset: v1}}]
                """);
        assertThat(one(mesh, "hello-alias:5000/hello")).isEqualTo("v1");
        assertThat(mesh.send(100).from("nginx").to("helloworld:5000/hello").countByWorkload())
                .containsExactly(java.util.Map.entry("helloworld-v1", 54L), java.util.Map.entry("helloworld-v2", 46L));
    }

    @Test
    @DisplayName("chains resolve to the end; a loop does not resolve; an alias of a name outside the cluster leaves it")
    void chainsLoopsAndOutside() {
        Mesh chain = helloworld().apply(alias("a", "b.default.svc.cluster.local") + "---\n"
                + alias("b", "helloworld.default.svc.cluster.local"));
        assertThat(chain.send(20).from("nginx").to("a:5000/hello").countByWorkload()).containsExactly(java.util.Map.entry("helloworld-v1", 11L), java.util.Map.entry("helloworld-v2", 9L));
        Mesh loop = helloworld().apply(alias("a", "b.default.svc.cluster.local") + "---\n" + alias("b", "a.default.svc.cluster.local"));
        assertThat(one(loop, "a:5000/hello")).isEqualTo("0 -");
        Mesh outside = helloworld().apply(alias("api", "api.example.com"));
        assertThat(where(outside.send(3).from("nginx").to("api:5000/v1"))).isEqualTo("200 -");
    }
}
