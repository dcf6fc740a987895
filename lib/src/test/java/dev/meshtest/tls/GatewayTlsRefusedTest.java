package dev.meshtest.tls;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What of a Gateway's TLS meshtest does not simulate yet is refused where it is written (README,
 * "Refused unless the mesh is lenient"); lenient meshes note it and go on without it.
 */
class GatewayTlsRefusedTest {

    private static String server(String tls) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  selector: {istio: ingressgateway}
                  servers:
                  - port: {number: 443, name: https, protocol: HTTPS}
                    hosts: [httpbin.example.com]
                    tls: {%s}
                """.formatted(tls);
    }

    @Test
    @DisplayName("a MONGO server is refused at its protocol; SIMPLE, PASSTHROUGH and AUTO_PASSTHROUGH are simulated, tls matches "
            + "on destinationSubnets are not")
    void modes() {
        assertThatThrownBy(() -> mesh().withGateway(server("mode: SIMPLE").replace("{number: 443, name: https, protocol: HTTPS}",
                "{number: 27017, name: mongo, protocol: MONGO}").replace("    tls: {mode: SIMPLE}\n", "")))
                .hasMessageContaining("Gateway default/gw: spec.servers[0].port.protocol: meshtest does not simulate a MONGO "
                        + "server of a Gateway");
        assertThat(mesh().apply(server("mode: AUTO_PASSTHROUGH")).notes()).isEmpty();
        assertThat(mesh().apply(server("mode: SIMPLE, credentialName: c")).notes()).isEmpty();
        assertThat(mesh().apply(server("mode: PASSTHROUGH")).notes()).isEmpty();
        String tlsRoute = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [nginx.example.com]
                  %s
                  tls: [{match: [{sniHosts: [nginx.example.com]}], route: [{destination: {host: nginx.example.com}}]}]
                """;
        assertThat(mesh().apply(tlsRoute.formatted("gateways: [gw, mesh]")).notes()).isEmpty();
        assertThatThrownBy(() -> mesh().apply(tlsRoute.formatted("gateways: [gw, mesh]")
                .replace("sniHosts: [nginx.example.com]", "sniHosts: [nginx.example.com], destinationSubnets: [10.0.0.0/8]")))
                .hasMessageContaining("VirtualService default/vs: spec.tls[0].match[0].destinationSubnets: meshtest does not "
                        + "simulate a tls match on destinationSubnets");
    }

    @Test
    @DisplayName("client certificate checks beyond the CA, file certificates and cipher lists are refused field by field")
    void fields() {
        assertThatThrownBy(() -> mesh().withGateway(server("mode: MUTUAL, credentialName: c, subjectAltNames: [client.example.com]")))
                .hasMessageContaining("Gateway default/gw: spec.servers[0].tls.subjectAltNames: meshtest does not simulate a "
                        + "Gateway server's tls.subjectAltNames");
        Mesh lenient = mesh().lenient().apply(server("mode: SIMPLE, credentialName: c, cipherSuites: [ECDHE-RSA-AES256-GCM-SHA384]"));
        assertThat(lenient.notes()).singleElement().asString().contains("tls.cipherSuites");
        assertThat(mesh().apply(server("mode: SIMPLE, credentialName: c, minProtocolVersion: TLSV1_2, maxProtocolVersion: TLSV1_2"))
                .notes()).isEmpty();
    }
}
