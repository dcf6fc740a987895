package dev.meshtest.assertj;

import dev.meshtest.traffic.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Outcomes with how many requests ended so: what the assertions filter and break down, the same on
 * a result that keeps every request and on an aggregated one.
 *
 * <pre>{@code
 * Counted failed = Counted.of(result.outcomeCounts()).where(o -> !o.succeeded());
 * failed.size();   // how many requests failed
 * }</pre>
 *
 * @param counts each outcome with its count, in the order of the first request that had it
 */
record Counted(Map<Outcome, Long> counts) {

    static Counted of(Map<Outcome, Long> counts) {
        return new Counted(counts);
    }

    /** {@return how many requests, all outcomes together} */
    long size() {
        long n = 0;
        for (long c : counts.values()) {
            n += c;
        }
        return n;
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** {@return the outcomes {@code keep} accepts, with their counts, in the same order} */
    Counted where(Predicate<Outcome> keep) {
        Map<Outcome, Long> out = new LinkedHashMap<>();
        counts.forEach((o, n) -> {
            if (keep.test(o)) {
                out.put(o, n);
            }
        });
        return new Counted(out);
    }
}
