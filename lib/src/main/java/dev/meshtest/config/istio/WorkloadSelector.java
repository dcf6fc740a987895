package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * A workload selector with {@code labels} (proto {@code istio.networking.v1alpha3.WorkloadSelector}),
 * as in a ServiceEntry's (or a Sidecar's) {@code workloadSelector}. Not to be confused with
 * {@link TypeWorkloadSelector} ({@code matchLabels}).
 *
 * <pre>{@code
 * workloadSelector:
 *   labels: {app: foo}
 * }</pre>
 *
 * @param labels labels a workload must carry, all of them
 */
@API(status = STABLE, since = "0.1")
public record WorkloadSelector(Map<String, String> labels) {

    /**
     * Creates an instance, reading {@code null} {@code labels} (as when left out of the YAML) as empty.
     *
     * @param labels labels a workload must carry, all of them
     */
    public WorkloadSelector {
        labels = labels == null ? Map.of() : labels;
    }
}
