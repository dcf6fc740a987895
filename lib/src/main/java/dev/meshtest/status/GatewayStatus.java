package dev.meshtest.status;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.ResourceRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A Gateway API Gateway's status as istiod writes it: its conditions and its listeners'.
 *
 * <pre>{@code
 * GatewayStatus web = mesh.gatewayApiStatus().gateway("web");
 * web.condition("Programmed").orElseThrow().isTrue();   // true: web-istio is deployed
 * assertThat(web).isProgrammed().hasAttachedRoutes("http", 1);
 * }</pre>
 *
 * @param gateway the Gateway
 * @param conditions {@code Accepted}, {@code Programmed}, {@code ResolvedRefs}, sorted by type
 * @param listeners each listener's status, in the Gateway's order
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record GatewayStatus(ResourceRef gateway, List<Condition> conditions, List<ListenerStatus> listeners) {

    /**
     * Copies the lists.
     *
     * @param gateway the Gateway
     * @param conditions its conditions
     * @param listeners its listeners' status
     */
    public GatewayStatus {
        Objects.requireNonNull(gateway, "gateway");
        conditions = List.copyOf(conditions);
        listeners = List.copyOf(listeners);
    }

    /**
     * The condition of a type.
     *
     * @param type such as {@code Programmed}
     * @return the condition, or empty when the Gateway has none of that type
     */
    public Optional<Condition> condition(String type) {
        return Conditions.of(conditions, type);
    }

    /**
     * A listener's status.
     *
     * @param name the listener's name
     * @return its status, or empty when the Gateway has no listener of that name
     */
    public Optional<ListenerStatus> listener(String name) {
        return listeners.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
