package dev.meshtest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Example test classes that {@link MeshExtensionTest} runs with EngineTestKit. They report what
 * they saw as report entries ({@link TestReporter}), so the tests read it from the events, and
 * some fail on purpose. {@link OnlyInTestKit} keeps them from running any other way.
 */
final class Examples {

    private Examples() {
    }

    /** Sorted pod names of namespace default, comma-separated. */
    static String pods(Mesh mesh) {
        String pods = Internals.state(mesh).pods("default").stream().map(ClusterPod::name).sorted().collect(Collectors.joining(","));
        return pods.isEmpty() ? "(none)" : pods;
    }

    static void report(TestReporter reporter, Mesh mesh) {
        reporter.publishEntry(Map.of("seed", Long.toString(mesh.seed()), "pods", pods(mesh)));
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class FreshMesh {

        @Test
        @Order(1)
        void first(Mesh mesh, TestReporter reporter) {
            mesh.withPod("added-by-first");
            report(reporter, mesh);
        }

        @Test
        @Order(2)
        void second(Mesh mesh, TestReporter reporter) {
            report(reporter, mesh);
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest
    static class Injection {

        private final Mesh fromConstructor;
        private Mesh fromBeforeEach;

        Injection(Mesh mesh) {
            this.fromConstructor = mesh;
        }

        @BeforeEach
        void before(Mesh mesh) {
            this.fromBeforeEach = mesh;
            mesh.withPod("from-before-each");
        }

        @Test
        void test(Mesh mesh, TestReporter reporter) {
            assertSame(fromConstructor, mesh, "constructor");
            assertSame(fromBeforeEach, mesh, "@BeforeEach");
            report(reporter, mesh);
        }

        @Test
        void twoParameters(Mesh a, Mesh b) {
            assertSame(a, b);
            assertSame(fromConstructor, a);
        }

        @AfterEach
        void after(Mesh mesh) {
            assertSame(fromConstructor, mesh, "@AfterEach");
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloworld")
    static class Helloworld {

        @Test
        void pods(Mesh mesh, TestReporter reporter) {
            report(reporter, mesh);
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloworld", failOnAnalysis = FailOnAnalysis.ERROR)
    static class FailsOnAnalysis {

        @Test
        void typoInHost(Mesh mesh) {
            mesh.apply("""
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: typo}
                    spec:
                      hosts: [helloworld]
                      http:
                      - route: [{destination: {host: helloword}}]
                    """);
        }

        @Test
        void clean(Mesh mesh) {
            mesh.send(1).from("nginx").to("helloworld:5000/hello");
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloworld", config = "junit/all-to-v2.yaml")
    static class ApplyFeedback {

        @Test
        void appliesWithAWarning(Mesh mesh) {
            mesh.apply("""
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: helloworld}
                    spec:
                      hosts: [helloworld]
                      http:
                      - route: [{destination: {host: helloworld, subset: v1}}]
                      - route: [{destination: {host: helloworld, subset: v2}}]
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: settings}
                    """);
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloworld", config = "junit/all-to-v2.yaml")
    static class HelloworldWithConfig {

        @Test
        void allToV2(Mesh mesh, TestReporter reporter) {
            TrafficResult r = mesh.send(20).from("nginx").to("helloworld:5000/hello");
            reporter.publishEntry("workloads", r.countByWorkload().toString());
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloworld")
    @Seed(7)
    static class SeedAnnotations {

        @Test
        void classSeed(Mesh mesh, TestReporter reporter) {
            report(reporter, mesh);
        }

        @Test
        @Seed(9)
        void methodSeed(Mesh mesh, TestReporter reporter) {
            report(reporter, mesh);
        }

        @Nested
        class Inherits {
            @Test
            void enclosingSeed(Mesh mesh, TestReporter reporter) {
                report(reporter, mesh);
            }
        }

        @Nested
        @Seed(11)
        @MeshTest(fixtures = {"sleep", "helloworld"})
        class Overrides {

            private final Mesh fromConstructor;

            Overrides(Mesh mesh) {
                this.fromConstructor = mesh;
            }

            @Test
            void nestedSeed(Mesh mesh, TestReporter reporter) {
                assertSame(fromConstructor, mesh);
                report(reporter, mesh);
            }

            @Nested
            class Deeper {
                @Test
                void nearestSeed(Mesh mesh, TestReporter reporter) {
                    assertSame(fromConstructor, mesh);
                    report(reporter, mesh);
                }
            }
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloworld")
    static class DefaultSeeds {

        @Test
        void one(Mesh mesh, TestReporter reporter) {
            report(reporter, mesh);
        }

        @Test
        void two(Mesh mesh, TestReporter reporter) {
            report(reporter, mesh);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        void parameterized(int i, Mesh mesh, TestReporter reporter) {
            mesh.withPod("only-" + i);
            report(reporter, mesh);
        }

        @RepeatedTest(2)
        void repeated(Mesh mesh, TestReporter reporter) {
            report(reporter, mesh);
        }
    }

    /** Many tests that send traffic: parallel runs must report exactly what sequential runs report. */
    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloworld")
    static class Traffic {

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
        void split(int i, Mesh mesh, TestReporter reporter) {
            TrafficResult r = mesh.send(300 + i).from("nginx").to("helloworld:5000/hello");
            reporter.publishEntry(Map.of("seed", Long.toString(mesh.seed()), "pods", pods(mesh),
                    "workloads", r.countByWorkload().toString(), "thread", Thread.currentThread().getName()));
        }

        @Nested
        class Pinned {
            @RepeatedTest(8)
            @Seed(5)
            void repeated(Mesh mesh, TestReporter reporter) {
                TrafficResult r = mesh.send(500).from("nginx").to("helloworld-v1:5000/hello");
                reporter.publishEntry(Map.of("seed", Long.toString(mesh.seed()), "pods", pods(mesh),
                        "workloads", r.countByWorkload().toString(), "thread", Thread.currentThread().getName()));
            }
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloworld")
    static class Failing {

        @Test
        void assertj(Mesh mesh) {
            assertThat(Internals.state(mesh).pods("default").size()).as("pods").isEqualTo(99);
        }

        @Test
        void plainAssertionError(Mesh mesh) {
            throw new AssertionError("plain");
        }

        @Test
        void exception(Mesh mesh) {
            mesh.send(1).from("nobody").to("helloworld:5000/hello");
        }

        @Test
        void withoutMesh() {
            throw new AssertionError("no mesh here");
        }

        @Test
        void aborted(Mesh mesh) {
            Assumptions.assumeTrue(false, "not today");
        }

        @Test
        void passes(Mesh mesh) {
        }
    }

    /** A team's own annotation, composed from {@code @MeshTest} as JUnit's are. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    @MeshTest(fixtures = "helloworld")
    @ExtendWith(OnlyInTestKit.class)
    @interface HelloworldTest {
    }

    @HelloworldTest
    static class Composed {

        @Test
        void pods(Mesh mesh, TestReporter reporter) {
            report(reporter, mesh);
        }
    }

    @MeshTest(fixtures = "sleep")
    @Seed(3)
    @ExtendWith(OnlyInTestKit.class)
    abstract static class Base {
    }

    static class Inheriting extends Base {

        @Test
        void pods(Mesh mesh, TestReporter reporter) {
            report(reporter, mesh);
        }
    }

    /** One instance for all tests, a mesh per test all the same. */
    @ExtendWith(OnlyInTestKit.class)
    @MeshTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClass {

        private Mesh previous;

        @Test
        @Order(1)
        void first(Mesh mesh) {
            previous = mesh;
            mesh.withPod("added-by-first");
        }

        @Test
        @Order(2)
        void second(Mesh mesh, TestReporter reporter) {
            org.junit.jupiter.api.Assertions.assertNotSame(previous, mesh);
            report(reporter, mesh);
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest
    static class FailingBeforeEach {

        @BeforeEach
        void before(Mesh mesh) {
            throw new AssertionError("in @BeforeEach");
        }

        @Test
        void test(Mesh mesh) {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassConstructor {

        PerClassConstructor(Mesh mesh) {
        }

        @Test
        void test() {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest
    static class BeforeAllMesh {

        @BeforeAll
        static void all(Mesh mesh) {
        }

        @Test
        void test() {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloWorld")
    static class UnknownFixture {

        @Test
        void test(Mesh mesh) {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(config = "junit/missing.yaml")
    static class MissingConfig {

        @Test
        void test(Mesh mesh) {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloworld")
    static class FailingWithTraffic {

        @Test
        void fails(Mesh mesh) {
            mesh.send(100).from("nginx").to("helloworld:5000/hello");
            mesh.send(10).from("nginx").to("helloworld-v2:5000/hello");
            throw new AssertionError("expected only v1");
        }

        @Test
        void passes(Mesh mesh) {
            mesh.send(10).from("nginx").to("helloworld:5000/hello");
        }
    }

    /** Two tests, each through one rule of coverage-routes.yaml: together they exercise it all. */
    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloworld", config = "junit/coverage-routes.yaml")
    static class CoveringBothRules {

        @Test
        void canary(Mesh mesh) {
            mesh.send(3).from("nginx").header("x-canary", "1").to("helloworld:5000/hello");
        }

        @Test
        void stable(Mesh mesh) {
            mesh.send(2).from("nginx").to("helloworld:5000/hello");
        }
    }

    /** One test through the canary rule only: the stable rule is never hit. */
    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloworld", config = "junit/coverage-routes.yaml")
    static class CoveringTheCanaryOnly {

        @Test
        void canary(Mesh mesh) {
            mesh.send(3).from("nginx").header("x-canary", "1").to("helloworld:5000/hello");
        }
    }

    /** Graphs published with every test that sent traffic. */
    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloworld", graphs = Graphs.ALWAYS)
    static class GraphsAlways {

        @Test
        void passes(Mesh mesh) {
            mesh.send(10).from("nginx").to("helloworld:5000/hello");
        }

        @Test
        void sendsNothing(Mesh mesh) {
            mesh.notes();
        }
    }

    /** The example of {@link MeshExtension}'s Javadoc, as written there but for the test-kit guard. */
    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = "helloworld")
    static class CanaryTest {

        private final Mesh mesh;

        CanaryTest(Mesh mesh) {
            this.mesh = mesh;
        }

        @BeforeEach
        void addClient(Mesh mesh) {
            mesh.withPod("curl");
        }

        @Test
        void reachesHelloworld(Mesh mesh) {
            assertSame(this.mesh, mesh);
            dev.meshtest.assertj.MeshAssertions.assertThat(mesh.send(10).from("curl").to("helloworld:5000/hello"))
                    .allSucceeded();
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        void eachInvocationHasItsOwnMesh(int n, Mesh mesh) {
            dev.meshtest.assertj.MeshAssertions.assertThat(mesh.send(n).from("nginx").to("helloworld:5000/hello"))
                    .allSucceeded();
        }
    }
}
