package dev.meshtest.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An {@code https} URL from a pod: its sidecar proxies TLS only on a port whose protocol is not
 * HTTP (the ingress gateway's {@code https} port is a TCP proxy to the gateway, which terminates
 * it); on an HTTP port its listener gets the ClientHello and curl fails its handshake.
 */
class ClientTlsFromPodsTest {

    private static Mesh mesh() {
        return dev.meshtest.Mesh.mesh().apply("classpath:experiments/helloworld.yaml")
                .apply(Certs.tlsSecret("istio-system", "httpbin-credential", "httpbin.example.com"))
                .withPod("sleep")
                .withGateway("""
                        apiVersion: networking.istio.io/v1
                        kind: Gateway
                        metadata: {name: mygateway}
                        spec:
                          selector: {istio: ingressgateway}
                          servers:
                          - port: {number: 443, name: https, protocol: HTTPS}
                            tls: {mode: SIMPLE, credentialName: httpbin-credential}
                            hosts: [httpbin.example.com]
                        """)
                .withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: httpbin}
                        spec:
                          hosts: [httpbin.example.com]
                          gateways: [mygateway]
                          http: [{route: [{destination: {host: helloworld, port: {number: 5000}}}]}]
                        """);
    }

    @Test
    @DisplayName("https to an in-mesh HTTP port: the client's sidecar listener answers the ClientHello in plain text")
    void httpsToAnHttpPort() {
        Outcome o = mesh().send(1).from("sleep").insecure().to("https://helloworld:5000/hello").outcomes().get(0);
        assertThat(o.status()).isZero();
        assertThat(o.body()).isEqualTo("curl: (35) OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number");
    }

    @Test
    @DisplayName("https from a pod to the ingress gateway's https port: tunnelled by the sidecar, terminated by the gateway")
    void throughTheGateway() {
        Mesh mesh = mesh();
        // The sidecar's listener for the gateway Service's https port: a TCP proxy on its ClusterIP.
        java.util.List<String> listener = mesh.proxyConfig("sleep").listeners().rows().stream()
                .filter(r -> r.get(1).equals("443") && r.get(3).contains("istio-ingressgateway")).findFirst().orElseThrow();
        assertThat(listener.get(2)).isEqualTo("TCP");
        String gatewayIp = listener.get(0);
        Outcome ok = mesh.send(1).from("sleep").resolve(gatewayIp).cacert(Certs.pem("example.com.crt"))
                .to("https://httpbin.example.com/status/418").outcomes().get(0);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.workload()).get().asString().startsWith("helloworld-v");
        Outcome untrusted = mesh.send(1).from("sleep").resolve(gatewayIp).to("https://httpbin.example.com/").outcomes().get(0);
        assertThat(untrusted.status()).isZero();
        assertThat(untrusted.body()).isEqualTo("curl: (60) SSL certificate problem: unable to get local issuer certificate");
    }
}
