package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static dev.meshtest.routing.Routing.injectedNamespace;
import static dev.meshtest.routing.Routing.one;
import static dev.meshtest.routing.Routing.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.Replies;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The routing surprises of istio-rules §11, each as a real cluster shows it. */
class TrapsTest {

    private static String vs(String ns, String hosts, String destination) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: trap, namespace: %s}
                spec:
                  hosts: [%s]
                  http:
                  - route: [{destination: %s}]
                """.formatted(ns, hosts, destination);
    }

    @Test
    @DisplayName("istio-rules §11.3 no fallback: once a VirtualService owns a host, an unmatched request is 404 NR, not the default route")
    void noFallback() {
        Mesh mesh = MatchTest.withRules("- match: [{uri: {prefix: /v2}}]\n" + MatchTest.TO_V2);
        assertThat(one(mesh, "helloworld:5000/hello")).isEqualTo("404 NR");
    }

    @Test
    @DisplayName("istio-rules §11.5 a dotted short destination is literal: helloworld.default is no cluster, 503 NC")
    void dottedDestinationIsLiteral() {
        Mesh mesh = helloworld().withVirtualService(vs("default", "helloworld", "{host: helloworld.default}"));
        TrafficResult r = mesh.send(2).from("nginx").to("helloworld:5000/");
        assertThat(r.outcomes().get(0)).isEqualTo(Replies.sidecar("outbound|5000||helloworld.default", 503, "", ResponseFlag.NO_CLUSTER_FOUND));
    }

    @Test
    @DisplayName("istio-rules §11.5 a dotted short VirtualService host is literal: on port 5000 it names no service, the VirtualService is ignored")
    void dottedHostIsLiteral() {
        Mesh mesh = helloworld().withVirtualService(vs("default", "helloworld.default", "{host: helloworld, subset: v2}"));
        assertThat(mesh.send(200).from("nginx").to("helloworld.default:5000/").countByVersion()).containsOnlyKeys("v1", "v2");
    }

    @Test
    @DisplayName("istio-rules §11.5 dot-less names resolve in the rule's namespace: a VirtualService in shop sends helloworld to helloworld.shop (503 NC)")
    void shortNameInRuleNamespace() {
        Mesh mesh = helloworld().apply(injectedNamespace("shop"))
                .withVirtualService(vs("shop", "helloworld.default.svc.cluster.local", "{host: helloworld}"));
        TrafficResult r = mesh.send(2).from("nginx").to("helloworld:5000/");
        assertThat(r.countByCluster()).containsExactly(Map.entry("outbound|5000||helloworld.shop.svc.cluster.local", 2L));
        assertThat(where(r)).isEqualTo("503 NC");
    }

    @Test
    @DisplayName("istio-rules §11.7 missing subset: 503 NC, empty body; subset selecting no pod: 503 UH, no healthy upstream")
    void missingVersusEmptySubset() {
        Mesh mesh = helloworld().withVirtualService(vs("default", "helloworld", "{host: helloworld, subset: v3}"));
        assertThat(mesh.send(1).from("nginx").to("helloworld:5000/").outcomes().get(0))
                .isEqualTo(Replies.sidecar("outbound|5000|v3|helloworld.default.svc.cluster.local", 503, "", ResponseFlag.NO_CLUSTER_FOUND));
        mesh.withDestinationRule("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: helloworld}
                spec:
                  host: helloworld
                  subsets: [{name: v3, labels: {version: v3}}]
                """);
        assertThat(mesh.send(1).from("nginx").to("helloworld:5000/").outcomes().get(0))
                .isEqualTo(Replies.sidecar("outbound|5000|v3|helloworld.default.svc.cluster.local", 503, "no healthy upstream", ResponseFlag.NO_HEALTHY_UPSTREAM));
    }

    @Test
    @DisplayName("istio-rules §11.16 no destination port: the called port is used; a destination service without it is 503 NC")
    void portFromTheCall() {
        Mesh mesh = helloworld().apply("classpath:experiments/helloworld-per-version-services.yaml")
                .withService("""
                        apiVersion: v1
                        kind: Service
                        metadata: {name: other}
                        spec:
                          selector: {app: helloworld}
                          ports: [{name: http, port: 8080, targetPort: 5000}]
                        """)
                .withVirtualService(vs("default", "helloworld", "{host: helloworld-v2}"));
        TrafficResult ok = mesh.send(3).from("nginx").to("helloworld:5000/");
        assertThat(ok.countByCluster()).containsExactly(Map.entry("outbound|5000||helloworld-v2.default.svc.cluster.local", 3L));
        assertThat(where(ok)).isEqualTo("v2");
        mesh.withVirtualService(vs("default", "helloworld", "{host: other}"));
        TrafficResult nc = mesh.send(3).from("nginx").to("helloworld:5000/");
        assertThat(nc.countByCluster()).containsExactly(Map.entry("outbound|5000||other.default.svc.cluster.local", 3L));
        assertThat(where(nc)).isEqualTo("503 NC");
    }

    @Test
    @DisplayName("istio-rules §11.22 annotation-only injection does not inject; the client then ignores VirtualServices (kube-proxy)")
    void annotationOnlyInjection() {
        Mesh mesh = helloworld().withVirtualService(vs("default", "helloworld", "{host: helloworld, subset: v2}")).apply("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: plain}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: curl, namespace: plain, annotations: {sidecar.istio.io/inject: "true"}}
                spec: {containers: [{name: curl, image: curl}]}
                """);
        assertThatThrownBy(() -> mesh.proxyConfig("plain/curl")).hasMessageContaining("has no sidecar");
        TrafficResult r = mesh.send(400).from("plain/curl").to("helloworld.default:5000/");
        assertThat(r.countByCluster()).containsExactly(Map.entry("-", 400L));
        assertThat(r.countByVersion()).containsOnlyKeys("v1", "v2");
        assertThat(where(mesh.send(5).from("nginx").to("helloworld:5000/"))).isEqualTo("v2");
    }

    @Test
    @DisplayName("istio-rules §1.1 not-ready pods get nothing; none ready: 503 UH")
    void notReadyPods() {
        Mesh mesh = helloworld().setReady("helloworld-v1", false);
        assertThat(where(mesh.send(50).from("nginx").to("helloworld:5000/"))).isEqualTo("v2");
        mesh.setReady("helloworld-v2", false);
        assertThat(mesh.send(1).from("nginx").to("helloworld:5000/").outcomes().get(0)).isEqualTo(Replies.sidecar("outbound|5000||helloworld.default.svc.cluster.local", 503, "no healthy upstream", ResponseFlag.NO_HEALTHY_UPSTREAM));
    }
}
