package dev.meshtest.security;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.security.AuthorizationPolicyTest.GATEWAY;
import static dev.meshtest.security.MutualTlsTest.migration;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import dev.meshtest.traffic.TrafficSpec;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The client's address as the proxies see it (docs/security.md, "The client's address"): what
 * kube-proxy leaves of an outside client's address ({@code externalTrafficPolicy}), what a gateway
 * trusts of {@code X-Forwarded-For} ({@code numTrustedProxies}) and appends to it, what a sidecar
 * takes from it; and the AuthorizationPolicy fields that match them ({@code ipBlocks},
 * {@code remoteIpBlocks}).
 */
class ClientAddressTest {

    /** The ingress gateway's Service as the default install has it, with {@code externalTrafficPolicy: Local}. */
    static final String LOCAL_INGRESS = """
            apiVersion: v1
            kind: Service
            metadata:
              name: istio-ingressgateway
              namespace: istio-system
              labels: {app: istio-ingressgateway, istio: ingressgateway}
            spec:
              type: LoadBalancer
              externalTrafficPolicy: Local
              selector: {app: istio-ingressgateway, istio: ingressgateway}
              ports:
              - {name: http2, port: 80, targetPort: 8080}
              - {name: https, port: 443, targetPort: 8443}
              - {name: status-port, port: 15021, targetPort: 15021}
            """;

    private static String atGateway(String from) {
        return """
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: allow-from, namespace: istio-system}
                spec:
                  selector: {matchLabels: {istio: ingressgateway}}
                  rules: [{from: [{source: {FROM}}]}]
                """.replace("FROM", from);
    }

    private static Mesh gateway() {
        return migration().apply(GATEWAY);
    }

    private static TrafficResult outside(Mesh mesh, String address) {
        TrafficSpec<TrafficResult> spec = mesh.send(3).fromOutside();
        return (address == null ? spec : spec.clientAddress(address)).to("http://httpbin.example.com/headers");
    }

    private static TrafficResult outside(Mesh mesh, String address, String xff) {
        return mesh.send(3).fromOutside().clientAddress(address).header("X-Forwarded-For", xff)
                .to("http://httpbin.example.com/headers");
    }

    private static void denied(TrafficResult r) {
        assertThat(r.countByStatus()).containsExactly(entry(403, 3L));
    }

    private static Optional<String> receivedXff(TrafficResult r) {
        return r.outcomes().get(0).received().orElseThrow().header("x-forwarded-for");
    }

    @Test
    @DisplayName("externalTrafficPolicy Cluster (the default): kube-proxy SNATs an outside client to the node, so ipBlocks "
            + "at the gateway see 172.18.0.2 whatever the client's address")
    void clusterPolicySnatsToTheNode() {
        Mesh mesh = gateway().apply(atGateway("ipBlocks: [172.18.0.2]"));
        assertThat(outside(mesh, null)).allSucceeded();
        assertThat(outside(mesh, "203.0.113.7")).allSucceeded();
        denied(outside(gateway().apply(atGateway("ipBlocks: [203.0.113.7, 172.18.0.1]")), "203.0.113.7"));
        // The gateway appends the address it saw; the app behind it reads it in X-Forwarded-For.
        assertThat(receivedXff(outside(gateway(), "203.0.113.7"))).contains("172.18.0.2");
    }

    @Test
    @DisplayName("externalTrafficPolicy Local keeps the client's address: the Istio task's ipBlocks allow list at the "
            + "ingress gateway lets the listed client through and denies the others")
    void localPolicyKeepsTheClientAddress() {
        Mesh mesh = gateway().apply(LOCAL_INGRESS).apply(atGateway("ipBlocks: [\"1.2.3.4\", \"5.6.7.0/24\", \"203.0.113.7\"]"));
        assertThat(outside(mesh, "203.0.113.7")).allSucceeded();
        assertThat(outside(mesh, "5.6.7.8")).allSucceeded();
        denied(outside(mesh, "198.51.100.1"));
        denied(outside(mesh, null));   // the default outside client, 172.18.0.1
        assertThat(receivedXff(outside(gateway().apply(LOCAL_INGRESS), "203.0.113.7"))).contains("203.0.113.7");
    }

    @Test
    @DisplayName("numTrustedProxies N: remoteIpBlocks at the gateway match the Nth X-Forwarded-For entry from the right; "
            + "with 0 (the default) the connection's peer, whatever the header says")
    void remoteIpBlocksAtTheGateway() {
        String policy = atGateway("remoteIpBlocks: [\"198.51.100.9\"]");
        Mesh untrusting = gateway().apply(policy);
        denied(outside(untrusting, "203.0.113.7", "198.51.100.9"));
        Mesh one = gateway().withMeshConfig("defaultConfig: {gatewayTopology: {numTrustedProxies: 1}}").apply(policy);
        assertThat(outside(one, "203.0.113.7", "198.51.100.9")).allSucceeded();
        denied(outside(one, "203.0.113.7", "198.51.100.9, 10.0.0.3"));
        Mesh two = gateway().withMeshConfig("defaultConfig: {gatewayTopology: {numTrustedProxies: 2}}").apply(policy);
        assertThat(outside(two, "203.0.113.7", "198.51.100.9, 10.0.0.3")).allSucceeded();
        // Fewer entries than trusted proxies: the connection's peer, the node.
        denied(outside(two, "203.0.113.7", "198.51.100.9"));
        assertThat(outside(gateway().withMeshConfig("defaultConfig: {gatewayTopology: {numTrustedProxies: 2}}")
                .apply(atGateway("remoteIpBlocks: [\"172.18.0.2\"]")), "203.0.113.7", "198.51.100.9")).allSucceeded();
        // The header goes on with the gateway's peer appended after a bare comma.
        assertThat(receivedXff(outside(one, "203.0.113.7", "198.51.100.9"))).contains("198.51.100.9,172.18.0.2");
    }

    @Test
    @DisplayName("A gateway's proxy.istio.io/config annotation sets its numTrustedProxies over MeshConfig's")
    void annotationOverMeshConfig() {
        String gateway = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: edge, namespace: istio-system}
                spec:
                  selector: {matchLabels: {istio: edge}}
                  template:
                    metadata:
                      labels: {istio: edge, sidecar.istio.io/inject: "true"}
                      annotations:
                        inject.istio.io/templates: gateway
                        proxy.istio.io/config: '{"gatewayTopology": {"numTrustedProxies": 1}}'
                    spec:
                      containers: [{name: istio-proxy, image: auto, ports: [{containerPort: 8080}]}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: edge, namespace: istio-system}
                spec:
                  type: LoadBalancer
                  selector: {istio: edge}
                  ports: [{name: http, port: 80, targetPort: 8080}]
                ---
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: foo}
                spec:
                  selector: {istio: edge}
                  servers: [{port: {number: 8080, name: http, protocol: HTTP}, hosts: ["httpbin.example.com"]}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: edge, namespace: foo}
                spec:
                  hosts: [httpbin.example.com]
                  gateways: [edge]
                  http: [{route: [{destination: {host: httpbin, port: {number: 8000}}}]}]
                ---
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: allow-from, namespace: istio-system}
                spec:
                  selector: {matchLabels: {istio: edge}}
                  rules: [{from: [{source: {remoteIpBlocks: ["198.51.100.9"]}}]}]
                """;
        Mesh mesh = migration().withMeshConfig("defaultConfig: {gatewayTopology: {numTrustedProxies: 3}}").apply(gateway);
        assertThat(mesh.send(3).fromOutside("edge").header("X-Forwarded-For", "198.51.100.9")
                .to("http://httpbin.example.com/headers")).allSucceeded();
        Mesh broken = migration().apply(gateway.replace("'{\"gatewayTopology\": {\"numTrustedProxies\": 1}}'",
                "'{\"gatewayTopology\": {\"numTrustedProxies\": -1}}'"));
        assertThatThrownBy(() -> broken.send(1).fromOutside("edge").to("http://httpbin.example.com/headers"))
                .hasMessageStartingWith("pod istio-system/edge-")
                .hasMessageContaining(": invalid value '{\"gatewayTopology\": {\"numTrustedProxies\": -1}}' for annotation "
                        + "'proxy.istio.io/config': gatewayTopology.numTrustedProxies: invalid value for uint32: -1");
    }

    @Test
    @DisplayName("A sidecar trusts the last X-Forwarded-For entry: behind the gateway that is the gateway's peer, from a "
            + "pod whatever the pod wrote; ipBlocks see the connection's peer (the gateway, the pod)")
    void atTheSidecar() {
        String remote = """
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: from-office, namespace: foo}
                spec:
                  selector: {matchLabels: {app: httpbin}}
                  rules: [{from: [{source: {remoteIpBlocks: ["203.0.113.0/24"]}}]}]
                """;
        Mesh mesh = gateway().apply(LOCAL_INGRESS).apply(remote);
        assertThat(outside(mesh, "203.0.113.7")).allSucceeded();
        denied(outside(mesh, "198.51.100.1"));
        denied(mesh.send(3).from("bar/sleep").to("http://httpbin.foo:8000/headers"));
        // The header is the client's to write: a sidecar believes its last entry (Envoy's use_remote_address: false).
        assertThat(mesh.send(3).from("bar/sleep").header("X-Forwarded-For", "203.0.113.9")
                .to("http://httpbin.foo:8000/headers")).allSucceeded();
        Mesh direct = gateway().apply(LOCAL_INGRESS).apply(remote.replace("remoteIpBlocks: [\"203.0.113.0/24\"]",
                "ipBlocks: [\"203.0.113.0/24\"]"));
        denied(outside(direct, "203.0.113.7"));
    }

    @Test
    @DisplayName("explain() says where the outside client's connection comes from")
    void explained() {
        assertThat(gateway().explain().fromOutside().clientAddress("203.0.113.7").to("http://httpbin.example.com/headers")
                .steps().get(0)).matches("enters at gateway istio-system/istio-ingressgateway-\\S+ port 8080 from client "
                + "203\\.0\\.113\\.7, seen as the node's 172\\.18\\.0\\.2 \\(Service istio-system/istio-ingressgateway has "
                + "externalTrafficPolicy Cluster: kube-proxy SNATs it\\)");
        // Each hop's connection: the gateway's to httpbin is mutual TLS with the gateway's identity.
        assertThat(gateway().explain().fromOutside().to("http://httpbin.example.com/headers").steps()).anyMatch(s -> s.matches(
                "mutual TLS to httpbin-\\S+, whose sidecar takes both \\(PERMISSIVE\\); the client's certificate: "
                        + "spiffe://cluster\\.local/ns/istio-system/sa/istio-ingressgateway"));
        assertThat(gateway().apply(LOCAL_INGRESS).explain().fromOutside().to("http://httpbin.example.com/headers").steps().get(0))
                .endsWith(" port 8080 from client 172.18.0.1 (Service istio-system/istio-ingressgateway has externalTrafficPolicy "
                        + "Local: kube-proxy keeps the client's address)");
    }

    @Test
    @DisplayName("clientAddress: only from outside, only an address")
    void clientAddressMisuse() {
        Mesh mesh = gateway();
        assertThatThrownBy(() -> mesh.send(1).from("bar/sleep").clientAddress("203.0.113.7"))
                .hasMessage("clientAddress(\"203.0.113.7\"): only a client outside the cluster chooses its address (a pod "
                        + "sends from its pod IP); write fromOutside().clientAddress(\"203.0.113.7\")");
        assertThatThrownBy(() -> mesh.send(1).fromOutside().clientAddress("example.com"))
                .hasMessage("clientAddress(\"example.com\"): not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> mesh.send(1).fromOutside().clientAddress("256.1.1.1"))
                .hasMessage("clientAddress(\"256.1.1.1\"): not an IPv4 or IPv6 address");
        assertThat(outside(gateway().apply(LOCAL_INGRESS).apply(atGateway("ipBlocks: [\"2001:db8::/32\"]")), "2001:db8::7"))
                .allSucceeded();
    }

    @Test
    @DisplayName("MeshConfig: numTrustedProxies must be a uint32; the PROXY protocol is refused unless lenient")
    void meshConfig() {
        assertThatThrownBy(() -> gateway().withMeshConfig("defaultConfig: {gatewayTopology: {numTrustedProxies: two}}"))
                .hasMessageContaining("defaultConfig.gatewayTopology.numTrustedProxies")
                .hasMessageContaining("invalid value for uint32: two");
        assertThatThrownBy(() -> gateway().withMeshConfig("defaultConfig: {gatewayTopology: {proxyProtocol: {}}}"))
                .hasMessageContaining("meshtest does not simulate MeshConfig defaultConfig.gatewayTopology.proxyProtocol yet");
    }
}
