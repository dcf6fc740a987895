package dev.meshtest.internal.yaml;

import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.ResourceRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;

/**
 * Collects the problems of one read, each with its place, and hands them out in source order.
 */
final class Problems {

    /** A read that finds more problems than this lists this many, then says how many more there are. */
    static final int MAX_LISTED = 100;

    private record Item(int line, int column, int seq, Problem problem) {
    }

    private static final Comparator<Item> SOURCE_ORDER = Comparator.comparingInt(Item::line)
            .thenComparingInt(Item::column)
            .thenComparingInt(Item::seq);

    private final String source;
    private final List<Item> items = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    /** A problem at a SnakeYAML mark (0-based), or at the source as a whole when {@code mark} is null. */
    void add(Mark mark, ResourceRef ref, String fieldPath, String reason) {
        if (mark == null) {
            addAt(-1, -1, ref, fieldPath, reason);
        } else {
            addAt(mark.getLine() + 1, mark.getColumn() + 1, ref, fieldPath, reason);
        }
    }

    /** A problem at a 1-based line and column; {@code line < 1} means the source as a whole. */
    void addAt(int line, int column, ResourceRef ref, String fieldPath, String reason) {
        String location = line < 1 ? source : source + ":" + line + ":" + column;
        Problem p = new Problem(location, ref, fieldPath == null || fieldPath.isEmpty() ? null : fieldPath, reason);
        // Problems without a place (limits that stop reading) sort after everything found before them.
        items.add(new Item(line < 1 ? Integer.MAX_VALUE : line, column, items.size(), p));
    }

    /**
     * A problem that closes the ones added since the {@link #size()} {@code since} (one object's):
     * shown at its own 1-based line and column, listed right after them (the API server's
     * {@code <nil>} line that ends an object's field errors).
     */
    void addClosing(int since, int line, int column, ResourceRef ref, String fieldPath, String reason) {
        Item last = null;
        for (int i = since; i < items.size(); i++) {
            Item item = items.get(i);
            if (last == null || SOURCE_ORDER.compare(item, last) > 0) {
                last = item;
            }
        }
        Problem p = new Problem(source + ":" + line + ":" + column, ref, fieldPath, reason);
        items.add(last == null ? new Item(line, column, items.size(), p) : new Item(last.line(), last.column(), items.size(), p));
    }

    /** A problem with the source as a whole whose reason names the source itself (I/O errors). */
    void addUnlocated(String reason) {
        items.add(new Item(Integer.MAX_VALUE, 0, items.size(), new Problem(null, null, null, reason)));
    }

    int size() {
        return items.size();
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    MeshConfigException toException() {
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(SOURCE_ORDER);
        List<Problem> out = new ArrayList<>();
        for (Item item : sorted) {
            if (out.size() == MAX_LISTED) {
                out.add(new Problem(source, null, null,
                        "and " + (sorted.size() - MAX_LISTED) + " more problems not listed"));
                break;
            }
            out.add(item.problem());
        }
        return new MeshConfigException(out);
    }
}
