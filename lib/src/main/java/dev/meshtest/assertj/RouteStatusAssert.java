package dev.meshtest.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.status.Condition;
import dev.meshtest.status.RouteParentStatus;
import dev.meshtest.status.RouteStatus;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the status istiod writes on a route ({@code mesh.gatewayApiStatus().httpRoute("hello")}):
 * whether each parent accepted it and whether its references resolved. Conditions are checked for
 * every parent; {@link #parent(String)} narrows the checks after it to one.
 *
 * <pre>{@code
 * assertThat(mesh.gatewayApiStatus().httpRoute("hello")).isAccepted().hasResolvedRefs();
 * assertThat(mesh.gatewayApiStatus().httpRoute("other-ns")).hasUnresolvedRefs("RefNotPermitted");
 * assertThat(mesh.gatewayApiStatus().httpRoute("hello")).parent("web").isNotAccepted("NotAllowedByListeners");
 * }</pre>
 *
 * <p>Not final: soft assertions subclass it (AssertJ's proxies) to collect its failures.
 */
@API(status = EXPERIMENTAL, since = "0.7")
public class RouteStatusAssert extends AbstractAssert<RouteStatusAssert, RouteStatus> {

    /**
     * Prefer {@code assertThat(routeStatus)} from {@link MeshAssertions}.
     *
     * @param actual the route's status
     */
    public RouteStatusAssert(RouteStatus actual) {
        super(actual, RouteStatusAssert.class);
    }

    /** The parent {@link #parent(String)} narrowed to, or {@code null} for every parent. */
    private String parent;

    private List<RouteParentStatus> parents() {
        return parent == null ? actual.parents()
                : actual.parents().stream().filter(p -> p.parentRef().name().equals(parent)).toList();
    }

    /**
     * Every parent accepted the route ({@code Accepted=True}).
     *
     * @return this assertion
     */
    public RouteStatusAssert isAccepted() {
        return hasCondition("Accepted", Condition.Status.TRUE, null);
    }

    /**
     * Every parent refused the route ({@code Accepted=False}) for this reason.
     *
     * @param reason such as {@code NotAllowedByListeners}, {@code NoMatchingListenerHostname}, {@code NoMatchingParent}
     * @return this assertion
     */
    public RouteStatusAssert isNotAccepted(String reason) {
        return hasCondition("Accepted", Condition.Status.FALSE, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Every reference of the route resolved ({@code ResolvedRefs=True}), for every parent.
     *
     * @return this assertion
     */
    public RouteStatusAssert hasResolvedRefs() {
        return hasCondition("ResolvedRefs", Condition.Status.TRUE, null);
    }

    /**
     * A reference did not resolve ({@code ResolvedRefs=False}) for this reason, for every parent.
     *
     * @param reason such as {@code BackendNotFound}, {@code RefNotPermitted}, {@code InvalidKind}
     * @return this assertion
     */
    public RouteStatusAssert hasUnresolvedRefs(String reason) {
        return hasCondition("ResolvedRefs", Condition.Status.FALSE, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Every parent's status has this condition.
     *
     * @param type such as {@code Accepted}
     * @param status its status
     * @param reason its reason, or {@code null} for any
     * @return this assertion
     */
    public RouteStatusAssert hasCondition(String type, Condition.Status status, String reason) {
        isNotNull();
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        if (actual.parents().isEmpty()) {
            failWithMessage("%s", "\nExpecting " + actual.route() + " to be " + ConditionCheck.wanted(type, status, reason)
                    + "\nbut it has no parent Istio handles");
        }
        for (RouteParentStatus p : parents()) {
            String why = ConditionCheck.mismatch(p.conditions(), type, status, reason);
            if (why != null) {
                failWithMessage("%s", "\nExpecting " + actual.route() + " to be " + ConditionCheck.wanted(type, status, reason)
                        + " for " + p.parent() + "\nbut " + why + "\nits status:" + describe(actual.parents()));
            }
        }
        return myself;
    }

    /**
     * Narrows the checks that follow to the status for one parent.
     *
     * @param name the parent's name: a Gateway's or a Service's
     * @return this assertion, checking that parent only from now on
     */
    public RouteStatusAssert parent(String name) {
        isNotNull();
        Objects.requireNonNull(name, "name");
        if (actual.parents().stream().noneMatch(p -> p.parentRef().name().equals(name))) {
            failWithMessage("%s", "\nExpecting " + actual.route() + " to have a status for parent " + name
                    + "\nbut its status is:" + describe(actual.parents()));
        }
        parent = name;
        return myself;
    }

    private static String describe(List<RouteParentStatus> parents) {
        StringBuilder sb = new StringBuilder();
        for (RouteParentStatus p : parents) {
            sb.append("\n  parent ").append(p.parent()).append(':').append(ConditionCheck.lines(p.conditions()));
        }
        return sb.toString();
    }
}
