package dev.meshtest.compat;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.meshtest.Mesh;
import dev.meshtest.junit.MeshCases;
import dev.meshtest.junit.MeshTest;
import dev.meshtest.junit.Seed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** @MeshTest classes that {@link JUnitCompatibilityTest} runs with EngineTestKit on each JUnit of the matrix. */
final class CompatExamples {

    private CompatExamples() {
    }

    /** Exercises one of a VirtualService's two rules: the run's route coverage is 2 of 3. */
    @MeshTest(fixtures = "helloworld")
    @ExtendWith(RunByCompatibilityTest.class)
    static class HalfCovered {

        @Test
        void canaryOnly(Mesh mesh) {
            mesh.apply("""
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: helloworld}
                    spec:
                      hosts: [helloworld]
                      http:
                      - name: canary
                        match: [{headers: {x-canary: {exact: "1"}}}]
                        route: [{destination: {host: helloworld}}]
                      - name: stable
                        route: [{destination: {host: helloworld}}]
                    """);
            mesh.send(1).from("nginx").header("x-canary", "1").to("helloworld:5000/hello");
        }
    }

    /** Sends traffic, then fails: the failure must carry the seed, the rerun command and the traffic. */
    @MeshTest(fixtures = "helloworld")
    @Seed(42)
    @ExtendWith(RunByCompatibilityTest.class)
    static class Failing {

        @Test
        void fails(Mesh mesh) {
            mesh.send(3).from("nginx").to("helloworld:5000/hello");
            throw new AssertionError("fails on purpose");
        }
    }

    /** Mesh in the constructor, a @BeforeEach method and the test: one mesh (JUnit 5.12+). */
    @MeshTest(fixtures = "helloworld")
    @ExtendWith(RunByCompatibilityTest.class)
    static class ConstructorInjection {

        private final Mesh fromConstructor;
        private Mesh fromBeforeEach;

        ConstructorInjection(Mesh mesh) {
            this.fromConstructor = mesh;
        }

        @BeforeEach
        void before(Mesh mesh) {
            this.fromBeforeEach = mesh;
        }

        @Test
        void test(Mesh mesh) {
            assertSame(fromConstructor, mesh, "constructor");
            assertSame(fromBeforeEach, mesh, "@BeforeEach");
        }
    }

    /** Live traffic a test leaves running, in tests run in parallel: the extension stops it after each. */
    @MeshTest(fixtures = "helloworld")
    @ExtendWith(RunByCompatibilityTest.class)
    static class LiveLeftRunning {

        @org.junit.jupiter.api.RepeatedTest(4)
        void leavesItRunning(Mesh mesh) {
            dev.meshtest.LiveTraffic live = mesh.startTraffic().from("nginx").to("http://helloworld:5000/hello");
            live.await().until(() -> live.total().size() > 3);
        }
    }

    /** Mesh in a @BeforeEach method and the test: one mesh, on every JUnit. */
    @MeshTest(fixtures = "helloworld")
    @ExtendWith(RunByCompatibilityTest.class)
    static class BeforeEachAndParameter {

        private Mesh fromBeforeEach;

        @BeforeEach
        void before(Mesh mesh) {
            this.fromBeforeEach = mesh;
        }

        @Test
        void test(Mesh mesh) {
            assertSame(fromBeforeEach, mesh, "@BeforeEach");
        }
    }

    /** A route table (a file, relative to the module's directory): a case passes, one fails, one cannot be checked. */
    @Seed(42)
    @ExtendWith(RunByCompatibilityTest.class)
    static class RouteTable {

        @MeshCases("file:../src/test/tables/helloworld-routes.yaml")
        void routes() {
        }
    }
}
