package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One {@code matchExpressions} entry: {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}.
 *
 * <pre>{@code
 * {key: version, operator: In, values: [v1, v2]}
 * }</pre>
 *
 * @param key the label key the requirement is about
 * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}
 * @param values the values for {@code In} and {@code NotIn}; empty for {@code Exists} and
 *     {@code DoesNotExist}
 */
@API(status = STABLE, since = "0.1")
public record LabelSelectorRequirement(@Required String key, @Required String operator, List<String> values) {

    /**
     * Creates an instance, reading {@code null} {@code values} (as when left out of the YAML) as empty.
     *
     * @param key the label key the requirement is about
     * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}
     * @param values the values for {@code In} and {@code NotIn}; empty for {@code Exists} and
     *     {@code DoesNotExist}
     */
    public LabelSelectorRequirement {
        values = values == null ? List.of() : values;
    }

    /**
     * {@return whether a set of labels satisfies this requirement}
     *
     * @param labels a pod's labels
     */
    public boolean matches(Map<String, String> labels) {
        String v = labels.get(key);
        return switch (operator) {
            case "In" -> v != null && values.contains(v);
            case "NotIn" -> v == null || !values.contains(v);
            case "Exists" -> labels.containsKey(key);
            case "DoesNotExist" -> !labels.containsKey(key);
            default -> false;
        };
    }
}
