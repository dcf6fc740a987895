package dev.meshtest.assertj;

import dev.meshtest.traffic.DurationFormat;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;

/** The words and numbers of the failure messages, so every assertion says them the same way. */
final class Messages {

    /** Rows of the traffic summary at the end of every message. */
    static final int SUMMARY_ROWS = 3;

    /** Kinds listed in a breakdown ({@code 12 x 503 UO, 3 x 404 NR}) before "and N more". */
    private static final int BREAKDOWN_KINDS = 3;

    private Messages() {
    }

    /** A number the user wrote, as they wrote it: {@code 0.2}, {@code 20}, {@code 0.001}. */
    static String num(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** A number the user wrote, as they wrote it. */
    static String num(Number n) {
        return n instanceof Double || n instanceof Float ? num(n.doubleValue()) : n.toString();
    }

    /** An observed share or a bound: three decimals. */
    static String share(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    /**
     * An interval {@code [low, high]} that {@code expected} lies outside, with three decimals, or more
     * when three would hide that ({@code 0} outside {@code [0.0001, 0.0126]}, not {@code [0.000, 0.013]}).
     */
    static String interval(double low, double high, double expected) {
        for (int decimals = 3; decimals < 17; decimals++) {
            String lo = String.format(Locale.ROOT, "%." + decimals + "f", low);
            String hi = String.format(Locale.ROOT, "%." + decimals + "f", high);
            boolean visible = expected < low ? Double.parseDouble(lo) > expected : Double.parseDouble(hi) < expected;
            if (visible || !(expected < low || expected > high)) {
                return "[" + lo + ", " + hi + "]";
            }
        }
        return "[" + low + ", " + high + "]";
    }

    /** {@code k / n} as a percentage with one decimal. */
    static String percent(long k, long n) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * k / n);
    }

    /**
     * A duration as people write latencies: {@code 0ms}, {@code 0.5ms}, {@code 101ms}, {@code 2.101s},
     * {@code 300s}; exact (virtual times are exact), milliseconds below a second, seconds above.
     */
    static String duration(Duration d) {
        return DurationFormat.of(d);
    }

    /**
     * A small latency distribution: {@code p50 101ms, p90 101ms, p99 150ms, max 2.101s}, nearest
     * rank as {@link TrafficResult#latencyPercentile(double)}.
     */
    static String latencies(TrafficResult r) {
        return "p50 " + duration(r.latencyPercentile(50)) + ", p90 " + duration(r.latencyPercentile(90)) + ", p99 "
                + duration(r.latencyPercentile(99)) + ", max " + duration(r.maxLatency())
                + (r.latencyFiguresExact() ? "" : " (percentiles from HdrHistogram, within 0.1%)");
    }

    /** A p-value: four decimals, or scientific notation when that would print zeros. */
    static String pValue(double p) {
        return p >= 1e-4 ? String.format(Locale.ROOT, "%.4f", p) : String.format(Locale.ROOT, "%.2e", p);
    }

    /** A response: {@code 503 UO "upstream connect error ..."}, body left out when empty. */
    static String response(Outcome o) {
        return o.status() + " " + o.flagsText() + (o.body().isEmpty() ? "" : " " + quote(o.body()));
    }

    /** A body in quotes, as Go's {@code %q} writes it ({@code \n} for a line break), cut when long (internal.text.Shown). */
    static String quote(String body) {
        return dev.meshtest.internal.text.Shown.quoted(body);
    }

    /** Where a request went, as the summary's first column says it: workload, else Envoy cluster, else {@code -}. */
    static String where(Outcome o) {
        return o.where();
    }

    /**
     * Where a request went and how it ended: {@code helloworld-v1}, {@code helloworld-v1 500},
     * {@code 503 UO via outbound|5000||helloworld.default.svc.cluster.local}, {@code 404 NR}.
     */
    static String whereAndStatus(Outcome o) {
        if (o.workload().isPresent()) {
            return o.workload().get() + (o.succeeded() ? "" : " " + status(o));
        }
        return status(o) + o.cluster().map(c -> " via " + c).orElse("");
    }

    /** {@code 503 UO}, or {@code 200} when there is no flag. */
    static String status(Outcome o) {
        return o.status() + (o.flags().isEmpty() ? "" : " " + o.flagsText());
    }

    /** {@code 12 x 503 UO, 3 x 404 NR}: most frequent first, the rest folded into "and N more". */
    static String breakdown(Counted outcomes, Function<Outcome, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.counts().forEach((o, n) -> counts.merge(key.apply(o), n, Long::sum));
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());   // stable: ties stay sorted by key
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sorted.size() && i < BREAKDOWN_KINDS; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(sorted.get(i).getValue()).append(" x ").append(sorted.get(i).getKey());
        }
        if (sorted.size() > BREAKDOWN_KINDS) {
            long rest = sorted.subList(BREAKDOWN_KINDS, sorted.size()).stream().mapToLong(Map.Entry::getValue).sum();
            sb.append(" and ").append(rest).append(" more of ").append(sorted.size() - BREAKDOWN_KINDS).append(" other kinds");
        }
        return sb.toString();
    }

    /**
     * The end of every message: the seed, what was sent, and the top rows of where it went.
     *
     * <pre>
     * Traffic (seed 42): 1000 x GET http://helloworld:5000/hello from default/nginx
     *   helloworld-v2  200  -  826  82.6%
     *   helloworld-v1  200  -  174  17.4%
     * </pre>
     */
    static String summary(TrafficResult r) {
        StringBuilder sb = new StringBuilder("Traffic (seed ").append(r.seed()).append("): ")
                .append(r.description() == null ? "requests" : r.description());
        if (r.size() == 0) {
            return sb.append("\n  no requests").toString();
        }
        Map<List<String>, Long> rows = new LinkedHashMap<>();
        r.outcomeCounts().forEach((o, n) -> rows.merge(List.of(where(o), Integer.toString(o.status()), o.flagsText()), n, Long::sum));
        List<Map.Entry<List<String>, Long>> sorted = new ArrayList<>(rows.entrySet());
        Comparator<Map.Entry<List<String>, Long>> byCount = Map.Entry.comparingByValue(Comparator.reverseOrder());
        sorted.sort(byCount.thenComparing(e -> String.join("\u0000", e.getKey())));
        List<String[]> lines = new ArrayList<>();
        for (Map.Entry<List<String>, Long> e : sorted.subList(0, Math.min(SUMMARY_ROWS, sorted.size()))) {
            List<String> k = e.getKey();
            lines.add(new String[] {k.get(0), k.get(1), k.get(2), Long.toString(e.getValue()), percent(e.getValue(), r.size())});
        }
        int[] width = new int[5];
        for (String[] l : lines) {
            for (int i = 0; i < 5; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < 5; i++) {
                String pad = " ".repeat(width[i] - l[i].length());
                line.append(i >= 3 ? pad + l[i] : l[i] + pad).append("  ");
            }
            sb.append('\n').append(line.toString().stripTrailing());
        }
        if (sorted.size() > SUMMARY_ROWS) {
            long rest = sorted.subList(SUMMARY_ROWS, sorted.size()).stream().mapToLong(Map.Entry::getValue).sum();
            sb.append("\n  ... ").append(sorted.size() - SUMMARY_ROWS).append(sorted.size() - SUMMARY_ROWS == 1 ? " more row (" : " more rows (").append(rest)
                    .append(rest == 1 ? " request)" : " requests)");
        }
        return sb.toString();
    }

    /**
     * Why the first request that did not succeed went as it did, replayed from the send
     * ({@link TrafficResult#explain}); empty when the result cannot be explained.
     */
    static String firstFailureExplained(TrafficResult r) {
        if (r == null || !r.explainable() || r.firstFailureIndex().isEmpty()) {
            return "";
        }
        int i = r.firstFailureIndex().getAsInt();
        StringBuilder sb = new StringBuilder("\nThe first that failed, explained:");
        for (String step : r.explain(i).steps()) {
            sb.append("\n  ").append(step);
        }
        return sb.toString();
    }

    /**
     * A whole failure message: a leading newline as AssertJ's own (so {@code [description]} and
     * "-- failure 1 --" stand on their own line), the message, and the {@link #summary}; escaped,
     * because AssertJ formats messages with {@link String#format}.
     */
    static String failureText(String message, TrafficResult r) {
        StringBuilder notes = new StringBuilder();
        for (String note : r == null ? List.<String>of() : r.notes()) {
            notes.append('\n').append(note);
        }
        return escape("\n" + message + "\n" + summary(r) + notes);
    }

    /** AssertJ formats messages with {@link String#format}; ours are final text. */
    static String escape(String message) {
        return message.replace("%", "%%");
    }

    /** A sub-assertion says what its parent says: {@code as(...)}, {@code withFailMessage(...)}, representation. */
    static <A extends AbstractAssert<?, ?>> A inherit(A child, AbstractAssert<?, ?> parent) {
        if (parent.info.hasDescription()) {
            child.info.description(parent.info.description());
        }
        if (parent.info.overridingErrorMessage() != null) {
            child.info.overridingErrorMessage(parent.info.overridingErrorMessage());
        }
        child.info.useRepresentation(parent.info.representation());
        return child;
    }
}
