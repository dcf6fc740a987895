package dev.meshtest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.junit.Fixtures;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficSpec;
import dev.meshtest.traffic.TrafficResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Istio's task "Secure Gateways" (istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress)
 * as a lesson: httpbin and helloworld behind the ingress gateway on 443, certificates from Secrets
 * ({@code secure-ingress/*}), reached the way the task's curl reaches them
 * ({@code --resolve httpbin.example.com:443:$INGRESS_HOST --cacert example_certs1/example.com.crt}).
 * meshtest's httpbin answers 200 where the real one draws its teapot for {@code /status/418}:
 * apps are not modelled, the routing and the TLS are.
 */
@DisplayName("Secure gateways: Istio's task on httpbin and helloworld")
@ExtendWith(LessonPrinter.class)
class SecureIngressLessonsTest {

    static String file(String name) {
        try (InputStream in = SecureIngressLessonsTest.class.getResourceAsStream("/secure-ingress/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Mesh apps() {
        return Fixtures.apply(Mesh.mesh(), "httpbin", "helloworld");
    }

    /** curl from outside with the options given, one request. */
    static Outcome curl(Mesh mesh, java.util.function.UnaryOperator<TrafficSpec<TrafficResult>> options, String url) {
        return options.apply(mesh.send(1).fromOutside()).to(url).outcomes().get(0);
    }

    @Nested
    @DisplayName("A TLS ingress gateway for a single host")
    class SingleHost {

        Mesh mesh() {
            return apps().apply("classpath:secure-ingress/httpbin-credential.yaml").apply("classpath:secure-ingress/mygateway.yaml");
        }

        @Test
        @DisplayName("curl --cacert example_certs1/example.com.crt reaches httpbin over HTTPS")
        void trusted() {
            Outcome o = curl(mesh(), s -> s.cacert(file("example_certs1/example.com.crt")), "https://httpbin.example.com/status/418");
            assertThat(o.status()).isEqualTo(200);
            assertThat(o.workload()).contains("httpbin");
        }

        @Test
        @DisplayName("without --cacert curl does not trust the certificate; with another CA's neither")
        void untrusted() {
            assertThat(curl(mesh(), s -> s, "https://httpbin.example.com/status/418").body())
                    .isEqualTo("curl: (60) SSL certificate problem: unable to get local issuer certificate");
            assertThat(curl(mesh(), s -> s.cacert(file("example_certs2/example.com.crt")), "https://httpbin.example.com/status/418")
                    .body()).isEqualTo("curl: (60) SSL certificate problem: unable to get local issuer certificate");
        }

        @Test
        @DisplayName("the istioctl view: one filter chain for SNI httpbin.example.com on the gateway's 8443")
        void listeners() {
            assertThat(mesh().proxyConfig("istio-system/istio-ingressgateway").listeners().rows()).containsExactly(
                    java.util.List.of("0.0.0.0", "8443", "SNI: httpbin.example.com", "Route: https.443.https.mygateway.default"));
        }

        @Test
        @DisplayName("before the Secret exists the gateway has no certificate to serve: curl's handshake is cut off")
        void secretMissing() {
            Mesh mesh = apps().apply("classpath:secure-ingress/mygateway.yaml");
            assertThat(curl(mesh, s -> s.cacert(file("example_certs1/example.com.crt")), "https://httpbin.example.com/status/418")
                    .body()).isEqualTo("curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to httpbin.example.com:443 ");
        }
    }

    @Nested
    @DisplayName("A TLS ingress gateway for multiple hosts")
    class MultipleHosts {

        Mesh mesh() {
            return apps().apply("classpath:secure-ingress/httpbin-credential.yaml")
                    .apply("classpath:secure-ingress/helloworld-credential.yaml")
                    .apply("classpath:secure-ingress/mygateway.yaml")
                    .apply("classpath:secure-ingress/mygateway-two-hosts.yaml");
        }

        @Test
        @DisplayName("each host gets its own certificate by SNI: helloworld with example_certs2's CA, httpbin with example_certs1's")
        void bySni() {
            Outcome hello = curl(mesh(), s -> s.cacert(file("example_certs2/example.com.crt")), "https://helloworld.example.com/hello");
            assertThat(hello.status()).isEqualTo(200);
            assertThat(hello.body()).startsWith("Hello version: v");
            assertThat(curl(mesh(), s -> s.cacert(file("example_certs1/example.com.crt")), "https://httpbin.example.com/status/418")
                    .workload()).contains("httpbin");
        }

        @Test
        @DisplayName("asking helloworld.example.com with httpbin's CA fails: the certificate served is helloworld's")
        void wrongCa() {
            assertThat(curl(mesh(), s -> s.cacert(file("example_certs1/example.com.crt")), "https://helloworld.example.com/hello")
                    .body()).isEqualTo("curl: (60) SSL certificate problem: unable to get local issuer certificate");
        }
    }

    @Nested
    @DisplayName("A mutual TLS ingress gateway")
    class Mutual {

        Mesh mesh() {
            return apps().apply("classpath:secure-ingress/httpbin-credential-mutual.yaml")
                    .apply("classpath:secure-ingress/mygateway.yaml")
                    .apply("classpath:secure-ingress/mygateway-mutual.yaml");
        }

        @Test
        @DisplayName("without a client certificate the gateway refuses: TLS 1.3's certificate required alert")
        void noClientCertificate() {
            assertThat(curl(mesh(), s -> s.cacert(file("example_certs1/example.com.crt")), "https://httpbin.example.com/status/418")
                    .body()).isEqualTo("curl: (56) OpenSSL SSL_read: OpenSSL/3.0.19: error:0A00045C:SSL routines::tlsv13 alert "
                            + "certificate required, errno 0");
        }

        @Test
        @DisplayName("with --cert client.example.com.crt --key client.example.com.key the request reaches httpbin")
        void clientCertificate() {
            Outcome o = curl(mesh(), s -> s.cacert(file("example_certs1/example.com.crt"))
                    .cert(file("example_certs1/client.example.com.crt"), file("example_certs1/client.example.com.key")),
                    "https://httpbin.example.com/status/418");
            assertThat(o.status()).isEqualTo(200);
            assertThat(o.workload()).contains("httpbin");
        }
    }
}
