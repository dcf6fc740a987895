package dev.meshtest.graph;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.app.Call;
import dev.meshtest.traffic.Edge;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A send's call graph (Kiali's edges): every hop a proxy ends, on the edge from its workload to the service. */
class EdgesTest {

    /** helloworld v1 calls helloworld again (the next hop of the graph) before it answers. */
    private static Mesh chained() {
        return mesh().seed(7).apply("classpath:experiments/helloworld.yaml").withPod("sleep")
                .withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(5)).calls(Call.to("http://helloworld:5000/hello")));
    }

    @Test
    @DisplayName("each proxy's hops, on the edge from its workload to the service, first started first; counts add up")
    void edges() {
        TrafficResult r = chained().send(100).from("sleep").to("http://helloworld:5000/hello");
        assertThat(r.edges()).extracting(Edge::toString).containsExactly(
                "default/sleep -> helloworld.default.svc.cluster.local: 100 requests",
                "default/helloworld-v1 -> helloworld.default.svc.cluster.local: "
                        + r.edges().get(1).requests().size() + " requests");
        Edge first = r.edges().get(0);
        // The first hop is the send: the same answers, counted alike.
        assertThat(first.requests().countByWorkload()).isEqualTo(r.countByWorkload());
        // Each request that reached v1 made one call, v1's included: a chain of 1 + calls.
        long reachedV1 = r.countByWorkload().getOrDefault("helloworld-v1", 0L);
        TrafficResult calls = r.edge("helloworld-v1", "helloworld").orElseThrow();
        assertThat(calls.countByWorkload().getOrDefault("helloworld-v1", 0L)
                + calls.countByWorkload().getOrDefault("helloworld-v2", 0L)).isEqualTo(calls.size());
        assertThat((long) calls.size()).isGreaterThanOrEqualTo(reachedV1);
        assertThat(r).edge("default/helloworld-v1", "helloworld.default.svc.cluster.local").allSucceeded();
    }

    @Test
    @DisplayName("through the ingress gateway: the gateway's proxy is an edge's source")
    void gateway() {
        Mesh m = mesh().seed(7).apply("classpath:experiments/helloworld.yaml")
                .apply("classpath:experiments/helloworld-per-version-services.yaml").apply("classpath:experiments/e3-gateway.yaml");
        TrafficResult r = m.send(100).fromOutside().to("http://hello.example.com/hello");
        assertThat(r.edges()).extracting(e -> e.sourceNamespace() + "/" + e.source() + " -> " + e.destination()).containsExactlyInAnyOrder(
                "istio-system/istio-ingressgateway -> helloworld-v1.default.svc.cluster.local",
                "istio-system/istio-ingressgateway -> helloworld-v2.default.svc.cluster.local");
        assertThat(r).edge("istio-ingressgateway", "helloworld-v1").allReached("helloworld-v1");
        assertThat(r.edge("istio-ingressgateway", "helloworld-v1").orElseThrow().size()
                + r.edge("istio-ingressgateway", "helloworld-v2").orElseThrow().size()).isEqualTo(100);
    }

    @Test
    @DisplayName("a fault's abort is a hop of its proxy (status, FI), never reaching the service's pods")
    void faultAbort() {
        Mesh m = chained().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  http:
                  - fault: {abort: {httpStatus: 503, percentage: {value: 100}}}
                    route: [{destination: {host: helloworld}}]
                """);
        TrafficResult r = m.send(20).from("sleep").to("http://helloworld:5000/hello");
        assertThat(r.edges()).hasSize(1);
        assertThat(r).edge("sleep", "helloworld").allHaveStatus(503).withFlag(ResponseFlag.FAULT_INJECTED).withShare(1.0);
    }

    @Test
    @DisplayName("a caller that gives up leaves its proxy's hop 0 DC; the service's own hops go on")
    void abandoned() {
        Mesh m = mesh().seed(7).apply("classpath:experiments/helloworld.yaml").withPod("sleep")
                .withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(1))
                        .calls(Call.to("http://helloworld:5000/slow").timeout(Duration.ofMillis(50))))
                .withApp("helloworld-v2", App.serviceTime(Duration.ofMillis(200)));
        TrafficResult r = m.send(40).from("sleep").to("http://helloworld:5000/hello");
        TrafficResult calls = r.edge("helloworld-v1", "helloworld").orElseThrow();
        assertThat(calls.countByFlag()).containsKey(ResponseFlag.DOWNSTREAM_CONNECTION_TERMINATION);
        assertThat(r).edge("helloworld-v1", "helloworld").hasStatus(0).withFlag(ResponseFlag.DOWNSTREAM_CONNECTION_TERMINATION);
    }

    @Test
    @DisplayName("an edge the send does not have: the message lists those it has")
    void missingEdge() {
        TrafficResult r = mesh().seed(7).apply("classpath:experiments/helloworld.yaml").withPod("sleep").send(3).from("sleep")
                .to("http://helloworld:5000/hello");
        assertThatThrownBy(() -> assertThat(r).edge("helloworld-v1", "ratings")).hasMessageStartingWith("""

                Expecting requests from helloworld-v1 to ratings in the send's call graph
                but it has these edges:
                  default/sleep -> helloworld.default.svc.cluster.local: 3 requests""");
        assertThat(r.where(o -> true, "all").edges()).as("a part of a result has no edges").isEqualTo(List.of());
        TrafficResult aggregated = mesh().seed(7).apply("classpath:experiments/helloworld.yaml").withPod("sleep").send(3).from("sleep")
                .aggregate().to("http://helloworld:5000/hello");
        assertThat(aggregated.edges()).as("an aggregated send keeps no call graph").isEmpty();
        assertThatThrownBy(() -> assertThat(aggregated).edge("sleep", "helloworld")).hasMessageContaining("but it has no edges "
                + "(an aggregated send keeps none; nor does a result made without a mesh, or a part of one)");
    }
}
