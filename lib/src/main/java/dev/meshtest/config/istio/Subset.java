package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A named group of a host's endpoints (proto {@code Subset}), the {@code subset} a route's
 * destination names.
 *
 * <pre>{@code
 * subsets:
 * - name: v2
 *   labels: {version: v2}
 *   trafficPolicy:
 *     loadBalancer: {simple: ROUND_ROBIN}
 * }</pre>
 *
 * @param name the subset's name
 * @param labels labels an endpoint must carry, all of them, to belong to the subset
 * @param trafficPolicy policies for this subset; they override the DestinationRule's
 */
@API(status = STABLE, since = "0.1")
public record Subset(@Required String name, Map<String, String> labels, TrafficPolicy trafficPolicy) {

    /**
     * Creates an instance, reading {@code null} {@code labels} (as when left out of the YAML) as empty.
     *
     * @param name the subset's name
     * @param labels labels an endpoint must carry, all of them, to belong to the subset
     * @param trafficPolicy policies for this subset; they override the DestinationRule's
     */
    public Subset {
        labels = labels == null ? Map.of() : labels;
    }
}
