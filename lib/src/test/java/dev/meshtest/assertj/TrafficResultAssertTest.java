package dev.meshtest.assertj;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.assertThatThrownBy;
import static dev.meshtest.assertj.MeshAssertions.pod;
import static dev.meshtest.assertj.MeshAssertions.service;
import static dev.meshtest.assertj.MeshAssertions.subset;
import static dev.meshtest.assertj.MeshAssertions.version;
import static dev.meshtest.assertj.MeshAssertions.within;
import static dev.meshtest.assertj.MeshAssertions.workload;
import static dev.meshtest.assertj.Results.NO_CONNECTION;
import static dev.meshtest.assertj.Results.NO_ROUTE;
import static dev.meshtest.assertj.Results.OVERFLOW;
import static dev.meshtest.assertj.Results.V1;
import static dev.meshtest.assertj.Results.V2;
import static dev.meshtest.assertj.Results.V2_OTHER_POD;
import static dev.meshtest.assertj.Results.of;

import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each assertion passing and failing, with the exact message a user reads. */
class TrafficResultAssertTest {

    /** 174 x v1, 826 x v2: the E2 split. */
    private static final TrafficResult CLEAN = of(174, V1, 826, V2);
    /** 120 x v1, 870 x v2, 7 overflows, 3 no-route. */
    private static final TrafficResult MIXED = of(120, V1, 870, V2, 7, OVERFLOW, 3, NO_ROUTE);

    private static final String CLEAN_SUMMARY = """
            Traffic (seed 42): 1000 x GET http://helloworld:5000/hello from default/nginx
              helloworld-v2  200  -  826  82.6%
              helloworld-v1  200  -  174  17.4%""";
    private static final String MIXED_SUMMARY = """
            Traffic (seed 42): 1000 x GET http://helloworld:5000/hello from default/nginx
              helloworld-v2                                        200  -   870  87.0%
              helloworld-v1                                        200  -   120  12.0%
              outbound|5000||helloworld.default.svc.cluster.local  503  UO    7   0.7%
              ... 1 more row (3 requests)""";

    /** A message as AssertJ prints it: a leading newline, then ours. */
    private static String message(String lines, String summary) {
        return "\n" + lines + summary;
    }

    private static void fails(ThrowingCallable call, String lines, String summary) {
        assertThatThrownBy(call).isInstanceOf(AssertionError.class).hasMessage(message(lines, summary));
    }

    @Nested
    @DisplayName("allSucceeded")
    class AllSucceeded {
        @Test
        void passesWhenEveryRequestGot2xx() {
            assertThat(CLEAN).allSucceeded();
        }

        @Test
        void failsListingWhatTheFailuresWere() {
            fails(() -> assertThat(MIXED).allSucceeded(), """
                    Expecting all requests to succeed (status 2xx)
                    but 10 of 1000 (1.0%) did not: 7 x 503 UO "upstream connect error or disconnect/reset before headers. \
                    reset reason: overflow", 3 x 404 NR.
                    """, MIXED_SUMMARY);
        }

        @Test
        void anEmptyResultFails() {
            fails(() -> assertThat(of()).allSucceeded(), """
                    Expecting all requests to succeed (status 2xx)
                    but the result holds no requests.
                    """, """
                    Traffic (seed 42): 0 x GET http://helloworld:5000/hello from default/nginx
                      no requests""");
        }

        @Test
        void aNullResultFailsAsAssertJSays() {
            assertThatThrownBy(() -> assertThat((TrafficResult) null).allSucceeded())
                    .isInstanceOf(AssertionError.class).hasMessage("\nExpecting actual not to be null");
        }
    }

    @Nested
    @DisplayName("allReached, reached, never")
    class WhereRequestsWent {
        @Test
        void allReachedPasses() {
            assertThat(of(10, V2, 5, V2_OTHER_POD)).allReached("helloworld-v2").allReached(version("v2"));
        }

        @Test
        void allReachedSaysWhereTheOthersWent() {
            fails(() -> assertThat(MIXED).allReached("helloworld-v2"), """
                    Expecting all requests to reach workload helloworld-v2
                    but 130 of 1000 (13.0%) went elsewhere: 120 x helloworld-v1, \
                    7 x 503 UO via outbound|5000||helloworld.default.svc.cluster.local, 3 x 404 NR.
                    """, MIXED_SUMMARY);
        }

        @Test
        void reachedAloneMeansAtLeastOnce() {
            assertThat(CLEAN).reached("helloworld-v1");
            fails(() -> assertThat(CLEAN).reached("helloworld-v3"), """
                    Expecting some requests to reach workload helloworld-v3
                    but none of 1000 did.
                    """, CLEAN_SUMMARY);
        }

        @Test
        void neverPasses() {
            assertThat(CLEAN).never("helloworld-v3").never(version("v3")).never(pod("helloworld-v1-6d5d8c7f9-zzzzz"));
        }

        @Test
        void neverFailsNamingTheKindOfDestination() {
            fails(() -> assertThat(CLEAN).never(version("v1")), """
                    Expecting no request to reach version v1
                    but 174 of 1000 (17.4%) did.
                    """, CLEAN_SUMMARY);
        }
    }

    @Nested
    @DisplayName("reached(x).withShare, within, atLeast, atMost, exactly")
    class Shares {
        @Test
        void withSharePassesWhenTheClaimLiesInTheWilsonInterval() {
            // 174 of 1000: the 99.9% interval is [0.138, 0.217]
            assertThat(CLEAN).reached("helloworld-v1").withShare(0.2).withShare(0.14).withShare(0.216);
            assertThat(CLEAN).reached(version("v2")).withShare(0.8);
        }

        @Test
        void withShareFailsWithTheInterval() {
            fails(() -> assertThat(CLEAN).reached("helloworld-v1").withShare(0.5), """
                    Expecting workload helloworld-v1 to receive a share of 0.5 of the requests
                    but it received 0.174 (174 of 1000 requests),
                    and 0.5 lies outside [0.138, 0.217], the 99.9% Wilson score interval of the observed share.
                    """, CLEAN_SUMMARY);
            fails(() -> assertThat(CLEAN).reached("helloworld-v1").withShare(0.137), """
                    Expecting workload helloworld-v1 to receive a share of 0.137 of the requests
                    but it received 0.174 (174 of 1000 requests),
                    and 0.137 lies outside [0.138, 0.217], the 99.9% Wilson score interval of the observed share.
                    """, CLEAN_SUMMARY);
        }

        @Test
        void sharesAtTheEdgesWork() {
            assertThat(of(10, V2)).reached("helloworld-v2").withShare(1.0);
            assertThat(of(1, V1, 999, V2)).reached("helloworld-v1").withShare(0.001).withShare(0.0001);
            // one request is proof the share is not 0; the bound gets the decimals that show it
            fails(() -> assertThat(of(1, V1, 999, V2)).reached("helloworld-v1").withShare(0.0), """
                    Expecting workload helloworld-v1 to receive a share of 0 of the requests
                    but it received 0.001 (1 of 1000 requests),
                    and 0 lies outside [0.0001, 0.0126], the 99.9% Wilson score interval of the observed share.
                    """, """
                    Traffic (seed 42): 1000 x GET http://helloworld:5000/hello from default/nginx
                      helloworld-v2  200  -  999  99.9%
                      helloworld-v1  200  -    1   0.1%""");
        }

        @Test
        void withinSetsAnExplicitTolerance() {
            assertThat(CLEAN).reached("helloworld-v1").within(0.026).withShare(0.2);   // |0.174 - 0.2| = 0.026, binary rounding aside
            fails(() -> assertThat(CLEAN).reached("helloworld-v1").within(0.02).withShare(0.2), """
                    Expecting workload helloworld-v1 to receive a share of 0.2 ± 0.02 of the requests
                    but it received 0.174 (174 of 1000 requests), outside [0.18, 0.22].
                    """, CLEAN_SUMMARY);
        }

        @Test
        void withShareTakesAssertJsOffset() {
            assertThat(CLEAN).reached("helloworld-v1").withShare(0.17, within(0.01));
            fails(() -> assertThat(CLEAN).reached(version("v1")).withShare(0.2, within(0.02)), """
                    Expecting version v1 to receive a share of 0.2 ± 0.02 of the requests
                    but it received 0.174 (174 of 1000 requests), outside [0.18, 0.22].
                    """, CLEAN_SUMMARY);
        }

        @Test
        void withinAfterWithShareIsAMistakeSaidPlainly() {
            assertThatThrownBy(() -> assertThat(CLEAN).reached("helloworld-v1").withShare(0.2).within(0.02))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("within(0.02) must come before withShare(..), which has already checked the share; "
                            + "write reached(..).within(0.02).withShare(p) or withShare(p, within(0.02))");
        }

        @Test
        void aShareIsAFraction() {
            assertThatThrownBy(() -> assertThat(CLEAN).reached("helloworld-v1").withShare(20))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("a share lies in [0, 1], was 20.0 (write 0.2 for 20%)");
        }

        @Test
        void countsPass() {
            assertThat(CLEAN).reached("helloworld-v1").atLeast(174).atMost(174).exactly(174);
        }

        @Test
        void countsFail() {
            fails(() -> assertThat(CLEAN).reached("helloworld-v1").atLeast(200), """
                    Expecting at least 200 requests to reach workload helloworld-v1
                    but 174 of 1000 (17.4%) did.
                    """, CLEAN_SUMMARY);
            fails(() -> assertThat(CLEAN).reached("helloworld-v1").atMost(100), """
                    Expecting at most 100 requests to reach workload helloworld-v1
                    but 174 of 1000 (17.4%) did.
                    """, CLEAN_SUMMARY);
            fails(() -> assertThat(CLEAN).reached("helloworld-v1").exactly(175), """
                    Expecting exactly 175 requests to reach workload helloworld-v1
                    but 174 of 1000 (17.4%) did.
                    """, CLEAN_SUMMARY);
        }
    }

    @Nested
    @DisplayName("matchesWeights")
    class Weights {
        @Test
        void passesForAPlausibleSplit() {
            // chi-square 4.23, p = 0.040 > 0.001
            assertThat(CLEAN).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80));
            assertThat(CLEAN).matchesWeights(Map.of(version("v1"), 0.2, version("v2"), 0.8));
        }

        @Test
        void alphaCanBeChanged() {
            assertThat(CLEAN).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80), 0.01);
            assertThatThrownBy(() -> assertThat(CLEAN).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80), 0.05))
                    .hasMessageContaining("p-value 0.0398 < alpha 0.05 (chi-square 4.23, 1 degree of freedom, 1000 requests)");
        }

        @Test
        void failsWithPValueAndTable() {
            fails(() -> assertThat(of(300, V1, 700, V2)).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80)), """
                    Expecting the requests to split by the weights workload helloworld-v1: 20, workload helloworld-v2: 80
                    but a chi-square goodness-of-fit test rejects them: p-value 2.66e-15 < alpha 0.001 \
                    (chi-square 62.50, 1 degree of freedom, 1000 requests)
                      workload helloworld-v1  expected 200.0 (20.0%)  observed 300 (30.0%)
                      workload helloworld-v2  expected 800.0 (80.0%)  observed 700 (70.0%)
                    """, """
                    Traffic (seed 42): 1000 x GET http://helloworld:5000/hello from default/nginx
                      helloworld-v2  200  -  700  70.0%
                      helloworld-v1  200  -  300  30.0%""");
        }

        @Test
        void requestsToUnnamedDestinationsFail() {
            fails(() -> assertThat(MIXED).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80)), """
                    Expecting the requests to split by the weights workload helloworld-v1: 20, workload helloworld-v2: 80
                    but 10 of 1000 (1.0%) reached none of these destinations: \
                    7 x 503 UO via outbound|5000||helloworld.default.svc.cluster.local, 3 x 404 NR.
                    """, MIXED_SUMMARY);
        }

        @Test
        void aZeroWeightMeansNone() {
            assertThat(of(10, V2)).matchesWeights(Map.of("helloworld-v1", 0, "helloworld-v2", 100));
            Map<Object, Integer> ordered = new LinkedHashMap<>();
            ordered.put(workload("helloworld-v1"), 0);
            ordered.put(version("v2"), 1);
            fails(() -> assertThat(CLEAN).matchesWeights(ordered), """
                    Expecting the requests to split by the weights workload helloworld-v1: 0, version v2: 1
                    but 174 of 1000 (17.4%) reached workload helloworld-v1, whose weight is 0.
                    """, CLEAN_SUMMARY);
        }

        @Test
        void overlappingDestinationsAreAUsageError() {
            assertThatThrownBy(() -> assertThat(CLEAN).matchesWeights(Map.of("helloworld-v1", 20, version("v1"), 20, "helloworld-v2", 60)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the destinations overlap: ")
                    .hasMessageContaining("version v1").hasMessageContaining("workload helloworld-v1");
        }

        @Test
        void badWeightsAreUsageErrors() {
            assertThatThrownBy(() -> assertThat(CLEAN).matchesWeights(Map.of("helloworld-v1", -1, "helloworld-v2", 60)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the weight of workload helloworld-v1 must be a finite number >= 0, was -1");
            assertThatThrownBy(() -> assertThat(CLEAN).matchesWeights(Map.of("helloworld-v1", 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("at least one weight must be positive");
            assertThatThrownBy(() -> assertThat(CLEAN).matchesWeights(Map.of("helloworld-v1", 1), 1.5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("alpha must lie in (0, 1), was 1.5");
            assertThatThrownBy(() -> assertThat(CLEAN).matchesWeights(Map.of(42, 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not Integer 42");
        }
    }

    @Nested
    @DisplayName("hasStatus, hasOverflowErrors, hasNoRouteErrors")
    class Statuses {
        private final TrafficResult burst = of(990, V1, 7, OVERFLOW, 3, NO_CONNECTION);
        private final String burstSummary = """
                Traffic (seed 42): 1000 x GET http://helloworld:5000/hello from default/nginx
                  helloworld-v1                                        200  -   990  99.0%
                  outbound|5000||helloworld.default.svc.cluster.local  503  UO    7   0.7%
                  outbound|5000||helloworld.default.svc.cluster.local  503  NC    3   0.3%""";

        @Test
        void hasStatusWithFlagAndBodyPass() {
            assertThat(of(990, V1, 10, OVERFLOW)).hasStatus(503).withFlag(ResponseFlag.UPSTREAM_OVERFLOW).withBody(TrafficResultAssert.OVERFLOW_BODY);
            assertThat(of(1, Outcome.of(503).withFlags(ResponseFlag.parse("UO,URX"))))
                    .hasStatus(503).withFlag(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED).withFlag(ResponseFlag.UPSTREAM_OVERFLOW);
        }

        @Test
        void hasStatusFailsWhenNoResponseHadIt() {
            fails(() -> assertThat(CLEAN).hasStatus(503), """
                    Expecting some responses with status 503
                    but none of 1000 had it: 1000 x 200.
                    """, CLEAN_SUMMARY);
        }

        @Test
        void withFlagFails() {
            fails(() -> assertThat(burst).hasStatus(503).withFlag(ResponseFlag.UPSTREAM_OVERFLOW), """
                    Expecting the 10 responses with status 503 to carry flag UO
                    but 3 of 10 did not: 3 x NC.
                    """, burstSummary);
        }

        @Test
        void withBodyFails() {
            fails(() -> assertThat(burst).hasStatus(503).withBody(TrafficResultAssert.OVERFLOW_BODY), """
                    Expecting the 10 responses with status 503 to have body \
                    "upstream connect error or disconnect/reset before headers. reset reason: overflow"
                    but 3 of 10 did not: 3 x "".
                    """, burstSummary);
        }

        @Test
        void hasOverflowErrorsPasses() {
            assertThat(burst).hasOverflowErrors();
        }

        @Test
        void hasOverflowErrorsFailsSayingWhatFailedInstead() {
            fails(() -> assertThat(of(995, V1, 5, NO_CONNECTION)).hasOverflowErrors(), """
                    Expecting some requests to fail with Envoy's overflow error (status 503, flag UO, body \
                    "upstream connect error or disconnect/reset before headers. reset reason: overflow")
                    but none of 1000 did; the failures were: 5 x 503 NC.
                    """, """
                    Traffic (seed 42): 1000 x GET http://helloworld:5000/hello from default/nginx
                      helloworld-v1                                        200  -   995  99.5%
                      outbound|5000||helloworld.default.svc.cluster.local  503  NC    5   0.5%""");
        }

        @Test
        void anOverflowNeedsAllThreeSigns() {
            Outcome uoWithoutBody = Outcome.of(503).withFlags(ResponseFlag.parse("UO"));
            assertThatThrownBy(() -> assertThat(of(1, uoWithoutBody)).hasOverflowErrors())
                    .hasMessageContaining("but none of 1 did; the failures were: 1 x 503 UO.");
        }

        @Test
        void hasNoRouteErrorsMeansNotFoundWithNR() {
            assertThat(MIXED).hasNoRouteErrors();
            fails(() -> assertThat(CLEAN).hasNoRouteErrors(), """
                    Expecting some requests to fail with Envoy's "no route" error (status 404, flag NR)
                    but none of 1000 did; all succeeded.
                    """, CLEAN_SUMMARY);
        }
    }

    @Nested
    @DisplayName("samePodFor, requestsWithHeader")
    class Headers {
        /** Requests 0..9 carry foo: bar and all reach one pod; 10..19 carry foo: baz and spread; 20..22 carry nothing. */
        private TrafficResult hashed() {
            List<Outcome> out = new ArrayList<>();
            List<Map<String, String>> headers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                out.add(V2);
                headers.add(Map.of("foo", "bar"));
            }
            for (int i = 0; i < 10; i++) {
                out.add(i % 3 == 0 ? V2_OTHER_POD : i % 3 == 1 ? V2 : NO_CONNECTION);
                headers.add(Map.of("Foo", "baz", "x-request-id", "r" + i));
            }
            for (int i = 0; i < 3; i++) {
                out.add(V1);
                headers.add(Map.of());
            }
            return new TrafficResult("23 x GET http://httpping.ping:8080/ping from default/nginx", 7, out.toArray(Outcome[]::new),
                    Map.of(), headers);
        }

        @Test
        void samePodForPasses() {
            assertThat(hashed()).samePodFor("bar").samePodFor("foo", "bar").samePodFor("x-request-id", "r4");
        }

        @Test
        void samePodForFailsListingThePods() {
            fails(() -> assertThat(hashed()).samePodFor("FOO", "baz"), """
                    Expecting the requests with header FOO: baz to reach one pod
                    but the 10 that did reached 2 pods and some none: 4 x default/helloworld-v2-7f8b9c6d5-zz9x1, \
                    3 x default/helloworld-v2-7f8b9c6d5-q4w7z, 3 x no pod (503 NC).
                    """, """
                    Traffic (seed 7): 23 x GET http://httpping.ping:8080/ping from default/nginx
                      helloworld-v2                                        200  -   17  73.9%
                      helloworld-v1                                        200  -    3  13.0%
                      outbound|5000||helloworld.default.svc.cluster.local  503  NC   3  13.0%""");
        }

        @Test
        void samePodForFailsWhenNoRequestCarriedTheValue() {
            assertThatThrownBy(() -> assertThat(hashed()).samePodFor("qux"))
                    .hasMessageStartingWith("\nExpecting the requests with a header value \"qux\" to reach one pod\n"
                            + "but none of 23 requests carried it.\n");
        }

        @Test
        void requestsWithHeaderNarrowsTheResult() {
            assertThat(hashed()).requestsWithHeader("foo", "bar").allReached(pod("default/helloworld-v2-7f8b9c6d5-q4w7z"))
                    .reached("helloworld-v2").exactly(10);
            assertThat(hashed()).requestsWithHeader("foo", "baz").reached("helloworld-v2").exactly(7);
        }

        @Test
        void requestsWithHeaderSaysTheFilterInTheSummary() {
            fails(() -> assertThat(hashed()).requestsWithHeader("foo", "baz").allSucceeded(), """
                    Expecting all requests to succeed (status 2xx)
                    but 3 of 10 (30.0%) did not: 3 x 503 NC.
                    """, """
                    Traffic (seed 7): 23 x GET http://httpping.ping:8080/ping from default/nginx, those with header foo: baz (10 of 23)
                      helloworld-v2                                        200  -   7  70.0%
                      outbound|5000||helloworld.default.svc.cluster.local  503  NC  3  30.0%""");
        }

        @Test
        void anEmptySelectionFailsWhatFollows() {
            assertThatThrownBy(() -> assertThat(hashed()).requestsWithHeader("foo", "nope").never("helloworld-v1"))
                    .hasMessageContaining("but the result holds no requests.")
                    .hasMessageContaining("those with header foo: nope (0 of 23)");
        }
    }

    @Nested
    @DisplayName("as(...) and withFailMessage(...)")
    class Descriptions {
        @Test
        void asPrefixesTheMessageAndCarriesIntoFollowUpAssertions() {
            assertThatThrownBy(() -> assertThat(CLEAN).as("canary %s", "v1").reached("helloworld-v1").withShare(0.5))
                    .hasMessage("[canary v1] " + message("""
                            Expecting workload helloworld-v1 to receive a share of 0.5 of the requests
                            but it received 0.174 (174 of 1000 requests),
                            and 0.5 lies outside [0.138, 0.217], the 99.9% Wilson score interval of the observed share.
                            """, CLEAN_SUMMARY));
            assertThatThrownBy(() -> assertThat(MIXED).as("burst").hasStatus(503).withFlag(ResponseFlag.NO_CLUSTER_FOUND))
                    .hasMessageStartingWith("[burst] \nExpecting the 7 responses with status 503 to carry flag NC");
            assertThatThrownBy(() -> assertThat(MIXED).as("filtered").requestsWithHeader("a", "b").allSucceeded())
                    .hasMessageStartingWith("[filtered] \nExpecting all requests to succeed");
        }

        @Test
        void asPrefixesDirectFailures() {
            assertThatThrownBy(() -> assertThat(CLEAN).as("E2").never("helloworld-v1"))
                    .hasMessageStartingWith("[E2] \nExpecting no request to reach workload helloworld-v1");
        }

        @Test
        void withFailMessageReplacesIt() {
            assertThatThrownBy(() -> assertThat(CLEAN).withFailMessage("v1 got %s", "too much").never("helloworld-v1"))
                    .hasMessage("v1 got too much");
        }
    }

    @Test
    @DisplayName("service(..) and subset(..) match Envoy clusters")
    void serviceAndSubset() {
        Outcome v1Subset = Outcome.of(200).withPod("default", "helloworld-v1-6d5d8c7f9-k8x2p", "helloworld-v1", "v1").withCluster("outbound|5000|helloworld-v1|helloworld.default.svc.cluster.local");
        assertThat(of(3, v1Subset)).allReached(subset("helloworld", "helloworld-v1")).allReached(service("helloworld"))
                .allReached(service("helloworld.default")).allReached(service("helloworld.default.svc.cluster.local"));
        fails(() -> assertThat(of(3, v1Subset)).reached(subset("helloworld", "v2")), """
                Expecting some requests to reach subset v2 of helloworld
                but none of 3 did.
                """, """
                Traffic (seed 42): 3 x GET http://helloworld:5000/hello from default/nginx
                  helloworld-v1  200  -  3  100.0%""");
    }
}
