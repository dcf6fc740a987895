package dev.meshtest.examples;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.assertj.TrafficResultAssert;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.meshtest.traffic.ResponseFlag;

/**
 * The classic helloworld experiments, as lessons: each test is what you would see on a real
 * cluster with the same YAML, and its display name says why.
 */
@DisplayName("Helloworld: how Istio routes a request")
@ExtendWith(LessonPrinter.class)
class HelloworldLessonsTest {

    static Mesh helloworld() {
        return mesh().apply("classpath:helloworld.yaml")
                .apply("classpath:helloworld-per-version-services.yaml")
                .withPod("nginx");
    }

    @Nested
    @DisplayName("Weights and subsets")
    class Weights {

        @Test
        @DisplayName("Without a VirtualService, the helloworld Service spreads requests over v1 and v2")
        void noVirtualService() {
            TrafficResult r = helloworld().send(1000).from("nginx").to("helloworld:5000/hello");
            assertThat(r.countByWorkload()).containsOnlyKeys("helloworld-v1", "helloworld-v2");
        }

        @Test
        @DisplayName("A VirtualService with weights 20/80 sends about a fifth of the requests to v1")
        void weightedSplit() {
            TrafficResult r = helloworld().apply("classpath:e2-weighted.yaml")
                    .send(1000).from("nginx").to("helloworld:5000/hello");
            assertThat(r.countByWorkload().get("helloworld-v1")).isBetween(150L, 250L);
        }

        @Test
        @DisplayName("DestinationRule subsets split by pod labels, no per-version Service needed")
        void subsets() {
            TrafficResult r = mesh().apply("classpath:helloworld.yaml").withPod("nginx")
                    .apply("classpath:e4-subsets.yaml").send(1000).from("nginx").to("helloworld:5000/hello");
            assertThat(r.countByWorkload().get("helloworld-v1")).isBetween(650L, 750L);
        }
    }

    @Nested
    @DisplayName("A VirtualService is applied once, by the sending sidecar")
    class AppliedOnce {

        @Test
        @DisplayName("A VirtualService that routes helloworld-v1 to itself just works: no loop")
        void selfRouting() {
            TrafficResult r = helloworld().apply("classpath:e5-self-destination.yaml")
                    .send(100).from("nginx").to("helloworld-v1:5000/hello");
            assertThat(r.countByWorkload()).containsExactly(Map.entry("helloworld-v1", 100L));
        }

        @Test
        @DisplayName("Two VirtualServices that route v1 to v2 and v2 to v1 swap the hosts instead of looping")
        void circular() {
            Mesh mesh = helloworld().apply("classpath:e6-circular.yaml");
            assertThat(mesh.send(100).from("nginx").to("helloworld-v1:5000/hello").countByWorkload())
                    .containsExactly(Map.entry("helloworld-v2", 100L));
        }

        @Test
        @DisplayName("A client without a sidecar ignores VirtualServices: kube-proxy picks a pod of the Service it called")
        void noSidecar() {
            Mesh mesh = helloworld().apply("classpath:e6-circular.yaml")
                    .apply("""
                            apiVersion: v1
                            kind: Pod
                            metadata:
                              name: plain
                              labels: {run: plain, sidecar.istio.io/inject: "false"}
                            spec:
                              containers: [{name: curl, image: curlimages/curl}]
                            """);
            assertThat(mesh.send(100).from("plain").to("helloworld-v1:5000/hello").countByWorkload())
                    .containsExactly(Map.entry("helloworld-v1", 100L));
        }
    }

    @Nested
    @DisplayName("Gateways")
    class Gateways {

        @Test
        @DisplayName("Traffic entering through the ingress gateway follows the VirtualService bound to its Gateway: 70/30")
        void ingress() {
            TrafficResult r = helloworld().apply("classpath:e3-gateway.yaml")
                    .send(1000).fromOutside().to("http://helloworld.example.com/hello");
            assertThat(r.countByWorkload().get("helloworld-v1")).isBetween(650L, 750L);
        }
    }

    @Nested
    @DisplayName("A DestinationRule connection pool (E7)")
    class ConnectionPool {

        static final String V2_URL = "helloworld-v2.default.svc.cluster.local:5000/hello";

        /** E6's swapped hosts, plus at most one request in flight to helloworld-v1. */
        Mesh e7() {
            return helloworld().apply("classpath:e6-circular.yaml").apply("classpath:e7-max-connection.yaml");
        }

        @Test
        @DisplayName("One terminal curling helloworld-v2: every request succeeds, answered by v1 because of E6")
        void oneTerminal() {
            TrafficResult r = e7().send(200).from("nginx").concurrency(1).to(V2_URL);
            assertThat(r).allSucceeded().allReached("helloworld-v1");
        }

        @Test
        @DisplayName("Two terminals: the second request in flight overflows the v1 cluster in nginx's own sidecar, "
                + "503 UO, never retried")
        void twoTerminals() {
            TrafficResult r = e7().send(200).from("nginx").concurrency(2).to(V2_URL);
            assertThat(r).hasOverflowErrors();
            assertThat(r).hasStatus(503).withFlag(ResponseFlag.UPSTREAM_OVERFLOW).withBody(TrafficResultAssert.OVERFLOW_BODY);
            assertThat(r).never("helloworld-v2");
            assertThat(r.countByCluster()).containsKey("outbound|5000||helloworld-v1.default.svc.cluster.local");
            assertThat(r.countByAttempts()).containsOnlyKeys(1);
        }

        @Test
        @DisplayName("The limit is the client sidecar's, for the cluster it chose: a client without a sidecar is neither rerouted "
                + "nor limited")
        void clientWithoutSidecar() {
            Mesh mesh = e7().withNamespace("plain", false).withPod("curl", "plain");
            TrafficResult r = mesh.send(200).from("plain/curl").concurrency(2).to("http://" + V2_URL);
            assertThat(r).allSucceeded().allReached("helloworld-v2");
        }
    }
}
