/**
 * AssertJ assertions on simulated traffic. {@link dev.meshtest.assertj.MeshAssertions} is the one
 * entry point (it extends AssertJ's {@code Assertions}, so one static import gives both);
 * {@link dev.meshtest.assertj.MeshSoftAssertions} is its soft twin.
 *
 * <pre>{@code
 * import static dev.meshtest.assertj.MeshAssertions.*;
 *
 * assertThat(result).allSucceeded();
 * assertThat(result).reached("helloworld-v1").withShare(0.2);               // 99.9% Wilson score interval
 * assertThat(result).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80)); // chi-square, alpha 0.001
 * assertThat(result).never(version("v3"));
 * assertThat(burst).hasOverflowErrors();                                    // 503, UO, Envoy's overflow body
 * assertThat(users).samePodFor("foo", "bar");                               // consistent hashing
 * assertThat(result).latency().percentile(99).isLessThan(ofMillis(150));   // virtual clock, nearest rank
 * assertThat(timedOut).hasTimeouts();                                       // 504, UT, upstream request timeout
 * assertThat(flaky).wasRetried().hasNoOverflowErrors();
 * assertThat(run).before(ofSeconds(5)).allSucceeded();                      // by the time requests started
 * assertThat(run).after(ofSeconds(5)).hasOverflowErrors();
 * }</pre>
 *
 * <p>Share and weight assertions are statistical: their tolerance comes from the sample size, so a
 * test written with them passes for almost every seed (a correct claim fails for about 1 seed in
 * 1,000) rather than for one lucky seed. Every failure message says what was expected, what was
 * seen, the sample size, the interval or p-value, the seed, and where the traffic went; a latency
 * failure adds the distribution (p50, p90, p99, max).
 */
package dev.meshtest.assertj;
