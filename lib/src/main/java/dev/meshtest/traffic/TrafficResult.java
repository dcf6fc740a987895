package dev.meshtest.traffic;

import dev.meshtest.sim.Outcome;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What happened to the requests of one {@code send}: one {@link Outcome} per request, in send
 * order, and counts by workload, pod, version, cluster, status and flag, sorted by key.
 * Immutable.
 *
 * <pre>{@code
 * TrafficResult r = mesh.send(1000).from("nginx").to("helloworld:5000/hello");
 * r.countByWorkload();   // {helloworld-v1=496, helloworld-v2=504}
 * System.out.println(r);
 * }</pre>
 */
public final class TrafficResult {

    private final String description;
    private final long seed;
    private final Outcome[] outcomes;
    private final Map<String, String> commonHeaders;
    private final List<Map<String, String>> perRequestHeaders;

    /**
     * @param description what was sent, for the summary ({@code 1000 x GET http://helloworld:5000/hello from default/nginx})
     * @param seed the seed of the simulation, printed so a run can be repeated
     * @param outcomes one per request, in send order
     * @param commonHeaders the headers every request carried
     * @param perRequestHeaders each request's headers when they differed per request, else {@code null}
     */
    public TrafficResult(String description, long seed, Outcome[] outcomes, Map<String, String> commonHeaders,
                         List<Map<String, String>> perRequestHeaders) {
        this.description = description;
        this.seed = seed;
        this.outcomes = outcomes.clone();
        this.commonHeaders = Map.copyOf(commonHeaders);
        this.perRequestHeaders = perRequestHeaders == null ? null : List.copyOf(perRequestHeaders);
        if (this.perRequestHeaders != null && this.perRequestHeaders.size() != outcomes.length) {
            throw new IllegalArgumentException(perRequestHeaders.size() + " header sets for " + outcomes.length + " requests");
        }
    }

    /** The headers request {@code index} (0-based, in send order) carried, as given to the spec. */
    public Map<String, String> headersOf(int index) {
        java.util.Objects.checkIndex(index, outcomes.length);
        return perRequestHeaders == null ? commonHeaders : perRequestHeaders.get(index);
    }

    /** How many requests were sent. */
    public int size() {
        return outcomes.length;
    }

    /** What was sent. */
    public String description() {
        return description;
    }

    /** The simulation's seed. */
    public long seed() {
        return seed;
    }

    /** Every request's outcome, in send order. */
    public List<Outcome> outcomes() {
        return new AbstractList<>() {
            @Override
            public Outcome get(int index) {
                return outcomes[index];
            }

            @Override
            public int size() {
                return outcomes.length;
            }
        };
    }

    /** Requests by answering workload; failures that no pod answered count under {@code "-"}. */
    public Map<String, Long> countByWorkload() {
        return count(o -> o.workload() == null ? "-" : o.workload());
    }

    /** Requests by answering pod ({@code namespace/name}); {@code "-"} when none. */
    public Map<String, Long> countByPod() {
        return count(o -> o.pod() == null ? "-" : o.namespace() + "/" + o.pod());
    }

    /** Requests by the answering pod's {@code version} label; {@code "-"} when none. */
    public Map<String, Long> countByVersion() {
        return count(o -> o.version() == null ? "-" : o.version());
    }

    /** Requests by Envoy cluster; {@code "-"} when none (a client without sidecar, a 404). */
    public Map<String, Long> countByCluster() {
        return count(o -> o.cluster().isEmpty() ? "-" : o.cluster());
    }

    /** Requests by Envoy response flag ({@code "-"} for none). */
    public Map<String, Long> countByFlag() {
        return count(Outcome::flag);
    }

    /** Requests by HTTP status (0: no HTTP response). */
    public Map<Integer, Long> countByStatus() {
        return count(Outcome::status);
    }

    private <K extends Comparable<K>> Map<K, Long> count(Function<Outcome, K> key) {
        Map<K, Long> sorted = new TreeMap<>();
        for (Outcome o : outcomes) {
            sorted.merge(key.apply(o), 1L, Long::sum);
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    /** A short table: where the requests went, with status, flag, count and share. */
    @Override
    public String toString() {
        Map<List<String>, Long> rows = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        for (Outcome o : outcomes) {
            String where = o.workload() != null ? o.workload() : (o.cluster().isEmpty() ? "-" : o.cluster());
            rows.merge(List.of(where, Integer.toString(o.status()), o.flag()), 1L, Long::sum);
        }
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"DESTINATION", "STATUS", "FLAG", "COUNT", "SHARE"});
        rows.forEach((k, n) -> lines.add(new String[] {k.get(0), k.get(1), k.get(2), Long.toString(n),
                String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * n / outcomes.length)}));
        int[] w = new int[5];
        lines.forEach(l -> {
            for (int i = 0; i < 5; i++) {
                w[i] = Math.max(w[i], l[i].length());
            }
        });
        StringBuilder sb = new StringBuilder(description).append(" (seed ").append(seed).append(")\n");
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                String cell = l[i];
                line.append(i >= 3 ? " ".repeat(w[i] - cell.length()) + cell : cell + " ".repeat(w[i] - cell.length()));
                line.append("  ");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
