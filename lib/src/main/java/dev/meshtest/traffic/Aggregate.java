package dev.meshtest.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The aggregated form of a result: what a send of any size keeps in memory that does not grow
 * with the number of requests.
 *
 * <p>Requests are counted in <em>cells</em>: one per (time bin, group), where a bin is a span of
 * virtual time by request start (one second at first; when a send outlasts {@value #MAX_BINS}
 * bins, neighbours merge and bins double) and a group is the requests with the same outcome,
 * attempts and, when headers differ per request, headers. A cell holds the count, the first
 * index, first and last start, last answer and a tally of the latencies ({@link Latencies}). Every question a result answers is a sum over cells, so
 * a window of whole bins, a filter on outcomes or on headers, and any mix of them answer exactly
 * as the result that keeps every request does.
 *
 * <p>It also keeps a sample of single requests for explanations: the first {@value #FAILURES_KEPT}
 * failures by index, and a reservoir of {@value #RESERVOIR} of the others (Algorithm L). The
 * reservoir draws from its own generator, seeded from the mesh's seed: the simulation's random
 * stream is never touched, so a send answers the same whatever its result keeps.
 *
 * <pre>{@code
 * Aggregate a = new Aggregate(42, Map.of());
 * a.add(0, outcome, 0, 101_000_000, 1, null);
 * a.view().count();   // 1
 * }</pre>
 */
final class Aggregate {

    static final long SECOND = 1_000_000_000L;
    /** Bins of virtual time; a longer send merges neighbours, so a bin spans 2, 4, 8 ... seconds. */
    static final int MAX_BINS = 1024;
    /** Groups (outcome, attempts, headers) kept before per-request headers are let go. */
    static final int MAX_GROUPS_WITH_HEADERS = 4096;
    /** Cells kept before per-request headers are let go: about 50 MB (a long send with many header sets). */
    static final int MAX_CELLS_WITH_HEADERS = 200_000;
    static final int FAILURES_KEPT = 1000;
    static final int RESERVOIR = 1000;

    /** Requests with the same outcome, attempts and headers ({@code null}: the send's common headers). */
    record Group(Outcome outcome, int attempts, Map<String, String> headers) {
    }

    /** What the requests of one group that started in one bin add up to. */
    static final class Cell {
        long count;
        int firstIndex = Integer.MAX_VALUE;
        long minStart = Long.MAX_VALUE;
        long maxStart = Long.MIN_VALUE;
        long maxEnd = Long.MIN_VALUE;
        final Latencies latencies = new Latencies();

        void add(int index, long start, long latency) {
            count++;
            firstIndex = Math.min(firstIndex, index);
            minStart = Math.min(minStart, start);
            maxStart = Math.max(maxStart, start);
            maxEnd = Math.max(maxEnd, start + latency);
            latencies.record(latency);
        }

        void addAll(Cell c) {
            count += c.count;
            firstIndex = Math.min(firstIndex, c.firstIndex);
            minStart = Math.min(minStart, c.minStart);
            maxStart = Math.max(maxStart, c.maxStart);
            maxEnd = Math.max(maxEnd, c.maxEnd);
            latencies.addAll(c.latencies);
        }
    }

    private final Map<String, String> commonHeaders;
    private final List<Group> groups = new ArrayList<>();
    private final Map<Group, Integer> idsWithHeaders = new HashMap<>();
    /** Group ids of the groups without headers of their own, by outcome, then attempts (id + 1; 0: none yet). */
    private final Map<Outcome, int[]> ids = new HashMap<>();
    /** The last two groups without headers of their own: a 20/80 split alternates between two outcomes. */
    private Outcome lastOutcome;
    private int lastAttempts = -1;
    private int lastId;
    private Outcome previousOutcome;
    private int previousAttempts = -1;
    private int previousId;
    private boolean headersKept = true;

    private long binNanos = SECOND;
    /** The bin the last request started in, and the virtual times it spans (start inclusive, end exclusive). */
    private int lastBin;
    private long lastBinStart;
    private long lastBinEnd;
    /** {@code bins[b][group]}: the cell of a group in bin b, or null. */
    private Cell[][] bins = new Cell[MAX_BINS][];
    private int usedBins;
    private int cellCount;
    private long count;
    private long maxStart = -1;

    private final TreeMap<Integer, SentRequest> failures = new TreeMap<>();
    /** The greatest index among {@code failures}: a send with many failures asks it for each one. */
    private int lastFailureKept = -1;
    private final SentRequest[] reservoir = new SentRequest[RESERVOIR];
    private long othersSeen;
    /** Algorithm L's state: the index (among the others) of the next request that enters the reservoir, and W. */
    private long nextReplaced = -1;
    private double weight;
    private final SplittableRandom sampling;

    Aggregate(long seed, Map<String, String> commonHeaders) {
        this.commonHeaders = Map.copyOf(commonHeaders);
        // Its own stream, so that sampling never changes what the simulation draws.
        this.sampling = new SplittableRandom(seed ^ 0x5A4D504C45L);
    }

    /**
     * Counts one answered request.
     *
     * @param index its index in the send
     * @param o its outcome
     * @param start its start, since the start of the send
     * @param latency its latency
     * @param attempts its upstream attempts
     * @param headers its headers when they differ per request, else {@code null}
     */
    void add(int index, Outcome o, long start, long latency, int attempts, Map<String, String> headers) {
        int g = groupOf(o, attempts, headers);
        int bin;
        if (start >= lastBinStart && start < lastBinEnd) {
            bin = lastBin;   // most requests start in the bin of the one before (no division)
        } else {
            long b = start / binNanos;
            while (b >= MAX_BINS) {
                coarsen();
                b = start / binNanos;
            }
            bin = (int) b;
            lastBin = bin;
            lastBinStart = b * binNanos;
            lastBinEnd = lastBinStart + binNanos;
        }
        Cell[] cells = bins[bin];
        if (cells == null) {
            cells = new Cell[Math.max(4, groups.size())];
            bins[bin] = cells;
            usedBins = Math.max(usedBins, bin + 1);
        } else if (g >= cells.length) {
            cells = Arrays.copyOf(cells, Math.max(g + 1, cells.length * 2));
            bins[bin] = cells;
        }
        Cell c = cells[g];
        if (c == null) {
            if (headers != null && headersKept && cellCount >= MAX_CELLS_WITH_HEADERS) {
                dropHeaders();
                add(index, o, start, latency, attempts, headers);
                return;
            }
            c = new Cell();
            cells[g] = c;
            cellCount++;
        }
        c.add(index, start, latency);
        count++;
        maxStart = Math.max(maxStart, start);
        sample(index, o, start, latency, attempts, headers);
    }

    private int groupOf(Outcome o, int attempts, Map<String, String> headers) {
        if (headers == null || !headersKept) {
            if (o == lastOutcome && attempts == lastAttempts) {
                return lastId;
            }
            if (o == previousOutcome && attempts == previousAttempts) {
                return previousId;
            }
            int[] byAttempts = ids.get(o);
            if (byAttempts == null || attempts >= byAttempts.length) {
                byAttempts = byAttempts == null ? new int[Math.max(4, attempts + 1)] : Arrays.copyOf(byAttempts, attempts + 4);
                ids.put(o, byAttempts);
            }
            if (byAttempts[attempts] == 0) {
                groups.add(new Group(o, attempts, null));
                byAttempts[attempts] = groups.size();
            }
            previousOutcome = lastOutcome;
            previousAttempts = lastAttempts;
            previousId = lastId;
            lastOutcome = o;
            lastAttempts = attempts;
            lastId = byAttempts[attempts] - 1;
            return lastId;
        }
        Group key = new Group(o, attempts, headers);
        Integer id = idsWithHeaders.get(key);
        if (id == null) {
            if (groups.size() >= MAX_GROUPS_WITH_HEADERS) {
                dropHeaders();
                return groupOf(o, attempts, null);
            }
            id = groups.size();
            groups.add(key);
            idsWithHeaders.put(key, id);
        }
        return id;
    }

    /** Too many different header sets: counts go on by outcome and attempts alone. */
    private void dropHeaders() {
        headersKept = false;
        List<Group> before = new ArrayList<>(groups);
        groups.clear();
        idsWithHeaders.clear();
        ids.clear();
        lastOutcome = null;
        previousOutcome = null;
        int[] to = new int[before.size()];
        for (int i = 0; i < before.size(); i++) {
            to[i] = groupOf(before.get(i).outcome(), before.get(i).attempts(), null);
        }
        for (int b = 0; b < usedBins; b++) {
            Cell[] old = bins[b];
            if (old == null) {
                continue;
            }
            Cell[] merged = new Cell[groups.size()];
            for (int i = 0; i < old.length; i++) {
                if (old[i] != null) {
                    merged[to[i]] = merge(merged[to[i]], old[i]);
                }
            }
            bins[b] = merged;
        }
        recountCells();
    }

    private void recountCells() {
        cellCount = 0;
        for (int b = 0; b < usedBins; b++) {
            for (int g = 0; bins[b] != null && g < bins[b].length; g++) {
                cellCount += bins[b][g] == null ? 0 : 1;
            }
        }
    }

    /** Bins twice as wide: neighbours merge. */
    private void coarsen() {
        Cell[][] wider = new Cell[MAX_BINS][];
        for (int b = 0; b < usedBins; b++) {
            Cell[] from = bins[b];
            if (from == null) {
                continue;
            }
            Cell[] into = wider[b / 2];
            if (into == null) {
                into = new Cell[groups.size()];
                wider[b / 2] = into;
            } else if (into.length < from.length) {
                into = Arrays.copyOf(into, groups.size());
                wider[b / 2] = into;
            }
            for (int g = 0; g < from.length; g++) {
                if (from[g] != null) {
                    into[g] = merge(into[g], from[g]);
                }
            }
        }
        bins = wider;
        usedBins = (usedBins + 1) / 2;
        binNanos *= 2;
        lastBinEnd = lastBinStart;   // the next request looks its bin up again
        recountCells();
    }

    private static Cell merge(Cell into, Cell c) {
        if (into == null) {
            return c;
        }
        into.addAll(c);
        return into;
    }

    private void sample(int index, Outcome o, long start, long latency, int attempts, Map<String, String> headers) {
        if (!o.succeeded()) {
            if (failures.size() < FAILURES_KEPT || index < lastFailureKept) {
                failures.put(index, sent(index, o, start, latency, attempts, headers));
                if (failures.size() > FAILURES_KEPT) {
                    failures.pollLastEntry();
                }
                lastFailureKept = failures.lastKey();
            }
            return;
        }
        long seen = othersSeen++;
        if (seen < RESERVOIR) {
            reservoir[(int) seen] = sent(index, o, start, latency, attempts, headers);
            if (seen == RESERVOIR - 1) {
                skipAhead();
            }
        } else if (seen == nextReplaced) {
            reservoir[sampling.nextInt(RESERVOIR)] = sent(index, o, start, latency, attempts, headers);
            skipAhead();
        }
    }

    /**
     * Li's Algorithm L: a uniform reservoir that draws only when it replaces (about
     * {@code k log(n/k)} times for n requests), not once per request. StrictMath, so the sample is
     * the same on every JVM.
     */
    private void skipAhead() {
        if (nextReplaced < 0) {
            weight = StrictMath.exp(StrictMath.log(uniform()) / RESERVOIR);
            nextReplaced = RESERVOIR - 1;
        } else {
            weight *= StrictMath.exp(StrictMath.log(uniform()) / RESERVOIR);
        }
        nextReplaced += (long) StrictMath.floor(StrictMath.log(uniform()) / StrictMath.log1p(-weight)) + 1;
    }

    /** A draw in (0, 1]. */
    private double uniform() {
        return 1.0 - sampling.nextDouble();
    }

    private SentRequest sent(int index, Outcome o, long start, long latency, int attempts, Map<String, String> headers) {
        return new SentRequest(index, o, Duration.ofNanos(start), Duration.ofNanos(latency), attempts,
                headers == null ? commonHeaders : headers);
    }

    /** {@return how many requests were counted} */
    long count() {
        return count;
    }

    /** {@return every request counted, as a view} */
    View view() {
        return new View(0, usedBins, g -> true);
    }

    /**
     * A selection of the counted requests: the bins {@code [fromBin, toBin)} and the groups
     * {@code keep} accepts. Computed once; immutable once the send is over.
     */
    final class View {
        private final int fromBin;
        private final int toBin;
        private final Predicate<Group> keep;
        private final long viewCount;
        private final Map<Outcome, Long> outcomeCounts;
        private final Map<Integer, Long> attemptCounts;
        private final long totalAttempts;
        private final int firstFailureIndex;
        private final long firstStart;
        private final long firstFailureStart;
        private final long lastSuccessStart;
        private final long lastEnd;
        /** Made on first use; volatile so a view shared across threads sees a complete tally. */
        private volatile Latencies latencies;

        View(int fromBin, int toBin, Predicate<Group> keep) {
            this.fromBin = fromBin;
            this.toBin = Math.min(toBin, usedBins);
            this.keep = keep;
            long n = 0;
            long attemptsSum = 0;
            int firstFail = Integer.MAX_VALUE;
            long first = Long.MAX_VALUE;
            long firstFailStart = Long.MAX_VALUE;
            long lastSuccess = Long.MIN_VALUE;
            long end = Long.MIN_VALUE;
            Map<Outcome, long[]> byOutcome = new HashMap<>();   // {count, first index}
            TreeMap<Integer, Long> byAttempts = new TreeMap<>();
            for (int b = fromBin; b < this.toBin; b++) {
                Cell[] cells = bins[b];
                for (int g = 0; cells != null && g < cells.length; g++) {
                    Cell c = cells[g];
                    if (c == null || !keep.test(groups.get(g))) {
                        continue;
                    }
                    Group group = groups.get(g);
                    n += c.count;
                    attemptsSum += c.count * group.attempts();
                    byAttempts.merge(group.attempts(), c.count, Long::sum);
                    long[] oc = byOutcome.computeIfAbsent(group.outcome(), k -> new long[] {0, Long.MAX_VALUE});
                    oc[0] += c.count;
                    oc[1] = Math.min(oc[1], c.firstIndex);
                    first = Math.min(first, c.minStart);
                    if (group.outcome().succeeded()) {
                        lastSuccess = Math.max(lastSuccess, c.maxStart);
                    } else {
                        firstFail = Math.min(firstFail, c.firstIndex);
                        firstFailStart = Math.min(firstFailStart, c.minStart);
                    }
                    end = Math.max(end, c.maxEnd);
                }
            }
            List<Map.Entry<Outcome, long[]>> ordered = new ArrayList<>(byOutcome.entrySet());
            ordered.sort((x, y) -> Long.compare(x.getValue()[1], y.getValue()[1]));   // first index: send order
            Map<Outcome, Long> outcomes = new LinkedHashMap<>();
            ordered.forEach(e -> outcomes.put(e.getKey(), e.getValue()[0]));
            this.viewCount = n;
            this.outcomeCounts = Collections.unmodifiableMap(outcomes);
            this.attemptCounts = Collections.unmodifiableMap(new LinkedHashMap<>(byAttempts));
            this.totalAttempts = attemptsSum;
            this.firstFailureIndex = firstFail;
            this.firstStart = first;
            this.firstFailureStart = firstFailStart;
            this.lastSuccessStart = lastSuccess;
            this.lastEnd = end;
        }

        long count() {
            return viewCount;
        }

        Map<Outcome, Long> outcomeCounts() {
            return outcomeCounts;
        }

        Map<Integer, Long> attemptCounts() {
            return attemptCounts;
        }

        long totalAttempts() {
            return totalAttempts;
        }

        /** {@return the smallest index of a request that did not succeed, or -1} */
        int firstFailureIndex() {
            return firstFailureIndex == Integer.MAX_VALUE ? -1 : firstFailureIndex;
        }

        /** {@return the first start, or -1 when empty} */
        long firstStart() {
            return viewCount == 0 ? -1 : firstStart;
        }

        long firstFailureStart() {
            return firstFailureStart == Long.MAX_VALUE ? -1 : firstFailureStart;
        }

        long lastSuccessStart() {
            return lastSuccessStart;
        }

        /** {@return the last answer, since the start of the send (0 when empty)} */
        long lastEnd() {
            return viewCount == 0 ? 0 : lastEnd;
        }

        /** {@return the latencies of the view's requests, tallied once} */
        Latencies latencies() {
            Latencies l = latencies;
            if (l == null) {
                l = new Latencies();
                for (int b = fromBin; b < toBin; b++) {
                    Cell[] cells = bins[b];
                    for (int g = 0; cells != null && g < cells.length; g++) {
                        if (cells[g] != null && keep.test(groups.get(g))) {
                            l.addAll(cells[g].latencies);
                        }
                    }
                }
                latencies = l;
            }
            return l;
        }

        /** {@return counts by the second requests started in, then status; empty unless bins are one second} */
        SortedMap<Long, Map<Integer, Long>> countByStatusPerSecond() {
            TreeMap<Long, Map<Integer, Long>> out = new TreeMap<>();
            for (int b = fromBin; b < toBin; b++) {
                Cell[] cells = bins[b];
                TreeMap<Integer, Long> byStatus = new TreeMap<>();
                for (int g = 0; cells != null && g < cells.length; g++) {
                    if (cells[g] != null && keep.test(groups.get(g))) {
                        byStatus.merge(groups.get(g).outcome().status(), cells[g].count, Long::sum);
                    }
                }
                if (!byStatus.isEmpty()) {
                    out.put(b * binNanos / SECOND, Collections.unmodifiableMap(new LinkedHashMap<>(byStatus)));
                }
            }
            return Collections.unmodifiableSortedMap(out);
        }

        /** {@return the requests of this view that started in {@code [fromNanos, toNanos)}, which must be whole bins} */
        View between(long fromNanos, long toNanos) {
            int a = (int) Math.min(MAX_BINS, fromNanos / binNanos);
            int b = toNanos > maxStart ? MAX_BINS : (int) Math.min(MAX_BINS, toNanos / binNanos);
            return new View(Math.max(fromBin, a), Math.min(toBin, Math.max(a, b)), keep);
        }

        View where(Predicate<Group> more) {
            return new View(fromBin, toBin, keep.and(more));
        }

        /** {@return the sampled requests in this view, by index} */
        List<SentRequest> sample() {
            List<SentRequest> all = new ArrayList<>(failures.values());
            for (SentRequest s : reservoir) {
                if (s != null) {
                    all.add(s);
                }
            }
            long from = fromBin * binNanos;
            long to = toBin >= usedBins ? Long.MAX_VALUE : toBin * binNanos;
            List<SentRequest> in = new ArrayList<>();
            for (SentRequest s : all) {
                long start = s.start().toNanos();
                Map<String, String> h = s.headers().equals(commonHeaders) ? null : s.headers();
                if (start >= from && start < to && keep.test(new Group(s.outcome(), s.attempts(), headersKept ? h : null))) {
                    in.add(s);
                }
            }
            in.sort((x, y) -> Integer.compare(x.index(), y.index()));
            return Collections.unmodifiableList(in);
        }
    }

    /** {@return the width of a bin, in nanoseconds: a second, or a power of two of seconds} */
    long binNanos() {
        return binNanos;
    }

    /** {@return the latest start counted, or -1} */
    long maxStart() {
        return maxStart;
    }

    /** {@return whether groups still tell requests apart by their headers} */
    boolean headersKept() {
        return headersKept;
    }

    Map<String, String> commonHeaders() {
        return commonHeaders;
    }
}
