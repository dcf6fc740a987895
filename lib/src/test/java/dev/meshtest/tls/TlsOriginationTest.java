package dev.meshtest.tls;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A DestinationRule's {@code tls.mode} {@code SIMPLE} and {@code MUTUAL}: the proxy originates
 * TLS to the endpoints (docs/security.md, "TLS origination"), checking what they serve as Envoy
 * does ({@code cluster_tls.go constructUpstreamTLS}, {@code setAutoSniAndAutoSanValidation}).
 */
class TlsOriginationTest {

    private static final String RETRIED = "upstream connect error or disconnect/reset before headers. retried and the latest "
            + "reset reason: remote connection failure, transport failure reason: ";

    /** Istio's "Egress TLS Origination" task: port 80 goes to the host's 443. */
    private static final String CNN = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: edition-cnn-com}
            spec:
              hosts: [edition.cnn.com]
              ports:
              - {number: 80, name: http-port, protocol: HTTP, targetPort: 443}
              - {number: 443, name: https-port, protocol: HTTPS}
              resolution: DNS
            """;

    private static String originate(String tls) {
        return """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: edition-cnn-com}
                spec:
                  host: edition.cnn.com
                  trafficPolicy:
                    portLevelSettings:
                    - port: {number: 80}
                      tls: %s
                """.formatted(tls);
    }

    private static Mesh sleep() {
        return mesh().withNamespace("default", true).withPod("sleep");
    }

    private static Outcome one(Mesh mesh, String url) {
        return mesh.send(1).from("sleep").to(url).outcomes().get(0);
    }

    @Test
    @DisplayName("SIMPLE to edition.cnn.com:443: the sidecar sends the host as SNI, the public certificate passes the system's CAs: 200")
    void simple() {
        Mesh m = sleep().withServiceEntry(CNN).withDestinationRule(originate("{mode: SIMPLE}"));
        Outcome o = one(m, "http://edition.cnn.com/politics");
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.cluster()).contains("outbound|80||edition.cnn.com");
        assertThat(m.proxyConfig("sleep").tls().rows()).containsExactly(List.of("upstream", "outbound|80||edition.cnn.com",
                "SIMPLE", "the request's host (auto)", "-", "the system's CAs, SAN the server name (auto)", "TLSV1_2-TLSV1_2"));
        assertThat(m.explain().from("sleep").to("http://edition.cnn.com/politics").toString()).contains(
                "sidecar of sleep: originates TLS (SIMPLE, server name edition.cnn.com) to edition.cnn.com:443: a host outside "
                        + "the cluster, it serves a certificate for edition.cnn.com from a public CA on port 443, trusted by "
                        + "the system's CAs");
    }

    @Test
    @DisplayName("without the DestinationRule the sidecar sends plain HTTP to the host's 443, which answers 400")
    void targetPortAlone() {
        Mesh m = sleep().withServiceEntry(CNN);
        assertThat(one(m, "http://edition.cnn.com/politics").status()).isEqualTo(400);
        assertThat(m.explain().from("sleep").to("http://edition.cnn.com/politics").toString())
                .contains("edition.cnn.com:443 outside the cluster speaks TLS on port 443 (outside hosts speak TLS on 443 and on "
                        + "ports a ServiceEntry declares HTTPS or TLS): plain HTTP gets 400");
    }

    @Test
    @DisplayName("SIMPLE to a port that speaks plain HTTP: WRONG_VERSION_NUMBER, retried as a connect failure: 503 UF,URX")
    void plainPort() {
        Mesh m = sleep().withServiceEntry(CNN.replace(", targetPort: 443", "")).withDestinationRule(originate("{mode: SIMPLE}"));
        Outcome o = one(m, "http://edition.cnn.com/politics");
        assertThat(o.status()).isEqualTo(503);
        assertThat(o.flags()).isEqualTo(Set.of(ResponseFlag.UPSTREAM_CONNECTION_FAILURE, ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED));
        assertThat(o.body()).isEqualTo(RETRIED + "TLS_error:|268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end");
    }

    @Test
    @DisplayName("subjectAltNames the certificate does not carry: CERTIFICATE_VERIFY_FAILED, verify SAN list")
    void wrongSubjectAltNames() {
        Mesh m = sleep().withServiceEntry(CNN).withDestinationRule(originate("{mode: SIMPLE, subjectAltNames: [www.cnn.com]}"));
        assertThat(one(m, "http://edition.cnn.com/politics").body()).isEqualTo(RETRIED
                + "TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:verify cert failed: verify SAN "
                + "list:TLS_error_end");
        Mesh right = sleep().withServiceEntry(CNN).withDestinationRule(originate("{mode: SIMPLE, subjectAltNames: [edition.cnn.com]}"));
        assertThat(one(right, "http://edition.cnn.com/politics").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a credentialName on a rule without workloadSelector: istiod builds no TLS for sidecars, which send plain HTTP")
    void credentialNeedsWorkloadSelector() {
        Mesh m = sleep().withServiceEntry(CNN).apply(Certs.mutualSecret("default", "client-credential", "client.example.com",
                "example.com")).withDestinationRule(originate("{mode: SIMPLE, credentialName: client-credential}"));
        assertThat(one(m, "http://edition.cnn.com/politics").status()).isEqualTo(400);
        assertThat(m.proxyConfig("sleep").tls().column("MODE")).containsExactly("none: a sidecar gets TLS with a credentialName "
                + "only from a DestinationRule with a workloadSelector (buildUpstreamClusterTLSContext): istiod builds none, and the "
                + "sidecar sends plain text");
    }

    @Test
    @DisplayName("a credentialName's CA that did not issue the host's certificate: unable to get local issuer certificate")
    void privateCaForAPublicHost() {
        Mesh m = sleep().withServiceEntry(CNN).apply(Certs.mutualSecret("default", "client-credential", "client.example.com",
                "example.com")).withDestinationRule(originate("{mode: SIMPLE, credentialName: client-credential}")
                .replace("spec:\n", "spec:\n  workloadSelector: {matchLabels: {run: sleep}}\n"));
        assertThat(one(m, "http://edition.cnn.com/politics").body()).isEqualTo(RETRIED + "TLS_error:|268435581:SSL routines:"
                + "OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:verify cert failed: X509_verify_cert: certificate verification "
                + "error at depth 1: unable to get local issuer certificate:TLS_error_end");
        Mesh skip = sleep().withServiceEntry(CNN).withDestinationRule(originate("{mode: SIMPLE, sni: www.cnn.com, insecureSkipVerify: true}"));
        assertThat(one(skip, "http://edition.cnn.com/politics").status()).as("insecureSkipVerify checks nothing").isEqualTo(200);
    }

    /** Istio's task's NGINX, which asks for client certificates of the example.com CA, in a namespace without injection. */
    private static Mesh nginx(App app) {
        return sleep().withNamespace("mesh-external", false).apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: my-nginx, namespace: mesh-external, labels: {run: my-nginx}}
                spec:
                  ports: [{port: 443, protocol: TCP}]
                  selector: {run: my-nginx}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: my-nginx, namespace: mesh-external}
                spec:
                  selector: {matchLabels: {run: my-nginx}}
                  template:
                    metadata: {labels: {run: my-nginx}}
                    spec: {containers: [{name: my-nginx, image: nginx, ports: [{containerPort: 443}]}]}
                """).withApp("mesh-external/my-nginx", app);
    }

    private static final String NGINX_ENTRY = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: originate-mtls-for-nginx}
            spec:
              hosts: [my-nginx.mesh-external.svc.cluster.local]
              ports:
              - {number: 80, name: http-port, protocol: HTTP, targetPort: 443}
              - {number: 443, name: https-port, protocol: HTTPS}
              resolution: DNS
            """;

    private static String mutualRule(String credential) {
        return """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: originate-mtls-for-nginx}
                spec:
                  workloadSelector: {matchLabels: {run: sleep}}
                  host: my-nginx.mesh-external.svc.cluster.local
                  trafficPolicy:
                    portLevelSettings:
                    - port: {number: 80}
                      tls: {mode: MUTUAL, credentialName: %s, sni: my-nginx.mesh-external.svc.cluster.local}
                """.formatted(credential);
    }

    private static App mutualNginx() {
        return App.generic().body("Welcome to nginx!").servingMutualTls(443, Certs.pem("my-nginx.mesh-external.svc.cluster.local.crt"),
                Certs.pem("example.com.crt"));
    }

    @Test
    @DisplayName("MUTUAL with the client-credential Secret: the DNS name is the Service's, kube-proxy picks the NGINX, which accepts the client certificate")
    void mutualToNginx() {
        Mesh m = nginx(mutualNginx()).withServiceEntry(NGINX_ENTRY)
                .apply(Certs.mutualSecret("default", "client-credential", "client.example.com", "example.com"))
                .withDestinationRule(mutualRule("client-credential"));
        Outcome o = one(m, "http://my-nginx.mesh-external.svc.cluster.local");
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.body()).isEqualTo("Welcome to nginx!");
        assertThat(o.workload()).contains("my-nginx");
        assertThat(m.explain().from("sleep").to("http://my-nginx.mesh-external.svc.cluster.local").toString()).contains(
                "originates TLS (MUTUAL, server name my-nginx.mesh-external.svc.cluster.local) to 10.244.0.3:443: the app of "
                        + "my-nginx-6489db69b6-crzsj serves O=some organization,CN=my-nginx.mesh-external.svc.cluster.local on port 443, "
                        + "trusted by the CA of Secret default/client-credential; the client certificate O=client organization,"
                        + "CN=client.example.com of Secret default/client-credential chains to its CA");
    }

    @Test
    @DisplayName("MUTUAL without the Secret: Envoy keeps the cluster warming (503 NC); NGINX answers 400 without a client certificate or with another CA's")
    void mutualFailures() {
        Mesh missing = nginx(mutualNginx()).withServiceEntry(NGINX_ENTRY).withDestinationRule(mutualRule("client-credential"));
        Outcome warming = one(missing, "http://my-nginx.mesh-external.svc.cluster.local");
        assertThat(warming.status()).isEqualTo(503);
        assertThat(warming.flags()).containsExactly(ResponseFlag.NO_CLUSTER_FOUND);
        assertThat(missing.explain().from("sleep").to("http://my-nginx.mesh-external.svc.cluster.local").toString()).contains(
                "cluster outbound|80||my-nginx.mesh-external.svc.cluster.local waits for its credential (Secret "
                        + "default/client-credential not found): Envoy keeps it warming, so the proxy has no such cluster");
        Mesh noClientCertificate = nginx(mutualNginx()).withServiceEntry(NGINX_ENTRY).apply(Certs.mutualSecret("default",
                "client-credential", "client.example.com", "example.com")).withDestinationRule(mutualRule("client-credential")
                .replace("mode: MUTUAL", "mode: SIMPLE"));
        Outcome o = one(noClientCertificate, "http://my-nginx.mesh-external.svc.cluster.local");
        assertThat(o.status()).isEqualTo(400);
        assertThat(o.body()).isEqualTo("No required SSL certificate was sent");
        Mesh otherCa = nginx(mutualNginx()).withServiceEntry(NGINX_ENTRY).apply(Certs.mutualSecret("default", "client-credential",
                "helloworld.example.com", "example.com")).withDestinationRule(mutualRule("client-credential"));
        assertThat(one(otherCa, "http://my-nginx.mesh-external.svc.cluster.local").body()).isEqualTo("The SSL certificate error");
    }

    @Test
    @DisplayName("auto SAN validation: without sni the server name is the host, which a CN-only certificate does not carry as a SAN")
    void autoSan() {
        Mesh m = nginx(mutualNginx()).withServiceEntry(NGINX_ENTRY)
                .apply(Certs.mutualSecret("default", "client-credential", "client.example.com", "example.com"))
                .withDestinationRule(mutualRule("client-credential").replace(", sni: my-nginx.mesh-external.svc.cluster.local", ""));
        assertThat(one(m, "http://my-nginx.mesh-external.svc.cluster.local").body()).isEqualTo(RETRIED + "TLS_error:|268435581:"
                + "SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:verify cert failed: verify SAN list:TLS_error_end");
    }

    @Test
    @DisplayName("an app that does not say it serves TLS on the port: refused with how to say it")
    void unknownApp() {
        Mesh m = nginx(App.generic()).withServiceEntry(NGINX_ENTRY)
                .apply(Certs.mutualSecret("default", "client-credential", "client.example.com", "example.com"))
                .withDestinationRule(mutualRule("client-credential"));
        assertThatThrownBy(() -> one(m, "http://my-nginx.mesh-external.svc.cluster.local")).hasMessageContaining(
                "TLS origination (DestinationRule tls.mode MUTUAL) to pod mesh-external/my-nginx-")
                .hasMessageContaining("meshtest does not know whether its app serves TLS there, and with which certificate. Say so "
                        + "with mesh.withApp(\"mesh-external/my-nginx\", App.generic().servingTls(443, certificatePem))");
    }

    @Test
    @DisplayName("curl to an app that serves TLS: its certificate is checked as curl checks it; plain HTTP to the port gets NGINX's 400")
    void curlToAnAppThatServesTls() {
        Mesh m = nginx(App.generic().servingTls(443, Certs.pem("my-nginx.mesh-external.svc.cluster.local.crt")));
        String url = "https://my-nginx.mesh-external.svc.cluster.local/";
        assertThat(m.send(1).from("sleep").cacert(Certs.pem("example.com.crt")).to(url).outcomes().get(0).status()).isEqualTo(200);
        assertThat(one(m, url).body()).isEqualTo("curl: (60) SSL certificate problem: unable to get local issuer certificate");
        Outcome plain = one(m, "http://my-nginx.mesh-external.svc.cluster.local:443/");
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.body()).isEqualTo("The plain HTTP request was sent to HTTPS port");
        Mesh mutual = nginx(mutualNginx());
        assertThat(mutual.send(1).from("sleep").cacert(Certs.pem("example.com.crt")).to(url).outcomes().get(0).body())
                .isEqualTo("No required SSL certificate was sent");
        assertThat(mutual.send(1).from("sleep").cacert(Certs.pem("example.com.crt"))
                .cert(Certs.pem("client.example.com.crt"), Certs.pem("client.example.com.key")).to(url).outcomes().get(0).body())
                .isEqualTo("Welcome to nginx!");
    }

    @Test
    @DisplayName("Istio's \"Egress Gateways with TLS Origination\": the sidecar sends plain HTTP to the egress gateway, which originates TLS")
    void throughTheEgressGateway() {
        Mesh m = sleep().apply(EgressTlsTest.EGRESS_GATEWAY).apply("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: cnn}
                spec:
                  hosts: [edition.cnn.com]
                  ports: [{number: 80, name: http, protocol: HTTP}, {number: 443, name: https, protocol: HTTPS}]
                  resolution: DNS
                ---
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: istio-egressgateway}
                spec:
                  selector: {istio: egressgateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [edition.cnn.com]}]
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: egressgateway-for-cnn}
                spec:
                  host: istio-egressgateway.istio-system.svc.cluster.local
                  subsets: [{name: cnn}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: direct-cnn-through-egress-gateway}
                spec:
                  hosts: [edition.cnn.com]
                  gateways: [istio-egressgateway, mesh]
                  http:
                  - match: [{gateways: [mesh], port: 80}]
                    route: [{destination: {host: istio-egressgateway.istio-system.svc.cluster.local, subset: cnn, port: {number: 80}}}]
                  - match: [{gateways: [istio-egressgateway], port: 80}]
                    route: [{destination: {host: edition.cnn.com, port: {number: 443}}}]
                """);
        // Without the TLS rule the gateway sends plain HTTP to edition.cnn.com:443.
        assertThat(one(m, "http://edition.cnn.com/politics").status()).isEqualTo(400);
        m.apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: originate-tls-for-edition-cnn-com}
                spec:
                  host: edition.cnn.com
                  trafficPolicy:
                    loadBalancer: {simple: ROUND_ROBIN}
                    portLevelSettings: [{port: {number: 443}, tls: {mode: SIMPLE}}]
                """);
        Outcome o = one(m, "http://edition.cnn.com/politics");
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.cluster()).contains("outbound|443||edition.cnn.com");
        assertThat(m.explain().from("sleep").to("http://edition.cnn.com/politics").toString())
                .contains(": originates TLS (SIMPLE, server name edition.cnn.com) to edition.cnn.com:443: a host outside the cluster");
        assertThat(m.proxyConfig("istio-system/istio-egressgateway").tls().rows()).containsExactly(List.of("upstream",
                "outbound|443||edition.cnn.com", "SIMPLE", "the request's host (auto)", "-",
                "the system's CAs, SAN the server name (auto)", "TLSV1_2-TLSV1_2"));
    }

    /** The ingress gateway's HTTPS server for httpbin.example.com, reached by sleep's sidecar originating TLS to it. */
    private static Mesh toTheIngressGateway(String gatewayMode, String tls) {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("sleep")
                .apply(Certs.mutualSecret("istio-system", "httpbin-credential", "httpbin.example.com", "example.com"))
                .apply(Certs.mutualSecret("default", "client-credential", "client.example.com", "example.com"))
                .withGateway(SecureIngressTest.gateway(gatewayMode, "httpbin.example.com")).withVirtualService(SecureIngressTest.ROUTE)
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: to-ingress}
                        spec:
                          workloadSelector: {matchLabels: {run: sleep}}
                          host: istio-ingressgateway.istio-system.svc.cluster.local
                          trafficPolicy: {portLevelSettings: [{port: {number: 443}, tls: %s}]}
                        """.formatted(tls));
    }

    private static Outcome viaIngress(Mesh m) {
        return m.send(1).from("sleep").header("Host", "httpbin.example.com").to("http://istio-ingressgateway.istio-system:443/hello")
                .outcomes().get(0);
    }

    /** Port 443 of the gateway's Service is HTTPS: sleep's sidecar proxies TCP there, which Envoy's tcp_proxy does not retry. */
    private static final String ONCE = "upstream connect error or disconnect/reset before headers. reset reason: remote connection "
            + "failure, transport failure reason: ";

    @Test
    @DisplayName("TLS origination to a gateway's HTTPS server: its chain for the server name, its certificate checked, its client check")
    void toAGateway() {
        Outcome o = viaIngress(toTheIngressGateway("SIMPLE", "{mode: SIMPLE, credentialName: client-credential, sni: httpbin.example.com}"));
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.workload()).get().asString().startsWith("helloworld-v");
        assertThat(viaIngress(toTheIngressGateway("SIMPLE", "{mode: SIMPLE, sni: httpbin.example.com}")).body()).isEqualTo(ONCE
                + "TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:verify cert failed: "
                + "X509_verify_cert: certificate verification error at depth 0: unable to get local issuer certificate:TLS_error_end");
        assertThat(viaIngress(toTheIngressGateway("SIMPLE", "{mode: SIMPLE, credentialName: client-credential, sni: other.example.com}"))
                .body()).isEqualTo("upstream connect error or disconnect/reset before headers. reset reason: remote connection failure");
        assertThat(viaIngress(toTheIngressGateway("MUTUAL", "{mode: SIMPLE, credentialName: client-credential, sni: httpbin.example.com}"))
                .body()).isEqualTo(ONCE + "TLS_error:|268436496:SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE:TLS_error_end");
        assertThat(viaIngress(toTheIngressGateway("MUTUAL", "{mode: MUTUAL, credentialName: client-credential, sni: httpbin.example.com}"))
                .status()).isEqualTo(200);
    }
}
