package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * The one label match of meshtest: Kubernetes' equality-based selector
 * ({@code labels.SelectorFromSet(selector).Matches(labels)}), which Istio also uses for
 * {@code workloadSelector}, Gateway {@code selector}, subset labels and {@code sourceLabels}: every
 * key of the selector is a label with that value. An empty (or absent) selector matches
 * everything; where a kind means "nothing" by it (a Service without a selector has no endpoints),
 * the caller says so.
 *
 * <pre>{@code
 * LabelSelector.matches(Map.of("app", "helloworld"), pod.labels());   // true for a helloworld pod
 * }</pre>
 */
@API(status = INTERNAL, since = "0.2")
public final class LabelSelector {

    private LabelSelector() {
    }

    /** Whether {@code labels} carry every key and value of {@code selector}. */
    public static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
