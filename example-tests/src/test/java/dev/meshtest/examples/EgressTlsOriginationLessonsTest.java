package dev.meshtest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.junit.Fixtures;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Istio's task "Egress TLS Origination"
 * (istio.io/latest/docs/tasks/traffic-management/egress/egress-tls-origination) as a lesson: the
 * app sends plain HTTP, its sidecar opens TLS to the outside host ({@code SIMPLE}), and to an
 * NGINX that wants a client certificate ({@code MUTUAL}), with the task's YAML
 * ({@code egress-tls-origination/*}). meshtest's outside hosts answer 200 over whatever they
 * speak (edition.cnn.com's real 301 to https is not modelled): the lesson is which protocol
 * reaches which port, and the certificates.
 */
@DisplayName("Egress TLS origination: Istio's task on edition.cnn.com and NGINX")
@ExtendWith(LessonPrinter.class)
class EgressTlsOriginationLessonsTest {

    static String file(String name) {
        try (InputStream in = EgressTlsOriginationLessonsTest.class.getResourceAsStream("/egress-tls-origination/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome curl(Mesh mesh, String url) {
        return mesh.send(1).from("sleep").to(url).outcomes().get(0);
    }

    @Nested
    @DisplayName("TLS origination for egress traffic: http://edition.cnn.com goes out as HTTPS")
    class Simple {

        Mesh mesh() {
            return Fixtures.apply(Mesh.mesh(), "sleep").apply("classpath:egress-tls-origination/edition-cnn-com.yaml");
        }

        @Test
        @DisplayName("curl http://edition.cnn.com/politics: the sidecar originates TLS to edition.cnn.com:443, 200")
        void originates() {
            Outcome o = curl(mesh(), "http://edition.cnn.com/politics");
            assertThat(o.status()).isEqualTo(200);
            assertThat(o.cluster()).contains("outbound|80||edition.cnn.com");
            assertThat(mesh().explain().from("sleep").to("http://edition.cnn.com/politics").toString()).contains(
                    "originates TLS (SIMPLE, server name edition.cnn.com) to edition.cnn.com:443: a host outside the cluster, "
                            + "it serves a certificate for edition.cnn.com from a public CA on port 443, trusted by the system's CAs");
        }

        @Test
        @DisplayName("https://edition.cnn.com is unchanged: the app's own TLS passes through port 443")
        void httpsUnchanged() {
            Outcome o = curl(mesh(), "https://edition.cnn.com/politics");
            assertThat(o.status()).isEqualTo(200);
            assertThat(o.cluster()).contains("outbound|443||edition.cnn.com");
        }

        @Test
        @DisplayName("without the DestinationRule, port 80's targetPort 443 gets plain HTTP: the HTTPS server answers 400")
        void targetPortWithoutRule() {
            Mesh m = Fixtures.apply(Mesh.mesh(), "sleep").apply(file("edition-cnn-com.yaml").split("\n---\n")[0]);
            assertThat(curl(m, "http://edition.cnn.com/politics").status()).isEqualTo(400);
        }
    }

    @Nested
    @DisplayName("Mutual TLS origination: the sidecar presents client-credential to NGINX")
    class Mutual {

        /** NGINX as the task configures it: its certificate on 443, client certificates of example.com required. */
        Mesh mesh() {
            return Fixtures.apply(Mesh.mesh(), "sleep").apply("classpath:egress-tls-origination/my-nginx.yaml")
                    .withApp("mesh-external/my-nginx", App.generic().body("<title>Welcome to nginx!</title>")
                            .servingMutualTls(443, file("my-nginx.mesh-external.svc.cluster.local.crt"), file("example.com.crt")))
                    .apply("classpath:egress-tls-origination/client-credential.yaml")
                    .apply("classpath:egress-tls-origination/originate-mtls-for-nginx.yaml");
        }

        @Test
        @DisplayName("curl http://my-nginx.mesh-external.svc.cluster.local: Welcome to nginx!")
        void welcome() {
            Outcome o = curl(mesh(), "http://my-nginx.mesh-external.svc.cluster.local");
            assertThat(o.status()).isEqualTo(200);
            assertThat(o.body()).contains("Welcome to nginx!");
            assertThat(o.workload()).contains("my-nginx");
        }

        @Test
        @DisplayName("before client-credential exists, Envoy keeps the cluster warming for its certificate: 503 NC")
        void withoutTheSecret() {
            Mesh m = Fixtures.apply(Mesh.mesh(), "sleep").apply("classpath:egress-tls-origination/my-nginx.yaml")
                    .withApp("mesh-external/my-nginx", App.generic()
                            .servingMutualTls(443, file("my-nginx.mesh-external.svc.cluster.local.crt"), file("example.com.crt")))
                    .apply("classpath:egress-tls-origination/originate-mtls-for-nginx.yaml");
            Outcome o = curl(m, "http://my-nginx.mesh-external.svc.cluster.local");
            assertThat(o.status()).isEqualTo(503);
            assertThat(o.flags()).isEqualTo(Set.of(ResponseFlag.NO_CLUSTER_FOUND));
        }

        @Test
        @DisplayName("without the workloadSelector istiod gives sidecars no TLS: plain HTTP reaches NGINX's 443, which fails it")
        void withoutWorkloadSelector() {
            Mesh m = Fixtures.apply(Mesh.mesh(), "sleep").apply("classpath:egress-tls-origination/my-nginx.yaml")
                    .withApp("mesh-external/my-nginx", App.generic()
                            .servingMutualTls(443, file("my-nginx.mesh-external.svc.cluster.local.crt"), file("example.com.crt")))
                    .apply("classpath:egress-tls-origination/client-credential.yaml")
                    .apply(file("originate-mtls-for-nginx.yaml").replace("  workloadSelector:\n    matchLabels:\n      app: sleep\n", ""));
            Outcome o = curl(m, "http://my-nginx.mesh-external.svc.cluster.local");
            assertThat(o.status()).isEqualTo(400);
            assertThat(o.body()).isEqualTo("The plain HTTP request was sent to HTTPS port");
        }
    }
}
