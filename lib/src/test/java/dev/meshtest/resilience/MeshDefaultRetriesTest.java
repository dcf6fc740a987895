package dev.meshtest.resilience;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * MeshConfig {@code defaultHttpRetryPolicy} replaces Istio's default retries on every route that
 * sets none (istio-rules §4.7; Istio's {@code TranslateRoute} and {@code BuildDefaultHTTPOutboundRoute}).
 */
class MeshDefaultRetriesTest {

    private static Mesh failingV1() {
        return mesh().apply("classpath:experiments/helloworld.yaml")
                .apply("classpath:experiments/helloworld-per-version-services.yaml").withPod("nginx")
                .withApp("helloworld-v1", App.generic().failing(503, 1));
    }

    private static final String VS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: v1}
            spec:
              hosts: [helloworld-v1]
              http:
              - route: [{destination: {host: helloworld-v1}}]
            """;

    @Test
    @DisplayName("a client's own router control headers (x-envoy-retry-on, x-envoy-upstream-rq-timeout-ms, ...) are refused, "
            + "in fixed and per-request headers: Envoy would obey them, meshtest does not simulate them")
    void routerControlHeadersRefused() {
        Mesh mesh = failingV1();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mesh.send(5).from("nginx").header("X-Envoy-Retry-On", "5xx")
                        .to("helloworld-v1:5000/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("header X-Envoy-Retry-On: meshtest does not simulate Envoy's router control headers yet");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mesh.send(5).from("nginx")
                        .headers(i -> i == 3 ? Map.of("x-envoy-upstream-rq-timeout-ms", "100") : Map.of()).to("helloworld-v1:5000/"))
                .hasMessageContaining("header x-envoy-upstream-rq-timeout-ms: meshtest does not simulate");
        assertThat(mesh.send(1).from("nginx").header("x-envoy-force-trace", "true").to("helloworld-v1:5000/").size()).isEqualTo(1);
    }

    @Test
    @DisplayName("without it, Istio's default retries do not retry an app's 503")
    void istioDefault() {
        TrafficResult r = failingV1().send(5).from("nginx").to("helloworld-v1:5000/");
        assertThat(r.countByAttempts()).containsExactly(Map.entry(1, 5L));
    }

    @Test
    @DisplayName("with it, the Service's default route and a rule without retries both retry as it says")
    void meshDefault() {
        Mesh mesh = failingV1().withMeshConfig("defaultHttpRetryPolicy: {attempts: 3, retryOn: 5xx}");
        assertThat(mesh.notes()).isEmpty();
        TrafficResult byDefaultRoute = mesh.send(5).from("nginx").to("helloworld-v1:5000/");
        assertThat(byDefaultRoute.countByAttempts()).containsExactly(Map.entry(4, 5L));
        assertThat(byDefaultRoute.countByFlag()).containsExactly(Map.entry(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED, 5L));
        mesh.apply(VS);
        assertThat(mesh.send(5).from("nginx").to("helloworld-v1:5000/").countByAttempts()).containsExactly(Map.entry(4, 5L));
    }

    @Test
    @DisplayName("a rule's own retries win; attempts 0 in the mesh default turns retries off")
    void ruleWinsAndZeroDisables() {
        Mesh mesh = failingV1().withMeshConfig("defaultHttpRetryPolicy: {attempts: 3, retryOn: 5xx}")
                .apply(VS.replace("  - route:", "  - retries: {attempts: 1, retryOn: 5xx}\n    route:"));
        assertThat(mesh.send(5).from("nginx").to("helloworld-v1:5000/").countByAttempts()).containsExactly(Map.entry(2, 5L));
        Mesh off = failingV1().withMeshConfig("defaultHttpRetryPolicy: {attempts: 0, retryOn: 5xx}");
        assertThat(off.send(5).from("nginx").to("helloworld-v1:5000/").countByAttempts()).containsExactly(Map.entry(1, 5L));
    }
}
