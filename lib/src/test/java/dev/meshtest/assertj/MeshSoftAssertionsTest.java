package dev.meshtest.assertj;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.assertThatThrownBy;
import static dev.meshtest.assertj.MeshAssertions.version;
import static dev.meshtest.assertj.Results.NO_CONNECTION;
import static dev.meshtest.assertj.Results.OVERFLOW;
import static dev.meshtest.assertj.Results.V1;
import static dev.meshtest.assertj.Results.V2;
import static dev.meshtest.assertj.Results.of;

import dev.meshtest.traffic.TrafficResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.assertj.core.error.AssertJMultipleFailuresError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Soft assertions collect every failure, chains included, by hand and through JUnit 5's extension. */
class MeshSoftAssertionsTest {

    private static final TrafficResult MIXED = of(120, V1, 870, V2, 7, OVERFLOW, 3, NO_CONNECTION);

    @Test
    @DisplayName("assertSoftly collects every failure, from follow-up assertions and AssertJ's own too")
    void assertSoftlyCollectsSeveralFailures() {
        assertThatThrownBy(() -> MeshSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(MIXED).allSucceeded();                                   // 1
            softly.assertThat(MIXED).as("v1 share").reached("helloworld-v1").withShare(0.2);   // 2
            softly.assertThat(MIXED).hasStatus(503).withFlag("UO");                    // 3
            softly.assertThat(MIXED).reached(version("v2")).withShare(0.87);           // passes
            softly.assertThat(MIXED.size()).isEqualTo(999);                            // 4: AssertJ's own
        }))
                .isInstanceOf(AssertJMultipleFailuresError.class)
                .hasMessageContaining("Multiple Failures (4 failures)")
                .hasMessageContaining("-- failure 1 --\nExpecting all requests to succeed (status 2xx)")
                .hasMessageContaining("-- failure 2 --\n[v1 share] \nExpecting workload helloworld-v1 to receive a share of 0.2")
                .hasMessageContaining("-- failure 3 --\nExpecting the 10 responses with status 503 to carry flag UO")
                .hasMessageContaining("-- failure 4 --\nexpected: 999");
    }

    @Test
    @DisplayName("a failed reached(..) or hasStatus(..) is collected and the chain goes on, no NullPointerException")
    void failedNavigationKeepsTheChain() {
        MeshSoftAssertions softly = new MeshSoftAssertions();
        softly.assertThat(MIXED).reached("helloworld-v3").withShare(0.1).atLeast(5);
        softly.assertThat(MIXED).hasStatus(500).withFlag("UO");
        softly.assertThat(of()).reached("helloworld-v1").withShare(0.5);
        softly.assertThat((TrafficResult) null).hasStatus(200);

        List<String> errors = softly.errorsCollected().stream().map(Throwable::getMessage).map(m -> m.lines().skip(1).findFirst().orElse(m)).toList();
        assertThat(errors).containsExactly(
                "Expecting some requests to reach workload helloworld-v3",
                "Expecting workload helloworld-v3 to receive a share of 0.1 of the requests",
                "Expecting at least 5 requests to reach workload helloworld-v3",
                "Expecting some responses with status 500",
                "Expecting responses with status 500 to carry flag UO",
                "Expecting some requests to reach workload helloworld-v1",
                "Expecting workload helloworld-v1 to receive a share of 0.5 of the requests",
                "Expecting actual not to be null");
    }

    @Test
    @DisplayName("requestsWithHeader stays soft")
    void filteredAssertionsStaySoft() {
        MeshSoftAssertions softly = new MeshSoftAssertions();
        softly.assertThat(MIXED).requestsWithHeader("foo", "bar").allSucceeded().never("helloworld-v1");
        assertThat(softly.errorsCollected()).hasSize(2);
    }

    @Test
    @DisplayName("passing soft assertions collect nothing")
    void passingChainsCollectNothing() {
        MeshSoftAssertions softly = new MeshSoftAssertions();
        softly.assertThat(of(174, V1, 826, V2)).allSucceeded().matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80))
                .reached("helloworld-v1").withShare(0.2).atLeast(100);
        softly.assertAll();
        assertThat(softly.wasSuccess()).isTrue();
    }

    // ---------------------------------------------------------------- JUnit 5

    private static volatile boolean runningInside;

    static boolean runningInside() {
        return runningInside;
    }

    /** Run only by {@link #junitExtensionReportsAllFailures()}, never by the build on its own. */
    @ExtendWith(SoftAssertionsExtension.class)
    @EnabledIf("dev.meshtest.assertj.MeshSoftAssertionsTest#runningInside")
    static class InjectedSoftly {
        @InjectSoftAssertions
        MeshSoftAssertions softly;

        @Test
        void threeFailures() {
            softly.assertThat(MIXED).allSucceeded();
            softly.assertThat(MIXED).reached("helloworld-v1").withShare(0.2);
            softly.assertThat(MIXED).never("helloworld-v2");
            softly.assertThat(MIXED).reached("helloworld-v2").atLeast(1);   // passes
        }

        @Test
        void asParameter(MeshSoftAssertions softly) {
            softly.assertThat(MIXED).hasOverflowErrors().hasNoRouteErrors();
            softly.assertThat(MIXED).allReached("helloworld-v1");
        }

        @Test
        void passes() {
            softly.assertThat(MIXED).hasOverflowErrors().reached("helloworld-v2").withShare(0.87);
        }
    }

    @Test
    @DisplayName("JUnit 5: SoftAssertionsExtension injects MeshSoftAssertions (field or parameter) and fails the test once with all failures")
    void junitExtensionReportsAllFailures() {
        Map<String, TestExecutionResult> results = run(InjectedSoftly.class);

        assertThat(results).containsOnlyKeys("threeFailures()", "asParameter(MeshSoftAssertions)", "passes()");
        assertThat(results.get("passes()").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        Throwable three = results.get("threeFailures()").getThrowable().orElseThrow();
        assertThat(three).isInstanceOf(AssertJMultipleFailuresError.class);
        assertThat(((AssertJMultipleFailuresError) three).getFailures()).hasSize(3);
        assertThat(three).hasMessageContaining("Expecting all requests to succeed (status 2xx)")
                .hasMessageContaining("Expecting workload helloworld-v1 to receive a share of 0.2")
                .hasMessageContaining("Expecting no request to reach workload helloworld-v2");
        Throwable two = results.get("asParameter(MeshSoftAssertions)").getThrowable().orElseThrow();
        assertThat(two).hasMessageContaining("Expecting some requests to fail with Envoy's \"no route\" error")
                .hasMessageContaining("Expecting all requests to reach workload helloworld-v1");
    }

    /** Runs a test class on the Jupiter engine through JUnit's test kit and returns each test's result by name. */
    private static Map<String, TestExecutionResult> run(Class<?> testClass) {
        runningInside = true;
        try {
            EngineExecutionResults executed = EngineTestKit.engine("junit-jupiter")
                    .selectors(DiscoverySelectors.selectClass(testClass)).execute();
            assertThat(executed.containerEvents().failed().count()).isZero();
            Map<String, TestExecutionResult> results = new TreeMap<>();
            executed.testEvents().finished().stream().forEach(e -> results.put(e.getTestDescriptor().getDisplayName(),
                    e.getRequiredPayload(TestExecutionResult.class)));
            return results;
        } finally {
            runningInside = false;
        }
    }
}
