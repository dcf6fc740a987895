package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * A workload selector with {@code matchLabels} (proto {@code istio.type.v1beta1.WorkloadSelector}),
 * as in a DestinationRule's {@code workloadSelector} (and the security and telemetry kinds'
 * {@code selector}). Named for its proto package to keep it apart from {@link WorkloadSelector}
 * ({@code istio.networking.v1alpha3.WorkloadSelector}, key {@code labels}).
 *
 * <pre>{@code
 * workloadSelector:
 *   matchLabels: {app: ratings}
 * }</pre>
 *
 * @param matchLabels labels a workload must carry, all of them
 */
@API(status = STABLE, since = "0.1")
public record TypeWorkloadSelector(Map<String, String> matchLabels) {

    /**
     * Creates an instance, reading {@code null} {@code matchLabels} (as when left out of the YAML)
     * as empty.
     *
     * @param matchLabels labels a workload must carry, all of them
     */
    public TypeWorkloadSelector {
        matchLabels = matchLabels == null ? Map.of() : matchLabels;
    }
}
