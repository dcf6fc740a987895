package dev.meshtest.config.kube;

import dev.meshtest.config.Required;
import java.util.List;
import java.util.Map;

/**
 * One {@code matchExpressions} entry: {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}.
 *
 * <pre>{@code
 * {key: version, operator: In, values: [v1, v2]}
 * }</pre>
 */
public record LabelSelectorRequirement(@Required String key, @Required String operator, List<String> values) {

    public LabelSelectorRequirement {
        values = values == null ? List.of() : values;
    }

    /** Whether a set of labels satisfies this requirement. */
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
