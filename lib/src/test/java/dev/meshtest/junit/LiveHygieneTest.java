package dev.meshtest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.meshtest.LiveTraffic;
import dev.meshtest.Mesh;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** No live traffic outlives its test, also when JUnit runs tests in parallel. */
class LiveHygieneTest {

    /** Tests that start live traffic and leave it running: the extension must stop it. */
    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(config = "classpath:dev/meshtest/fixtures/helloworld.yaml")
    static class LeftRunning {

        @RepeatedTest(6)
        void extensionsMesh(Mesh mesh) {
            LiveTraffic live = mesh.startTraffic().from("nginx").to("http://helloworld:5000/hello");
            live.await().until(() -> live.total().size() > 5);
        }

        @RepeatedTest(6)
        void ownMesh() {
            Mesh mine = Mesh.mesh().apply("classpath:dev/meshtest/fixtures/helloworld.yaml");
            LiveTraffic live = mine.startTraffic().from("nginx").concurrency(2).to("http://helloworld:5000/hello");
            live.await().until(() -> live.total().size() > 5);
        }
    }

    private static List<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("meshtest-live-")).toList();
    }

    @Test
    @DisplayName("Live traffic left running by tests run in parallel is stopped after each, its thread ended")
    void stoppedAfterEachTestInParallel() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(LeftRunning.class))
                .configurationParameter(OnlyInTestKit.PARAMETER, "true")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .execute();
        results.testEvents().assertStatistics(s -> s.started(12).succeeded(12).failed(0));
        assertThat(liveThreads()).isEmpty();
    }
}
