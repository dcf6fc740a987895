package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * What a timeline did ({@code mesh.timeline()...run()}): each client's requests as a
 * {@link TrafficResult} of its own, the configuration changes made on the way, and when each
 * proxy took each new version. Times are on the virtual clock, counted from the timeline's
 * start: a client's result counts its seconds from there too, so {@code client("terminal 2")
 * .between(ofSeconds(10), ofSeconds(11))} is the timeline's eleventh second whichever client.
 *
 * <pre>{@code
 * TimelineResult t = mesh.timeline()
 *     .send(Duration.ofSeconds(20)).from("nginx").named("terminal 1").to("helloworld-v2:5000/hello")
 *     .send(Duration.ofSeconds(10)).startingAt(Duration.ofSeconds(10)).from("nginx").named("terminal 2")
 *     .to("helloworld-v2:5000/hello")
 *     .run();
 * t.client("terminal 1").between(Duration.ZERO, Duration.ofSeconds(10)).countByStatus();   // {200=...}
 * System.out.println(t);   // second by second, per client and destination
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public final class TimelineResult {

    /**
     * A change made at a moment of the timeline, as {@code kubectl} would print it.
     *
     * <pre>{@code
     * TimelineResult.Change c = t.changes().get(0);
     * c.at();      // PT5S
     * c.lines();   // [virtualservice.networking.istio.io/helloworld configured]
     * }</pre>
     *
     * @param at when, from the timeline's start
     * @param lines kubectl's lines: {@code virtualservice.networking.istio.io/helloworld configured}
     */
    public record Change(Duration at, List<String> lines) {
        /**
         * Copies the lines.
         *
         * @param at when, from the timeline's start
         * @param lines kubectl's lines
         * @throws NullPointerException for a missing part
         */
        public Change {
            Objects.requireNonNull(at, "at");
            lines = List.copyOf(lines);
        }
    }

    private final Map<String, TrafficResult> clients;
    private final List<Change> changes;
    private final List<ConfigPush> pushes;
    private final Duration startedAt;
    private final Duration ended;
    private final long seed;

    /**
     * A timeline's result; the mesh makes it.
     *
     * @param clients each client's result, by name, in the order they were declared
     * @param changes the changes made, in time order
     * @param pushes each proxy's take of a new version, in time order
     * @param startedAt the mesh's virtual time when the timeline began
     * @param ended how long after its start the timeline ended (its last answer or push)
     * @param seed the mesh's seed
     */
    @API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.7")
    public TimelineResult(Map<String, TrafficResult> clients, List<Change> changes, List<ConfigPush> pushes, Duration startedAt,
                          Duration ended, long seed) {
        this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
        this.changes = List.copyOf(changes);
        this.pushes = List.copyOf(pushes);
        this.startedAt = startedAt;
        this.ended = ended;
        this.seed = seed;
    }

    /**
     * One client's requests.
     *
     * @param name the client's name ({@code named(...)}, else {@code "client 1"}, {@code "client 2"}, ... in declaration order)
     * @return its result
     * @throws IllegalArgumentException for a name no client has
     */
    public TrafficResult client(String name) {
        TrafficResult r = clients.get(Objects.requireNonNull(name, "name"));
        if (r == null) {
            throw new IllegalArgumentException("no client named \"" + name + "\" in this timeline; its clients: " + clients.keySet());
        }
        return r;
    }

    /** {@return the clients' names, in declaration order} */
    public List<String> clients() {
        return List.copyOf(clients.keySet());
    }

    /** {@return the configuration changes made, in time order} */
    public List<Change> changes() {
        return changes;
    }

    /** {@return every proxy's take of a new configuration version, in time order} */
    public List<ConfigPush> pushes() {
        return pushes;
    }

    /**
     * When a workload's proxies took a version: each of its pods' pushes of that version.
     *
     * <pre>{@code
     * t.pushesTo("nginx");   // [5.183s: default/nginx-... (nginx) takes version 7]
     * }</pre>
     *
     * @param workload {@code name} in namespace {@code default}, or {@code namespace/name}
     * @return its pods' pushes, in time order
     */
    public List<ConfigPush> pushesTo(String workload) {
        String ns = workload.contains("/") ? workload.substring(0, workload.indexOf('/')) : "default";
        String name = workload.substring(workload.indexOf('/') + 1);
        return pushes.stream().filter(p -> p.namespace().equals(ns) && p.workload().equals(name)).toList();
    }

    /** {@return the mesh's virtual time when the timeline began} */
    public Duration startedAt() {
        return startedAt;
    }

    /** {@return how long the timeline lasted: until its last answer, or its last push} */
    public Duration elapsed() {
        return ended;
    }

    /** {@return the mesh's seed} */
    public long seed() {
        return seed;
    }

    /**
     * A client's requests by the second they started in (counted from the timeline's start),
     * then by what answered them: the workload, with the status and flags when not 200, or the
     * status and flags alone when no pod answered ({@code "helloworld-v1"}, {@code "503 UO"}).
     *
     * @param client the client's name
     * @return counts by second, then by answer
     * @throws IllegalStateException for a client kept {@linkplain TrafficResult#aggregated() aggregated}
     *         over more than {@value Aggregate#MAX_BINS} seconds, whose bins are longer than a second
     */
    public SortedMap<Long, Map<String, Long>> perSecond(String client) {
        TrafficResult r = client(client);
        TreeMap<Long, Map<String, Long>> out = new TreeMap<>();
        if (!r.aggregated()) {
            // Every request kept: one pass over them, each outcome's label made once.
            long[] starts = r.startsNanos();
            List<Outcome> outcomes = r.outcomes();
            Map<Outcome, String> labels = new java.util.HashMap<>();
            TreeMap<Long, TreeMap<String, Long>> counts = new TreeMap<>();
            for (int i = 0; i < starts.length; i++) {
                String label = labels.computeIfAbsent(outcomes.get(i), TimelineResult::answer);
                counts.computeIfAbsent(starts[i] / 1_000_000_000L, k -> new TreeMap<>()).merge(label, 1L, Long::sum);
            }
            counts.forEach((second, byAnswer) -> out.put(second, Collections.unmodifiableMap(byAnswer)));
            return Collections.unmodifiableSortedMap(out);
        }
        // Aggregated: its cells are counted by second already.
        for (Long second : r.countByStatusPerSecond().keySet()) {
            TrafficResult s = r.between(Duration.ofSeconds(second), Duration.ofSeconds(second + 1), "second " + second);
            TreeMap<String, Long> byAnswer = new TreeMap<>();
            s.outcomeCounts().forEach((o, n) -> byAnswer.merge(answer(o), n, Long::sum));
            out.put(second, Collections.unmodifiableMap(byAnswer));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    private static String answer(Outcome o) {
        StringBuilder b = new StringBuilder();
        o.workload().ifPresent(b::append);
        if (o.status() != 200 || o.workload().isEmpty()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(o.status());
            if (!o.flags().isEmpty()) {
                b.append(' ').append(String.join(",", o.flags().stream().map(ResponseFlag::code).toList()));
            }
        }
        return b.toString();
    }

    /**
     * This timeline as JSON (docs/json.md, "TimelineResult"): its clients with their totals and
     * answers per second, the changes, the pushes. A client's whole result is
     * {@code client(name).toJson()}.
     *
     * <pre>{@code
     * Files.writeString(Path.of("target/timeline.json"), t.toJson());
     * }</pre>
     *
     * @return the document, pretty-printed
     */
    public String toJson() {
        dev.meshtest.internal.text.Json w = dev.meshtest.internal.text.Json.pretty().beginObject()
                .name("kind").value("TimelineResult")
                .name("schemaVersion").value(1)
                .name("seed").value(seed)
                .name("startedAtNanos").value(startedAt.toNanos())
                .name("elapsedNanos").value(ended.toNanos())
                .name("clients").beginArray();
        clients.forEach((name, r) -> {
            long succeeded = r.outcomeCounts().entrySet().stream().filter(e -> e.getKey().succeeded())
                    .mapToLong(Map.Entry::getValue).sum();
            w.beginObject().name("name").value(name).name("description").value(r.description())
                    .name("total").value((long) r.size()).name("succeeded").value(succeeded)
                    .name("failed").value(r.size() - succeeded).name("bySecond");
            SortedMap<Long, Map<String, Long>> bySecond;
            try {
                bySecond = perSecond(name);
            } catch (IllegalStateException binsLongerThanASecond) {
                bySecond = null;
            }
            if (bySecond == null) {
                w.nullValue();
            } else {
                w.beginObject();
                bySecond.forEach((second, counts) -> w.name(String.valueOf(second)).countMap(counts));
                w.endObject();
            }
            w.endObject();
        });
        w.endArray().name("changes").beginArray();
        for (Change c : changes) {
            w.beginObject().name("atNanos").value(c.at().toNanos()).name("lines").beginArray();
            c.lines().forEach(w::value);
            w.endArray().endObject();
        }
        w.endArray().name("pushes").beginArray();
        for (ConfigPush p : pushes) {
            w.beginObject().name("namespace").value(p.namespace()).name("pod").value(p.pod()).name("workload").value(p.workload())
                    .name("version").value(p.version()).name("atNanos").value(p.at().toNanos()).endObject();
        }
        return w.endArray().endObject().toString();
    }

    /** Second by second: each client's answers, the changes and the pushes of that second. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("timeline of " + DurationFormat.of(ended) + " from " + DurationFormat.of(startedAt)
                + " (seed " + seed + ")\n");
        Map<String, SortedMap<Long, Map<String, Long>>> series = new LinkedHashMap<>();
        TreeSet<Long> seconds = new TreeSet<>();
        List<String> coarse = new ArrayList<>();
        for (String c : clients.keySet()) {
            SortedMap<Long, Map<String, Long>> s;
            try {
                s = perSecond(c);
            } catch (IllegalStateException binsLongerThanASecond) {
                coarse.add(c);
                continue;
            }
            series.put(c, s);
            seconds.addAll(s.keySet());
        }
        for (String c : coarse) {
            b.append("      ").append(c).append(": ").append(clients.get(c).size())
                    .append(" requests, kept in bins longer than a second: see client(\"").append(c).append("\")\n");
        }
        for (Change c : changes) {
            seconds.add(c.at().getSeconds());
        }
        for (ConfigPush p : pushes) {
            seconds.add(p.at().getSeconds());
        }
        for (long second : seconds) {
            List<String> lines = new ArrayList<>();
            for (Change c : changes) {
                if (c.at().getSeconds() == second) {
                    c.lines().forEach(l -> lines.add("at " + DurationFormat.of(c.at()) + ": " + l));
                }
            }
            series.forEach((client, s) -> {
                Map<String, Long> counts = s.get(second);
                if (counts != null) {
                    StringBuilder row = new StringBuilder(client + ":");
                    counts.forEach((k, n) -> row.append(' ').append(k).append(" x").append(n).append(','));
                    row.setLength(row.length() - 1);
                    lines.add(row.toString());
                }
            });
            List<ConfigPush> here = pushes.stream().filter(p -> p.at().getSeconds() == second).toList();
            if (!here.isEmpty()) {
                lines.add(here.size() + " proxies take a new version, from " + DurationFormat.of(here.get(0).at()) + " to "
                        + DurationFormat.of(here.get(here.size() - 1).at()));
            }
            b.append(String.format(java.util.Locale.ROOT, "%4ds  ", second)).append(String.join("\n       ", lines)).append('\n');
        }
        return b.toString();
    }
}
