package dev.meshtest.assertj;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.within;

import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The statistics, tested honestly: over 1,000 seeds a correct claim fails at about the configured
 * rate (0.1%) and a wrong one is caught. Each seed draws a fresh binomial (or multinomial) sample from
 * its own {@code SplittableRandom}, so the counts below are fixed, not flaky; the bounds are set so
 * that a correct implementation would meet them for all but a vanishing share of seed ranges
 * (P[Poisson(1) > 5] = 0.06%), while a wrong interval (say 95% instead of 99.9%, or a Wald interval
 * at the wrong z) would not.
 */
class StatisticsTest {

    private static final int SEEDS = 1000;
    private static final int N = 1000;
    private static final StringBuilder REPORT = new StringBuilder();

    @AfterAll
    static void report() {
        System.out.print(REPORT);
    }

    private static int failures(java.util.function.LongFunction<TrafficResult> sample, java.util.function.Consumer<TrafficResult> claim) {
        int failed = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            TrafficResult r = sample.apply(seed);
            try {
                claim.accept(r);
            } catch (AssertionError e) {
                failed++;
            }
        }
        return failed;
    }

    private static void note(String what, int failed) {
        REPORT.append(String.format(java.util.Locale.ROOT, "StatisticsTest: %-60s %4d of %d seeds failed%n", what, failed, SEEDS));
    }

    @Test
    @DisplayName("z of the 99.9% interval is the normal quantile at 0.9995")
    void zIsTheNormalQuantile() {
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - Stats.CONFIDENCE) / 2);
        assertThat(Stats.Z_999).isCloseTo(z, within(1e-12));
    }

    @Test
    @DisplayName("Wilson interval: known values")
    void wilsonKnownValues() {
        // 174 of 1000 at z = 3.2905 (checked against an independent computation with Python's statistics.NormalDist)
        double[] ci = Stats.wilson(174, 1000);
        assertThat(ci[0]).isCloseTo(0.138_10, within(1e-5));
        assertThat(ci[1]).isCloseTo(0.216_88, within(1e-5));
        assertThat(Stats.wilson(0, 1000)).containsExactly(0.0, Stats.wilson(0, 1000)[1]);
        assertThat(Stats.wilson(1000, 1000)[1]).isEqualTo(1.0);
        // z = 1.96, 5 of 10: the textbook interval [0.2366, 0.7634]
        assertThat(Stats.wilson(5, 10, 1.959963984540054)).containsExactly(new double[] {0.2366, 0.7634}, within(1e-4));
    }

    @Test
    @DisplayName("withShare: a true 20% claim at n = 1,000 fails for about 1 seed in 1,000")
    void trueShareClaimFailsAtTheConfiguredRate() {
        int failed = failures(seed -> Results.binomial(seed, N, 0.2), r -> assertThat(r).reached("helloworld-v1").withShare(0.2));
        note("withShare(0.2), true share 0.2, n = 1000", failed);
        // Exact rate (sum of binomial probabilities of the k whose interval misses 0.2): 0.104%.
        assertThat(failed).isBetween(0, 5);
    }

    @Test
    @DisplayName("withShare: a true 50% claim at n = 1,000 fails for about 1 seed in 1,000")
    void trueEvenShareClaimFailsAtTheConfiguredRate() {
        int failed = failures(seed -> Results.binomial(seed, N, 0.5), r -> assertThat(r).reached("helloworld-v1").withShare(0.5));
        note("withShare(0.5), true share 0.5, n = 1000", failed);
        // Exact rate: 0.089%.
        assertThat(failed).isBetween(0, 5);
    }

    @Test
    @DisplayName("withShare: a small true share (2%, n = 1,000) is where Wald intervals fail; Wilson keeps its rate")
    void smallTrueShareKeepsItsRate() {
        int failed = failures(seed -> Results.binomial(seed, N, 0.02), r -> assertThat(r).reached("helloworld-v1").withShare(0.02));
        note("withShare(0.02), true share 0.02, n = 1000", failed);
        // Exact rate: 0.139% (a Wald interval would miss about 1% here).
        assertThat(failed).isBetween(0, 5);
    }

    @Test
    @DisplayName("withShare: claiming 20% when the truth is 30% (n = 1,000) is caught for every seed")
    void wrongShareClaimIsCaught() {
        int failed = failures(seed -> Results.binomial(seed, N, 0.3), r -> assertThat(r).reached("helloworld-v1").withShare(0.2));
        note("withShare(0.2), true share 0.3, n = 1000", failed);
        // 0.2 enters the interval only when the observed share falls below about 0.25, 3.4 standard
        // deviations below 0.3: exact detection probability 0.99998 per seed. Expect all 1,000; allow 2 misses.
        assertThat(failed).isGreaterThanOrEqualTo(SEEDS - 2);
    }

    @Test
    @DisplayName("withShare: at n = 100 a 20% claim against a true 30% is mostly not caught: too few requests to tell")
    void smallSamplesCannotTellCloseShares() {
        int failed = failures(seed -> Results.binomial(seed, 100, 0.3), r -> assertThat(r).reached("helloworld-v1").withShare(0.2));
        note("withShare(0.2), true share 0.3, n = 100", failed);
        // 0.2 leaves the 99.9% interval only from 34 of 100 on: exact probability 22.1% under a true
        // 30%, so Binomial(1000, 0.221) failures, mean 221, sd 13.
        assertThat(failed).isBetween(170, 270);
    }

    @Test
    @DisplayName("within(0.02): a true 20% claim fails when the sample strays more than 0.02")
    void explicitToleranceIsAPlainBound() {
        int failed = failures(seed -> Results.binomial(seed, N, 0.2), r -> assertThat(r).reached("helloworld-v1").within(0.02).withShare(0.2));
        note("within(0.02).withShare(0.2), true share 0.2, n = 1000", failed);
        // |p̂ - 0.2| > 0.02 is 1.58 standard deviations (sd 0.01265): about 11% of seeds, 5 sd either side.
        assertThat(failed).isBetween(60, 170);
    }

    @Test
    @DisplayName("matchesWeights: a true 20/80 split at n = 1,000 fails for about 1 seed in 1,000")
    void trueWeightsFailAtAlpha() {
        int failed = failures(seed -> Results.binomial(seed, N, 0.2),
                r -> assertThat(r).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80)));
        note("matchesWeights(20/80), true 20/80, n = 1000", failed);
        assertThat(failed).isBetween(0, 5);
    }

    @Test
    @DisplayName("matchesWeights: a true 20/30/50 split over three workloads fails for about 1 seed in 1,000")
    void trueThreeWayWeightsFailAtAlpha() {
        int failed = failures(seed -> Results.multinomial(seed, N, 0.2, 0.3, 0.5),
                r -> assertThat(r).matchesWeights(Map.of("helloworld-v1", 2, "helloworld-v2", 3, "helloworld-v3", 5)));
        note("matchesWeights(20/30/50), true 20/30/50, n = 1000", failed);
        assertThat(failed).isBetween(0, 5);
    }

    @Test
    @DisplayName("matchesWeights: claiming 20/80 when the truth is 30/70 (n = 1,000) is caught for every seed")
    void wrongWeightsAreCaught() {
        int failed = failures(seed -> Results.binomial(seed, N, 0.3),
                r -> assertThat(r).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80)));
        note("matchesWeights(20/80), true 30/70, n = 1000", failed);
        // The chi-square statistic's expectation is ~63 against a critical value of 10.8 at alpha 0.001.
        assertThat(failed).isGreaterThanOrEqualTo(SEEDS - 2);
    }

    @Test
    @DisplayName("matchesWeights(.., 0.05): a looser alpha fails a true claim for about 5% of seeds")
    void alphaIsTheFalseAlarmRate() {
        int failed = failures(seed -> Results.binomial(seed, N, 0.2),
                r -> assertThat(r).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80), 0.05));
        note("matchesWeights(20/80, alpha 0.05), true 20/80, n = 1000", failed);
        // Binomial(1000, 0.05): mean 50, sd 6.9.
        assertThat(failed).isBetween(25, 80);
    }
}
