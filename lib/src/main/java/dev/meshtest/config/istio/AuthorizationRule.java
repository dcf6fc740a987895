package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One rule of an AuthorizationPolicy (proto {@code istio.security.v1beta1.Rule}): a request
 * matches when it matches one of {@code from} (or there is none), one of {@code to} (or there is
 * none) and every {@code when}.
 *
 * <pre>{@code
 * rules:
 * - from:
 *   - source: {principals: [cluster.local/ns/default/sa/sleep]}
 *   to:
 *   - operation: {methods: [GET], paths: ["/info*"]}
 *   when:
 *   - key: request.headers[version]
 *     values: [v1, v2]
 * }</pre>
 *
 * @param from who sends
 * @param to what is asked
 * @param when further conditions
 */
@API(status = STABLE, since = "0.4")
public record AuthorizationRule(List<AuthorizationRuleFrom> from, List<AuthorizationRuleTo> to,
                                List<AuthorizationCondition> when) {

    /**
     * Creates an instance, reading {@code null} lists (as when left out of the YAML) as empty.
     *
     * @param from who sends
     * @param to what is asked
     * @param when further conditions
     */
    public AuthorizationRule {
        from = from == null ? List.of() : from;
        to = to == null ? List.of() : to;
        when = when == null ? List.of() : when;
    }
}
