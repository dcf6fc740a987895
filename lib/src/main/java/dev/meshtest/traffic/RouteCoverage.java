package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Which VirtualService {@code http} rules, match blocks and weighted destinations the requests a
 * mesh sent exercised, as Envoy's route table check tool reports its coverage: one
 * {@link Item} per rule, per match block of a rule, and per destination of a rule with several,
 * each with the requests that took it. Made by {@code mesh.routeCoverage()} over every send of the
 * mesh so far ({@code explain} and replays do not count), for the VirtualServices it has now and
 * any it had when they were hit.
 *
 * <pre>{@code
 * RouteCoverage c = mesh.routeCoverage();
 * c.ratio();          // 0.75
 * c.missed();         // [default/reviews http[3] (rule "everyone-else")]
 * assertThat(c).isAtLeast(0.9);
 * System.out.println(c);   // the report, one line per item
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.6")
public final class RouteCoverage {

    /**
     * One thing a request can exercise.
     *
     * @param virtualService the VirtualService, {@code namespace/name}
     * @param path where in it, as a field path: {@code http[0]}, {@code http[0].match[1]},
     *             {@code http[0].route[1]}
     * @param ruleName the rule's {@code name}, or empty
     * @param hits how many requests exercised it
     */
    public record Item(String virtualService, String path, String ruleName, long hits) {

        /** {@return whether no request exercised it} */
        public boolean missed() {
            return hits == 0;
        }

        @Override
        public String toString() {
            return virtualService + " " + path + (ruleName.isEmpty() ? "" : " (rule \"" + ruleName + "\")");
        }
    }

    private final List<Item> items;

    /**
     * The coverage of these items; the mesh makes it.
     *
     * @param items every rule, match block and weighted destination, in the VirtualServices' order
     */
    public RouteCoverage(List<Item> items) {
        this.items = List.copyOf(items);
    }

    /** {@return every item, exercised or not, VirtualService by VirtualService in creation order, then by path} */
    public List<Item> items() {
        return items;
    }

    /** {@return the items no request exercised} */
    public List<Item> missed() {
        return items.stream().filter(Item::missed).toList();
    }

    /** {@return the share of items exercised, in 0..1; 1 when there are none} */
    public double ratio() {
        if (items.isEmpty()) {
            return 1;
        }
        long hit = items.stream().filter(i -> !i.missed()).count();
        return (double) hit / items.size();
    }

    /** The report: the ratio, then each item with its hits ({@code MISSED} for none). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Route coverage: %.1f%% (%d of %d)%n", ratio() * 100,
                items.size() - missed().size(), items.size()));
        for (Item i : items) {
            sb.append("  ").append(i.missed() ? "MISSED " : String.format(Locale.ROOT, "%6d ", i.hits())).append(i).append('\n');
        }
        return sb.toString();
    }
}
