package dev.meshtest.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.Outcome.ConnectionEnd;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * AuthorizationPolicy on TCP connections (Envoy's network RBAC filter): the policies' TCP part
 * only ({@code Generate(forTCP)}, {@code checkError}): an ALLOW rule naming an HTTP-only field
 * allows nothing; a DENY rule's HTTP-only fields are dropped, so it denies more.
 */
class TcpAuthorizationTest {

    private static Mesh echo(String rule, String action) {
        return TcpRoutesTest.echo().withNamespace("other", true).withPod("intruder", "other").apply("""
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: tcp-echo}
                spec:
                  selector: {matchLabels: {app: tcp-echo}}
                  action: %s
                  rules: [%s]
                """.formatted(action, rule));
    }

    private static Outcome connect(Mesh m, String from) {
        return m.connect(1).from(from).to("tcp-echo.default:9000").outcomes().get(0);
    }

    @Test
    @DisplayName("ALLOW from the default namespace on port 9000: sleep's connection is accepted, another namespace's is closed")
    void allowByNamespaceAndPort() {
        Mesh m = echo("{from: [{source: {namespaces: [default]}}], to: [{operation: {ports: [\"9000\"]}}]}", "ALLOW");
        assertThat(connect(m, "sleep").connectionEnd()).contains(ConnectionEnd.ACCEPTED);
        assertThat(connect(m, "other/intruder").connectionEnd()).contains(ConnectionEnd.CLOSED);
        assertThat(m.explainConnection().from("other/intruder").to("tcp-echo.default:9000").toString()).contains(
                "(network RBAC: the policies' TCP part): no ALLOW rule matches (1 rule of the policies that select it): the "
                        + "connection is closed (rbac_access_denied_matched_policy[none])");
    }

    @Test
    @DisplayName("an ALLOW rule with an HTTP-only field (paths) allows no TCP connection: even sleep's is closed")
    void allowWithHttpOnlyFieldAllowsNothing() {
        Mesh m = echo("{from: [{source: {namespaces: [default]}}], to: [{operation: {paths: [/]}}]}", "ALLOW");
        assertThat(connect(m, "sleep").connectionEnd()).contains(ConnectionEnd.CLOSED);
    }

    @Test
    @DisplayName("a DENY rule's HTTP-only field (methods) is dropped on TCP: it denies every connection from that namespace")
    void denyWithHttpOnlyFieldDeniesMore() {
        Mesh m = echo("{from: [{source: {namespaces: [other]}}], to: [{operation: {methods: [POST]}}]}", "DENY");
        assertThat(connect(m, "other/intruder").connectionEnd()).contains(ConnectionEnd.CLOSED);
        assertThat(connect(m, "sleep").connectionEnd()).contains(ConnectionEnd.ACCEPTED);
    }
}
