package dev.meshtest.assertj;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.assertThatThrownBy;
import static dev.meshtest.assertj.MeshAssertions.version;
import static dev.meshtest.assertj.Results.NO_CONNECTION;
import static dev.meshtest.assertj.Results.OVERFLOW;
import static dev.meshtest.assertj.Results.V1;
import static dev.meshtest.assertj.Results.V2;
import static dev.meshtest.assertj.Results.of;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

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
import dev.meshtest.traffic.ResponseFlag;

/** Soft assertions collect every failure, chains included, by hand and through JUnit 5's extension. */
class MeshSoftAssertionsTest {

    private static final TrafficResult MIXED = of(120, V1, 870, V2, 7, OVERFLOW, 3, NO_CONNECTION);

    @Test
    @DisplayName("assertSoftly collects every failure, from follow-up assertions and AssertJ's own too")
    void assertSoftlyCollectsSeveralFailures() {
        assertThatThrownBy(() -> MeshSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(MIXED).allSucceeded();                                   // 1
            softly.assertThat(MIXED).as("v1 share").reached("helloworld-v1").withShare(0.2);   // 2
            softly.assertThat(MIXED).hasStatus(503).withFlag(ResponseFlag.UPSTREAM_OVERFLOW);                    // 3
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
        softly.assertThat(MIXED).hasStatus(500).withFlag(ResponseFlag.UPSTREAM_OVERFLOW);
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

    @Test
    @DisplayName("latency(), its figures and the time windows stay soft: every failure is collected, none ends the chain")
    void latencyAndWindowsStaySoft() {
        TrafficResult degrading = TimeWindowTest.DEGRADING;
        MeshSoftAssertions softly = new MeshSoftAssertions();
        softly.assertThat(degrading).latency().percentile(99).isLessThan(ofMillis(100)).isGreaterThan(ofSeconds(1)).hasMillis(7);
        softly.assertThat(degrading).latency().median().isEqualTo(ofMillis(101));                // passes
        softly.assertThat(degrading).after(ofSeconds(5)).allSucceeded().hasNoOverflowErrors().wasRetried();
        softly.assertThat(degrading).before(ofSeconds(5)).hasTimeouts().hasFaultAborts().latency().max().isEqualTo(ofMillis(101));
        softly.assertThat(degrading).between(ofSeconds(1), ofSeconds(2)).hasRetriesExhausted().hasNoHealthyUpstream().hasFaultDelays();
        softly.assertThat((TrafficResult) null).latency().max().isLessThan(ofMillis(1));
        softly.assertThat((TrafficResult) null).after(ofSeconds(1)).hasNoTimeouts();

        List<String> errors = softly.errorsCollected().stream().map(Throwable::getMessage).map(m -> m.lines().skip(1).findFirst().orElse(m)).toList();
        assertThat(errors).containsExactly(
                "Expecting the p99 latency to be less than 100ms",
                "Expecting the p99 latency to be greater than 1s",
                "Expecting Duration:",   // AssertJ's own hasMillis message
                "Expecting all requests to succeed (status 2xx)",
                "Expecting no request to fail with Envoy's overflow error (flag UO)",
                "Expecting some requests to be retried (more than one upstream attempt)",
                "Expecting some requests to fail with Envoy's timeout (status 504, flag UT, body \"upstream request timeout\")",
                "Expecting some requests to fail with a fault injection abort (flag FI, body \"fault filter abort\")",
                "Expecting some requests to fail with their retries exhausted (flag URX)",
                "Expecting some requests to fail with Envoy's \"no healthy upstream\" error (status 503, flag UH, body \"no healthy upstream\")",
                "Expecting some requests to be delayed by fault injection (flag DI)",
                "Expecting actual not to be null",
                "Expecting the max latency to be less than 1ms",
                "Expecting actual not to be null",
                "Expecting no request to fail with Envoy's timeout (flag UT)");
        assertThat(softly.errorsCollected().get(0)).hasMessageContaining("Latencies of the 100 requests: p50 101ms");
        assertThat(softly.errorsCollected().get(12)).hasMessageContaining("but the result holds no requests.");
    }

    @Test
    @DisplayName("assertSoftly reports latency failures with their description, the distribution and the seed")
    void assertSoftlyWithLatency() {
        assertThatThrownBy(() -> MeshSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(TimeWindowTest.DEGRADING).as("SLO").latency().percentile(90).isLessThan(ofMillis(50));
            softly.assertThat(TimeWindowTest.DEGRADING).as("steady state").before(ofSeconds(5)).hasNoOverflowErrors().allSucceeded();
            softly.assertThat(TimeWindowTest.DEGRADING).as("degraded").after(ofSeconds(5)).allSucceeded();
        }))
                .isInstanceOf(AssertJMultipleFailuresError.class)
                .hasMessageContaining("Multiple Failures (2 failures)")
                .hasMessageContaining("-- failure 1 --\n[SLO] \nExpecting the p90 latency to be less than 50ms\nbut it was 101ms; "
                        + "75 of 100 requests (75.0%) took 50ms or longer.\nLatencies of the 100 requests: p50 101ms, p90 101ms, p99 101ms, "
                        + "max 101ms.\nTraffic (seed 42): 100 x GET")
                .hasMessageContaining("-- failure 2 --\n[degraded] \nExpecting all requests to succeed (status 2xx)\nbut 25 of 50 (50.0%)");
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

        @Test
        void latencyAndWindows() {
            softly.assertThat(TimeWindowTest.DEGRADING).latency().percentile(99).isLessThan(ofMillis(100));
            softly.assertThat(TimeWindowTest.DEGRADING).after(ofSeconds(5)).allSucceeded();
            softly.assertThat(TimeWindowTest.DEGRADING).before(ofSeconds(5)).allSucceeded().latency().max().isEqualTo(ofMillis(101));
        }
    }

    @Test
    @DisplayName("JUnit 5: SoftAssertionsExtension injects MeshSoftAssertions (field or parameter) and fails the test once with all failures")
    void junitExtensionReportsAllFailures() {
        Map<String, TestExecutionResult> results = run(InjectedSoftly.class);

        assertThat(results).containsOnlyKeys("threeFailures()", "asParameter(MeshSoftAssertions)", "passes()", "latencyAndWindows()");
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
        Throwable timed = results.get("latencyAndWindows()").getThrowable().orElseThrow();
        assertThat(((AssertJMultipleFailuresError) timed).getFailures()).hasSize(2);
        assertThat(timed).hasMessageContaining("Expecting the p99 latency to be less than 100ms")
                .hasMessageContaining("those started at or after 5s (50 of 100)");
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
