package dev.meshtest.tls;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * TLS to hosts outside the mesh: a ServiceEntry's TLS port without addresses is a filter chain of
 * the sidecar's {@code 0.0.0.0_443} listener, matched by its host as SNI
 * ({@code buildSidecarOutboundTLSFilterChainOpts}), so {@code REGISTRY_ONLY} lets it through; a
 * VirtualService's {@code tls} rules reroute by SNI, as Istio's "Egress Gateways" task does to send
 * {@code edition.cnn.com} through an egress gateway that passes TLS through.
 */
class EgressTlsTest {

    private static final String CNN = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: cnn}
            spec:
              hosts: [edition.cnn.com]
              ports: [{number: 80, name: http-port, protocol: HTTP}, {number: 443, name: tls, protocol: TLS}]
              resolution: DNS
            """;

    private static Mesh registryOnly() {
        return mesh().withMeshConfig("outboundTrafficPolicy: {mode: REGISTRY_ONLY}").withNamespace("default", true).withPod("sleep")
                .withServiceEntry(CNN);
    }

    @Test
    @DisplayName("REGISTRY_ONLY: the ServiceEntry's host gets through by SNI, any other host is closed")
    void registryOnlyLetsTheHostThrough() {
        Mesh mesh = registryOnly();
        Outcome cnn = mesh.send(1).from("sleep").to("https://edition.cnn.com/politics").outcomes().get(0);
        assertThat(cnn.status()).isEqualTo(200);
        assertThat(cnn.cluster()).contains("outbound|443||edition.cnn.com");
        assertThat(mesh.send(1).from("sleep").to("https://www.google.com/").outcomes().get(0).body())
                .isEqualTo("curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to www.google.com:443 ");
        assertThat(mesh.proxyConfig("sleep").listeners().rows())
                .contains(List.of("0.0.0.0", "443", "SNI: edition.cnn.com", "Cluster: outbound|443||edition.cnn.com"));
        // ALLOW_ANY: an unknown server name takes the listener's fallthrough chain to PassthroughCluster.
        assertThat(mesh().withNamespace("default", true).withPod("sleep").withServiceEntry(CNN).send(1).from("sleep")
                .to("https://www.google.com/").outcomes().get(0).cluster()).contains("PassthroughCluster");
    }

    /** An egress gateway as Istio's egress profile installs it: Service, Deployment (gateway injection), labels istio: egressgateway. */
    static final String EGRESS_GATEWAY = """
            apiVersion: v1
            kind: Service
            metadata: {name: istio-egressgateway, namespace: istio-system, labels: {istio: egressgateway}}
            spec:
              selector: {istio: egressgateway}
              ports: [{name: http2, port: 80, targetPort: 8080}, {name: https, port: 443, targetPort: 8443}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: istio-egressgateway, namespace: istio-system}
            spec:
              selector: {matchLabels: {istio: egressgateway}}
              template:
                metadata:
                  labels: {istio: egressgateway}
                  annotations: {inject.istio.io/templates: gateway}
                spec: {containers: [{name: istio-proxy, image: auto, ports: [{containerPort: 8080}, {containerPort: 8443}]}]}
            """;

    private static String mutualEgress(String sni) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: istio-egressgateway}
                spec:
                  selector: {istio: egressgateway}
                  servers:
                  - port: {number: 443, name: https, protocol: HTTPS}
                    hosts: [edition.cnn.com]
                    tls: {mode: ISTIO_MUTUAL}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: egressgateway-for-cnn}
                spec:
                  host: istio-egressgateway.istio-system.svc.cluster.local
                  subsets:
                  - name: cnn
                    trafficPolicy:
                      loadBalancer: {simple: ROUND_ROBIN}
                      portLevelSettings: [{port: {number: 443}, tls: {mode: ISTIO_MUTUAL%s}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: direct-cnn-through-egress-gateway}
                spec:
                  hosts: [edition.cnn.com]
                  gateways: [istio-egressgateway, mesh]
                  http:
                  - match: [{gateways: [mesh], port: 80}]
                    route: [{destination: {host: istio-egressgateway.istio-system.svc.cluster.local, subset: cnn, port: {number: 443}}, weight: 100}]
                  - match: [{gateways: [istio-egressgateway], port: 443}]
                    route: [{destination: {host: edition.cnn.com, port: {number: 80}}, weight: 100}]
                """.formatted(sni == null ? "" : ", sni: " + sni);
    }

    @Test
    @DisplayName("the Egress Gateways task with mutual TLS: HTTP to the gateway's ISTIO_MUTUAL server, matched by the DestinationRule's sni")
    void mutualTlsToAnEgressGateway() {
        Mesh mesh = registryOnly().apply(EGRESS_GATEWAY).apply(mutualEgress("edition.cnn.com"));
        Outcome o = mesh.send(1).from("sleep").to("http://edition.cnn.com/politics").outcomes().get(0);
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.cluster()).contains("outbound|80||edition.cnn.com");
        assertThat(mesh.explain().from("sleep").to("http://edition.cnn.com/politics").toString())
                .contains("filter chain SNI edition.cnn.com (route https.443.https.istio-egressgateway.default) terminates Istio "
                        + "mutual TLS from spiffe://cluster.local/ns/default/sa/default");
        // Without the sni, the sidecar sends Istio's outbound_.443_.cnn_.istio-egressgateway...: no chain of the server takes it.
        Outcome failed = registryOnly().apply(EGRESS_GATEWAY).apply(mutualEgress(null)).send(1).from("sleep")
                .to("http://edition.cnn.com/politics").outcomes().get(0);
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.flagsText()).isEqualTo("UF,URX");
        // curl from outside to the ISTIO_MUTUAL server: the mesh's CA is not curl's, nor is its client certificate.
        Outcome outside = mesh.send(1).fromOutside("istio-system/istio-egressgateway").insecure()
                .to("https://edition.cnn.com/").outcomes().get(0);
        assertThat(outside.body()).contains("tlsv13 alert certificate required");
    }

    @Test
    @DisplayName("the Egress Gateways task: tls rules send edition.cnn.com to the egress gateway, which passes it through")
    void throughAnEgressGateway() {
        Mesh mesh = registryOnly().apply(EGRESS_GATEWAY).apply("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: istio-egressgateway}
                spec:
                  selector: {istio: egressgateway}
                  servers: [{port: {number: 443, name: tls, protocol: TLS}, hosts: [edition.cnn.com], tls: {mode: PASSTHROUGH}}]
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
                  gateways: [mesh, istio-egressgateway]
                  tls:
                  - match: [{gateways: [mesh], port: 443, sniHosts: [edition.cnn.com]}]
                    route: [{destination: {host: istio-egressgateway.istio-system.svc.cluster.local, subset: cnn, port: {number: 443}}}]
                  - match: [{gateways: [istio-egressgateway], port: 443, sniHosts: [edition.cnn.com]}]
                    route: [{destination: {host: edition.cnn.com, port: {number: 443}}, weight: 100}]
                """);
        Outcome o = mesh.send(1).from("sleep").to("https://edition.cnn.com/politics").outcomes().get(0);
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.cluster()).contains("outbound|443||edition.cnn.com");   // the last proxy's cluster, as for HTTP
        String explained = mesh.explain().from("sleep").to("https://edition.cnn.com/politics").toString();
        assertThat(explained)
                .contains("filter chain SNI edition.cnn.com of listener 0.0.0.0_443 (tls route of VirtualService "
                        + "default/direct-cnn-through-egress-gateway)")
                .contains(":8443 (istio-egressgateway-")
                .contains("passes TLS through (tls route of VirtualService default/direct-cnn-through-egress-gateway)")
                .contains("reaches edition.cnn.com:443 outside the cluster");
    }
}
