package dev.meshtest.status;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.ResourceRef;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A route's status as istiod writes it: one entry per parent Istio handles. A route that is not
 * {@code Accepted} by a parent does not route there.
 *
 * <pre>{@code
 * RouteStatus hello = mesh.gatewayApiStatus().httpRoute("hello");
 * assertThat(hello).isNotAccepted("NotAllowedByListeners");
 * }</pre>
 *
 * @param route the route
 * @param parents the status per parent, in istiod's order
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record RouteStatus(ResourceRef route, List<RouteParentStatus> parents) {

    /**
     * Copies the list.
     *
     * @param route the route
     * @param parents the status per parent
     */
    public RouteStatus {
        Objects.requireNonNull(route, "route");
        parents = List.copyOf(parents);
    }
}
