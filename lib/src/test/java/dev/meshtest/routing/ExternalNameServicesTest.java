package dev.meshtest.routing;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Istio's {@code TestExternalNameServices} ({@code sidecar_simulation_test.go}) as our own tests:
 * an ExternalName Service {@code alias} without ports naming {@code concrete}, whose ports are
 * HTTP (80), sniffed (81), TCP (82), TLS (83) and HTTPS (84). Every call to the alias ends at the
 * concrete Service's cluster for its port; a VirtualService for the alias's FQDN applies to that
 * Host header alone. (meshtest's client speaks HTTP: the TLS calls of Istio's test are not made.)
 */
class ExternalNameServicesTest {

    private static final String SERVICES = """
            apiVersion: v1
            kind: Service
            metadata: {name: alias}
            spec:
              type: ExternalName
              externalName: concrete.default.svc.cluster.local
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: concrete}
            spec:
              clusterIP: 1.2.3.4
              selector: {app: concrete}
              ports:
              - {name: http, port: 80}
              - {name: auto, port: 81}
              - {name: tcp, port: 82}
              - {name: tls, port: 83}
              - {name: https, port: 84}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: concrete-0, labels: {app: concrete}}
            spec: {containers: [{name: app, image: concrete}]}
            """;

    private static final String ALIAS_VIRTUAL_SERVICE = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: alias}
            spec:
              hosts: [alias.default.svc.cluster.local]
              http:
              - name: route1
                match: [{uri: {prefix: /one}}]
                route: [{destination: {host: concrete.default.svc.cluster.local}}]
            """;

    private static Mesh meshWith(String... configs) {
        Mesh mesh = mesh().apply(SERVICES).withPod("nginx");
        for (String c : configs) {
            mesh.apply(c);
        }
        return mesh;
    }

    private static String cluster(Mesh mesh, String url) {
        return mesh.send(1).from("nginx").to(url).outcomes().get(0).cluster().orElse("-");
    }

    /** The route that matched at nginx's sidecar, as explain names it: {@code default} or the VirtualService rule. */
    private static String route(Mesh mesh, String url) {
        for (String step : mesh.explain().from("nginx").to(url).steps()) {
            int vh = step.indexOf(" > virtual host ");
            if (vh >= 0) {
                String rest = step.substring(step.indexOf(" > ", vh + 3) + 3);
                return rest.substring(0, rest.indexOf(" (match "));
            }
        }
        return "none";
    }

    @Test
    @DisplayName("every port of the alias ends at the concrete Service's cluster for that port, by FQDN or short name")
    void everyPortEndsAtTheConcreteService() {
        Mesh mesh = meshWith();
        assertThat(cluster(mesh, "http://alias.default.svc.cluster.local:80/")).isEqualTo("outbound|80||concrete.default.svc.cluster.local");
        assertThat(cluster(mesh, "http://alias.default.svc.cluster.local:81/")).isEqualTo("outbound|81||concrete.default.svc.cluster.local");
        assertThat(cluster(mesh, "http://alias.default.svc.cluster.local:82/")).isEqualTo("outbound|82||concrete.default.svc.cluster.local");
        assertThat(cluster(mesh, "http://alias.default:84/")).isEqualTo("outbound|84||concrete.default.svc.cluster.local");
    }

    @Test
    @DisplayName("HTTP port: the alias's VirtualService applies to its FQDN only; alias.default and concrete keep the default route")
    void httpVirtualServiceOfTheAlias() {
        Mesh mesh = meshWith(ALIAS_VIRTUAL_SERVICE);
        assertThat(route(mesh, "http://alias.default.svc.cluster.local:80/one")).isEqualTo("VirtualService default/alias http[0] match[0]");
        assertThat(cluster(mesh, "http://alias.default.svc.cluster.local:80/one")).isEqualTo("outbound|80||concrete.default.svc.cluster.local");
        assertThat(route(mesh, "http://alias.default:80/one")).isEqualTo("default");
        assertThat(route(mesh, "http://concrete.default.svc.cluster.local:80/one")).isEqualTo("default");
    }

    @Test
    @DisplayName("sniffed port: no VirtualService for the alias applies, whatever the Host")
    void sniffedPortIgnoresTheAliasVirtualService() {
        Mesh mesh = meshWith(ALIAS_VIRTUAL_SERVICE);
        assertThat(route(mesh, "http://alias.default.svc.cluster.local:81/one")).isEqualTo("default");
        assertThat(route(mesh, "http://alias.default:81/one")).isEqualTo("default");
        assertThat(route(mesh, "http://concrete.default.svc.cluster.local:81/one")).isEqualTo("default");
        assertThat(cluster(mesh, "http://alias.default:81/one")).isEqualTo("outbound|81||concrete.default.svc.cluster.local");
    }
}
