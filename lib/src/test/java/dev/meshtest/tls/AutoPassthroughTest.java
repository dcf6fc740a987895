package dev.meshtest.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A Gateway server with {@code tls.mode: AUTO_PASSTHROUGH}, as Istio's multi-network east-west
 * gateway uses it (gateway.go {@code builtAutoPassthroughFilterChains}, cluster.go
 * {@code buildOutboundSniDnatClusters}): a chain per service cluster matched by Istio's SNI
 * {@code outbound_.<port>_.<subset>_.<host>}, forwarding the client's mutual TLS undecrypted. meshtest has one
 * network, so the tests reach it as a remote network's sidecars would: mutual TLS to the gateway
 * with that server name.
 */
class AutoPassthroughTest {

    /** Istio's east-west gateway (samples/multicluster/expose-services.yaml) in front of helloworld. */
    private static final String EAST_WEST = """
            apiVersion: v1
            kind: Service
            metadata: {name: istio-eastwestgateway, namespace: istio-system, labels: {istio: eastwestgateway}}
            spec:
              selector: {istio: eastwestgateway}
              ports: [{name: tls, port: 15443, targetPort: 15443}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: istio-eastwestgateway, namespace: istio-system}
            spec:
              selector: {matchLabels: {istio: eastwestgateway}}
              template:
                metadata:
                  labels: {istio: eastwestgateway}
                  annotations: {inject.istio.io/templates: gateway}
                spec: {containers: [{name: istio-proxy, image: auto, ports: [{containerPort: 15443}]}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: cross-network-gateway, namespace: istio-system}
            spec:
              selector: {istio: eastwestgateway}
              servers:
              - port: {number: 15443, name: tls, protocol: TLS}
                tls: {mode: AUTO_PASSTHROUGH}
                hosts: ["*.local"]
            """;

    private static final String HELLOWORLD_SNI = "outbound_.5000_._.helloworld.default.svc.cluster.local";

    /** A remote network's view, here: sleep's sidecar sends helloworld's mutual TLS to the gateway, with its server name. */
    private static String viaGateway(String sni) {
        return """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: to-east-west}
                spec:
                  host: istio-eastwestgateway.istio-system.svc.cluster.local
                  trafficPolicy: {tls: {mode: ISTIO_MUTUAL, sni: %s}}
                """.formatted(sni);
    }

    private static Mesh mesh() {
        return Mesh.mesh().apply("classpath:experiments/helloworld.yaml").withPod("sleep").apply(EAST_WEST);
    }

    @Test
    @DisplayName("the gateway's 15443 has a chain per service port and subset under *.local, each to its SNI-DNAT cluster")
    void listener() {
        Mesh m = mesh().withDestinationRule("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: helloworld}
                spec:
                  host: helloworld
                  subsets: [{name: v1, labels: {version: v1}}]
                """);
        var rows = m.proxyConfig("istio-system/istio-eastwestgateway").listeners().rows();
        assertThat(rows).contains(
                List.of("0.0.0.0", "15443", "SNI: " + HELLOWORLD_SNI, "Cluster: " + HELLOWORLD_SNI),
                List.of("0.0.0.0", "15443", "SNI: outbound_.5000_.v1_.helloworld.default.svc.cluster.local",
                        "Cluster: outbound_.5000_.v1_.helloworld.default.svc.cluster.local"),
                List.of("0.0.0.0", "15443", "SNI: outbound_.53_._.kube-dns.kube-system.svc.cluster.local",
                        "Cluster: outbound_.53_._.kube-dns.kube-system.svc.cluster.local"));
        assertThat(rows).noneMatch(r -> r.get(2).contains("PassthroughCluster"));
        assertThat(m.proxyConfig("istio-system/istio-eastwestgateway").clusters().rows())
                .contains(List.of(HELLOWORLD_SNI, "-", "-", "-", "EDS", ""));
        assertThat(m.proxyConfig("istio-system/istio-eastwestgateway").endpoints().rows())
                .filteredOn(r -> r.get(3).equals("outbound_.5000_.v1_.helloworld.default.svc.cluster.local"))
                .extracting(r -> r.get(2)).singleElement().asString().startsWith("helloworld-v1-");
    }

    @Test
    @DisplayName("mutual TLS with a service's SNI passes the gateway undecrypted: helloworld's sidecar sees sleep's identity")
    void passesMutualTls() {
        Mesh m = mesh().withDestinationRule(viaGateway(HELLOWORLD_SNI));
        Outcome o = m.send(1).from("sleep").to("http://istio-eastwestgateway.istio-system:15443/hello").outcomes().get(0);
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.workload()).get().asString().startsWith("helloworld-v");
        assertThat(o.received().orElseThrow().peerIdentity()).contains("spiffe://cluster.local/ns/default/sa/default");
        assertThat(m.explain().from("sleep").to("http://istio-eastwestgateway.istio-system:15443/hello").toString())
                .contains("filter chain SNI " + HELLOWORLD_SNI + " (AUTO_PASSTHROUGH) forwards the mutual TLS of "
                        + "spiffe://cluster.local/ns/default/sa/default undecrypted to cluster " + HELLOWORLD_SNI);
    }

    @Test
    @DisplayName("a server name no chain has, and a client without Istio's mutual TLS: the connection is closed")
    void closed() {
        Mesh m = mesh().withDestinationRule(viaGateway("outbound_.5000_._.nothing.default.svc.cluster.local"));
        assertThat(m.send(1).from("sleep").to("http://istio-eastwestgateway.istio-system:15443/hello").outcomes().get(0).status())
                .isEqualTo(503);
        Outcome curl = mesh().send(1).fromOutside("istio-eastwestgateway").insecure()
                .to("https://" + HELLOWORLD_SNI + ":15443/hello").outcomes().get(0);
        assertThat(curl.curlExitCode()).hasValue(35);
    }
}
