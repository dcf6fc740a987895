package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A match condition of a TCP rule (proto {@code L4MatchAttributes}); all the fields it sets must hold.
 *
 * <pre>{@code
 * match:
 * - port: 27017
 *   destinationSubnets: [10.0.0.0/8]
 *   sourceLabels: {app: reviews}
 * }</pre>
 *
 * @param destinationSubnets destination IPv4/IPv6 addresses, with optional {@code /prefix}
 * @param port the port being addressed
 * @param sourceSubnet the source address, with optional {@code /prefix} (hidden from Istio's docs)
 * @param sourceLabels labels the sending workload must carry
 * @param gateways the gateways ({@code namespace/name}, or {@code mesh}) this match applies to
 * @param sourceNamespace the namespace of the sending workload
 */
@API(status = STABLE, since = "0.1")
public record L4MatchAttributes(
        List<String> destinationSubnets,
        Integer port,
        String sourceSubnet,
        Map<String, String> sourceLabels,
        List<String> gateways,
        String sourceNamespace) {

    /**
     * Creates an instance, reading {@code null} {@code destinationSubnets}, {@code sourceLabels}
     * and {@code gateways} (as when left out of the YAML) as empty.
     *
     * @param destinationSubnets destination IPv4/IPv6 addresses, with optional {@code /prefix}
     * @param port the port being addressed
     * @param sourceSubnet the source address, with optional {@code /prefix} (hidden from Istio's docs)
     * @param sourceLabels labels the sending workload must carry
     * @param gateways the gateways ({@code namespace/name}, or {@code mesh}) this match applies to
     * @param sourceNamespace the namespace of the sending workload
     */
    public L4MatchAttributes {
        destinationSubnets = destinationSubnets == null ? List.of() : destinationSubnets;
        sourceLabels = sourceLabels == null ? Map.of() : sourceLabels;
        gateways = gateways == null ? List.of() : gateways;
    }
}
