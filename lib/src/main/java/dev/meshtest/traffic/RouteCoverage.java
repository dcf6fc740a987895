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

    /**
     * This coverage and {@code other} together, as for several tests of a class or a run: the
     * items of both (one per VirtualService and path, in the order first seen), their hits summed.
     *
     * <pre>{@code RouteCoverage run = first.plus(second);}</pre>
     *
     * @param other another coverage
     * @return the sum
     */
    public RouteCoverage plus(RouteCoverage other) {
        java.util.Map<String, Item> sum = new java.util.LinkedHashMap<>();
        for (List<Item> list : List.of(items, other.items)) {
            for (Item i : list) {
                sum.merge(i.virtualService() + " " + i.path(), i,
                        (a, b) -> new Item(a.virtualService(), a.path(), a.ruleName().isEmpty() ? b.ruleName() : a.ruleName(),
                                a.hits() + b.hits()));
            }
        }
        return new RouteCoverage(new java.util.ArrayList<>(sum.values()));
    }

    /**
     * The coverage as JSON: {@code kind}, {@code schemaVersion}, {@code ratio}, {@code items}, {@code exercised}, and each item's
     * {@code virtualService}, {@code path}, {@code rule} and {@code hits} (docs/json.md).
     *
     * <pre>{@code Files.writeString(Path.of("target/route-coverage.json"), coverage.toJson());}</pre>
     *
     * @return the JSON document
     */
    public String toJson() {
        dev.meshtest.internal.text.Json w = dev.meshtest.internal.text.Json.pretty().beginObject()
                .name("kind").value("RouteCoverage")
                .name("schemaVersion").value(1)
                .name("ratio").value(ratio())
                .name("items").value((long) items.size())
                .name("exercised").value((long) (items.size() - missed().size()))
                .name("coverage").beginArray();
        for (Item i : items) {
            w.beginObject().name("virtualService").value(i.virtualService()).name("path").value(i.path())
                    .name("rule").value(i.ruleName()).name("hits").value(i.hits()).endObject();
        }
        return w.endArray().endObject().toString();
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
