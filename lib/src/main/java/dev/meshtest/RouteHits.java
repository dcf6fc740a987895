package dev.meshtest;

import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.istio.HttpRoute;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.StoredConfig;
import dev.meshtest.internal.proxy.Route;
import dev.meshtest.internal.sim.Simulation;
import dev.meshtest.traffic.RouteCoverage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes a mesh's sends matched, counted by VirtualService, rule, match block and destination
 * (what {@link Mesh#routeCoverage()} reports against the VirtualServices the mesh has).
 *
 * <pre>{@code
 * sim.reportRoutes(hits);   // during a send
 * RouteCoverage c = hits.coverage(state);
 * }</pre>
 */
final class RouteHits implements Simulation.RouteSink {

    /** One counted way through a VirtualService: its rule, match block (-1: none) and destination (-1: none). */
    private record Key(ResourceRef virtualService, int rule, int match, int destination) {
    }

    private final Map<Key, long[]> hits = new LinkedHashMap<>();
    /**
     * Each route's counters by destination + 1 (the cells of {@link #hits}), looked up by
     * reference: a 20/80 split alternates between two destinations of one route, and a lookup by
     * {@link Key} would make a key per request. Only looked up, never iterated; dropped when it
     * grows large (routes of configuration versions long gone), as it is only a shortcut.
     */
    private final Map<Route, long[][]> cellsByRoute = new IdentityHashMap<>();
    /** The last route counted and its cells: a send's requests mostly take one. */
    private Route lastRoute;
    private long[][] lastCells;

    @Override
    public void matched(Route route, int destination) {
        long[][] cells;
        if (route == lastRoute) {
            cells = lastCells;
        } else {
            if (route.virtualService() == null || route.ruleIndex() < 0) {
                return;   // a default route, not a VirtualService's
            }
            cells = cellsByRoute.get(route);
            if (cells == null) {
                if (cellsByRoute.size() >= 4096) {
                    cellsByRoute.clear();
                }
                cells = new long[2][];
                cellsByRoute.put(route, cells);
            }
            lastRoute = route;
        }
        int d = destination + 1;
        if (d >= cells.length) {
            cells = java.util.Arrays.copyOf(cells, d + 1);
            cellsByRoute.put(route, cells);
        }
        lastCells = cells;
        long[] count = cells[d];
        if (count == null) {
            count = hits.computeIfAbsent(new Key(route.virtualService(), route.ruleIndex(), route.matchIndex(), destination),
                    k -> new long[1]);
            cells[d] = count;
        }
        count[0]++;
    }

    /** The coverage of the VirtualServices of {@code state}, and of any others hit before. */
    RouteCoverage coverage(ClusterState state) {
        List<RouteCoverage.Item> items = new ArrayList<>();
        List<ResourceRef> seen = new ArrayList<>();
        for (StoredConfig<VirtualService> c : state.configs(VirtualService.class)) {
            VirtualService vs = c.resource();
            seen.add(vs.ref());
            String name = vs.namespace() + "/" + vs.name();
            List<HttpRoute> rules = vs.spec() == null ? List.of() : vs.spec().http();
            for (int i = 0; i < rules.size(); i++) {
                HttpRoute rule = rules.get(i);
                String ruleName = rule == null || rule.name() == null ? "" : rule.name();
                items.add(new RouteCoverage.Item(name, "http[" + i + "]", ruleName, count(vs.ref(), i, null, null)));
                int matches = rule == null ? 0 : rule.match().size();
                for (int j = 0; j < matches; j++) {
                    items.add(new RouteCoverage.Item(name, "http[" + i + "].match[" + j + "]", ruleName, count(vs.ref(), i, j, null)));
                }
                int destinations = rule == null ? 0 : rule.route().size();
                for (int k = 0; destinations > 1 && k < destinations; k++) {
                    items.add(new RouteCoverage.Item(name, "http[" + i + "].route[" + k + "]", ruleName, count(vs.ref(), i, null, k)));
                }
            }
        }
        // VirtualServices hit once and gone since: their rules as they were counted.
        Map<String, Long> gone = new LinkedHashMap<>();
        for (Map.Entry<Key, long[]> e : hits.entrySet()) {
            Key k = e.getKey();
            if (!seen.contains(k.virtualService())) {
                gone.merge(k.virtualService().namespace() + "/" + k.virtualService().name() + " http[" + k.rule() + "]",
                        e.getValue()[0], Long::sum);
            }
        }
        gone.forEach((where, n) -> {
            int space = where.indexOf(' ');
            items.add(new RouteCoverage.Item(where.substring(0, space), where.substring(space + 1) + " (deleted since)", "", n));
        });
        return new RouteCoverage(items);
    }

    /** Requests through rule {@code rule} of {@code vs}, and match block {@code match} or destination {@code destination} when given. */
    private long count(ResourceRef vs, int rule, Integer match, Integer destination) {
        long n = 0;
        for (Map.Entry<Key, long[]> e : hits.entrySet()) {
            Key k = e.getKey();
            if (k.virtualService().equals(vs) && k.rule() == rule && (match == null || k.match() == match)
                    && (destination == null || k.destination() == destination)) {
                n += e.getValue()[0];
            }
        }
        return n;
    }
}
