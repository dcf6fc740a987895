package dev.meshtest.traffic;

import dev.meshtest.internal.text.Json;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON of results, explanations and outcomes, one method per kind of document or object, so
 * that the field names live in one place; docs/json.md lists them. Every field is always
 * written (absent values as {@code null}), in the order below, so a document's shape does not
 * depend on what happened.
 */
final class TrafficJson {

    /** The version of the documents' shape: raised when a field is renamed or removed, not when one is added. */
    static final int SCHEMA = 1;

    /** The percentiles a result's {@code latency} object gives, and their field names. */
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String[] PERCENTILE_NAMES = {"p50Nanos", "p90Nanos", "p99Nanos", "p999Nanos"};

    private TrafficJson() {
    }

    /** What a send was asked to do, kept by its result for the JSON (a spec's runner is not kept). */
    record SpecSummary(boolean connections, int count, Duration duration, int concurrency, double rate,
                       TrafficSpec.Spacing spacing, Duration thinkTime, String client, String gateway, String clientAddress,
                       String method, String url, Map<String, String> headers, boolean perRequestHeaders, String resolve,
                       TrafficSpec.Recording recording, boolean pathAsIs, boolean followRedirects, boolean insecure,
                       boolean clientCertificate) {

        static SpecSummary of(TrafficSpec<?> s) {
            return new SpecSummary(s.opensConnections(), s.count(), s.duration(), s.concurrency(), s.rate(), s.spacing(),
                    s.thinkTime(), s.client(), s.gateway(), s.fromOutsideCluster() ? s.clientAddress() : null, s.method(),
                    s.url(), new TreeMap<>(s.headers()), s.perRequestHeaders() != null, s.resolveAddress(), s.recording(),
                    s.sendsPathAsIs(), s.followsRedirects(), s.isInsecure(), s.clientCertificate() != null);
        }

        void write(Json w) {
            w.beginObject()
                    .name("connections").value(connections)
                    .name("count").value(count)
                    .name("durationNanos");
            nanos(w, duration);
            w.name("concurrency").value(concurrency)
                    .name("rate").value(rate)
                    .name("spacing").value(spacing == null ? null : spacing.name())
                    .name("thinkTimeNanos");
            nanos(w, thinkTime);
            w.name("from").value(client)
                    .name("fromOutside").value(gateway != null)
                    .name("gateway").value(gateway)
                    .name("clientAddress").value(clientAddress)
                    .name("method").value(method)
                    .name("url").value(url)
                    .name("headers").stringMap(headers)
                    .name("perRequestHeaders").value(perRequestHeaders)
                    .name("resolve").value(resolve)
                    .name("recording").value(recording == null ? null : recording.name())
                    .name("pathAsIs").value(pathAsIs)
                    .name("followRedirects").value(followRedirects)
                    .name("insecure").value(insecure)
                    .name("clientCertificate").value(clientCertificate)
                    .endObject();
        }
    }

    private static void nanos(Json w, Duration d) {
        if (d == null) {
            w.nullValue();
        } else {
            w.value(d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos());
        }
    }

    /** A row of the destinations table; its flags are the same set for the same text. */
    private record Row(String destination, int status, String flagsText, Set<ResponseFlag> flags) {
    }

    /** A result: its totals, counts and latency figures, and its kept requests when {@code requests}. */
    static String result(TrafficResult r, SpecSummary spec, boolean requests) {
        Json w = Json.pretty().beginObject()
                .name("kind").value("TrafficResult")
                .name("schemaVersion").value(SCHEMA)
                .name("description").value(r.description())
                .name("seed").value(r.seed())
                .name("aggregated").value(r.aggregated())
                .name("spec");
        if (spec == null) {
            w.nullValue();
        } else {
            spec.write(w);
        }
        w.name("headers").stringMap(new TreeMap<>(r.commonHeaders()));
        Map<Outcome, Long> outcomes = r.outcomeCounts();
        long total = r.size();
        long succeeded = 0;
        for (Map.Entry<Outcome, Long> e : outcomes.entrySet()) {
            if (e.getKey().succeeded()) {
                succeeded += e.getValue();
            }
        }
        w.name("startedAtNanos").value(r.startedAt().toNanos())
                .name("elapsedNanos").value(r.elapsed().toNanos())
                .name("total").value(total)
                .name("succeeded").value(succeeded)
                .name("failed").value(total - succeeded)
                .name("firstFailureIndex");
        if (r.firstFailureIndex().isPresent()) {
            w.value(r.firstFailureIndex().getAsInt());
        } else {
            w.nullValue();
        }
        w.name("mirrored").value(r.mirrored())
                .name("totalAttempts").value(r.totalAttempts());
        w.name("destinations").beginArray();
        // As the result's table: by destination, status and flags, whatever order the requests came in.
        Map<Row, long[]> rows = new TreeMap<>(Comparator.comparing(Row::destination).thenComparingInt(Row::status)
                .thenComparing(Row::flagsText));
        outcomes.forEach((o, n) -> rows.computeIfAbsent(new Row(o.where(), o.status(), o.flagsText(), o.flags()),
                k -> new long[1])[0] += n);
        rows.forEach((k, n) -> {
            w.beginObject().name("destination").value(k.destination()).name("status").value(k.status()).name("flags");
            flags(w, k.flags());
            w.name("count").value(n[0]).name("share").value(total == 0 ? 0 : (double) n[0] / total).endObject();
        });
        w.endArray();
        w.name("byWorkload").countMap(r.countByWorkload())
                .name("byVersion").countMap(r.countByVersion())
                .name("byPod").countMap(r.countByPod())
                .name("byCluster").countMap(r.countByCluster())
                .name("byStatus").countMap(r.countByStatus());
        w.name("byFlag").beginObject();
        r.countByFlag().forEach((f, n) -> w.name(f.code()).value((long) n));
        w.endObject();
        w.name("byAttempts").countMap(r.countByAttempts());
        w.name("byStatusPerSecond");
        if (r.perSecondKept()) {
            w.beginObject();
            r.countByStatusPerSecond().forEach((s, m) -> w.name(Long.toString(s)).countMap(m));
            w.endObject();
        } else {
            w.nullValue();
        }
        w.name("latency").beginObject()
                .name("exact").value(r.latencyFiguresExact())
                .name("meanNanos").value(r.meanLatency().toNanos());
        for (int i = 0; i < PERCENTILES.length; i++) {
            w.name(PERCENTILE_NAMES[i]).value(total == 0 ? 0 : r.latencyPercentile(PERCENTILES[i]).toNanos());
        }
        w.name("maxNanos").value(r.maxLatency().toNanos()).endObject();
        w.name("edges").beginArray();
        for (Edge e : r.edges()) {
            TrafficResult hops = e.requests();
            long ok = hops.outcomeCounts().entrySet().stream().filter(x -> x.getKey().succeeded())
                    .mapToLong(Map.Entry::getValue).sum();
            w.beginObject().name("sourceNamespace").value(e.sourceNamespace()).name("source").value(e.source())
                    .name("gateway").value(e.gateway()).name("destination").value(e.destination())
                    .name("total").value((long) hops.size()).name("succeeded").value(ok).name("failed").value(hops.size() - ok)
                    .name("byWorkload").countMap(hops.countByWorkload()).name("byStatus").countMap(hops.countByStatus())
                    .endObject();
        }
        w.endArray();
        w.name("notes").beginArray();
        r.notes().forEach(w::value);
        w.endArray();
        if (requests) {
            w.name("requestsKept").value(r.aggregated() ? "sample" : "every");
            w.name("requests").beginArray();
            for (SentRequest s : r.sample()) {
                w.beginObject()
                        .name("index").value(s.index())
                        .name("startNanos").value(s.start().toNanos())
                        .name("latencyNanos").value(s.latency().toNanos())
                        .name("attempts").value(s.attempts())
                        .name("headers").stringMap(new TreeMap<>(s.headers()))
                        .name("outcome");
                outcome(w, s.outcome());
                w.endObject();
            }
            w.endArray();
        }
        return w.endObject().toString();
    }

    /** An explanation: the request, each decision, the outcome. */
    static String explanation(Explanation e) {
        Json w = Json.pretty().beginObject()
                .name("kind").value("Explanation")
                .name("schemaVersion").value(SCHEMA)
                .name("request").value(e.request())
                .name("steps").beginArray();
        for (Decision d : e.decisions()) {
            w.beginObject().name("kind").value(d.kind().name()).name("text").value(d.text()).endObject();
        }
        w.endArray().name("outcome");
        outcome(w, e.outcome());
        return w.endObject().toString();
    }

    private static void flags(Json w, Iterable<ResponseFlag> flags) {
        w.beginArray();
        for (ResponseFlag f : flags) {
            w.value(f.code());
        }
        w.endArray();
    }

    /** One outcome, every field present. */
    static void outcome(Json w, Outcome o) {
        w.beginObject()
                .name("status").value(o.status())
                .name("flags");
        flags(w, o.flags());
        w.name("destination").value(o.where())
                .name("workload").value(o.workload().orElse(null))
                .name("namespace").value(o.namespace().orElse(null))
                .name("pod").value(o.pod().orElse(null))
                .name("version").value(o.version().orElse(null))
                .name("cluster").value(o.cluster().orElse(null))
                .name("body").value(o.body())
                .name("curlExitCode");
        if (o.curlExitCode().isPresent()) {
            w.value(o.curlExitCode().getAsInt());
        } else {
            w.nullValue();
        }
        w.name("connectionEnd").value(o.connectionEnd().map(Enum::name).orElse(null))
                .name("responseHeaders").stringMap(o.responseHeaders())
                .name("received");
        if (o.received().isPresent()) {
            ReceivedRequest q = o.received().orElseThrow();
            w.beginObject()
                    .name("method").value(q.method())
                    .name("authority").value(q.authority())
                    .name("path").value(q.path())
                    .name("headers").stringMap(q.headers())
                    .name("peerIdentity").value(q.peerIdentity().orElse(null))
                    .endObject();
        } else {
            w.nullValue();
        }
        w.name("redirects").beginArray();
        for (Redirect d : o.redirects()) {
            w.beginObject().name("status").value(d.status()).name("location").value(d.location()).endObject();
        }
        w.endArray().endObject();
    }
}
