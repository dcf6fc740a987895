package dev.meshtest.internal.sim;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.traffic.TrafficResult;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Envoy rebuilds a ring-hash or Maglev table without ejected hosts: a key moves off a host outlier detection ejected. */
class ConsistentHashEjectionTest {

    private static Mesh setup(String lb, String failing) {
        Mesh m = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx").withDestinationRule("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: helloworld}
                spec:
                  host: helloworld
                  trafficPolicy:
                    loadBalancer:
                      consistentHash: {httpHeaderName: foo%s}
                    outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}
                """.formatted(lb));
        return failing == null ? m : m.withApp(failing, App.serviceTime(java.time.Duration.ofMillis(1)).failing(503, 1.0));
    }

    private static void keyMovesOffTheEjectedHost(String lb) {
        String pinned = setup(lb, null).send(1).from("nginx").header("foo", "bar").to("helloworld:5000/hello")
                .outcomes().get(0).workload().orElseThrow();
        TrafficResult r = setup(lb, pinned).send(4).from("nginx").header("foo", "bar").to("helloworld:5000/hello");
        String trail = r.outcomes().stream().map(o -> o.status() + " " + o.workload().orElseThrow()).collect(Collectors.joining(", "));
        String other = pinned.equals("helloworld-v1") ? "helloworld-v2" : "helloworld-v1";
        // The first request fails and ejects the host; the key then hashes onto the remaining one.
        assertThat(trail).isEqualTo("503 " + pinned + ", 200 " + other + ", 200 " + other + ", 200 " + other);
    }

    @Test
    void ringHash() {
        keyMovesOffTheEjectedHost("");
    }

    @Test
    void maglev() {
        keyMovesOffTheEjectedHost(", maglev: {tableSize: 65537}");
    }
}
