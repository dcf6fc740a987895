package dev.meshtest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.junit.Fixtures;
import dev.meshtest.traffic.Outcome;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Istio's task "Egress Gateways" (istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway),
 * its part "Egress gateway for HTTPS traffic", as a lesson: VirtualService {@code tls} rules send
 * {@code https://edition.cnn.com} by its SNI to the egress gateway, whose {@code PASSTHROUGH} server
 * forwards it, still encrypted, to edition.cnn.com ({@code egress-gateways/*}). meshtest's outside
 * hosts answer 200; the lesson is the way the connection takes.
 */
@DisplayName("Egress gateways: Istio's task on edition.cnn.com over TLS")
@ExtendWith(LessonPrinter.class)
class EgressGatewaysLessonsTest {

    static Mesh mesh() {
        return Fixtures.apply(Mesh.mesh(), "sleep").apply("classpath:egress-gateways/istio-egressgateway.yaml")
                .apply("classpath:egress-gateways/cnn-https.yaml");
    }

    static String explain(Mesh mesh) {
        return mesh.explain().from("sleep").to("https://edition.cnn.com/politics").toString();
    }

    @Test
    @DisplayName("with the ServiceEntry alone, the sidecar sends edition.cnn.com's TLS straight out, by its SNI")
    void direct() {
        Mesh m = mesh();
        Outcome o = m.send(1).from("sleep").to("https://edition.cnn.com/politics").outcomes().get(0);
        assertThat(o.status()).isEqualTo(200);
        assertThat(explain(m)).doesNotContain("istio-egressgateway-");
        assertThat(m.proxyConfig("sleep").listeners().rows())
                .contains(List.of("0.0.0.0", "443", "SNI: edition.cnn.com", "Cluster: outbound|443||edition.cnn.com"));
    }

    @Test
    @DisplayName("with the tls rules, the connection goes by SNI to the egress gateway, which passes it through to edition.cnn.com")
    void throughTheGateway() {
        Mesh m = mesh().apply("classpath:egress-gateways/egress-gateway-tls-passthrough.yaml");
        Outcome o = m.send(1).from("sleep").to("https://edition.cnn.com/politics").outcomes().get(0);
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.cluster()).contains("outbound|443||edition.cnn.com");
        assertThat(explain(m))
                .contains("(tls route of VirtualService default/direct-cnn-through-egress-gateway)")
                .contains(":8443 (istio-egressgateway-")
                .contains("passes TLS through (tls route of VirtualService default/direct-cnn-through-egress-gateway)");
        assertThat(m.proxyConfig("istio-system/istio-egressgateway").listeners().rows())
                .containsExactly(List.of("0.0.0.0", "8443", "SNI: edition.cnn.com", "Cluster: outbound|443||edition.cnn.com"));
    }

    @Test
    @DisplayName("plain HTTP to edition.cnn.com's TLS port gets no SNI chain: it leaves as it came, and the HTTPS server answers 400")
    void plainHttpToTheTlsPort() {
        Mesh m = mesh().apply("classpath:egress-gateways/egress-gateway-tls-passthrough.yaml");
        assertThat(m.send(1).from("sleep").to("http://edition.cnn.com:443/politics").outcomes().get(0).status()).isEqualTo(400);
    }
}
