package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.apiguardian.api.API;

/**
 * What happened to the requests of one {@code send}: one {@link Outcome} per request, in send
 * order, and counts by workload, pod, version, cluster, status and flag, sorted by key; and on
 * the virtual clock: when each request started, its latency, how many upstream attempts its
 * client proxy made, percentiles, and outcomes per virtual second. Immutable.
 *
 * <pre>{@code
 * TrafficResult r = mesh.send(1000).from("nginx").to("helloworld:5000/hello");
 * r.countByWorkload();          // {helloworld-v1=496, helloworld-v2=504}
 * r.latencyPercentile(99);      // PT0.101S: the app's 100 ms plus two sidecars
 * r.countByStatusPerSecond();   // {0={200=9}, 1={200=10}, ...}: by the virtual second each request started
 * r.between(Duration.ZERO, Duration.ofSeconds(5)).countByStatus();
 * System.out.println(r);
 * }</pre>
 *
 * <p>Times are virtual: {@link #startOf(int)} counts from the start of this send, {@link #startedAt()}
 * is the mesh's clock when the send began (time goes on across sends).
 *
 * <p>A result of more than {@link #AGGREGATE_ABOVE} requests (or of a spec with
 * {@link TrafficSpec#aggregate()}) is {@link #aggregated()}: it keeps counts, latency tallies and
 * per-second series and a {@link #sample()}, in memory that does not grow with the send, and
 * answers every count, figure, window of whole seconds and filter as the full form would; only
 * the per-request accessors need {@link TrafficSpec#keepEveryRequest()}.
 */
@API(status = STABLE, since = "0.1")
public final class TrafficResult {

    /**
     * Sends of more requests than this are aggregated unless the spec says
     * {@link TrafficSpec#keepEveryRequest()}; {@link TrafficSpec#aggregate()} aggregates smaller ones.
     */
    public static final int AGGREGATE_ABOVE = 1_000_000;

    private final String description;
    private final long seed;
    private final Outcome[] outcomes;
    private final Map<String, String> commonHeaders;
    private final List<Map<String, String>> perRequestHeaders;
    private final long startedAt;
    private final long[] startNanos;
    private final long[] latencyNanos;
    private final int[] attempts;
    private final long mirrored;
    /** Made on first use; volatile so a result shared across threads sees a complete tally. */
    private volatile Latencies latencyTally;
    /** The aggregated form's counts, or {@code null} when every request is kept (then the arrays above hold them). */
    private final Aggregate aggregate;
    private final Aggregate.View view;
    /** What the send was asked to do, for the JSON; {@code null} for a result not made by a mesh. */
    private TrafficJson.SpecSummary spec;
    /** What the mesh that made this result does not simulate (a lenient mesh's notes). */
    private List<String> notes = List.of();
    /** Replays the send to explain request i; {@code null} for a result not made by a mesh. */
    private IntFunction<Explanation> replay;
    /** The send's call graph, as its proxies saw it; empty for a part of a result ({@link #where}). */
    private List<Edge> edges = List.of();

    /**
     * @param description what was sent, for the summary ({@code 1000 x GET http://helloworld:5000/hello from default/nginx})
     * @param seed the seed of the simulation, printed so a run can be repeated
     * @param outcomes one per request, in send order
     * @param commonHeaders the headers every request carried
     * @param perRequestHeaders each request's headers when they differed per request, else {@code null}
     */
    public TrafficResult(String description, long seed, Outcome[] outcomes, Map<String, String> commonHeaders,
                         List<Map<String, String>> perRequestHeaders) {
        this(description, seed, outcomes, commonHeaders, perRequestHeaders, new Timing(0, new long[outcomes.length],
                new long[outcomes.length], new int[outcomes.length], 0));
    }

    /**
     * The virtual-time data of a send.
     *
     * @param startedAt the mesh's virtual time when the send began, in nanoseconds
     * @param startNanos each request's start, in nanoseconds since {@code startedAt}
     * @param latencyNanos each request's latency, in nanoseconds
     * @param attempts each request's upstream attempts by its client's proxy (0: answered before the router; 1 without a sidecar)
     * @param mirrored how many mirror copies were sent
     */
    public record Timing(long startedAt, long[] startNanos, long[] latencyNanos, int[] attempts, long mirrored) {
    }

    /**
     * A result with its virtual-time data; the arrays are copied. The mesh makes results; this is
     * for tests of code that reads them.
     *
     * @param description what was sent, for the summary
     * @param seed the seed of the simulation
     * @param outcomes one per request, in send order
     * @param commonHeaders the headers every request carried
     * @param perRequestHeaders each request's headers when they differed per request, else {@code null}
     * @param timing when each request started, its latency and attempts
     */
    public TrafficResult(String description, long seed, Outcome[] outcomes, Map<String, String> commonHeaders,
                         List<Map<String, String>> perRequestHeaders, Timing timing) {
        this(new Timing(timing.startedAt(), timing.startNanos().clone(), timing.latencyNanos().clone(),
                timing.attempts().clone(), timing.mirrored()), outcomes.clone(), description, seed, commonHeaders, perRequestHeaders);
    }

    /**
     * A result that takes the arrays as they are, for its makers in this package (the recorder,
     * {@link #select}): they hand over arrays they made and never touch again.
     */
    static TrafficResult owning(String description, long seed, Outcome[] outcomes, Map<String, String> commonHeaders,
                                List<Map<String, String>> perRequestHeaders, Timing timing) {
        return new TrafficResult(timing, outcomes, description, seed, commonHeaders, perRequestHeaders);
    }

    private TrafficResult(Timing timing, Outcome[] outcomes, String description, long seed, Map<String, String> commonHeaders,
                          List<Map<String, String>> perRequestHeaders) {
        this.description = description;
        this.seed = seed;
        this.aggregate = null;
        this.view = null;
        this.outcomes = outcomes;
        this.startedAt = timing.startedAt();
        this.startNanos = timing.startNanos();
        this.latencyNanos = timing.latencyNanos();
        this.attempts = timing.attempts();
        this.mirrored = timing.mirrored();
        if (startNanos.length != outcomes.length || latencyNanos.length != outcomes.length || attempts.length != outcomes.length) {
            throw new IllegalArgumentException("timing for " + startNanos.length + " requests, outcomes for " + outcomes.length);
        }
        this.commonHeaders = Map.copyOf(commonHeaders);
        this.perRequestHeaders = perRequestHeaders == null ? null : List.copyOf(perRequestHeaders);
        if (this.perRequestHeaders != null && this.perRequestHeaders.size() != outcomes.length) {
            throw new IllegalArgumentException(perRequestHeaders.size() + " header sets for " + outcomes.length + " requests");
        }
    }

    /** The aggregated form: counts in {@code aggregate}, no per-request arrays. */
    TrafficResult(String description, long seed, Aggregate aggregate, long startedAt, long mirrored) {
        this.description = description;
        this.seed = seed;
        this.aggregate = aggregate;
        this.view = aggregate.view();
        this.outcomes = null;
        this.startNanos = null;
        this.latencyNanos = null;
        this.attempts = null;
        this.startedAt = startedAt;
        this.mirrored = mirrored;
        this.commonHeaders = aggregate.commonHeaders();
        this.perRequestHeaders = null;
    }

    /**
     * This result with notes on what the mesh that made it does not simulate: a lenient mesh's
     * {@code lenient: EnvoyFilter default/lua ... is not simulated; ...}. They are
     * printed with the result and with every assertion failure on it.
     *
     * @param newNotes the notes, in order
     * @return a copy with these notes
     */
    public TrafficResult withNotes(List<String> newNotes) {
        TrafficResult r = new TrafficResult(this);
        r.notes = List.copyOf(newNotes);
        return r;
    }

    /** A copy sharing this result's per-request arrays (never written after construction): no copy per request. */
    private TrafficResult(TrafficResult from) {
        this(from, from.description, from.view, from.mirrored);
        this.edges = from.edges;
    }

    /** A copy sharing this result's per-request arrays or counts, with its own description and view. */
    private TrafficResult(TrafficResult from, String description, Aggregate.View view, long mirrored) {
        this.aggregate = from.aggregate;
        this.view = view;
        this.spec = from.spec;
        this.description = description;
        this.seed = from.seed;
        this.outcomes = from.outcomes;
        this.startedAt = from.startedAt;
        this.startNanos = from.startNanos;
        this.latencyNanos = from.latencyNanos;
        this.attempts = from.attempts;
        this.mirrored = mirrored;
        this.commonHeaders = from.commonHeaders;
        this.perRequestHeaders = from.perRequestHeaders;
        this.notes = from.notes;
        this.replay = from.replay;
    }

    /**
     * This result with its call graph; the mesh that sends sets it.
     *
     * @param newEdges the edges, in the order their first request was answered
     * @return a copy with these edges
     */
    @API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.6")
    public TrafficResult withEdges(List<Edge> newEdges) {
        TrafficResult r = new TrafficResult(this);
        r.edges = List.copyOf(newEdges);
        return r;
    }

    /**
     * The send's call graph, as its proxies saw it: one {@link Edge} per sending workload and
     * service, in the order their first request started, each kept aggregated. Empty for an
     * aggregated send ({@link TrafficSpec#aggregate()}, or more than {@value #AGGREGATE_ABOVE}
     * requests: recording the graph would double its cost per request), for a result made
     * without a mesh, and for a part of one ({@link #where}, {@code between}...): ask the whole send.
     *
     * <pre>{@code
     * r.edges();   // [default/sleep -> productpage..., default/productpage-v1 -> reviews..., default/reviews-v2 -> ratings...]
     * }</pre>
     *
     * @return the edges
     */
    public List<Edge> edges() {
        return edges;
    }

    /**
     * The send's call graph drawn as Kiali draws it ({@link Graph}): workloads, services, the
     * links between them with their requests, share and error rate, coloured by health; as SVG,
     * DOT or Mermaid.
     *
     * <pre>{@code Files.writeString(Path.of("target/graph.svg"), result.graph().toSvg());}</pre>
     *
     * @return the graph of {@link #edges()}
     */
    public Graph graph() {
        return Graph.of(this);
    }

    /**
     * The requests {@code from}'s proxy sent to {@code to} ({@link Edge#connects}), as a result:
     * every assertion applies to it.
     *
     * <pre>{@code
     * assertThat(r.edge("reviews-v2", "ratings").orElseThrow()).hasStatus(500).withShare(1.0);
     * }</pre>
     *
     * @param from the sending workload, {@code reviews-v2} or {@code default/reviews-v2}
     * @param to the service, {@code ratings} or its host name
     * @return the edge's requests, or empty when no request went that way
     */
    public java.util.Optional<TrafficResult> edge(String from, String to) {
        for (Edge e : edges) {
            if (e.connects(from, to)) {
                return java.util.Optional.of(e.requests());
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * This result with the replay that explains its requests; the mesh that sends sets it.
     *
     * @param replayOf explains request i by sending again from the mesh's state at the start of this send
     * @return a copy that can explain its requests
     */
    @API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.2")
    public TrafficResult withReplay(IntFunction<Explanation> replayOf) {
        TrafficResult r = new TrafficResult(this);
        r.replay = Objects.requireNonNull(replayOf, "replayOf");
        return r;
    }

    /**
     * Explains request {@code index} of this result, sent without tracing: the mesh sends the same
     * traffic again from its state at the start of this send (the seed, clock, pools and ejections
     * then), traces that request, and returns its way. The first step says which request it is.
     * No need to know in advance which request will fail:
     *
     * <pre>{@code
     * TrafficResult r = mesh.send(1000).from("fortio").concurrency(3).to("httpbin:8000/get");
     * r.firstFailureIndex().ifPresent(i -> System.out.println(r.explain(i)));
     * }</pre>
     *
     * <p>An aggregated result explains any request of the send by its index in the send (as
     * {@link #firstFailureIndex()} and {@link #sample()} give it); the replay sends the requests
     * before it again, so it takes about as long as the send did up to that request.
     *
     * @param index the request, 0-based, in the order the requests started
     * @return why that request went where it went
     * @throws IllegalStateException for a result made by its constructor rather than by a mesh
     */
    public Explanation explain(int index) {
        Objects.checkIndex(index, aggregate == null ? outcomes.length : (int) aggregate.count());
        if (replay == null) {
            throw new IllegalStateException("explain(" + index + "): this result was not made by a mesh's send, so there "
                    + "is nothing to replay; explain a request of mesh.send(...)");
        }
        return replay.apply(index);
    }

    /**
     * This result with the spec it was sent by, which its JSON shows; the mesh that sends sets it.
     *
     * @param sentBy the spec of the send (its options are copied, the spec is not kept)
     * @return a copy that knows its spec
     */
    @API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.6")
    public TrafficResult withSpec(TrafficSpec<?> sentBy) {
        TrafficResult r = new TrafficResult(this);
        r.spec = TrafficJson.SpecSummary.of(Objects.requireNonNull(sentBy, "sentBy"));
        return r;
    }

    /**
     * This result as a JSON document of its totals, without its requests one by one: what was
     * sent (description, seed, spec, headers), totals, counts by destination, workload, version,
     * pod, cluster, status, flag, attempts and virtual second, and latency percentiles, the
     * same figures as the accessors give. Both forms of a result give the same document but for
     * {@code "aggregated"} and the spec's {@code "recording"} (and, in a window or filter,
     * {@code "firstFailureIndex"}, which numbers requests as each form's {@link #explain(int)} does). Field names are stable and listed
     * in {@code docs/json.md}; keys come in a fixed order, numbers are written without a locale.
     *
     * <pre>{@code
     * TrafficResult r = mesh.send(1000).from("nginx").to("helloworld:5000/hello");
     * Files.writeString(Path.of("target/result.json"), r.toJson());   // UTF-8
     * // {"kind": "TrafficResult", ..., "byWorkload": {"helloworld-v1": 496, "helloworld-v2": 504}, ...}
     * }</pre>
     *
     * @return the JSON document
     */
    @API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.6")
    public String toJson() {
        return TrafficJson.result(this, spec, false);
    }

    /**
     * This result as {@link #toJson()} does, and with {@code requests} also each kept request (its
     * index, start, latency, attempts, headers and outcome) under {@code "requests"}: every request
     * of a result that keeps them, the {@link #sample()} of an aggregated one
     * ({@code "requestsKept"} says which). Each request takes about a kilobyte of text: for a
     * send of many requests that keeps them all, the totals of {@link #toJson()} are the
     * document to keep, and an aggregated result's sample is bounded.
     *
     * <pre>{@code
     * String json = mesh.send(10).from("nginx").to("helloworld:5000/hello").toJson(true);
     * }</pre>
     *
     * @param requests whether to list the kept requests one by one
     * @return the JSON document
     */
    @API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.6")
    public String toJson(boolean requests) {
        return TrafficJson.result(this, spec, requests);
    }

    /** The headers every request carried, for the JSON. */
    Map<String, String> commonHeaders() {
        return commonHeaders;
    }

    /** Whether {@link #countByStatusPerSecond()} can answer: every request kept, or bins of one second. */
    boolean perSecondKept() {
        return view == null || aggregate.binNanos() == Aggregate.SECOND;
    }

    /** {@return whether {@link #explain(int)} can explain this result's requests: it was made by a mesh's send} */
    public boolean explainable() {
        return replay != null;
    }

    /**
     * {@return the index of the first request that did not succeed (not 2xx), if any; in an
     * aggregated result, its index in the send}
     */
    public OptionalInt firstFailureIndex() {
        if (view != null) {
            int i = view.firstFailureIndex();
            return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (!outcomes[i].succeeded()) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** @return what the mesh that made this result does not simulate, from a lenient mesh; empty from a strict one */
    public List<String> notes() {
        return notes;
    }

    // ---------------------------------------------------------------- the two forms

    /**
     * Whether this result is aggregated: it keeps counts, latency histograms, per-second series and
     * a {@link #sample()} rather than every request, in memory that does not grow with the number of
     * requests. Sends of more than {@link #AGGREGATE_ABOVE} requests are aggregated, and any send
     * with {@link TrafficSpec#aggregate()}. Every count, percentile, window of whole seconds and
     * filter ({@link #where}, {@link #withHeaders}) answers as on the result that keeps every
     * request; the per-request accessors ({@link #outcomes()}, {@link #startOf(int)},
     * {@link #latencyOf(int)}, {@link #attemptsOf(int)}, {@link #headersOf(int)},
     * {@link #select(IntPredicate, String)}) need {@link TrafficSpec#keepEveryRequest()}.
     *
     * <pre>{@code
     * TrafficResult r = mesh.send(100_000_000).from("nginx").to("helloworld:5000/hello");
     * r.aggregated();               // true
     * r.countByWorkload();          // {helloworld-v1=50001234, helloworld-v2=49998766}
     * r.latencyPercentile(99.9);    // from HdrHistogram, as for every result
     * }</pre>
     *
     * @return whether this result is aggregated
     */
    public boolean aggregated() {
        return view != null;
    }

    /**
     * The requests this result keeps one by one, in send order: every request of a result that
     * keeps them all, a sample of an aggregated one (the first {@value Aggregate#FAILURES_KEPT}
     * failures and a uniform sample of {@value Aggregate#RESERVOIR} of the others, drawn from a
     * stream of its own so that sampling never changes the simulation).
     *
     * <pre>{@code
     * r.sample().stream().filter(s -> s.outcome().status() == 503).findFirst()
     *         .ifPresent(s -> System.out.println(r.explain(s.index())));
     * }</pre>
     *
     * @return the kept requests, by index
     */
    public List<SentRequest> sample() {
        if (view != null) {
            return view.sample();
        }
        return new AbstractList<>() {
            @Override
            public SentRequest get(int index) {
                return new SentRequest(index, outcomes[index], Duration.ofNanos(startNanos[index]),
                        Duration.ofNanos(latencyNanos[index]), attempts[index], headersOf(index));
            }

            @Override
            public int size() {
                return outcomes.length;
            }
        };
    }

    /**
     * Each distinct outcome with the number of requests that ended so, in the order of the first
     * request that did. The counts by workload, status, flag and so on are sums over this map.
     *
     * <pre>{@code r.outcomeCounts().forEach((o, n) -> System.out.println(n + " x " + o));}</pre>
     *
     * @return the outcomes, counted
     */
    public Map<Outcome, Long> outcomeCounts() {
        if (view != null) {
            return view.outcomeCounts();
        }
        Map<Outcome, Long> counts = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            counts.merge(o, 1L, Long::sum);
        }
        return Collections.unmodifiableMap(counts);
    }

    private IllegalStateException perRequest(String what) {
        return new IllegalStateException(what + ": this result of " + size() + " requests is aggregated, so it keeps counts, "
                + "latency histograms, per-second series and a sample, not every request. Ask the spec to keep them "
                + "with keepEveryRequest() (about 24 bytes each), or use outcomeCounts(), where(...), withHeaders(...), "
                + "between(...) and sample()");
    }

    /**
     * The headers a request carried, as given to the spec.
     *
     * @param index the request, 0-based, in send order
     * @return its headers
     * @throws IllegalStateException on an {@link #aggregated()} result
     */
    public Map<String, String> headersOf(int index) {
        if (view != null) {
            throw perRequest("headersOf(" + index + ")");
        }
        java.util.Objects.checkIndex(index, outcomes.length);
        return perRequestHeaders == null ? commonHeaders : perRequestHeaders.get(index);
    }

    /** {@return how many requests were sent} */
    public int size() {
        return view != null ? (int) view.count() : outcomes.length;
    }

    /** {@return what was sent} */
    public String description() {
        return description;
    }

    /** {@return the simulation's seed} */
    public long seed() {
        return seed;
    }

    /**
     * {@return every request's outcome, in send order}
     *
     * @throws IllegalStateException on an {@link #aggregated()} result: see {@link #outcomeCounts()}
     */
    public List<Outcome> outcomes() {
        if (view != null) {
            throw perRequest("outcomes()");
        }
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

    /** {@return requests by answering workload; failures that no pod answered count under {@code "-"}} */
    public Map<String, Long> countByWorkload() {
        return count(o -> o.workload().orElse("-"));
    }

    /** {@return requests by answering pod ({@code namespace/name}); {@code "-"} when none} */
    public Map<String, Long> countByPod() {
        return count(o -> o.pod().isEmpty() ? "-" : o.namespace().orElseThrow() + "/" + o.pod().orElseThrow());
    }

    /** {@return requests by the answering pod's {@code version} label; {@code "-"} when none} */
    public Map<String, Long> countByVersion() {
        return count(o -> o.version().orElse("-"));
    }

    /** {@return requests by Envoy cluster; {@code "-"} when none (a client without sidecar, a 404)} */
    public Map<String, Long> countByCluster() {
        return count(o -> o.cluster().orElse("-"));
    }

    /**
     * Requests by Envoy response flag, in Envoy's order: a request with {@code UT,URX} counts under
     * both; requests without flags are not counted.
     *
     * @return the count of requests carrying each flag that any request carries
     */
    public Map<ResponseFlag, Long> countByFlag() {
        Map<ResponseFlag, Long> counts = new java.util.EnumMap<>(ResponseFlag.class);
        outcomeCounts().forEach((o, n) -> {
            for (ResponseFlag f : o.flags()) {
                counts.merge(f, n, Long::sum);
            }
        });
        return Collections.unmodifiableMap(counts);
    }

    /** {@return requests by HTTP status (0: no HTTP response)} */
    public Map<Integer, Long> countByStatus() {
        return count(Outcome::status);
    }

    private <K extends Comparable<K>> Map<K, Long> count(Function<Outcome, K> key) {
        Map<K, Long> sorted = new TreeMap<>();
        outcomeCounts().forEach((o, n) -> sorted.merge(key.apply(o), n, Long::sum));
        return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    // ---------------------------------------------------------------- virtual time

    /** {@return the mesh's virtual time when this send began (time goes on across sends)} */
    public Duration startedAt() {
        return Duration.ofNanos(startedAt);
    }

    /**
     * When a request started, counted from the start of this send.
     *
     * @param index the request, 0-based, in send order
     * @return its start on the virtual clock
     * @throws IllegalStateException on an {@link #aggregated()} result
     */
    public Duration startOf(int index) {
        if (view != null) {
            throw perRequest("startOf(" + index + ")");
        }
        java.util.Objects.checkIndex(index, outcomes.length);
        return Duration.ofNanos(startNanos[index]);
    }

    /**
     * A request's virtual latency: from its start to its answer.
     *
     * @param index the request, 0-based, in send order
     * @return its latency
     * @throws IllegalStateException on an {@link #aggregated()} result
     */
    public Duration latencyOf(int index) {
        if (view != null) {
            throw perRequest("latencyOf(" + index + ")");
        }
        java.util.Objects.checkIndex(index, outcomes.length);
        return Duration.ofNanos(latencyNanos[index]);
    }

    /**
     * {@return every request's latency in nanoseconds, in send order (a copy)}
     *
     * @throws IllegalStateException on an {@link #aggregated()} result
     */
    public long[] latenciesNanos() {
        if (view != null) {
            throw perRequest("latenciesNanos()");
        }
        return latencyNanos.clone();
    }

    /**
     * {@return every request's start in nanoseconds since this send began, in send order (a copy)}
     *
     * @throws IllegalStateException on an {@link #aggregated()} result
     */
    public long[] startsNanos() {
        if (view != null) {
            throw perRequest("startsNanos()");
        }
        return startNanos.clone();
    }

    /**
     * How many upstream attempts a request's client proxy made.
     *
     * @param index the request, 0-based, in send order
     * @return retries + 1; 0 when answered before the router (a 404 {@code NR}, a fault abort); 1 without a sidecar
     * @throws IllegalStateException on an {@link #aggregated()} result: see {@link #countByAttempts()}
     */
    public int attemptsOf(int index) {
        if (view != null) {
            throw perRequest("attemptsOf(" + index + ")");
        }
        java.util.Objects.checkIndex(index, outcomes.length);
        return attempts[index];
    }

    /** {@return requests by number of attempts} */
    public Map<Integer, Long> countByAttempts() {
        if (view != null) {
            return view.attemptCounts();
        }
        Map<Integer, Long> sorted = new TreeMap<>();
        for (int a : attempts) {
            sorted.merge(a, 1L, Long::sum);
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    /** {@return upstream attempts made in all (requests plus retries)} */
    public long totalAttempts() {
        if (view != null) {
            return view.totalAttempts();
        }
        long t = 0;
        for (int a : attempts) {
            t += a;
        }
        return t;
    }

    /** {@return how many mirror copies the proxies sent during this send (their answers never reach the client)} */
    public long mirrored() {
        return mirrored;
    }

    /**
     * The latency at percentile {@code p} (0..100]: the nearest rank, the smallest latency that at
     * least {@code p}% of the requests do not exceed, exactly while the requests took at most 128
     * distinct latencies (fixed service times, a few retries or delays); beyond that, as
     * HdrHistogram computes it with three significant digits (within 0.1%), held within the exact
     * smallest and largest latency. Both forms of a result compute it so, to the nanosecond alike.
     * {@code latencyPercentile(50)} is the median; {@code latencyPercentile(100)} is {@link #maxLatency()}.
     *
     * @param p the percentile, in (0, 100]
     * @return the latency
     */
    public Duration latencyPercentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile " + p + " is not in (0, 100]");
        }
        return Duration.ofNanos(latencies().percentile(p));
    }

    /** {@return the mean latency, to the nanosecond (rounded down)} */
    public Duration meanLatency() {
        return Duration.ofNanos(latencies().mean());
    }

    /** {@return the longest latency} */
    public Duration maxLatency() {
        return Duration.ofNanos(latencies().max());
    }

    /**
     * How many requests took longer than {@code bound}: exact while {@link #latencyFiguresExact()},
     * else to HdrHistogram's resolution (0.1%), the same on both forms of a result.
     *
     * <pre>{@code r.countLongerThan(ofMillis(150));   // requests over the SLO}</pre>
     *
     * @param bound the latency
     * @return the number of requests whose latency exceeds it
     */
    public long countLongerThan(Duration bound) {
        return latencies().countAbove(saturatedNanos(Objects.requireNonNull(bound, "bound")));
    }

    /**
     * {@return whether the latency figures are exact: the requests took at most 128 distinct
     * latencies; beyond, percentiles and {@link #countLongerThan} come from an HdrHistogram (0.1%)}
     */
    public boolean latencyFiguresExact() {
        return latencies().exact();
    }

    /** The latencies tallied: by the view of an aggregated result, once from the array otherwise. */
    private Latencies latencies() {
        if (view != null) {
            return view.latencies();
        }
        Latencies l = latencyTally;
        if (l == null) {
            l = new Latencies();
            for (long latency : latencyNanos) {
                l.record(latency);
            }
            latencyTally = l;
        }
        return l;
    }

    /** {@return the virtual time from the start of this send to its last answer} */
    public Duration elapsed() {
        if (view != null) {
            return Duration.ofNanos(view.lastEnd());
        }
        long end = 0;
        for (int i = 0; i < outcomes.length; i++) {
            end = Math.max(end, startNanos[i] + latencyNanos[i]);
        }
        return Duration.ofNanos(end);
    }

    /**
     * Requests by the virtual second (since the start of this send) they started in, then by
     * status: {@code {0={200=9}, 1={200=7, 503=3}}}. Seconds with no request are absent.
     *
     * @return counts by second, then by status
     * @throws IllegalStateException on an aggregated result of a send that lasted more than
     *         {@value Aggregate#MAX_BINS} virtual seconds: it keeps bins of several seconds
     */
    public SortedMap<Long, Map<Integer, Long>> countByStatusPerSecond() {
        if (view != null) {
            if (aggregate.binNanos() != Aggregate.SECOND) {
                throw new IllegalStateException("countByStatusPerSecond(): this aggregated result kept its requests in bins of "
                        + DurationFormat.of(Duration.ofNanos(aggregate.binNanos())) + " (the send lasted longer than "
                        + Aggregate.MAX_BINS + " seconds); keepEveryRequest() keeps every second");
            }
            return view.countByStatusPerSecond();
        }
        TreeMap<Long, TreeMap<Integer, Long>> m = new TreeMap<>();
        for (int i = 0; i < outcomes.length; i++) {
            m.computeIfAbsent(startNanos[i] / 1_000_000_000L, k -> new TreeMap<>()).merge(outcomes[i].status(), 1L, Long::sum);
        }
        TreeMap<Long, Map<Integer, Long>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * The requests that started in {@code [from, to)} (since the start of this send), as a result
     * of their own: {@code r.between(ZERO, ofSeconds(5))} for "no errors before 5 s". Mirror
     * copies are counted per send, not per request, so a window reports none. On an
     * {@link #aggregated()} result a window starts and ends on a whole second (a whole bin, for a
     * send that outlasted {@value Aggregate#MAX_BINS} seconds), or ends after the last request.
     *
     * @param from the window's start, inclusive, since the start of this send
     * @param to the window's end, exclusive
     * @return the requests that started in the window
     * @throws IllegalStateException on an aggregated result, for a window that cuts a second
     */
    public TrafficResult between(Duration from, Duration to) {
        return between(from, to, "those started from " + DurationFormat.of(Objects.requireNonNull(from, "from")) + " to "
                + DurationFormat.of(Objects.requireNonNull(to, "to")));
    }

    /**
     * The requests that started in {@code [from, to)}, as {@link #between(Duration, Duration)},
     * with {@code label} in the description: {@code r.between(ZERO, ofSeconds(5), "the warm-up")}.
     *
     * @param from the window's start, inclusive, since the start of this send
     * @param to the window's end, exclusive
     * @param label what the window's requests are, for the description
     * @return the requests that started in the window
     */
    public TrafficResult between(Duration from, Duration to, String label) {
        long a = Objects.requireNonNull(from, "from").toNanos();
        long b = saturatedNanos(Objects.requireNonNull(to, "to"));
        if (b < a) {
            throw new IllegalArgumentException("between(" + DurationFormat.of(from) + ", " + DurationFormat.of(to)
                    + "): the window ends before it starts");
        }
        if (view != null) {
            long bin = aggregate.binNanos();
            boolean toFits = b % bin == 0 || b > aggregate.maxStart();
            if ((a % bin != 0 && a <= aggregate.maxStart()) || !toFits) {
                throw new IllegalStateException("between(" + DurationFormat.of(from) + ", " + DurationFormat.of(to)
                        + "): this aggregated result counts requests by the " + DurationFormat.of(Duration.ofNanos(bin))
                        + " they started in, so a window starts and ends on a multiple of " + DurationFormat.of(Duration.ofNanos(bin))
                        + "; keepEveryRequest() keeps every request's start");
            }
            Aggregate.View w = view.between(a, b);
            return new TrafficResult(this, described(label, w.count()), w, 0);
        }
        return select(i -> startNanos[i] >= a && startNanos[i] < b, label);
    }

    private static long saturatedNanos(Duration d) {
        return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }

    /**
     * The requests whose outcome {@code keep} accepts, as a result of their own (either form):
     *
     * <pre>{@code
     * r.where(o -> o.status() == 503, "the 503s").latencyPercentile(99);
     * }</pre>
     *
     * @param keep which outcomes to keep
     * @param label what the kept requests are, for the description
     * @return the kept requests
     */
    public TrafficResult where(java.util.function.Predicate<Outcome> keep, String label) {
        Objects.requireNonNull(keep, "keep");
        if (view != null) {
            Aggregate.View w = view.where(g -> keep.test(g.outcome()));
            return new TrafficResult(this, described(label, w.count()), w, 0);
        }
        return select(i -> keep.test(outcomes[i]), label);
    }

    /**
     * The requests whose headers (as given to the spec) {@code keep} accepts, as a result of their
     * own (either form):
     *
     * <pre>{@code
     * r.withHeaders(h -> "jason".equals(h.get("end-user")), "jason's").countByVersion();
     * }</pre>
     *
     * @param keep which header sets to keep
     * @param label what the kept requests are, for the description
     * @return the kept requests
     * @throws IllegalStateException on an aggregated result whose requests carried more than
     *         {@value Aggregate#MAX_GROUPS_WITH_HEADERS} different header sets (or more than
     *         {@value Aggregate#MAX_CELLS_WITH_HEADERS} pairs of second and header set): it counts them by outcome alone
     */
    public TrafficResult withHeaders(java.util.function.Predicate<Map<String, String>> keep, String label) {
        Objects.requireNonNull(keep, "keep");
        if (view != null) {
            if (!aggregate.headersKept()) {
                throw new IllegalStateException("withHeaders(...): this aggregated result's requests carried too many different "
                        + "sets of headers (more than " + Aggregate.MAX_GROUPS_WITH_HEADERS + ", or more than "
                        + Aggregate.MAX_CELLS_WITH_HEADERS + " pairs of second and header set), so it counts them by outcome "
                        + "alone; keepEveryRequest() keeps every request's headers");
            }
            Aggregate.View w = view.where(g -> keep.test(g.headers() == null ? commonHeaders : g.headers()));
            return new TrafficResult(this, described(label, w.count()), w, 0);
        }
        return select(i -> keep.test(headersOf(i)), label);
    }

    private String described(String label, long kept) {
        return (description == null ? "requests" : description) + ", " + label + " (" + kept + " of " + size() + ")";
    }

    /**
     * The requests {@code keep} accepts (by index), as a result of their own, with their outcomes,
     * times, attempts and headers; the description gains {@code ", <label> (k of n)"}. Mirror
     * copies are counted per send, so a selection reports none.
     *
     * <pre>{@code
     * r.select(i -> r.headersOf(i).containsKey("end-user"), "those with an end-user");
     * }</pre>
     *
     * @param keep whether to keep the request of an index
     * @param label what the kept requests are, for the description
     * @return the kept requests
     * @throws IllegalStateException on an {@link #aggregated()} result: see {@link #where} and {@link #withHeaders}
     */
    public TrafficResult select(IntPredicate keep, String label) {
        if (view != null) {
            throw perRequest("select(...)");
        }
        int n = 0;
        for (int i = 0; i < outcomes.length; i++) {
            if (keep.test(i)) {
                n++;
            }
        }
        Outcome[] o = new Outcome[n];
        long[] st = new long[n];
        long[] lat = new long[n];
        int[] att = new int[n];
        List<Map<String, String>> hs = perRequestHeaders == null ? null : new ArrayList<>(n);
        int k = 0;
        int[] original = new int[n];
        for (int i = 0; i < outcomes.length; i++) {
            if (keep.test(i)) {
                original[k] = i;
                o[k] = outcomes[i];
                st[k] = startNanos[i];
                lat[k] = latencyNanos[i];
                att[k] = attempts[i];
                if (hs != null) {
                    hs.add(perRequestHeaders.get(i));
                }
                k++;
            }
        }
        TrafficResult kept = owning(described(label, n), seed, o, commonHeaders, hs,
                new Timing(startedAt, st, lat, att, 0)).withNotes(notes);
        kept.spec = spec;
        if (replay != null) {
            IntFunction<Explanation> whole = replay;
            kept.replay = i -> whole.apply(original[i]);
        }
        return kept;
    }

    /** {@return when the first request started, since the start of this send; empty for no requests} */
    public Optional<Duration> firstStartAt() {
        if (view != null) {
            return view.count() == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(view.firstStart()));
        }
        long first = Long.MAX_VALUE;
        for (long s : startNanos) {
            first = Math.min(first, s);
        }
        return startNanos.length == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(first));
    }

    /** {@return when the first request that did not succeed (not 2xx) started, since the start of this send} */
    public Optional<Duration> firstFailureAt() {
        if (view != null) {
            long t = view.firstFailureStart();
            return t < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(t));
        }
        long first = Long.MAX_VALUE;
        for (int i = 0; i < outcomes.length; i++) {
            if (!outcomes[i].succeeded()) {
                first = Math.min(first, startNanos[i]);
            }
        }
        return first == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofNanos(first));
    }

    /** {@return when the last request that succeeded (2xx) started, since the start of this send} */
    public Optional<Duration> lastSuccessAt() {
        if (view != null) {
            long t = view.lastSuccessStart();
            return t == Long.MIN_VALUE ? Optional.empty() : Optional.of(Duration.ofNanos(t));
        }
        long last = Long.MIN_VALUE;
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i].succeeded()) {
                last = Math.max(last, startNanos[i]);
            }
        }
        return last == Long.MIN_VALUE ? Optional.empty() : Optional.of(Duration.ofNanos(last));
    }

    /** {@return a short table: where the requests went, with status, flag, count and share} */
    @Override
    public String toString() {
        Map<List<String>, Long> rows = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        outcomeCounts().forEach((o, n) -> rows.merge(List.of(o.where(), Integer.toString(o.status()), o.flagsText()), n, Long::sum));
        int total = size();
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"DESTINATION", "STATUS", "FLAG", "COUNT", "SHARE"});
        rows.forEach((k, n) -> lines.add(new String[] {k.get(0), k.get(1), k.get(2), Long.toString(n),
                String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * n / total)}));
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
        for (String note : notes) {
            sb.append(note).append('\n');
        }
        return sb.toString();
    }
}
