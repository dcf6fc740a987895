package dev.meshtest.internal.text;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * "Did you mean": the known name closest to a misspelt one by edit distance, when it is close.
 * Distances are computed only up to the limit asked for (a band of the table, never the whole
 * table), so a name of a million characters costs a length comparison, not a million-row table.
 *
 * <pre>{@code
 * Suggestions.closest("prots", List.of("ports", "selector"));   // "ports"
 * Suggestions.distance("U0", "UO", 2);                           // 1
 * }</pre>
 */
@API(status = INTERNAL, since = "0.3")
public final class Suggestions {
    /** Names longer than this get no suggestion: nobody mistypes a name this long by one letter. */
    public static final int MAX_NAME = 64;

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code name}, ignoring case, at most 2 edits away (1 for names of
     * up to 4 characters); ties go to the alphabetically first. {@code null} when none is close,
     * or the name is longer than {@link #MAX_NAME}.
     */
    public static String closest(String name, Collection<String> candidates) {
        if (name.length() > MAX_NAME) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        int limit = name.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : new TreeSet<>(candidates)) {
            int d = distance(lower, c.toLowerCase(Locale.ROOT), limit);
            if (d <= limit && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /**
     * The optimal string alignment distance between {@code a} and {@code b} (insertions,
     * deletions, substitutions and swaps of neighbours) when it is at most {@code limit}, else
     * {@code limit + 1}. Time O(min(|a|, |b|) x limit).
     */
    public static int distance(String a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > limit) {
            return limit + 1;
        }
        int over = limit + 1;
        // Rows i-2, i-1 and i of the table, each only for |i - j| <= limit, the cells just
        // outside that band set to "too far": d[i][j] >= |i - j| everywhere.
        int[] before = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j <= limit ? j : over;
        }
        for (int i = 1; i <= n; i++) {
            int from = Math.max(1, i - limit);
            int to = Math.min(m, i + limit);
            cur[from - 1] = from == 1 && i <= limit ? i : over;
            if (to < m) {
                cur[to + 1] = over;
            }
            int rowMin = cur[from - 1];
            for (int j = from; j <= to; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && j - 2 >= i - 2 - limit
                        && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, before[j - 2] + 1);
                }
                cur[j] = Math.min(v, over);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return over;   // every way on from this row is already too far
            }
            int[] t = before;
            before = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[m], over);
    }
}
