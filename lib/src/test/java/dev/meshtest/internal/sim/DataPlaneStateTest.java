package dev.meshtest.internal.sim;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.traffic.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the proxies remember lives as long as Envoy keeps it: an outlier ejection survives config
 * changes that do not touch its cluster (an unrelated VirtualService, an app change, an endpoint
 * update) and ends when the cluster's own settings change, as a CDS update replaces the cluster.
 */
class DataPlaneStateTest {

    private static final String OUTLIERS = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: helloworld-v1}
            spec:
              host: helloworld-v1
              trafficPolicy:
                outlierDetection: {consecutive5xxErrors: 2, interval: 1s, baseEjectionTime: %s, maxEjectionPercent: 100}
            """;

    /** helloworld-v1 always fails; two 503s eject its only pod from nginx's cluster at about 10 ms (ticks every 1 s from 0). */
    private static Mesh ejected() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(5)).failing(503, 1))
                .withDestinationRule(OUTLIERS.formatted("30s"));
        assertThat(flags(mesh.send(2).from("nginx").to("helloworld-v1:5000/hello").outcomes().get(1))).isEqualTo("503");
        return mesh;
    }

    private static String flags(Outcome o) {
        return o.status() + (o.flags().isEmpty() ? "" : " " + o.flagsText());
    }

    private static String next(Mesh mesh) {
        return flags(mesh.send(1).from("nginx").to("helloworld-v1:5000/hello").outcomes().get(0));
    }

    @Test
    void anEjectionSurvivesAnUnrelatedVirtualServiceAndEndsAtTheFirstTickAfterItsTime() {
        Mesh mesh = ejected();
        assertThat(next(mesh)).isEqualTo("503 UH");
        mesh.withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld-v2}
                spec:
                  hosts: [helloworld-v2]
                  http:
                  - route:
                    - destination: {host: helloworld-v2}
                """);
        assertThat(next(mesh)).isEqualTo("503 UH");
        // Ejected at about 10 ms for 30 s: back at the tick at 31 s, not before.
        mesh.advance(Duration.ofMillis(30_999).minus(mesh.now()));
        assertThat(next(mesh)).isEqualTo("503 UH");
        mesh.advance(Duration.ofSeconds(31).minus(mesh.now()));
        assertThat(next(mesh)).isEqualTo("503");
    }

    @Test
    void anAppChangeIsNoPushAndKeepsTheEjection() {
        Mesh mesh = ejected();
        mesh.withApp("helloworld-v2", App.serviceTime(Duration.ofMillis(1)));
        assertThat(next(mesh)).isEqualTo("503 UH");
    }

    @Test
    void changedOutlierSettingsMakeANewClusterWithoutEjections() {
        Mesh mesh = ejected();
        mesh.withDestinationRule(OUTLIERS.formatted("60s"));
        // A new cluster: the host is back, and one 503 is not yet two.
        assertThat(next(mesh)).isEqualTo("503");
        assertThat(next(mesh)).isEqualTo("503");
        assertThat(next(mesh)).isEqualTo("503 UH");
    }

    @Test
    void anEndpointUpdateKeepsTheEjectionOfTheHostsThatStay() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(5)).failing(503, 1))
                .withApp("helloworld-v2", App.serviceTime(Duration.ofMillis(5)).failing(503, 1))
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld}
                        spec:
                          host: helloworld
                          trafficPolicy:
                            outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}
                        """);
        // Both pods fail once and are ejected.
        mesh.send(4).from("nginx").to("helloworld:5000/hello");
        assertThat(flags(mesh.send(1).from("nginx").to("helloworld:5000/hello").outcomes().get(0))).isEqualTo("503 UH");
        // v2 stops being ready: an EDS update of the same cluster; v1 stays, and stays ejected.
        mesh.setReady("helloworld-v2", false);
        assertThat(flags(mesh.send(1).from("nginx").to("helloworld:5000/hello").outcomes().get(0))).isEqualTo("503 UH");
    }

    @Test
    void aRetryThatEndsInUhReleasesItsMaxRetriesSlot() {
        // maxRetries 1: the retry of the first request ends in 503 UH (its host was just ejected);
        // Envoy's RetryStateImpl releases the slot when the request ends, so the next request may retry.
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(5)).failing(503, 1))
                .withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: helloworld-v1}
                        spec:
                          hosts: [helloworld-v1]
                          http:
                          - retries: {attempts: 1, retryOn: 5xx}
                            route:
                            - destination: {host: helloworld-v1}
                        """)
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld-v1}
                        spec:
                          host: helloworld-v1
                          trafficPolicy:
                            connectionPool: {http: {maxRetries: 1}}
                            outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}
                        """);
        assertThat(next(mesh)).isEqualTo("503 UH");
        mesh.advance(Duration.ofSeconds(40));
        assertThat(next(mesh)).isEqualTo("503 UH");
    }
}
