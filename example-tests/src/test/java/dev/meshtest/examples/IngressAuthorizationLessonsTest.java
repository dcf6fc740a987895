package dev.meshtest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
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
 * Istio's task "Ingress gateway" authorization
 * (istio.io/latest/docs/tasks/security/authorization/authz-ingress) as a lesson: httpbin in
 * {@code foo} behind the ingress gateway ({@code ingress-authz/*.yaml}), an allow list and a deny
 * list of client addresses at the gateway. Behind a network load balancer the gateway sees the
 * client's own address once its Service keeps it ({@code externalTrafficPolicy: Local}), and
 * {@code ipBlocks} match it; behind an HTTP load balancer it reads the address from
 * {@code X-Forwarded-For} as far as {@code numTrustedProxies} lets it, and {@code remoteIpBlocks}
 * match that. The task's client, {@code $CLIENT_IP}, is 203.0.113.7 here.
 */
@DisplayName("Ingress gateway authorization: Istio's task on httpbin")
@ExtendWith(LessonPrinter.class)
class IngressAuthorizationLessonsTest {

    static final String CLIENT_IP = "203.0.113.7";
    /** {@code $INGRESS_HOST}: the ingress gateway's external address; the Gateway takes any host. */
    static final String INGRESS = "http://192.0.2.80";

    static Mesh mesh() {
        return Mesh.mesh().apply("classpath:mtls/namespaces.yaml").apply("classpath:ingress-authz/httpbin-gateway.yaml");
    }

    /** {@code curl "$INGRESS_HOST:$INGRESS_PORT"/headers -s -o /dev/null -w "%{http_code}\n"} from {@code address}. */
    static int status(Mesh mesh, String address) {
        return curl(mesh, address).outcomes().get(0).status();
    }

    static TrafficResult curl(Mesh mesh, String address) {
        return mesh.send(1).fromOutside().clientAddress(address).to(INGRESS + "/headers");
    }

    static String resource(String name) {
        try (InputStream in = IngressAuthorizationLessonsTest.class.getResourceAsStream("/ingress-authz/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    @DisplayName("Behind a network load balancer: externalTrafficPolicy Local and ipBlocks")
    class NetworkLoadBalancer {

        Mesh local() {
            return mesh().apply("classpath:ingress-authz/ingressgateway-local.yaml");
        }

        @Test
        @DisplayName("without a policy the client gets 200; httpbin's X-Forwarded-For shows the address the gateway saw, "
                + "$CLIENT_IP once the Service keeps it, the node's before")
        void clientAddress() {
            assertThat(status(local(), CLIENT_IP)).isEqualTo(200);
            assertThat(curl(local(), CLIENT_IP).outcomes().get(0).received().orElseThrow().header("x-forwarded-for"))
                    .contains(CLIENT_IP);
            assertThat(curl(mesh(), CLIENT_IP).outcomes().get(0).received().orElseThrow().header("x-forwarded-for"))
                    .contains("172.18.0.2");
        }

        @Test
        @DisplayName("ingress-policy allows 1.2.3.4 and 5.6.7.0/24 only: 403 for the client, 200 once $CLIENT_IP is added")
        void allowList() {
            Mesh mesh = local().apply("classpath:ingress-authz/ingress-policy.yaml");
            assertThat(status(mesh, CLIENT_IP)).isEqualTo(403);
            assertThat(status(mesh, "5.6.7.8")).isEqualTo(200);
            assertThat(status(mesh.apply("classpath:ingress-authz/ingress-policy-client.yaml"), CLIENT_IP)).isEqualTo(200);
        }

        @Test
        @DisplayName("turned into a DENY on $CLIENT_IP: the client gets 403, any other address 200")
        void denyList() {
            Mesh mesh = local().apply("classpath:ingress-authz/ingress-policy-deny-client.yaml");
            assertThat(status(mesh, CLIENT_IP)).isEqualTo(403);
            assertThat(status(mesh, "198.51.100.1")).isEqualTo(200);
        }

        @Test
        @DisplayName("without externalTrafficPolicy Local kube-proxy SNATs the client to the node: the allow list with "
                + "$CLIENT_IP still answers 403, which is why the task patches the Service")
        void clusterPolicyHidesTheClient() {
            assertThat(status(mesh().apply("classpath:ingress-authz/ingress-policy-client.yaml"), CLIENT_IP)).isEqualTo(403);
        }
    }

    @Nested
    @DisplayName("Behind an HTTP load balancer: X-Forwarded-For, numTrustedProxies and remoteIpBlocks")
    class HttpLoadBalancer {

        /** The load balancer's own address: the gateway's connection comes from it (SNATed to the node here). */
        static final String LOAD_BALANCER = "198.51.100.10";

        Mesh trustingOne() {
            return mesh().withMeshConfig("defaultConfig: {gatewayTopology: {numTrustedProxies: 1}}");
        }

        String remote(String policy) {
            return resource(policy).replace("ipBlocks:", "remoteIpBlocks:");
        }

        /** The load balancer appends the address it saw to X-Forwarded-For, after whatever the client wrote. */
        int viaLoadBalancer(Mesh mesh, String xff) {
            return mesh.send(1).fromOutside().clientAddress(LOAD_BALANCER).header("X-Forwarded-For", xff)
                    .to(INGRESS + "/headers").outcomes().get(0).status();
        }

        @Test
        @DisplayName("with numTrustedProxies 1 the gateway takes $CLIENT_IP from the last X-Forwarded-For entry: the "
                + "allow list answers 403, with $CLIENT_IP 200, the deny list 403")
        void remoteIpBlocks() {
            Mesh mesh = trustingOne();
            assertThat(viaLoadBalancer(mesh.apply(remote("ingress-policy.yaml")), CLIENT_IP)).isEqualTo(403);
            assertThat(viaLoadBalancer(trustingOne().apply(remote("ingress-policy-client.yaml")), CLIENT_IP)).isEqualTo(200);
            assertThat(viaLoadBalancer(trustingOne().apply(remote("ingress-policy-deny-client.yaml")), CLIENT_IP))
                    .isEqualTo(403);
            assertThat(viaLoadBalancer(trustingOne().apply(remote("ingress-policy-deny-client.yaml")), "5.6.7.8"))
                    .isEqualTo(200);
        }

        @Test
        @DisplayName("a client that writes an allowed address into X-Forwarded-For itself gains nothing: the load "
                + "balancer's entry comes last, and only that one is trusted")
        void forgedHeader() {
            Mesh mesh = trustingOne().apply(remote("ingress-policy.yaml"));
            assertThat(viaLoadBalancer(mesh, "1.2.3.4, " + CLIENT_IP)).isEqualTo(403);
        }

        @Test
        @DisplayName("without numTrustedProxies the gateway trusts only its connection: remoteIpBlocks see the node, and "
                + "the allow list with $CLIENT_IP answers 403")
        void untrusted() {
            assertThat(viaLoadBalancer(mesh().apply(remote("ingress-policy-client.yaml")), CLIENT_IP)).isEqualTo(403);
        }
    }
}
