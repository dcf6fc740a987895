package dev.meshtest.internal.proxy;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.internal.proxy.Proxies.HELLOWORLD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A DestinationRule's {@code connectionPool} and {@code outlierDetection} on the client's clusters
 * (istio-rules §6.3, §6.5, §6.7; Istio's applyConnectionPool, getDefaultCircuitBreakerThresholds, applyOutlierDetection).
 */
class ClusterPoliciesTest {

    private static final long U = CircuitBreakers.UNLIMITED;

    private static Mesh policies() {
        return mesh().apply("classpath:experiments/helloworld.yaml").apply("classpath:proxy/helloworld-policies.yaml")
                .withPod("nginx");
    }

    private static Cluster cluster(Mesh mesh, int port, String subset, String host) {
        Cluster c = Internals.proxyConfig(mesh, "nginx").cluster(Cluster.name(port, subset, host));
        assertThat(c).as("cluster %s", Cluster.name(port, subset, host)).isNotNull();
        return c;
    }

    @Test
    @DisplayName("a route's cluster name is its cluster's own name object, which a request's lookup compares by reference")
    void routeClusterNamesAreTheClustersOwn() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").apply("classpath:experiments/e4-subsets.yaml")
                .withPod("nginx");
        ProxyConfig nginx = Internals.proxyConfig(mesh, "nginx");
        List<RouteAction.WeightedCluster> split = Proxies.forward(mesh).clusters();
        assertThat(split).extracting(RouteAction.WeightedCluster::name)
                .containsExactly(Cluster.name(5000, "helloworld-v1", HELLOWORLD), Cluster.name(5000, "helloworld-v2", HELLOWORLD));
        for (RouteAction.WeightedCluster w : split) {
            assertThat(nginx.cluster(w.name()).name()).isSameAs(w.name());
        }
    }

    @Test
    @DisplayName("no DestinationRule: Istio's unlimited thresholds, 10 s connect timeout, no outlier detection")
    void noDestinationRule() {
        Cluster c = cluster(Proxies.helloworld(), 5000, "", HELLOWORLD);
        assertThat(c.circuitBreakers()).isEqualTo(CircuitBreakers.DEFAULT)
                .isEqualTo(new CircuitBreakers(U, U, U, U, 0, Duration.ofSeconds(10)));
        assertThat(c.outlierDetection()).isNull();
    }

    @Test
    @DisplayName("E7: http2MaxRequests 1 on helloworld-v1 gives the client's v1 cluster maxRequests 1, everything else default")
    void e7ClientCluster() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:experiments/e6-circular.yaml")
                .apply("classpath:experiments/e7-max-connection.yaml")
                .withPod("nginx");
        assertThat(cluster(mesh, 5000, "", "helloworld-v1.default.svc.cluster.local").circuitBreakers())
                .isEqualTo(new CircuitBreakers(U, U, 1, U, 0, Duration.ofSeconds(10)));
        assertThat(cluster(mesh, 5000, "", "helloworld-v2.default.svc.cluster.local").circuitBreakers())
                .isEqualTo(CircuitBreakers.DEFAULT);
        assertThat(cluster(mesh, 5000, "", "helloworld-v1.default.svc.cluster.local").outlierDetection()).isNull();
    }

    @Test
    @DisplayName("top level on a port without port-level entry: every threshold set; 0 keeps the default")
    void topLevel() {
        Cluster c = cluster(policies(), 9000, "", HELLOWORLD);
        assertThat(c.circuitBreakers()).isEqualTo(new CircuitBreakers(100, 10, U, 7, 1, Duration.ofMillis(250)));
        assertThat(c.outlierDetection()).isEqualTo(
                new OutlierDetectionPolicy(3, 0, Duration.ofSeconds(1), Duration.ofMinutes(2), 100, 0, false, 0));
    }

    @Test
    @DisplayName("a port-level entry replaces the top level whole: omitted blocks fall back to defaults, not to the top level")
    void portLevelReplaces() {
        Cluster c = cluster(policies(), 5000, "", HELLOWORLD);
        assertThat(c.circuitBreakers()).isEqualTo(new CircuitBreakers(U, U, 20, U, 0, Duration.ofSeconds(10)));
        assertThat(c.outlierDetection()).isNull();
    }

    @Test
    @DisplayName("a subset's own block replaces the inherited one whole; blocks it omits are inherited")
    void subsetBlock() {
        Mesh mesh = policies();
        Cluster v1At5000 = cluster(mesh, 5000, "v1", HELLOWORLD);
        assertThat(v1At5000.circuitBreakers()).isEqualTo(new CircuitBreakers(U, U, 1, U, 0, Duration.ofSeconds(10)));
        assertThat(v1At5000.outlierDetection()).isNull(); // inherited from the port-level entry, which has none
        Cluster v1At9000 = cluster(mesh, 9000, "v1", HELLOWORLD);
        assertThat(v1At9000.circuitBreakers()).isEqualTo(new CircuitBreakers(U, U, 1, U, 0, Duration.ofSeconds(10)));
        assertThat(v1At9000.outlierDetection().consecutive5xx()).isEqualTo(3); // inherited from the top level
    }

    @Test
    @DisplayName("a subset's port-level entry replaces all four blocks, even those it omits")
    void subsetPortLevel() {
        Mesh mesh = policies();
        Cluster v2At9000 = cluster(mesh, 9000, "v2", HELLOWORLD);
        assertThat(v2At9000.circuitBreakers()).isEqualTo(CircuitBreakers.DEFAULT);
        assertThat(v2At9000.outlierDetection()).isNull();
        assertThat(v2At9000.loadBalancer().algorithm()).hasToString("RANDOM");
        // On 5000 the subset has no port-level entry: its own outlier block replaces the inherited one.
        Cluster v2At5000 = cluster(mesh, 5000, "v2", HELLOWORLD);
        assertThat(v2At5000.circuitBreakers()).isEqualTo(new CircuitBreakers(U, U, 20, U, 0, Duration.ofSeconds(10)));
        assertThat(v2At5000.outlierDetection()).isEqualTo(
                new OutlierDetectionPolicy(5, 2, Duration.ofSeconds(10), Duration.ofSeconds(30), 10, 50, false, 0));
    }

    private static OutlierDetectionPolicy outlier(String block) {
        Mesh mesh = Proxies.helloworld().withDestinationRule("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: helloworld}
                spec:
                  host: helloworld
                  trafficPolicy:
                    outlierDetection: %s
                """.formatted(block));
        return cluster(mesh, 5000, "", HELLOWORLD).outlierDetection();
    }

    @Test
    @DisplayName("an outlier block with only one field: Envoy's defaults for the rest (5 x 5xx, 10 s, 30 s, 10%, panic off)")
    void outlierDefaults() {
        assertThat(outlier("{interval: 5s}")).isEqualTo(
                new OutlierDetectionPolicy(5, 0, Duration.ofSeconds(5), Duration.ofSeconds(30), 10, 0, false, 0));
    }

    @Test
    @DisplayName("consecutive5xxErrors: 0 turns 5xx ejection off; gateway errors on when set")
    void outlierGatewayOnly() {
        assertThat(outlier("{consecutive5xxErrors: 0, consecutiveGatewayErrors: 3}")).isEqualTo(
                new OutlierDetectionPolicy(0, 3, Duration.ofSeconds(10), Duration.ofSeconds(30), 10, 0, false, 0));
    }

    @Test
    @DisplayName("the deprecated consecutiveErrors is ignored, as by Istio since 1.7: Envoy's 5 x 5xx applies")
    void consecutiveErrorsIgnored() {
        assertThat(outlier("{consecutiveErrors: 2}").consecutive5xx()).isEqualTo(5);
        assertThat(outlier("{consecutiveErrors: 2}").consecutiveGatewayErrors()).isZero();
    }

    @Test
    @DisplayName("split local-origin errors: consecutiveLocalOriginFailures, else Envoy's 5")
    void splitLocalOrigin() {
        OutlierDetectionPolicy p = outlier("{splitExternalLocalOriginErrors: true, consecutiveLocalOriginFailures: 2}");
        assertThat(p.splitExternalLocalOriginErrors()).isTrue();
        assertThat(p.consecutiveLocalOriginFailures()).isEqualTo(2);
        assertThat(outlier("{splitExternalLocalOriginErrors: true}").consecutiveLocalOriginFailures()).isEqualTo(5);
    }

    @Test
    @DisplayName("a DestinationRule without connectionPool or outlierDetection leaves the defaults")
    void subsetsOnly() {
        Cluster c = cluster(Proxies.helloworld(), 5000, "v1", HELLOWORLD);
        assertThat(c.circuitBreakers()).isEqualTo(CircuitBreakers.DEFAULT);
        assertThat(c.outlierDetection()).isNull();
    }
}
