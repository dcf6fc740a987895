package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * An AuthorizationPolicy's {@code spec} (proto {@code istio.security.v1beta1.AuthorizationPolicy}).
 *
 * <pre>{@code
 * spec:
 *   action: DENY
 *   rules:
 *   - from:
 *     - source: {notNamespaces: [foo]}
 * }</pre>
 *
 * @param selector the pods (of its namespace) it applies to; absent: all of them (of the mesh, in the root namespace)
 * @param targetRef a Gateway API gateway or waypoint it applies to instead of a selector
 * @param targetRefs several of those
 * @param rules the rules; a request matching any one is matched by the policy. Absent or empty
 *              with ALLOW: no request matches, so every request is denied
 * @param action ALLOW (the default), DENY, AUDIT or CUSTOM
 * @param provider the external authorizer of a CUSTOM policy
 */
@API(status = STABLE, since = "0.4")
public record AuthorizationPolicySpec(TypeWorkloadSelector selector, PolicyTargetReference targetRef,
                                      List<PolicyTargetReference> targetRefs, List<AuthorizationRule> rules,
                                      AuthorizationPolicyAction action, AuthorizationPolicyExtensionProvider provider) {

    /**
     * Creates an instance, reading {@code null} lists (as when left out of the YAML) as empty.
     *
     * @param selector the pods it applies to
     * @param targetRef a gateway it applies to
     * @param targetRefs gateways it applies to
     * @param rules the rules
     * @param action the action
     * @param provider the external authorizer
     */
    public AuthorizationPolicySpec {
        targetRefs = targetRefs == null ? List.of() : targetRefs;
        rules = rules == null ? List.of() : rules;
    }
}
