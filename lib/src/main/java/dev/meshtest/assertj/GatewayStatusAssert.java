package dev.meshtest.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.status.Condition;
import dev.meshtest.status.GatewayStatus;
import dev.meshtest.status.ListenerStatus;
import java.util.Objects;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the status istiod writes on a Gateway API Gateway ({@code mesh.gatewayApiStatus().gateway("web")}):
 * whether it is accepted and programmed, and its listeners' attached routes and conditions.
 *
 * <pre>{@code
 * assertThat(mesh.gatewayApiStatus().gateway("web")).isAccepted().isProgrammed().hasAttachedRoutes("http", 1);
 * assertThat(mesh.gatewayApiStatus().gateway("tls")).isNotProgrammed("Invalid");
 * }</pre>
 *
 * <p>Not final: soft assertions subclass it (AssertJ's proxies) to collect its failures.
 */
@API(status = EXPERIMENTAL, since = "0.7")
public class GatewayStatusAssert extends AbstractAssert<GatewayStatusAssert, GatewayStatus> {

    /**
     * Prefer {@code assertThat(gatewayStatus)} from {@link MeshAssertions}.
     *
     * @param actual the Gateway's status
     */
    public GatewayStatusAssert(GatewayStatus actual) {
        super(actual, GatewayStatusAssert.class);
    }

    /**
     * The Gateway is {@code Accepted=True}.
     *
     * @return this assertion
     */
    public GatewayStatusAssert isAccepted() {
        return hasCondition("Accepted", Condition.Status.TRUE, null);
    }

    /**
     * The Gateway is {@code Accepted=False} for this reason.
     *
     * @param reason such as {@code ListenersNotValid}, {@code UnsupportedAddress}
     * @return this assertion
     */
    public GatewayStatusAssert isNotAccepted(String reason) {
        return hasCondition("Accepted", Condition.Status.FALSE, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * The Gateway is {@code Programmed=True}: istiod pushed it to a gateway deployment.
     *
     * @return this assertion
     */
    public GatewayStatusAssert isProgrammed() {
        return hasCondition("Programmed", Condition.Status.TRUE, null);
    }

    /**
     * The Gateway is {@code Programmed=False} for this reason.
     *
     * @param reason such as {@code Invalid}, {@code AddressNotAssigned}
     * @return this assertion
     */
    public GatewayStatusAssert isNotProgrammed(String reason) {
        return hasCondition("Programmed", Condition.Status.FALSE, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * The Gateway's status has this condition.
     *
     * @param type such as {@code Accepted}
     * @param status its status
     * @param reason its reason, or {@code null} for any
     * @return this assertion
     */
    public GatewayStatusAssert hasCondition(String type, Condition.Status status, String reason) {
        isNotNull();
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        String why = ConditionCheck.mismatch(actual.conditions(), type, status, reason);
        if (why != null) {
            failWithMessage("%s", "\nExpecting " + actual.gateway() + " to be " + ConditionCheck.wanted(type, status, reason)
                    + "\nbut " + why + "\nits status:" + describe());
        }
        return myself;
    }

    /**
     * A listener has this many routes attached.
     *
     * @param listener the listener's name
     * @param routes how many routes attached to it
     * @return this assertion
     */
    public GatewayStatusAssert hasAttachedRoutes(String listener, int routes) {
        ListenerStatus l = listener(listener);
        if (l.attachedRoutes() != routes) {
            failWithMessage("%s", "\nExpecting listener " + listener + " of " + actual.gateway() + " to have " + routes
                    + " attached route(s)\nbut it has " + l.attachedRoutes() + "\nits status:" + describe());
        }
        return myself;
    }

    /**
     * A listener's status has this condition.
     *
     * @param listener the listener's name
     * @param type such as {@code Conflicted}
     * @param status its status
     * @param reason its reason, or {@code null} for any
     * @return this assertion
     */
    public GatewayStatusAssert hasListenerCondition(String listener, String type, Condition.Status status, String reason) {
        ListenerStatus l = listener(listener);
        String why = ConditionCheck.mismatch(l.conditions(), type, status, reason);
        if (why != null) {
            failWithMessage("%s", "\nExpecting listener " + listener + " of " + actual.gateway() + " to be "
                    + ConditionCheck.wanted(type, status, reason) + "\nbut " + why + "\nits status:" + describe());
        }
        return myself;
    }

    private ListenerStatus listener(String name) {
        isNotNull();
        Objects.requireNonNull(name, "name");
        return actual.listener(name).orElseThrow(() -> new AssertionError("\nExpecting " + actual.gateway()
                + " to have a listener " + name + "\nbut its status is:" + describe()));
    }

    private String describe() {
        StringBuilder sb = new StringBuilder(ConditionCheck.lines(actual.conditions()));
        for (ListenerStatus l : actual.listeners()) {
            sb.append("\n  listener ").append(l.name()).append(" (").append(l.attachedRoutes()).append(" attached routes):")
                    .append(ConditionCheck.lines(l.conditions()));
        }
        return sb.toString();
    }
}
