package dev.meshtest.junit;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterService;
import dev.meshtest.traffic.TrafficResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The built-in fixtures load, hold what their Javadoc promises, and answer traffic. */
class FixturesTest {

    private static List<String> workloads(Mesh mesh) {
        return Internals.state(mesh).pods("default").stream().map(ClusterPod::workload).sorted().toList();
    }

    private static Map<String, List<Integer>> servicePorts(Mesh mesh) {
        return Internals.state(mesh).services().stream().filter(s -> s.namespace().equals("default") && !s.name().equals("kubernetes"))
                .collect(Collectors.toMap(ClusterService::name,
                        s -> s.ports().stream().map(p -> p.port()).toList(), (a, b) -> a, java.util.TreeMap::new));
    }

    @Test
    void namesAreSortedAndEveryOneHasAResource() {
        assertThat(Fixtures.names()).containsExactly("bookinfo", "helloworld", "httpbin", "sleep");
        for (String name : Fixtures.names()) {
            assertThat(Fixtures.class.getClassLoader().getResource("dev/meshtest/fixtures/" + name + ".yaml"))
                    .as(name).isNotNull();
        }
    }

    @Test
    void locationIsAClasspathLocationForMeshApply() {
        assertThat(Fixtures.location("helloworld")).isEqualTo("classpath:dev/meshtest/fixtures/helloworld.yaml");
    }

    @Test
    void anUnknownNameListsTheKnownFixtures() {
        assertThatThrownBy(() -> Fixtures.location("hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown fixture \"hello\"; the built-in fixtures are bookinfo, helloworld, httpbin, sleep.");
        assertThatThrownBy(() -> Fixtures.location("HelloWorld"))
                .hasMessageStartingWith("unknown fixture \"HelloWorld\" (did you mean \"helloworld\"?);");
    }

    @Test
    void anUnknownNameAppliesNothing() {
        Mesh mesh = mesh();
        int before = Internals.state(mesh).pods().size();
        assertThatThrownBy(() -> Fixtures.apply(mesh, "helloworld", "nope")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Internals.state(mesh).pods()).hasSize(before);
    }

    @Test
    void helloworld() {
        Mesh mesh = Fixtures.apply(mesh(), "helloworld");

        assertThat(workloads(mesh)).containsExactly("helloworld-v1", "helloworld-v2", "nginx");
        assertThat(Internals.state(mesh).pods("default")).extracting(ClusterPod::name)
                .anySatisfy(n -> assertThat(n).matches("helloworld-v1-[a-z0-9]+-[a-z0-9]{5}"))
                .anySatisfy(n -> assertThat(n).matches("helloworld-v2-[a-z0-9]+-[a-z0-9]{5}"))
                .contains("nginx");
        assertThat(Internals.state(mesh).pod("default", "nginx").orElseThrow().labels()).containsEntry("run", "nginx");
        assertThat(Internals.state(mesh).pods("default")).allMatch(ClusterPod::hasProxy);
        assertThat(servicePorts(mesh)).containsExactly(Map.entry("helloworld", List.of(5000)),
                Map.entry("helloworld-v1", List.of(5000)), Map.entry("helloworld-v2", List.of(5000)));

        TrafficResult r = mesh.send(200).from("nginx").to("helloworld:5000/hello");
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 200L));
        assertThat(r.countByWorkload()).containsOnlyKeys("helloworld-v1", "helloworld-v2");
        assertThat(mesh.send(10).from("nginx").to("helloworld-v2:5000/hello").countByWorkload())
                .containsExactly(Map.entry("helloworld-v2", 10L));
    }

    @Test
    void sleep() {
        Mesh mesh = Fixtures.apply(mesh(), "sleep", "helloworld");

        assertThat(workloads(mesh)).containsExactly("helloworld-v1", "helloworld-v2", "nginx", "sleep");
        assertThat(Internals.state(mesh).workloadPods("default", "sleep")).singleElement()
                .satisfies(p -> assertThat(p.serviceAccount()).isEqualTo("sleep"))
                .satisfies(p -> assertThat(p.labels()).containsEntry("app", "sleep"));
        assertThat(mesh.send(10).from("sleep").to("helloworld:5000/hello").countByStatus())
                .containsExactly(Map.entry(200, 10L));
    }

    @Test
    void httpbinWithFortio() {
        Mesh mesh = Fixtures.apply(mesh(), "httpbin");

        assertThat(workloads(mesh)).containsExactly("fortio-deploy", "httpbin");
        assertThat(servicePorts(mesh)).containsExactly(Map.entry("fortio", List.of(8080)), Map.entry("httpbin", List.of(8000)));
        TrafficResult r = mesh.send(10).from("fortio-deploy").to("http://httpbin:8000/get");
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 10L));
        assertThat(r.countByWorkload()).containsExactly(Map.entry("httpbin", 10L));
    }

    @Test
    void bookinfo() {
        Mesh mesh = Fixtures.apply(mesh(), "bookinfo");

        assertThat(workloads(mesh)).containsExactly("details-v1", "productpage-v1", "ratings-v1",
                "reviews-v1", "reviews-v2", "reviews-v3");
        assertThat(servicePorts(mesh)).containsExactly(Map.entry("details", List.of(9080)),
                Map.entry("productpage", List.of(9080)), Map.entry("ratings", List.of(9080)),
                Map.entry("reviews", List.of(9080)));
        assertThat(Internals.state(mesh).services()).filteredOn(s -> s.namespace().equals("default") && !s.name().equals("kubernetes"))
                .allSatisfy(s -> assertThat(s.ports()).allSatisfy(p -> assertThat(p.name()).isEqualTo("http")));
        assertThat(Internals.state(mesh).pods("default")).allSatisfy(p -> {
            assertThat(p.labels()).containsKeys("app", "version");
            assertThat(p.serviceAccount()).isEqualTo("bookinfo-" + p.labels().get("app"));
            assertThat(p.hasProxy()).isTrue();
        });
        TrafficResult r = mesh.send(300).from("productpage-v1").to("reviews:9080/reviews/0");
        assertThat(r.countByVersion()).containsOnlyKeys("v1", "v2", "v3");
    }

    @Test
    void theSameSeedGivesTheSamePodNames() {
        List<String> a = Internals.state(Fixtures.apply(mesh().seed(7), "bookinfo")).pods().stream().map(ClusterPod::name).toList();
        List<String> b = Internals.state(Fixtures.apply(mesh().seed(7), "bookinfo")).pods().stream().map(ClusterPod::name).toList();
        List<String> c = Internals.state(Fixtures.apply(mesh().seed(8), "bookinfo")).pods().stream().map(ClusterPod::name).toList();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }
}
