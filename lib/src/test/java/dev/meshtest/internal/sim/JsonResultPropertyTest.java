package dev.meshtest.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.internal.text.JsonParser;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import dev.meshtest.traffic.TrafficSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A result's JSON, read back, says what its accessors say, over generated meshes and load shapes
 * ({@link DeterminismPropertyTest.Scenario}): totals, every count, the destinations table, latency
 * figures and per-second series; each listed request is the result's request; and the
 * aggregated form's document is the full form's but for {@code aggregated} and the spec's
 * {@code recording}, for whole results, windows and filters.
 */
class JsonResultPropertyTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void theJsonSaysWhatTheResultSays(long seed) {
        TrafficResult[] full = new DeterminismPropertyTest.Scenario(seed).run(TrafficSpec::keepEveryRequest);
        TrafficResult[] aggregated = new DeterminismPropertyTest.Scenario(seed).run(TrafficSpec::aggregate);
        for (int k = 0; k < full.length; k++) {
            sameFigures(full[k]);
            sameFigures(aggregated[k]);
            everyRequest(full[k]);
            sameDocument(full[k], aggregated[k], true);
            long last = full[k].elapsed().toSeconds() + 1;
            sameDocument(full[k].between(Duration.ofSeconds(last / 2), Duration.ofSeconds(last + 1)),
                    aggregated[k].between(Duration.ofSeconds(last / 2), Duration.ofSeconds(last + 1)), false);
            sameDocument(full[k].where(o -> !o.succeeded(), "failed"), aggregated[k].where(o -> !o.succeeded(), "failed"), false);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return (Map<String, Object>) JsonParser.parse(json);
    }

    /** A map as the JSON has it: keys as strings, counts as longs, in the map's order. */
    private static Map<String, Object> keyed(Map<?, Long> counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k instanceof ResponseFlag f ? f.code() : String.valueOf(k), v));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void sameFigures(TrafficResult r) {
        Map<String, Object> json = parse(r.toJson());
        assertThat(json.get("total")).isEqualTo((long) r.size());
        assertThat(json.get("seed")).isEqualTo(r.seed());
        assertThat(json.get("description")).isEqualTo(r.description());
        long succeeded = r.outcomeCounts().entrySet().stream().filter(e -> e.getKey().succeeded()).mapToLong(Map.Entry::getValue).sum();
        assertThat(json.get("succeeded")).isEqualTo(succeeded);
        assertThat(json.get("failed")).isEqualTo(r.size() - succeeded);
        assertThat(json.get("firstFailureIndex")).isEqualTo(r.firstFailureIndex().isPresent() ? (Object) (long) r.firstFailureIndex().getAsInt() : null);
        assertThat(json.get("totalAttempts")).isEqualTo(r.totalAttempts());
        assertThat(json.get("mirrored")).isEqualTo(r.mirrored());
        assertThat(json.get("elapsedNanos")).isEqualTo(r.elapsed().toNanos());
        assertThat(json.get("byWorkload")).isEqualTo(keyed(r.countByWorkload()));
        assertThat(json.get("byVersion")).isEqualTo(keyed(r.countByVersion()));
        assertThat(json.get("byPod")).isEqualTo(keyed(r.countByPod()));
        assertThat(json.get("byCluster")).isEqualTo(keyed(r.countByCluster()));
        assertThat(json.get("byStatus")).isEqualTo(keyed(r.countByStatus()));
        assertThat(json.get("byFlag")).isEqualTo(keyed(r.countByFlag()));
        assertThat(json.get("byAttempts")).isEqualTo(keyed(r.countByAttempts()));
        Map<String, Object> perSecond = new LinkedHashMap<>();
        r.countByStatusPerSecond().forEach((s, m) -> perSecond.put(Long.toString(s), keyed(m)));
        assertThat(json.get("byStatusPerSecond")).isEqualTo(perSecond);
        Map<String, Object> latency = (Map<String, Object>) json.get("latency");
        assertThat(latency.get("exact")).isEqualTo(r.latencyFiguresExact());
        assertThat(latency.get("meanNanos")).isEqualTo(r.meanLatency().toNanos());
        assertThat(latency.get("maxNanos")).isEqualTo(r.maxLatency().toNanos());
        if (r.size() > 0) {
            assertThat(latency.get("p50Nanos")).isEqualTo(r.latencyPercentile(50).toNanos());
            assertThat(latency.get("p999Nanos")).isEqualTo(r.latencyPercentile(99.9).toNanos());
        }
        // The destinations table: the outcomes counted by (where, status, flags), the counts summing to the total.
        Map<List<Object>, Long> rows = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        r.outcomeCounts().forEach((o, n) -> rows.merge(row(o), n, Long::sum));
        Map<List<Object>, Long> fromJson = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        long sum = 0;
        for (Object d : (List<Object>) json.get("destinations")) {
            Map<String, Object> m = (Map<String, Object>) d;
            assertThat(fromJson.put(List.of(m.get("destination"), m.get("status"), m.get("flags")), (Long) m.get("count"))).isNull();
            assertThat((Double) m.get("share")).isEqualTo((double) (Long) m.get("count") / r.size());
            sum += (Long) m.get("count");
        }
        assertThat(fromJson).isEqualTo(rows);
        assertThat(sum).isEqualTo(r.size());
        assertThat(json).doesNotContainKey("requests");
    }

    private static List<Object> row(Outcome o) {
        return List.of(o.where(), (long) o.status(), o.flags().stream().map(f -> (Object) f.code()).toList());
    }

    @SuppressWarnings("unchecked")
    private static void everyRequest(TrafficResult r) {
        Map<String, Object> json = parse(r.toJson(true));
        List<Object> requests = (List<Object>) json.get("requests");
        assertThat(json.get("requestsKept")).isEqualTo("every");
        assertThat(requests).hasSize(r.size());
        for (int i = 0; i < r.size(); i++) {
            Map<String, Object> q = (Map<String, Object>) requests.get(i);
            Outcome o = r.outcomes().get(i);
            Map<String, Object> outcome = (Map<String, Object>) q.get("outcome");
            assertThat(q.get("index")).isEqualTo((long) i);
            assertThat(q.get("startNanos")).isEqualTo(r.startOf(i).toNanos());
            assertThat(q.get("latencyNanos")).isEqualTo(r.latencyOf(i).toNanos());
            assertThat(q.get("attempts")).isEqualTo((long) r.attemptsOf(i));
            assertThat(q.get("headers")).isEqualTo(new TreeMap<>(r.headersOf(i)));
            assertThat(List.of(outcome.get("destination"), outcome.get("status"), outcome.get("flags"))).isEqualTo(row(o));
            assertThat(outcome.get("pod")).isEqualTo(o.pod().orElse(null));
            assertThat(outcome.get("cluster")).isEqualTo(o.cluster().orElse(null));
            assertThat(outcome.get("body")).isEqualTo(o.body());
            assertThat(outcome.get("responseHeaders")).isEqualTo(o.responseHeaders());
        }
    }

    @SuppressWarnings("unchecked")
    private static void sameDocument(TrafficResult full, TrafficResult aggregated, boolean whole) {
        Map<String, Object> a = parse(full.toJson());
        Map<String, Object> b = parse(aggregated.toJson());
        if (!whole) {
            // A window or filter of the full form numbers its own requests (as its explain(i) takes
            // them); the aggregated form's keep their index in the send.
            assertThat(a.remove("firstFailureIndex")).isEqualTo(full.firstFailureIndex().isPresent()
                    ? (Object) (long) full.firstFailureIndex().getAsInt() : null);
            assertThat(b.remove("firstFailureIndex")).isEqualTo(aggregated.firstFailureIndex().isPresent()
                    ? (Object) (long) aggregated.firstFailureIndex().getAsInt() : null);
        }
        // An aggregated send keeps no call graph; the full one's is there whole (and only there).
        assertThat(b.remove("edges")).isEqualTo(java.util.List.of());
        assertThat(a.remove("edges")).isInstanceOf(java.util.List.class);
        assertThat(a.remove("aggregated")).isEqualTo(false);
        assertThat(b.remove("aggregated")).isEqualTo(true);
        assertThat(((Map<String, Object>) a.get("spec")).remove("recording")).isEqualTo("EVERY_REQUEST");
        assertThat(((Map<String, Object>) b.get("spec")).remove("recording")).isEqualTo("AGGREGATED");
        assertThat(b).isEqualTo(a);
    }
}
