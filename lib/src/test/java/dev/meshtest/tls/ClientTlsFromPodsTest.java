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
        // SecureIngressTest's gateway (SIMPLE, httpbin.example.com on 443 with httpbin-credential), and a client pod.
        return SecureIngressTest.secured("SIMPLE").withPod("sleep");
    }

    @Test
    @DisplayName("https to an in-mesh HTTP port falls through to the app, which answers the ClientHello in plain text")
    void httpsToAnHttpPort() {
        Outcome o = mesh().send(1).from("sleep").insecure().to("https://helloworld:5000/hello").outcomes().get(0);
        assertThat(o.status()).isZero();
        assertThat(o.body()).isEqualTo("curl: (35) OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number");
    }

    @Test
    @DisplayName("https to an HTTP port takes the listener's fallthrough chain: the app answers in plain text, or REGISTRY_ONLY closes")
    void fallthrough() {
        assertThat(mesh().explain().from("sleep").insecure().to("https://helloworld:5000/hello").toString())
                .contains("matches only plain-text HTTP: TLS takes its fallthrough chain, PassthroughCluster")
                .contains("which a Service declares HTTP: the app answers the ClientHello in plain text");
        Outcome blocked = mesh().withMeshConfig("outboundTrafficPolicy: {mode: REGISTRY_ONLY}").send(1).from("sleep").insecure()
                .to("https://helloworld:5000/hello").outcomes().get(0);
        assertThat(blocked.body()).isEqualTo("curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to helloworld:5000 ");
    }

    @Test
    @DisplayName("an app terminates TLS itself on a port no Service declares HTTP (https, tcp or unnamed); meshtest takes its "
            + "certificate as valid")
    void appsThatServeTls() {
        Mesh mesh = mesh().withService("""
                apiVersion: v1
                kind: Service
                metadata: {name: secure}
                spec:
                  selector: {app: helloworld}
                  ports: [{name: https, port: 443, targetPort: 8443}, {name: tcp, port: 9000, targetPort: 9000}]
                """);
        Outcome ok = mesh.send(1).from("sleep").insecure().to("https://secure/hello").outcomes().get(0);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.workload()).get().asString().startsWith("helloworld-v");
        assertThat(mesh.explain().from("sleep").insecure().to("https://secure/hello").toString())
                .contains("the app terminates the client's TLS on port 8443");
        assertThat(mesh.send(1).from("sleep").insecure().to("https://secure:9000/hello").outcomes().get(0).status()).isEqualTo(200);
        // Port 5000 of the same pods is declared HTTP (Service helloworld): plain text there.
        assertThat(mesh.send(1).from("sleep").insecure().to("https://helloworld:5000/hello").outcomes().get(0).curlExitCode())
                .hasValue(35);
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
                .to("https://httpbin.example.com/hello").outcomes().get(0);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.workload()).get().asString().startsWith("helloworld-v");
        Outcome untrusted = mesh.send(1).from("sleep").resolve(gatewayIp).to("https://httpbin.example.com/").outcomes().get(0);
        assertThat(untrusted.status()).isZero();
        assertThat(untrusted.body()).isEqualTo("curl: (60) SSL certificate problem: unable to get local issuer certificate");
    }
}
