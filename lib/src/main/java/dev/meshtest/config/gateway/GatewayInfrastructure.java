package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Labels, annotations and parameters for what a Gateway's controller creates.
 *
 * <pre>{@code
 * infrastructure:
 *   labels: {team: payments}
 *   parametersRef: {group: "", kind: ConfigMap, name: gw-options}
 * }</pre>
 *
 * @param labels labels for the created resources
 * @param annotations annotations for the created resources
 * @param parametersRef controller-specific parameters in the Gateway's namespace
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record GatewayInfrastructure(
        Map<String, String> labels,
        Map<String, String> annotations,
        LocalParametersReference parametersRef) {

    /**
     * Creates an instance, reading {@code null} {@code labels} and {@code annotations} (as when left
     * out of the YAML) as empty.
     *
     * @param labels labels for the created resources
     * @param annotations annotations for the created resources
     * @param parametersRef controller-specific parameters in the Gateway's namespace
     */
    public GatewayInfrastructure {
        labels = labels == null ? Map.of() : labels;
        annotations = annotations == null ? Map.of() : annotations;
    }
}
