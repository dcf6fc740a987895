package dev.meshtest.routing;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.routing.Routing.assertPlausible;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Load balancing (istio-rules §6.4) over httpping's six pods (experiments/e8-httpping.yaml without its VirtualService). */
class LoadBalancerTest {

    private static final String URL = "http://httpping.ping:8080/ping";

    private static Mesh httpping(String trafficPolicy) {
        Mesh mesh = mesh().apply("classpath:experiments/e8-httpping.yaml").withPod("nginx").delete("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: httpping, namespace: ping}
                """);
        if (trafficPolicy != null) {
            mesh.withDestinationRule("""
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata: {name: httpping, namespace: ping}
                    spec:
                      host: httpping
                      trafficPolicy: %s
                    """.formatted(trafficPolicy));
        }
        return mesh;
    }

    @Test
    @DisplayName("default LEAST_REQUEST: sequential requests (all hosts idle) spread evenly")
    void leastRequestDefault() {
        Mesh mesh = httpping(null);
        assertThat(Internals.proxyConfig(mesh, "nginx").cluster("outbound|8080||httpping.ping.svc.cluster.local").loadBalancer().algorithm())
                .hasToString("LEAST_REQUEST");
        TrafficResult r = mesh.send(1200).from("nginx").to(URL);
        assertThat(r.countByPod()).hasSize(6);
        r.countByPod().values().forEach(k -> assertPlausible(k, 1200, 1.0 / 6));
    }

    @Test
    @DisplayName("ROUND_ROBIN: an exact rotation through the six pods")
    void roundRobin() {
        TrafficResult r = httpping("{loadBalancer: {simple: ROUND_ROBIN}}").send(12).from("nginx").to(URL);
        List<String> pods = r.outcomes().stream().map(o -> o.pod().orElseThrow()).toList();
        assertThat(pods.subList(0, 6)).doesNotHaveDuplicates();
        assertThat(pods.subList(6, 12)).isEqualTo(pods.subList(0, 6));
    }

    @Test
    @DisplayName("RANDOM: uniform over the pods")
    void random() {
        TrafficResult r = httpping("{loadBalancer: {simple: RANDOM}}").send(1200).from("nginx").to(URL);
        assertThat(r.countByPod()).hasSize(6);
        r.countByPod().values().forEach(k -> assertPlausible(k, 1200, 1.0 / 6));
    }

    private static void pinsAndSpreads(Mesh mesh, String header) {
        assertThat(mesh.send(100).from("nginx").header(header, "bar").to(URL).countByPod()).hasSize(1);
        assertThat(mesh.send(600).from("nginx").headers(i -> Map.of(header, "user" + i)).to(URL).countByPod()).hasSize(6);
    }

    @Test
    @DisplayName("consistentHash on a header with ring hash and with maglev: same key, same pod; many keys, all pods")
    void headerHash() {
        Mesh ring = httpping("{loadBalancer: {consistentHash: {httpHeaderName: x-user}}}");
        assertThat(Internals.proxyConfig(ring, "nginx").cluster("outbound|8080||httpping.ping.svc.cluster.local").loadBalancer())
                .hasToString("RING_HASH(min 1024)");
        pinsAndSpreads(ring, "x-user");
        Mesh maglev = httpping("{loadBalancer: {consistentHash: {httpHeaderName: x-user, maglev: {tableSize: 65537}}}}");
        assertThat(Internals.proxyConfig(maglev, "nginx").cluster("outbound|8080||httpping.ping.svc.cluster.local").loadBalancer())
                .hasToString("MAGLEV(65537)");
        pinsAndSpreads(maglev, "x-user");
    }

    @Test
    @DisplayName("consistentHash on a cookie: same cookie value, same pod")
    void cookieHash() {
        Mesh mesh = httpping("{loadBalancer: {consistentHash: {httpCookie: {name: session, ttl: 0s}}}}");
        assertThat(mesh.send(100).from("nginx").cookie("session", "abc").to(URL).countByPod()).hasSize(1);
        assertThat(mesh.send(600).from("nginx").headers(i -> Map.of("cookie", "session=s" + i)).to(URL).countByPod()).hasSize(6);
    }

    @Test
    @DisplayName("a cookie's value is read as Envoy's parseCookieValue reads it: quotes removed, and an empty value is none")
    void cookieValues() {
        Mesh mesh = httpping("{loadBalancer: {consistentHash: {httpCookie: {name: session}}}}");
        String pod = mesh.send(1).from("nginx").header("cookie", "a=1; session=abc").to(URL).outcomes().get(0).pod().orElseThrow();
        // The quoted value hashes as the bare one (RFC 6265's cookie-value may be quoted).
        assertThat(mesh.send(50).from("nginx").header("cookie", "session=\"abc\"").to(URL).countByPod())
                .containsOnlyKeys("ping/" + pod);
        // An empty value gives no hash: each request a random pod, as without the cookie.
        assertThat(mesh.send(600).from("nginx").header("cookie", "session=").to(URL).countByPod()).hasSize(6);
    }

    @Test
    @DisplayName("consistentHash on a query parameter: same value, same pod; different values, different pods")
    void queryParameter() {
        Mesh mesh = httpping("{loadBalancer: {consistentHash: {httpQueryParameterName: u}}}");
        assertThat(mesh.send(100).from("nginx").to(URL + "?u=bar").countByPod()).hasSize(1);
        java.util.Set<String> pods = new java.util.TreeSet<>();
        for (int i = 0; i < 60; i++) {
            pods.add(mesh.send(1).from("nginx").to(URL + "?u=" + i).outcomes().get(0).pod().orElseThrow());
        }
        assertThat(pods).hasSize(6);
    }

    @Test
    @DisplayName("consistentHash on the source IP: one client, one pod; another client may differ but is pinned too")
    void sourceIp() {
        Mesh mesh = httpping("{loadBalancer: {consistentHash: {useSourceIp: true}}}").withPod("sleep");
        assertThat(mesh.send(100).from("nginx").to(URL).countByPod()).hasSize(1);
        assertThat(mesh.send(100).from("sleep").to(URL).countByPod()).hasSize(1);
    }

    @Test
    @DisplayName("a missing hash key spreads the requests (a random hash each)")
    void missingKeySpreads() {
        TrafficResult r = httpping("{loadBalancer: {consistentHash: {httpHeaderName: x-user}}}").send(1200).from("nginx").to(URL);
        assertThat(r.countByPod()).hasSize(6);
    }
}
