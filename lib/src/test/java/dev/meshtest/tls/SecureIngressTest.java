package dev.meshtest.tls;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * HTTPS at the ingress gateway, as Istio's "Secure Gateways" task sets it up: a Gateway server
 * on 443 with {@code tls.mode: SIMPLE} (then {@code MUTUAL}) and {@code credentialName} naming a
 * Secret in the gateway's namespace, reached from outside with curl's {@code --resolve},
 * {@code --cacert} and {@code --cert}. Failures are curl's, as curl 7.88 with OpenSSL 3 prints them.
 */
class SecureIngressTest {

    private static final String GATEWAY = "istio-system/istio-ingressgateway";

    static String gateway(String mode, String hosts) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: mygateway}
                spec:
                  selector: {istio: ingressgateway}
                  servers:
                  - port: {number: 443, name: https, protocol: HTTPS}
                    tls: {mode: %s, credentialName: httpbin-credential}
                    hosts: [%s]
                """.formatted(mode, hosts);
    }

    static final String ROUTE = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: httpbin}
            spec:
              hosts: [httpbin.example.com]
              gateways: [mygateway]
              http:
              - route: [{destination: {host: helloworld, port: {number: 5000}}}]
            """;

    /**
     * The helloworld Deployments, standing in for httpbin: generic apps, which answer 200 on every
     * path as httpbin does on its own ({@code /}, {@code /status/418} is the task's teapot).
     */
    static Mesh backend() {
        return mesh().apply("classpath:experiments/helloworld.yaml")
                .withApp("helloworld-v1", dev.meshtest.app.App.generic()).withApp("helloworld-v2", dev.meshtest.app.App.generic());
    }

    /** The httpbin gateway in a mode that checks client certificates: its Secret has the CA in ca.crt. */
    static Mesh checkingClients(String mode) {
        return backend()
                .apply(Certs.mutualSecret("istio-system", "httpbin-credential", "httpbin.example.com", "example.com"))
                .withGateway(gateway(mode, "httpbin.example.com"))
                .withVirtualService(ROUTE);
    }

    static Mesh secured(String mode) {
        return backend()
                .apply(Certs.tlsSecret("istio-system", "httpbin-credential", "httpbin.example.com"))
                .withGateway(gateway(mode, "httpbin.example.com"))
                .withVirtualService(ROUTE);
    }

    private static Outcome curl(Mesh mesh, java.util.function.UnaryOperator<dev.meshtest.traffic.TrafficSpec<dev.meshtest.traffic.TrafficResult>> options,
                                String url) {
        return options.apply(mesh.send(1).fromOutside()).to(url).outcomes().get(0);
    }

    @Test
    @DisplayName("SIMPLE: with the CA trusted, the request is routed by the HTTPS server's own route configuration")
    void simple() {
        Mesh mesh = secured("SIMPLE");
        Outcome o = curl(mesh, s -> s.cacert(Certs.pem("example.com.crt")), "https://httpbin.example.com/status/418");
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.workload()).get().asString().startsWith("helloworld-v");
        assertThat(mesh.proxyConfig(GATEWAY).listeners().rows()).containsExactly(
                List.of("0.0.0.0", "8443", "SNI: httpbin.example.com", "Route: https.443.https.mygateway.default"));
        assertThat(mesh.proxyConfig(GATEWAY).routes().rows()).containsExactly(List.of("https.443.https.mygateway.default",
                "httpbin.example.com:443", "httpbin.example.com", "/*", "httpbin.default"));
    }

    @Test
    @DisplayName("SIMPLE: curl fails as it fails against Envoy: untrusted, wrong name, no chain for the name, plain text")
    void simpleFailures() {
        Mesh mesh = secured("SIMPLE");
        assertThat(curl(mesh, s -> s, "https://httpbin.example.com/").body())
                .isEqualTo("curl: (60) SSL certificate problem: unable to get local issuer certificate");
        assertThat(curl(mesh, s -> s.cacert(Certs.pem("example.com.crt")).header("Host", "httpbin.example.com"),
                "https://other.example.com/").body())
                .isEqualTo("curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to other.example.com:443 ");
        assertThat(curl(mesh, s -> s, "https://httpbin.example.com/").curlExitCode()).hasValue(60);
        assertThat(curl(mesh, s -> s.insecure(), "https://httpbin.example.com/").curlExitCode()).isEmpty();
        assertThat(curl(mesh, s -> s.insecure(), "https://httpbin.example.com/").status()).isEqualTo(200);
        assertThat(curl(mesh, s -> s, "http://httpbin.example.com:443/").body()).isEqualTo("curl: (52) Empty reply from server");
    }

    @Test
    @DisplayName("a TLS client on a plain-HTTP server's port fails its handshake; httpsRedirect sends curl -L to the HTTPS server")
    void plainHttpPort() {
        Mesh mesh = secured("SIMPLE").withGateway("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: plain}
                spec:
                  selector: {istio: ingressgateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [httpbin.example.com], tls: {httpsRedirect: true}}]
                """);
        assertThat(curl(mesh, s -> s.cacert(Certs.pem("example.com.crt")), "https://httpbin.example.com:80/").body())
                .isEqualTo("curl: (35) OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number");
        Outcome redirected = curl(mesh, s -> s.cacert(Certs.pem("example.com.crt")).followRedirects(),
                "http://httpbin.example.com/status/418");
        assertThat(redirected.status()).isEqualTo(200);
        assertThat(redirected.redirects()).extracting(r -> r.location()).containsExactly("https://httpbin.example.com/status/418");
        assertThat(mesh.proxyConfig(GATEWAY).listeners().rows()).containsExactly(
                List.of("0.0.0.0", "8080", "HTTP", "Route: http.8080"),
                List.of("0.0.0.0", "8443", "SNI: httpbin.example.com", "Route: https.443.https.mygateway.default"));
    }

    @Test
    @DisplayName("httpsRedirect on an HTTPS server (gateway_simulation_test): the request came over TLS, so it is routed")
    void httpsRedirectOnHttps() {
        Mesh mesh = secured("SIMPLE, httpsRedirect: true");
        Outcome o = curl(mesh, s -> s.cacert(Certs.pem("example.com.crt")), "https://httpbin.example.com/");
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.workload()).get().asString().startsWith("helloworld-v");
        assertThat(mesh.proxyConfig(GATEWAY).routes().rows()).contains(List.of("https.443.https.mygateway.default",
                "httpbin.example.com:443", "httpbin.example.com", "* (not TLS)", "301 to https (tls.httpsRedirect)"));
    }

    @Test
    @DisplayName("proxyConfig(gateway).tls(): each TLS chain's mode, names, Secret, client check and versions (minProtocolVersion)")
    void tlsTable() {
        assertThat(secured("SIMPLE").proxyConfig(GATEWAY).tls().rows()).containsExactly(List.of("downstream", "0.0.0.0:8443",
                "SIMPLE", "httpbin.example.com", "Secret istio-system/httpbin-credential", "-", "TLSV1_2-TLSV1_3"));
        assertThat(checkingClients("MUTUAL, minProtocolVersion: TLSV1_3").proxyConfig(GATEWAY).tls().rows()).containsExactly(
                List.of("downstream", "0.0.0.0:8443", "MUTUAL", "httpbin.example.com", "Secret istio-system/httpbin-credential",
                        "client certificates of CN=example.com,O=example Inc.", "TLSV1_3-TLSV1_3"));
        assertThat(mesh().apply("classpath:experiments/helloworld.yaml").proxyConfig(GATEWAY).tls().rows()).isEmpty();
    }

    @Test
    @DisplayName("maxProtocolVersion below TLS 1.2: curl, which offers 1.2 and 1.3, finds no version in common")
    void belowTls12() {
        Mesh mesh = secured("SIMPLE, maxProtocolVersion: TLSV1_1");
        assertThat(curl(mesh, s -> s.cacert(Certs.pem("example.com.crt")), "https://httpbin.example.com/").body())
                .isEqualTo("curl: (35) OpenSSL/3.0.19: error:0A00042E:SSL routines::tlsv1 alert protocol version");
    }

    @Test
    @DisplayName("MUTUAL: the client certificate is required and must chain to the Secret's ca.crt")
    void mutual() {
        Mesh mesh = checkingClients("MUTUAL");
        String ca = Certs.pem("example.com.crt");
        assertThat(curl(mesh, s -> s.cacert(ca), "https://httpbin.example.com/").body()).isEqualTo(
                "curl: (56) OpenSSL SSL_read: OpenSSL/3.0.19: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0");
        assertThat(curl(mesh, s -> s.cacert(ca).cert(Certs.pem("helloworld.example.com.crt"), Certs.pem("helloworld.example.com.key")),
                "https://httpbin.example.com/").body()).isEqualTo(
                "curl: (56) OpenSSL SSL_read: OpenSSL/3.0.19: error:0A000418:SSL routines::tlsv1 alert unknown ca, errno 0");
        assertThat(curl(mesh, s -> s.cacert(ca).cert(Certs.pem("client.example.com.crt"), Certs.pem("client.example.com.key")),
                "https://httpbin.example.com/status/418").status()).isEqualTo(200);
        // Up to TLS 1.2 the server judges the client's certificate during the handshake: curl fails there.
        Mesh tls12 = checkingClients("MUTUAL, maxProtocolVersion: TLSV1_2");
        assertThat(curl(tls12, s -> s.cacert(ca), "https://httpbin.example.com/").body())
                .isEqualTo("curl: (35) OpenSSL/3.0.19: error:0A000410:SSL routines::sslv3 alert handshake failure");
    }

    @Test
    @DisplayName("OPTIONAL_MUTUAL: no client certificate passes, one of another CA does not")
    void optionalMutual() {
        Mesh mesh = checkingClients("OPTIONAL_MUTUAL");
        String ca = Certs.pem("example.com.crt");
        assertThat(curl(mesh, s -> s.cacert(ca), "https://httpbin.example.com/").status()).isEqualTo(200);
        assertThat(curl(mesh, s -> s.cacert(ca).cert(Certs.pem("helloworld.example.com.crt"), Certs.pem("helloworld.example.com.key")),
                "https://httpbin.example.com/").body()).contains("tlsv1 alert unknown ca");
        assertThat(curl(mesh, s -> s.cacert(ca).cert(Certs.pem("client.example.com.crt"), Certs.pem("client.example.com.key")),
                "https://httpbin.example.com/").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a TLS server that terminates forwards what is inside by the bound tcp rule, in plain text")
    void tlsServerWithTcpRoute() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml")
                .apply(Certs.tlsSecret("istio-system", "httpbin-credential", "httpbin.example.com"))
                .withGateway(gateway("SIMPLE", "httpbin.example.com").replace("protocol: HTTPS", "protocol: TLS"))
                .withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: httpbin}
                        spec:
                          hosts: [httpbin.example.com]
                          gateways: [mygateway]
                          tcp: [{route: [{destination: {host: helloworld, port: {number: 5000}}}]}]
                        """);
        Outcome o = curl(mesh, s -> s.cacert(Certs.pem("example.com.crt")), "https://httpbin.example.com/hello");
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.workload()).get().asString().startsWith("helloworld-v");
        assertThat(mesh.proxyConfig(GATEWAY).listeners().rows()).containsExactly(List.of("0.0.0.0", "8443",
                "SNI: httpbin.example.com", "Cluster: outbound|5000||helloworld.default.svc.cluster.local"));
        assertThat(curl(mesh, s -> s, "https://httpbin.example.com/hello").curlExitCode()).hasValue(60);
    }

    @Test
    @DisplayName("a missing Secret leaves its server without a certificate; a Secret outside the gateway's namespace is not served")
    void missingSecret() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml")
                .apply(Certs.tlsSecret("default", "httpbin-credential", "httpbin.example.com"))
                .withGateway(gateway("SIMPLE", "httpbin.example.com"))
                .withVirtualService(ROUTE);
        assertThat(curl(mesh, s -> s.insecure(), "https://httpbin.example.com/").body())
                .isEqualTo("curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to httpbin.example.com:443 ");
        assertThat(mesh.proxyConfig(GATEWAY).listeners().rows()).containsExactly(List.of("0.0.0.0", "8443",
                "SNI: httpbin.example.com", "Route: https.443.https.mygateway.default (no certificate: Secret "
                        + "istio-system/httpbin-credential not found)"));
        assertThat(mesh.explain().fromOutside().insecure().to("https://httpbin.example.com/").toString())
                .contains("gateway istio-ingressgateway-").contains("has no certificate (Secret istio-system/httpbin-credential "
                        + "not found): Envoy closes the connection");
    }

    @Test
    @DisplayName("names: SANs win over the CN, a wildcard SAN stands for one label, a self-signed certificate is trusted only as itself")
    void names() {
        Mesh mesh = backend()
                .apply(Certs.tlsSecret("istio-system", "hello-credential", "helloworld.example.com"))
                .withGateway("""
                        apiVersion: networking.istio.io/v1
                        kind: Gateway
                        metadata: {name: hello}
                        spec:
                          selector: {istio: ingressgateway}
                          servers:
                          - port: {number: 443, name: https, protocol: HTTPS}
                            tls: {mode: SIMPLE, credentialName: hello-credential}
                            hosts: ["*"]
                        """)
                .withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: hello}
                        spec:
                          hosts: ["*"]
                          gateways: [hello]
                          http: [{route: [{destination: {host: helloworld, port: {number: 5000}}}]}]
                        """);
        String self = Certs.pem("helloworld.example.com.crt");
        assertThat(curl(mesh, s -> s, "https://helloworld.example.com/").body())
                .isEqualTo("curl: (60) SSL certificate problem: self-signed certificate");
        assertThat(curl(mesh, s -> s.cacert(self), "https://helloworld.example.com/").status()).isEqualTo(200);
        assertThat(curl(mesh, s -> s.cacert(self), "https://a.apps.example.com/").status()).isEqualTo(200);
        assertThat(curl(mesh, s -> s.cacert(self), "https://a.b.apps.example.com/").body())
                .isEqualTo("curl: (60) SSL: no alternative certificate subject name matches target host name 'a.b.apps.example.com'");
        // A server for every host has a chain without server names: even an IP address (no SNI) reaches it.
        assertThat(curl(mesh, s -> s.cacert(self), "https://10.0.0.1/").body())
                .isEqualTo("curl: (60) SSL: no alternative certificate subject name matches target host name '10.0.0.1'");
    }
}
