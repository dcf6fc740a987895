package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A further condition of a rule, in its {@code when} (proto {@code istio.security.v1beta1.Condition}).
 *
 * <pre>{@code
 * when:
 * - key: request.headers[x-token]
 *   values: [admin]
 * }</pre>
 *
 * @param key the attribute: {@code request.headers[<name>]}, {@code source.ip}, {@code source.namespace},
 *            {@code source.principal}, {@code source.serviceAccount}, {@code destination.port}, ...
 * @param values values that match
 * @param notValues values that do not
 */
@API(status = STABLE, since = "0.4")
public record AuthorizationCondition(@Required String key, List<String> values, List<String> notValues) {

    /**
     * Creates an instance, reading {@code null} lists (as when left out of the YAML) as empty.
     *
     * @param key the attribute
     * @param values values that match
     * @param notValues values that do not
     */
    public AuthorizationCondition {
        values = values == null ? List.of() : values;
        notValues = notValues == null ? List.of() : notValues;
    }
}
