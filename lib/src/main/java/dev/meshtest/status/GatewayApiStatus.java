package dev.meshtest.status;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Resource;
import dev.meshtest.config.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The status istiod writes on the Gateway API objects of a mesh, at one moment: each GatewayClass,
 * Gateway and route that Istio handles, with its conditions ({@code Accepted}, {@code Programmed},
 * {@code ResolvedRefs}, ...) and reasons ({@code NotAllowedByListeners}, {@code BackendNotFound},
 * {@code RefNotPermitted}, ...). Objects of another controller's class have no status from Istio
 * and are not here. From {@code mesh.gatewayApiStatus()}; printed, it reads like
 * {@code kubectl get gateways,httproutes}.
 *
 * <pre>{@code
 * GatewayApiStatus status = mesh.gatewayApiStatus();
 * assertThat(status.gateway("web")).isProgrammed();
 * assertThat(status.httpRoute("hello")).isAccepted().hasResolvedRefs();
 * System.out.println(status);
 * }</pre>
 *
 * @param gatewayClasses each GatewayClass Istio handles, by name, with its conditions
 * @param gateways each Gateway of a class Istio handles, sorted by namespace and name
 * @param routes each route with a parent Istio handles, sorted by kind, namespace and name
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record GatewayApiStatus(Map<String, List<Condition>> gatewayClasses, List<GatewayStatus> gateways,
                               List<RouteStatus> routes) {

    /**
     * Copies the collections.
     *
     * @param gatewayClasses each GatewayClass Istio handles, with its conditions
     * @param gateways each Gateway of a class Istio handles
     * @param routes each route with a parent Istio handles
     */
    public GatewayApiStatus {
        gatewayClasses = Map.copyOf(gatewayClasses);
        gateways = List.copyOf(gateways);
        routes = List.copyOf(routes);
    }

    /**
     * A Gateway's status.
     *
     * @param name {@code web} (namespace {@code default}) or {@code istio-ingress/web}
     * @return its status
     * @throws IllegalArgumentException when there is no Gateway of that name of a class Istio handles
     */
    public GatewayStatus gateway(String name) {
        return find("Gateway", name, gateways, GatewayStatus::gateway);
    }

    /**
     * An HTTPRoute's status.
     *
     * @param name {@code hello} (namespace {@code default}) or {@code shop/hello}
     * @return its status
     * @throws IllegalArgumentException when no HTTPRoute of that name has a parent Istio handles
     */
    public RouteStatus httpRoute(String name) {
        return route("HTTPRoute", name);
    }

    /**
     * A route's status, of any route kind.
     *
     * @param kind {@code HTTPRoute}, {@code GRPCRoute}, {@code TCPRoute} or {@code TLSRoute}
     * @param name {@code hello} (namespace {@code default}) or {@code shop/hello}
     * @return its status
     * @throws IllegalArgumentException when no route of that kind and name has a parent Istio handles
     */
    public RouteStatus route(String kind, String name) {
        Objects.requireNonNull(kind, "kind");
        return find(kind, name, routes.stream().filter(r -> r.route().kind().equals(kind)).toList(), RouteStatus::route);
    }

    /**
     * A GatewayClass's conditions.
     *
     * @param name such as {@code istio}
     * @return its conditions
     * @throws IllegalArgumentException when Istio handles no GatewayClass of that name
     */
    public List<Condition> gatewayClass(String name) {
        List<Condition> c = gatewayClasses.get(Objects.requireNonNull(name, "name"));
        if (c == null) {
            throw new IllegalArgumentException("no GatewayClass " + name + " handled by Istio; GatewayClasses: "
                    + new TreeMap<>(gatewayClasses).keySet());
        }
        return c;
    }

    private static <T> T find(String kind, String name, List<T> all, Function<T, ResourceRef> ref) {
        Objects.requireNonNull(name, "name");
        int slash = name.indexOf('/');
        String ns = slash < 0 ? Resource.DEFAULT_NAMESPACE : name.substring(0, slash);
        String n = name.substring(slash + 1);
        List<String> known = new ArrayList<>();
        for (T t : all) {
            ResourceRef r = ref.apply(t);
            if (r.namespace().equals(ns) && r.name().equals(n)) {
                return t;
            }
            known.add(r.namespace() + "/" + r.name());
        }
        throw new IllegalArgumentException("no status for " + kind + " " + ns + "/" + n + ": it does not exist, or Istio "
                + "handles none of its " + (kind.equals("Gateway") ? "class" : "parents") + "; " + kind + "s with a status: "
                + (known.isEmpty() ? "none" : String.join(", ", known)));
    }

    /**
     * One line per object and condition, like {@code kubectl get} with the conditions spelled out.
     *
     * @return the table
     */
    @Override
    public String toString() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "NAME", "PARENT / LISTENER", "CONDITIONS"});
        new TreeMap<>(gatewayClasses).forEach((name, conditions) -> rows.add(new String[] {"GatewayClass", name, "", brief(conditions)}));
        for (GatewayStatus g : gateways) {
            rows.add(new String[] {"Gateway", g.gateway().namespace() + "/" + g.gateway().name(), "", brief(g.conditions())});
            for (ListenerStatus l : g.listeners()) {
                rows.add(new String[] {"", "", l.name() + " (" + l.attachedRoutes() + " routes)", brief(l.conditions())});
            }
        }
        for (RouteStatus r : routes) {
            String name = r.route().namespace() + "/" + r.route().name();
            if (r.parents().isEmpty()) {
                rows.add(new String[] {r.route().kind(), name, "", ""});
            }
            for (RouteParentStatus p : r.parents()) {
                rows.add(new String[] {r.route().kind(), name, p.parent(), brief(p.conditions())});
                name = "";
            }
        }
        int[] width = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                line.append(i < 3 ? String.format("%-" + (width[i] + 2) + "s", row[i]) : row[i]);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** {@code Accepted ResolvedRefs Programmed=False(AddressNotAssigned)}: true ones by type, others with status and reason. */
    private static String brief(List<Condition> conditions) {
        List<String> out = new ArrayList<>();
        for (Condition c : conditions) {
            out.add(c.isTrue() ? c.type() : c.type() + "=" + c.status() + "(" + c.reason() + ")");
        }
        return String.join(" ", out);
    }
}
