package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A RequestAuthentication's {@code spec} (proto {@code istio.security.v1beta1.RequestAuthentication}).
 *
 * <pre>{@code
 * spec:
 *   jwtRules:
 *   - issuer: testing@secure.istio.io
 *     jwks: '{"keys": [...]}'
 * }</pre>
 *
 * @param selector the pods (of its namespace) it applies to; absent: all of them (of the mesh, in the root namespace)
 * @param targetRef a Gateway API gateway or waypoint it applies to instead of a selector
 * @param targetRefs several of those
 * @param jwtRules the issuers it accepts, with their keys and where tokens are found
 */
@API(status = STABLE, since = "0.4")
public record RequestAuthenticationSpec(TypeWorkloadSelector selector, PolicyTargetReference targetRef,
                                        List<PolicyTargetReference> targetRefs, List<JwtRule> jwtRules) {

    /**
     * Creates an instance, reading {@code null} lists (as when left out of the YAML) as empty.
     *
     * @param selector the pods it applies to
     * @param targetRef a gateway it applies to
     * @param targetRefs gateways it applies to
     * @param jwtRules the issuers it accepts
     */
    public RequestAuthenticationSpec {
        targetRefs = targetRefs == null ? List.of() : targetRefs;
        jwtRules = jwtRules == null ? List.of() : jwtRules;
    }
}
