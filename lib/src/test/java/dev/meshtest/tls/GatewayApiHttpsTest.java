package dev.meshtest.tls;

import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Istio's secure ingress task in its Gateway API form: an HTTPS listener whose certificate is a
 * Secret the listener names ({@code certificateRefs}); istiod serves it to the gateway as
 * {@code kubernetes-gateway://<namespace>/<name>}.
 */
class GatewayApiHttpsTest {

    private static final String GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: mygateway}
            spec:
              gatewayClassName: istio
              listeners:
              - name: https
                hostname: httpbin.example.com
                port: 443
                protocol: HTTPS
                tls:
                  mode: Terminate
                  certificateRefs: [{name: httpbin-credential%s}]
                allowedRoutes: {namespaces: {from: All}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: httpbin}
            spec:
              parentRefs: [{name: mygateway}]
              hostnames: [httpbin.example.com]
              rules:
              - backendRefs: [{name: helloworld, port: 5000}]
            """;

    private static final String CERTS_NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: certs}
            """;

    private static final String GRANT = """
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: gateways-use-certs, namespace: certs}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: default}]
              to: [{group: "", kind: Secret}]
            """;

    private static Mesh helloworld() {
        return Mesh.mesh().apply("classpath:dev/meshtest/fixtures/helloworld.yaml");
    }

    private static Outcome curl(Mesh mesh) {
        return mesh.send(1).fromOutside("default/mygateway-istio").cacert(Certs.pem("example.com.crt"))
                .to("https://httpbin.example.com/hello").outcomes().get(0);
    }

    @Test
    @DisplayName("a certificate in the Gateway's namespace: curl --cacert reaches helloworld through mygateway-istio")
    void certificateOfTheGatewaysNamespace() {
        Mesh mesh = helloworld().apply(Certs.tlsSecret("default", "httpbin-credential", "httpbin.example.com"))
                .apply(GATEWAY.formatted(""));

        Outcome o = curl(mesh);
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.workload()).get().asString().startsWith("helloworld-v");
        assertThat(mesh.proxyConfig("mygateway-istio").tls().rows()).containsExactly(java.util.List.of("downstream",
                "0.0.0.0:443", "SIMPLE", "httpbin.example.com", "Secret default/httpbin-credential", "-", "TLSV1_2-TLSV1_3"));
    }

    @Test
    @DisplayName("a certificate of another namespace: served when a ReferenceGrant there allows it, refused otherwise")
    void certificateOfAnotherNamespace() {
        Mesh granted = helloworld().apply(CERTS_NAMESPACE).apply(Certs.tlsSecret("certs", "httpbin-credential", "httpbin.example.com"))
                .apply(GRANT).apply(GATEWAY.formatted(", namespace: certs"));
        assertThat(curl(granted).status()).isEqualTo(200);
        assertThat(granted.proxyConfig("mygateway-istio").tls().rows()).singleElement()
                .satisfies(row -> assertThat(row.get(4)).isEqualTo("Secret certs/httpbin-credential"));

        Mesh refused = helloworld().apply(CERTS_NAMESPACE).apply(Certs.tlsSecret("certs", "httpbin-credential", "httpbin.example.com"))
                .apply(GATEWAY.formatted(", namespace: certs"));
        // the listener is not valid, so istiod programs no server for it: nothing listens on 443
        assertThat(curl(refused).where()).isEqualTo("curl: (7) Failed to connect to 10.244.0.5 port 443: Connection refused");
        assertThat(refused.gatewayApiStatus().gateway("mygateway")).isNotAccepted("ListenersNotValid")
                .hasListenerCondition("https", "ResolvedRefs", dev.meshtest.status.Condition.Status.FALSE, "RefNotPermitted");
    }
}
