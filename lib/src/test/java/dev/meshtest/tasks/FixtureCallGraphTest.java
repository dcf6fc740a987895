package dev.meshtest.tasks;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.app.Sample;
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

    private static Map<String, App> appsByWorkload(Mesh mesh) {
        Map<String, App> apps = new TreeMap<>();
        for (ClusterPod p : Internals.state(mesh).pods("default")) {
            apps.put(p.workload(), PodApps.forPod(p.labels(), p.annotations(), p.containers(), "pod " + p.name()));
        }
        return apps;
    }

    @Test
    void bookinfoRunsTheSamplesOwnAppsWithoutCallAnnotations() {
        Map<String, App> apps = appsByWorkload(Fixtures.apply(mesh(), "bookinfo"));
        assertThat(apps).hasSize(6);
        assertThat(apps.get("productpage-v1").sample()).contains(Sample.BOOKINFO_PRODUCTPAGE);
        assertThat(apps.get("details-v1").sample()).contains(Sample.BOOKINFO_DETAILS);
        assertThat(apps.get("reviews-v1").sample()).contains(Sample.BOOKINFO_REVIEWS_V1);
        assertThat(apps.get("reviews-v2").sample()).contains(Sample.BOOKINFO_REVIEWS_V2);
        assertThat(apps.get("reviews-v3").sample()).contains(Sample.BOOKINFO_REVIEWS_V3);
        assertThat(apps.get("ratings-v1").sample()).contains(Sample.BOOKINFO_RATINGS);
        // The calls are the samples' own (BookinfoAppsTest): none added by annotations, so none made twice.
        assertThat(apps.values()).allSatisfy(a -> assertThat(a.calls()).isEmpty());
    }

    @Test
    void productpageSendsItsSessionsUserAsEndUserSoRoutingOnItWorksTwoHopsDown() {
        Mesh mesh = Fixtures.apply(mesh(), "bookinfo", "sleep").apply("classpath:routing/virtual-service-reviews-test-v2.yaml")
                .withDestinationRule("""
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
        // Logged in as jason: productpage sends end-user from its session cookie (its own login(), POST /login).
        String session = mesh.send(1).from("sleep").method("POST").to("http://productpage:9080/login?username=jason").outcomes().get(0)
                .responseHeader("set-cookie").orElseThrow().split(";")[0];
        TrafficResult jason = mesh.send(1).from("sleep").header("cookie", session).to("http://productpage:9080/productpage");
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
