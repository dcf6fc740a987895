package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A Kubernetes label selector, as in a Deployment's {@code spec.selector}.
 *
 * <pre>{@code
 * selector:
 *   matchLabels: {app: helloworld}
 *   matchExpressions: [{key: version, operator: In, values: [v1, v2]}]
 * }</pre>
 *
 * @param matchLabels labels that must all be present with these values
 * @param matchExpressions further requirements, all of which must hold
 */
@API(status = STABLE, since = "0.1")
public record LabelSelector(Map<String, String> matchLabels, List<LabelSelectorRequirement> matchExpressions) {

    /**
     * Creates an instance, reading {@code null} {@code matchLabels} and {@code matchExpressions}
     * (as when left out of the YAML) as empty.
     *
     * @param matchLabels labels that must all be present with these values
     * @param matchExpressions further requirements, all of which must hold
     */
    public LabelSelector {
        matchLabels = matchLabels == null ? Map.of() : matchLabels;
        matchExpressions = matchExpressions == null ? List.of() : matchExpressions;
    }

    /**
     * {@return whether a set of labels satisfies this selector}
     *
     * @param labels a pod's labels
     */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement r : matchExpressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
