package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.assertPlausible;
import static dev.meshtest.routing.Routing.helloworld;
import static dev.meshtest.routing.Routing.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Headless Services as Istio builds them (istio-rules §2.7): at a sidecar their clusters send to
 * the address the client dialled, which CoreDNS picked among the ready pods, so VirtualService
 * subsets and weights do not move traffic; a gateway load-balances them with EDS.
 */
class HeadlessServiceTest {

    private static final String HEADLESS = """
            apiVersion: v1
            kind: Service
            metadata: {name: hello-headless}
            spec:
              clusterIP: None
              selector: {app: helloworld}
              ports: [{name: http, port: 5000}]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: hello-headless}
            spec:
              host: hello-headless
              subsets:
              - {name: v1, labels: {version: v1}}
              - {name: v2, labels: {version: v2}}
            """;

    private static final String ALL_TO_V1 = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: hello-headless}
            spec:
              hosts: [hello-headless]
              http:
              - route: [{destination: {host: hello-headless, subset: v1}}]
            """;

    @Test
    @DisplayName("at a sidecar the dialled pod answers: a VirtualService sending everything to subset v1 does not move traffic")
    void sidecarSendsToTheDialledPod() {
        Mesh mesh = helloworld().apply(HEADLESS).apply(ALL_TO_V1);
        Map<String, Long> byWorkload = mesh.send(400).from("nginx").to("hello-headless:5000/hello").countByWorkload();
        assertThat(byWorkload).containsExactly(java.util.Map.entry("helloworld-v1", 195L), java.util.Map.entry("helloworld-v2", 205L));
        assertPlausible(byWorkload.get("helloworld-v2"), 400, 0.5);
        assertThat(mesh.proxyConfig("nginx").clusters().rows()).contains(
                List.of("hello-headless.default.svc.cluster.local", "5000", "v1", "outbound", "ORIGINAL_DST", "hello-headless.default"));
        assertThat(mesh.explain().from("nginx").to("hello-headless:5000/hello").steps())
                .anyMatch(s -> s.contains("ready pods' IPs of a headless Service, shuffled by CoreDNS"));
    }

    @Test
    @DisplayName("a pod that is not ready is not in DNS's answer")
    void notReadyPodsAreNotAnswered() {
        Mesh mesh = helloworld().apply(HEADLESS).setReady("helloworld-v1", false);
        assertThat(where(mesh.send(50).from("nginx").to("hello-headless:5000/hello"))).isEqualTo("v2");
    }

    @Test
    @DisplayName("a gateway cannot send to the original destination: it load-balances with EDS, and the subset holds")
    void gatewayUsesEds() {
        Mesh mesh = helloworld().apply(HEADLESS).withGateway(Routing.GATEWAY_ALL_HOSTS).apply(ALL_TO_V1.replace("hosts: [hello-headless]", "hosts: [\"*\"]\n  gateways: [gw]")
                .replace("subset: v1}", "subset: v1, port: {number: 5000}}"));
        assertThat(where(mesh.send(50).fromOutside().to("http://1.2.3.4/hello"))).isEqualTo("v1");
        assertThat(mesh.proxyConfig("istio-system/istio-ingressgateway").clusters().rows().stream()
                .filter(r -> r.get(0).equals("hello-headless.default.svc.cluster.local")).map(r -> r.get(4)))
                .containsExactly("EDS", "EDS", "EDS");
    }

    private static String pod(String name, String hostname) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, labels: {app: db}}
                spec:
                  hostname: %s
                  subdomain: db
                  containers: [{name: db, image: db, ports: [{containerPort: 8080}]}]
                ---
                """.formatted(name, hostname);
    }

    private static final String DB = """
            apiVersion: v1
            kind: Service
            metadata: {name: db}
            spec:
              clusterIP: None
              selector: {app: db}
              ports: [{name: http, port: 8080}]
            """;

    @Test
    @DisplayName("a pod's own name under its headless Service resolves to it, from the search list too; the vhost's *. domains route it")
    void podNamesUnderTheService() {
        Mesh mesh = helloworld().apply(pod("db-a", "a") + pod("db-b", "b") + DB);
        assertThat(Routing.one(mesh, "a.db:8080/x")).isEqualTo("db-a");
        assertThat(Routing.one(mesh, "b.db.default.svc.cluster.local:8080/x")).isEqualTo("db-b");
        assertThat(Routing.one(mesh, "c.db:8080/x")).isEqualTo("0 -");
        assertThat(dev.meshtest.Internals.proxyConfig(mesh, "nginx").routeConfiguration("8080").virtualHosts().stream()
                .filter(v -> v.name().startsWith("db.default")).findFirst().orElseThrow().domains())
                .containsExactly("db.default.svc.cluster.local", "db.default.svc.cluster.local.", "db", "db.default.svc", "db.default",
                        "*.db.default.svc.cluster.local", "*.db.default.svc.cluster.local.", "*.db", "*.db.default.svc", "*.db.default");
        // Without the subdomain the hostname is the pod's own business: no DNS name.
        Mesh noSubdomain = helloworld().apply(pod("db-a", "a").replace("  subdomain: db\n", "") + DB);
        assertThat(Routing.one(noSubdomain, "a.db:8080/x")).isEqualTo("0 -");
    }
}
