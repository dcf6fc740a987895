package dev.meshtest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Istio's task "Ingress Gateway without TLS Termination"
 * (istio.io/latest/docs/tasks/traffic-management/ingress/ingress-sni-passthrough) as a lesson: the
 * gateway's 443 passes TLS through, routed by the client's SNI to an NGINX that terminates it
 * itself ({@code passthrough/*.yaml}). meshtest takes NGINX's certificate as valid: the lesson is
 * the routing.
 */
@DisplayName("Ingress SNI passthrough: Istio's task on NGINX")
@ExtendWith(LessonPrinter.class)
class IngressPassthroughLessonsTest {

    static Mesh mesh() {
        return Mesh.mesh().withNamespace("default", true).apply("classpath:passthrough/my-nginx.yaml")
                .apply("classpath:passthrough/mygateway.yaml");
    }

    @Test
    @DisplayName("curl https://nginx.example.com reaches my-nginx, which terminates TLS itself")
    void reachesNginx() {
        Outcome o = mesh().send(1).fromOutside().to("https://nginx.example.com/").outcomes().get(0);
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.workload()).contains("my-nginx");
        assertThat(mesh().explain().fromOutside().to("https://nginx.example.com/").toString())
                .contains("filter chain SNI nginx.example.com passes TLS through (tls route of VirtualService default/nginx)")
                .contains("the app terminates the client's TLS on port 443");
    }

    @Test
    @DisplayName("another name finds no filter chain: the gateway closes the connection during the handshake")
    void otherNames() {
        assertThat(mesh().send(1).fromOutside().to("https://other.example.com/").outcomes().get(0).curlExitCode()).hasValue(35);
    }

    @Test
    @DisplayName("the istioctl view: the gateway's 8443 has a chain for SNI nginx.example.com to my-nginx's cluster")
    void listener() {
        assertThat(mesh().proxyConfig("istio-system/istio-ingressgateway").listeners().rows()).containsExactly(
                java.util.List.of("0.0.0.0", "8443", "SNI: nginx.example.com", "Cluster: outbound|443||my-nginx.default.svc.cluster.local"));
    }

    @Test
    @DisplayName("with the Gateway API: a TLS listener in Passthrough mode and a TLSRoute give the same routing, at mygateway-istio")
    void gatewayApi() {
        Mesh mesh = Mesh.mesh().withNamespace("default", true).apply("classpath:passthrough/my-nginx.yaml")
                .apply("classpath:passthrough/mygateway-gateway-api.yaml");

        Outcome o = mesh.send(1).fromOutside("default/mygateway-istio").to("https://nginx.example.com/").outcomes().get(0);
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.workload()).contains("my-nginx");
        assertThat(mesh.send(1).fromOutside("default/mygateway-istio").to("https://other.example.com/").outcomes().get(0)
                .curlExitCode()).hasValue(35);
        assertThat(mesh.proxyConfig("mygateway-istio").listeners().rows()).containsExactly(
                java.util.List.of("0.0.0.0", "443", "SNI: nginx.example.com", "Cluster: outbound|443||my-nginx.default.svc.cluster.local"));
    }
}
