package dev.meshtest.tasks;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.app.Call;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.sim.PodApps;
import dev.meshtest.junit.Fixtures;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The built-in fixtures carry their apps' behaviour in YAML: bookinfo's call graph, helloworld's service time. */
class FixtureCallGraphTest {

    private static final String[] FORWARDED = {"end-user", "cookie", "authorization", "jwt", "user-agent", "x-request-id"};

    private static Map<String, App> appsByWorkload(Mesh mesh) {
        Map<String, App> apps = new TreeMap<>();
        for (ClusterPod p : Internals.state(mesh).pods("default")) {
            apps.put(p.workload(), PodApps.forPod(p.labels(), p.annotations(), "pod " + p.name()));
        }
        return apps;
    }

    @Test
    void bookinfoCallsAsItsSourceHardCodesThem() {
        Map<String, App> apps = appsByWorkload(Fixtures.apply(mesh(), "bookinfo"));
        assertThat(apps.get("productpage-v1").calls()).containsExactly(
                Call.to("http://details:9080/details/0").timeout(Duration.ofSeconds(3)).forwarding(FORWARDED),
                Call.to("http://reviews:9080/reviews/0").timeout(Duration.ofSeconds(3)).retries(1).forwarding(FORWARDED));
        assertThat(apps.get("reviews-v1").calls()).isEmpty();
        assertThat(apps.get("reviews-v2").calls()).containsExactly(
                Call.to("http://ratings:9080/ratings/0").timeout(Duration.ofSeconds(10)).forwarding(FORWARDED));
        assertThat(apps.get("reviews-v3").calls()).containsExactly(
                Call.to("http://ratings:9080/ratings/0").timeout(Duration.ofMillis(2500)).forwarding(FORWARDED));
        assertThat(apps.get("details-v1").calls()).isEmpty();
        assertThat(apps.get("ratings-v1").calls()).isEmpty();
        assertThat(apps.values()).allSatisfy(a -> assertThat(a.calls()).allSatisfy(c -> assertThat(c.failStatus()).isZero()));
    }

    @Test
    void productpageForwardsEndUserSoRoutingOnItWorksTwoHopsDown() {
        Mesh mesh = Fixtures.apply(mesh(), "bookinfo", "sleep").withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - match: [{headers: {end-user: {exact: jason}}}]
                    route: [{destination: {host: reviews, subset: v2}}]
                  - route: [{destination: {host: reviews, subset: v1}}]
                """).withDestinationRule("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews}
                spec:
                  host: reviews
                  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
                """).withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: ratings}
                spec:
                  hosts: [ratings]
                  http:
                  - match: [{headers: {end-user: {exact: jason}}}]
                    fault: {delay: {percentage: {value: 100}, fixedDelay: 1s}}
                    route: [{destination: {host: ratings}}]
                  - route: [{destination: {host: ratings}}]
                """);
        // sleep -> productpage 1 ms; details 2 ms; reviews v2 1 ms + (ratings 1 ms + 1 s + 1 ms) + 1 ms; productpage 1 ms.
        TrafficResult jason = mesh.send(1).from("sleep").header("end-user", "jason").to("http://productpage:9080/productpage");
        assertThat(jason.latencyOf(0)).isEqualTo(Duration.ofMillis(1_008));
        // Anyone else: reviews v1, which does not call ratings.
        TrafficResult other = mesh.send(1).from("sleep").to("http://productpage:9080/productpage");
        assertThat(other.latencyOf(0)).isEqualTo(Duration.ofMillis(6));
        assertThat(other.countByStatus()).containsExactly(Map.entry(200, 1L));
    }

    @Test
    void helloworldStatesItsServiceTime() {
        Mesh mesh = Fixtures.apply(mesh(), "helloworld");
        assertThat(Internals.state(mesh).pods("default")).filteredOn(p -> "helloworld".equals(p.labels().get("app")))
                .hasSize(2).allSatisfy(p -> assertThat(p.annotations()).containsEntry(App.SERVICE_TIME_ANNOTATION, "100ms"));
        assertThat(mesh.send(1).from("nginx").to("helloworld-v1:5000/hello").latencyOf(0)).isEqualTo(Duration.ofMillis(101));
    }
}
