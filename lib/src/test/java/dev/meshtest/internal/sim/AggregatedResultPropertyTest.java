package dev.meshtest.internal.sim;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.meshtest.assertj.Destination;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.SentRequest;
import dev.meshtest.traffic.TrafficResult;
import dev.meshtest.traffic.TrafficSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The aggregated form of a result answers as the form that keeps every request: over generated
 * meshes and load shapes ({@link DeterminismPropertyTest.Scenario}), the same seed sent once with
 * {@code keepEveryRequest()} and once with {@code aggregate()} gives equal counts, latency figures,
 * per-second series, windows of whole seconds, filters on outcomes and headers, the same verdict
 * and message from every assertion, and a sample whose requests are the full form's.
 */
class AggregatedResultPropertyTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
    void theAggregatedFormAnswersAsTheFullOne(long seed) {
        TrafficResult[] full = new DeterminismPropertyTest.Scenario(seed).run(TrafficSpec::keepEveryRequest);
        TrafficResult[] aggregated = new DeterminismPropertyTest.Scenario(seed).run(TrafficSpec::aggregate);
        SplittableRandom g = new SplittableRandom(seed * 31);
        for (int k = 0; k < full.length; k++) {
            assertThat(full[k].aggregated()).isFalse();
            assertThat(aggregated[k].aggregated()).isTrue();
            sameAnswers(full[k], aggregated[k]);
            sameSample(full[k], aggregated[k]);
            long last = full[k].elapsed().toSeconds() + 1;
            for (int w = 0; w < 4; w++) {
                long from = g.nextLong(last + 1);
                long to = from + g.nextLong(last + 1);
                sameAnswers(full[k].between(Duration.ofSeconds(from), Duration.ofSeconds(to)),
                        aggregated[k].between(Duration.ofSeconds(from), Duration.ofSeconds(to)));
            }
            sameAnswers(full[k].where(o -> o.succeeded(), "ok"), aggregated[k].where(o -> o.succeeded(), "ok"));
            sameAnswers(full[k].where(o -> o.status() == 503, "503").between(Duration.ofSeconds(1), Duration.ofSeconds(Long.MAX_VALUE)),
                    aggregated[k].where(o -> o.status() == 503, "503").between(Duration.ofSeconds(1), Duration.ofSeconds(Long.MAX_VALUE)));
            String user = "user" + g.nextInt(3);
            sameAnswers(full[k].withHeaders(h -> user.equals(h.get("end-user")), user),
                    aggregated[k].withHeaders(h -> user.equals(h.get("end-user")), user));
            sameVerdicts(full[k], aggregated[k], user);
        }
    }

    private static void sameAnswers(TrafficResult full, TrafficResult agg) {
        assertThat(agg.size()).isEqualTo(full.size());
        assertThat(agg.description()).isEqualTo(full.description());
        assertThat(List.copyOf(agg.outcomeCounts().entrySet())).isEqualTo(List.copyOf(full.outcomeCounts().entrySet()));
        assertThat(agg.countByWorkload()).isEqualTo(full.countByWorkload());
        assertThat(agg.countByPod()).isEqualTo(full.countByPod());
        assertThat(agg.countByVersion()).isEqualTo(full.countByVersion());
        assertThat(agg.countByCluster()).isEqualTo(full.countByCluster());
        assertThat(agg.countByStatus()).isEqualTo(full.countByStatus());
        assertThat(agg.countByFlag()).isEqualTo(full.countByFlag());
        assertThat(agg.countByAttempts()).isEqualTo(full.countByAttempts());
        assertThat(agg.totalAttempts()).isEqualTo(full.totalAttempts());
        assertThat(agg.mirrored()).isEqualTo(full.mirrored());
        for (double p : new double[] {0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100}) {
            assertThat(agg.latencyPercentile(p)).as("p%s", p).isEqualTo(full.latencyPercentile(p));
        }
        assertThat(agg.meanLatency()).isEqualTo(full.meanLatency());
        assertThat(agg.maxLatency()).isEqualTo(full.maxLatency());
        assertThat(agg.elapsed()).isEqualTo(full.elapsed());
        assertThat(agg.countByStatusPerSecond()).isEqualTo(full.countByStatusPerSecond());
        assertThat(agg.firstFailureIndex().isPresent()).isEqualTo(full.firstFailureIndex().isPresent());
        assertThat(agg.firstFailureAt()).isEqualTo(full.firstFailureAt());
        assertThat(agg.lastSuccessAt()).isEqualTo(full.lastSuccessAt());
        assertThat(agg.firstStartAt()).isEqualTo(full.firstStartAt());
        assertThat(agg.toString()).isEqualTo(full.toString());
    }

    /** Every sampled request is the full form's request of that index, and the first failure is sampled. */
    private static void sameSample(TrafficResult full, TrafficResult agg) {
        List<SentRequest> sample = agg.sample();
        assertThat(sample).hasSizeLessThanOrEqualTo(2000).isNotEmpty();
        for (SentRequest s : sample) {
            assertThat(s).isEqualTo(full.sample().get(s.index()));
        }
        full.firstFailureIndex().ifPresent(i -> {
            assertThat(agg.firstFailureIndex()).hasValue(i);
            assertThat(sample).anyMatch(s -> s.index() == i);
        });
    }

    /** Each assertion passes on both forms or fails on both with the same message. */
    private static void sameVerdicts(TrafficResult full, TrafficResult agg, String user) {
        List<Consumer<TrafficResult>> checks = new ArrayList<>();
        checks.add(r -> assertThat(r).allSucceeded());
        checks.add(r -> assertThat(r).hasStatus(503).withFlag(ResponseFlag.UPSTREAM_OVERFLOW));
        checks.add(r -> assertThat(r).hasStatus(200).withoutFlags());
        checks.add(r -> assertThat(r).hasOverflowErrors());
        checks.add(r -> assertThat(r).hasNoOverflowErrors());
        checks.add(r -> assertThat(r).hasNoTimeouts());
        checks.add(r -> assertThat(r).hasTimeouts());
        checks.add(r -> assertThat(r).wasRetried());
        checks.add(r -> assertThat(r).hasRetriesExhausted());
        checks.add(r -> assertThat(r).hasFaultDelays());
        checks.add(r -> assertThat(r).hasNoHealthyUpstream());
        checks.add(r -> assertThat(r).reached("svc0-v0").withShare(0.5));
        checks.add(r -> assertThat(r).allReached(Destination.service("svc0")));
        checks.add(r -> assertThat(r).never(Destination.version("v2")));
        checks.add(r -> assertThat(r).matchesWeights(Map.of(Destination.version("v0"), 1, Destination.version("v1"), 1)));
        checks.add(r -> assertThat(r).latency().percentile(99).isLessThan(Duration.ofMillis(60)));
        checks.add(r -> assertThat(r).latency().median().isGreaterThan(Duration.ofMillis(20)));
        checks.add(r -> assertThat(r).latency().mean().isBetween(Duration.ofMillis(10), Duration.ofMillis(40)));
        checks.add(r -> assertThat(r).before(Duration.ofSeconds(1)).allSucceeded());
        checks.add(r -> assertThat(r).after(Duration.ofSeconds(1)).hasNoOverflowErrors());
        checks.add(r -> assertThat(r).requestsWithHeader("end-user", user).allReached(Destination.version("v0")));
        checks.add(r -> assertThat(r).samePodFor("end-user", user));
        checks.add(r -> assertThat(r).hasResponseHeader("server", "envoy"));
        checks.add(r -> assertThat(r).receivedPath("/"));
        for (int c = 0; c < checks.size(); c++) {
            int check = c;
            Throwable a = catchThrowable(() -> checks.get(check).accept(full));
            Throwable b = catchThrowable(() -> checks.get(check).accept(agg));
            assertThat(b == null).as("check %d passes on both or fails on both: %s", check, a == null ? b : a).isEqualTo(a == null);
            if (a != null) {
                assertThat(b).hasMessage(a.getMessage()).hasSameClassAs(a);
            }
        }
    }
}
