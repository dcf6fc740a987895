package dev.meshtest.assertj;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.assertThatThrownBy;
import static dev.meshtest.assertj.Results.ABORT_418;
import static dev.meshtest.assertj.Results.DELAYED_V1;
import static dev.meshtest.assertj.Results.NO_HEALTHY;
import static dev.meshtest.assertj.Results.NO_ROUTE;
import static dev.meshtest.assertj.Results.OVERFLOW;
import static dev.meshtest.assertj.Results.PER_TRY_TIMEOUTS;
import static dev.meshtest.assertj.Results.TIMEOUT;
import static dev.meshtest.assertj.Results.V1;
import static dev.meshtest.assertj.Results.V1_503_URX;
import static dev.meshtest.assertj.Results.V2;
import static dev.meshtest.assertj.Results.of;
import static dev.meshtest.assertj.Results.timed;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofNanos;

import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Timeouts, fault injection, retries, overflows and UH: each assertion passing and failing with the exact message. */
class ResilienceAssertionsTest {

    /** 174 x v1, 826 x v2, all 200. */
    private static final TrafficResult CLEAN = of(174, V1, 826, V2);
    private static final String CLEAN_SUMMARY = """
            Traffic (seed 42): 1000 x GET http://helloworld:5000/hello from default/nginx
              helloworld-v2  200  -  826  82.6%
              helloworld-v1  200  -  174  17.4%""";

    /** 10 requests 100 ms apart: 7 x v1 in 101 ms, then 3 timeouts at 50 ms from 700 ms on. */
    private static final TrafficResult TIMING_OUT = timed()
            .add(7, V1, ofMillis(0), ofMillis(100), ofMillis(101), 1)
            .add(3, TIMEOUT, ofMillis(700), ofMillis(100), ofMillis(50), 1)
            .build();
    private static final String TIMING_OUT_SUMMARY = """
            Traffic (seed 42): 10 x GET http://helloworld:5000/hello from default/nginx
              helloworld-v1                                        200  -   7  70.0%
              outbound|5000||helloworld.default.svc.cluster.local  504  UT  3  30.0%""";

    private static void fails(ThrowingCallable call, String lines, String summary) {
        assertThatThrownBy(call).isInstanceOf(AssertionError.class).hasMessage("\n" + lines + summary);
    }

    @Nested
    @DisplayName("hasTimeouts, hasNoTimeouts")
    class Timeouts {
        @Test
        void passes() {
            assertThat(TIMING_OUT).hasTimeouts();
            assertThat(of(2, V1, 1, PER_TRY_TIMEOUTS)).hasTimeouts();   // UT,URX: per-try timeouts, retries exhausted
            assertThat(CLEAN).hasNoTimeouts();
        }

        @Test
        void hasTimeoutsFailsSayingHowRequestsEnded() {
            fails(() -> assertThat(CLEAN).hasTimeouts(), """
                    Expecting some requests to fail with Envoy's timeout (status 504, flag UT, body "upstream request timeout")
                    but none of 1000 did; all succeeded.
                    """, CLEAN_SUMMARY);
            fails(() -> assertThat(of(3, V1, 2, OVERFLOW)).hasTimeouts(), """
                    Expecting some requests to fail with Envoy's timeout (status 504, flag UT, body "upstream request timeout")
                    but none of 5 did; the failures were: 2 x 503 UO "upstream connect error or disconnect/reset before headers. \
                    reset reason: overflow".
                    """, """
                    Traffic (seed 42): 5 x GET http://helloworld:5000/hello from default/nginx
                      helloworld-v1                                        200  -   3  60.0%
                      outbound|5000||helloworld.default.svc.cluster.local  503  UO  2  40.0%""");
        }

        @Test
        void hasNoTimeoutsFailsSayingWhenTheFirstStarted() {
            fails(() -> assertThat(TIMING_OUT).hasNoTimeouts(), """
                    Expecting no request to fail with Envoy's timeout (flag UT)
                    but 3 of 10 (30.0%) did: 3 x 504 UT "upstream request timeout";
                    the first of them started at 700ms since the send began.
                    """, TIMING_OUT_SUMMARY);
        }
    }

    @Nested
    @DisplayName("hasFaultAborts, hasFaultDelays")
    class Faults {
        private static final TrafficResult ABORTED = of(7, V1, 3, ABORT_418);
        private static final String ABORTED_SUMMARY = """
                Traffic (seed 42): 10 x GET http://helloworld:5000/hello from default/nginx
                  helloworld-v1  200  -   7  70.0%
                  -              418  FI  3  30.0%""";

        @Test
        void passes() {
            assertThat(ABORTED).hasFaultAborts().hasFaultAborts(418);
            assertThat(of(1, V1, 1, DELAYED_V1)).hasFaultDelays().allSucceeded();
        }

        @Test
        void hasFaultAbortsFails() {
            fails(() -> assertThat(CLEAN).hasFaultAborts(), """
                    Expecting some requests to fail with a fault injection abort (flag FI, body "fault filter abort")
                    but none of 1000 did; all succeeded.
                    """, CLEAN_SUMMARY);
            fails(() -> assertThat(ABORTED).hasFaultAborts(503), """
                    Expecting some requests to fail with a fault injection abort (status 503, flag FI, body "fault filter abort")
                    but none of 10 did; the failures were: 3 x 418 FI "fault filter abort".
                    """, ABORTED_SUMMARY);
        }

        @Test
        void anAppAnsweringTheAbortBodyIsNoFault() {
            Outcome app = Outcome.of(418).withPod("default", "helloworld-v1-6d5d8c7f9-k8x2p", "helloworld-v1", "v1").withCluster(Results.CLUSTER).withBody("fault filter abort");
            assertThatThrownBy(() -> assertThat(of(1, app)).hasFaultAborts()).hasMessageContaining("but none of 1 did;");
        }

        @Test
        void hasFaultDelaysFails() {
            fails(() -> assertThat(ABORTED).hasFaultDelays(), """
                    Expecting some requests to be delayed by fault injection (flag DI)
                    but none of 10 were: 7 x 200, 3 x 418 FI.
                    """, ABORTED_SUMMARY);
        }
    }

    @Nested
    @DisplayName("wasRetried, hasRetriesExhausted")
    class Retries {
        private static final TrafficResult RETRIED = timed()
                .sequential(8, V1, ofMillis(11), 1)
                .sequential(1, V1, ofMillis(30), 2)
                .sequential(1, V1_503_URX, ofMillis(60), 3)
                .build();

        @Test
        void passes() {
            assertThat(RETRIED).wasRetried().hasRetriesExhausted();
            assertThat(of(1, PER_TRY_TIMEOUTS)).hasRetriesExhausted();
        }

        @Test
        void wasRetriedFailsWithTheAttemptsPerRequest() {
            TrafficResult once = timed().sequential(9, V1, ofMillis(101), 1).sequential(1, ABORT_418, ofNanos(500_000), 0).build();
            fails(() -> assertThat(once).wasRetried(), """
                    Expecting some requests to be retried (more than one upstream attempt)
                    but none of 10 were; attempts per request: 1 x 0, 9 x 1.
                    """, """
                    Traffic (seed 42): 10 x GET http://helloworld:5000/hello from default/nginx
                      helloworld-v1  200  -   9  90.0%
                      -              418  FI  1  10.0%""");
        }

        @Test
        void hasRetriesExhaustedFails() {
            fails(() -> assertThat(TIMING_OUT).hasRetriesExhausted(), """
                    Expecting some requests to fail with their retries exhausted (flag URX)
                    but none of 10 did; the failures were: 3 x 504 UT "upstream request timeout".
                    """, TIMING_OUT_SUMMARY);
        }
    }

    @Nested
    @DisplayName("hasNoOverflowErrors, hasNoHealthyUpstream")
    class OverflowAndEjection {
        @Test
        void passes() {
            assertThat(CLEAN).hasNoOverflowErrors();
            assertThat(TIMING_OUT).hasNoOverflowErrors();
            assertThat(of(2, V1, 1, NO_HEALTHY)).hasNoHealthyUpstream();
        }

        @Test
        void hasNoOverflowErrorsFails() {
            TrafficResult burst = timed()
                    .add(4, V1, ofMillis(0), ofMillis(101), ofMillis(101), 1)
                    .add(2, OVERFLOW, ofMillis(150), ofMillis(101), ofNanos(500_000), 1)
                    .build();
            fails(() -> assertThat(burst).hasNoOverflowErrors(), """
                    Expecting no request to fail with Envoy's overflow error (flag UO)
                    but 2 of 6 (33.3%) did: 2 x 503 UO "upstream connect error or disconnect/reset before headers. reset reason: overflow";
                    the first of them started at 150ms since the send began.
                    """, """
                    Traffic (seed 42): 6 x GET http://helloworld:5000/hello from default/nginx
                      helloworld-v1                                        200  -   4  66.7%
                      outbound|5000||helloworld.default.svc.cluster.local  503  UO  2  33.3%""");
        }

        @Test
        void anyUoFlagCountsAsOverflowForTheNegativeAssertion() {
            Outcome retryBudget = Outcome.of(503).withPod("default", "helloworld-v1-6d5d8c7f9-k8x2p", "helloworld-v1", "v1").withCluster(Results.CLUSTER).withFlags(ResponseFlag.parse("UO,URX"));
            assertThatThrownBy(() -> assertThat(of(1, retryBudget)).hasNoOverflowErrors())
                    .hasMessageContaining("but 1 of 1 (100.0%) did: 1 x 503 UO,URX;");
        }

        @Test
        void hasNoHealthyUpstreamFails() {
            fails(() -> assertThat(of(1, V1, 1, NO_ROUTE)).hasNoHealthyUpstream(), """
                    Expecting some requests to fail with Envoy's "no healthy upstream" error (status 503, flag UH, body "no healthy upstream")
                    but none of 2 did; the failures were: 1 x 404 NR.
                    """, """
                    Traffic (seed 42): 2 x GET http://helloworld:5000/hello from default/nginx
                      -              404  NR  1  50.0%
                      helloworld-v1  200  -   1  50.0%""");
        }

        @Test
        void anEmptyResultFailsEveryOne() {
            assertThatThrownBy(() -> assertThat(of()).hasNoOverflowErrors())
                    .hasMessageStartingWith("\nExpecting no request to fail with Envoy's overflow error (flag UO)\nbut the result holds no requests.");
            assertThatThrownBy(() -> assertThat(of()).wasRetried())
                    .hasMessageStartingWith("\nExpecting some requests to be retried (more than one upstream attempt)\nbut the result holds no requests.");
        }
    }
}
