package dev.meshtest.status;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A Gateway listener's status: how many routes attached to it, the route kinds it accepts and its
 * conditions.
 *
 * <pre>{@code
 * ListenerStatus http = mesh.gatewayApiStatus().gateway("web").listener("http").orElseThrow();
 * http.attachedRoutes();   // 1
 * }</pre>
 *
 * @param name the listener's name
 * @param attachedRoutes how many routes attached to it
 * @param supportedKinds the route kinds it accepts, such as {@code HTTPRoute}
 * @param conditions {@code Accepted}, {@code Conflicted}, {@code Programmed}, {@code ResolvedRefs}, sorted by type
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record ListenerStatus(String name, int attachedRoutes, List<String> supportedKinds, List<Condition> conditions) {

    /**
     * Copies the lists.
     *
     * @param name the listener's name
     * @param attachedRoutes how many routes attached to it
     * @param supportedKinds the route kinds it accepts
     * @param conditions its conditions
     */
    public ListenerStatus {
        Objects.requireNonNull(name, "name");
        supportedKinds = List.copyOf(supportedKinds);
        conditions = List.copyOf(conditions);
    }

    /**
     * The condition of a type.
     *
     * @param type such as {@code Programmed}
     * @return the condition, or empty when the listener has none of that type
     */
    public Optional<Condition> condition(String type) {
        return Conditions.of(conditions, type);
    }
}
