package dev.meshtest.status;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.gateway.ParentReference;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A route's status for one of its parents (a Gateway, or a Service for mesh routing).
 *
 * <pre>{@code
 * RouteParentStatus toWeb = mesh.gatewayApiStatus().httpRoute("hello").parents().get(0);
 * toWeb.condition("ResolvedRefs").orElseThrow().reason();   // "BackendNotFound"
 * }</pre>
 *
 * @param parentRef the parent reference, with the API server's defaults written in
 * @param controllerName {@code istio.io/gateway-controller}
 * @param conditions {@code Accepted} and {@code ResolvedRefs}
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record RouteParentStatus(ParentReference parentRef, String controllerName, List<Condition> conditions) {

    /**
     * Copies the list.
     *
     * @param parentRef the parent reference
     * @param controllerName the controller that wrote it
     * @param conditions the conditions
     */
    public RouteParentStatus {
        Objects.requireNonNull(parentRef, "parentRef");
        Objects.requireNonNull(controllerName, "controllerName");
        conditions = List.copyOf(conditions);
    }

    /**
     * The condition of a type.
     *
     * @param type such as {@code Accepted}
     * @return the condition, or empty when there is none of that type
     */
    public Optional<Condition> condition(String type) {
        return Conditions.of(conditions, type);
    }

    /** {@return the parent as messages name it: {@code Gateway default/web}, {@code Service default/helloworld:5000}} */
    public String parent() {
        String kind = parentRef.withDefaults().kind();
        String ns = parentRef.namespace() == null ? "" : parentRef.namespace() + "/";
        return kind + " " + ns + parentRef.name()
                + (parentRef.sectionName() == null ? "" : "/" + parentRef.sectionName())
                + (parentRef.port() == null ? "" : ":" + parentRef.port());
    }
}
