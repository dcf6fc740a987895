package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * A non-Kubernetes workload, such as a VM (proto {@code WorkloadEntry}): an entry of a
 * ServiceEntry's {@code endpoints}. It is also the {@code spec} of the WorkloadEntry kind, which
 * meshtest does not simulate yet (see {@link IstioKinds#NOT_SIMULATED}).
 *
 * <pre>{@code
 * endpoints:
 * - address: 2.2.2.2
 *   ports: {http: 8080}
 *   labels: {app: details-legacy}
 *   locality: us-west1/zone1
 *   weight: 10
 * }</pre>
 *
 * @param address IP address, fully qualified DNS name or {@code unix://} socket path, without port
 * @param ports the ServiceEntry's port names to this endpoint's ports
 * @param labels the endpoint's labels
 * @param network the L3 network the endpoint is in; required when {@code address} is absent
 * @param locality the endpoint's locality, {@code region/zone/sub-zone}
 * @param weight the endpoint's load-balancing weight
 * @param serviceAccount the workload's service account, in the configuration's namespace
 */
@API(status = STABLE, since = "0.1")
public record WorkloadEntry(
        String address,
        Map<String, Integer> ports,
        Map<String, String> labels,
        String network,
        String locality,
        Integer weight,
        String serviceAccount) {

    /**
     * Creates an instance, reading {@code null} {@code ports} and {@code labels} (as when left out
     * of the YAML) as empty.
     *
     * @param address IP address, fully qualified DNS name or {@code unix://} socket path, without port
     * @param ports the ServiceEntry's port names to this endpoint's ports
     * @param labels the endpoint's labels
     * @param network the L3 network the endpoint is in; required when {@code address} is absent
     * @param locality the endpoint's locality, {@code region/zone/sub-zone}
     * @param weight the endpoint's load-balancing weight
     * @param serviceAccount the workload's service account, in the configuration's namespace
     */
    public WorkloadEntry {
        ports = ports == null ? Map.of() : ports;
        labels = labels == null ? Map.of() : labels;
    }
}
