package dev.meshtest.junit;

import dev.meshtest.traffic.TrafficResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The traffic one test sent, for its failure report: the last {@value #KEPT} results in send
 * order and how many came before them. Thread-safe, because a test may send from several threads.
 */
final class TrafficLog implements Consumer<TrafficResult> {

    static final int KEPT = 10;

    private final Deque<TrafficResult> last = new ArrayDeque<>();
    private int total;

    @Override
    public synchronized void accept(TrafficResult result) {
        if (result == null) {
            return;
        }
        total++;
        last.addLast(result);
        if (last.size() > KEPT) {
            last.removeFirst();
        }
    }

    /** The last kept result that has a call graph ({@link TrafficResult#edges()}). */
    synchronized java.util.Optional<TrafficResult> lastWithEdges() {
        java.util.Iterator<TrafficResult> it = last.descendingIterator();
        while (it.hasNext()) {
            TrafficResult r = it.next();
            if (!r.edges().isEmpty()) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }

    synchronized boolean isEmpty() {
        return total == 0;
    }

    /** Each kept result's summary ({@link TrafficResult#toString()}), numbered in send order. */
    synchronized String summary() {
        StringBuilder sb = new StringBuilder();
        int first = total - last.size() + 1;
        if (first > 1) {
            sb.append("(the first ").append(first - 1).append(" of ").append(total)
                    .append(" sends are left out; the last ").append(KEPT).append(" follow)\n\n");
        }
        int i = first;
        for (TrafficResult r : last) {
            sb.append("send #").append(i++).append(": ").append(r).append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }
}
