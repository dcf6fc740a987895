package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A match condition of a TLS rule (proto {@code TLSMatchAttributes}); all the fields it sets must hold.
 *
 * <pre>{@code
 * match:
 * - port: 443
 *   sniHosts: [login.bookinfo.com]
 * }</pre>
 *
 * @param sniHosts SNI values to match; each must be one of the VirtualService's hosts or match one
 * @param destinationSubnets destination IPv4/IPv6 addresses, with optional {@code /prefix}
 * @param port the port being addressed
 * @param sourceLabels labels the sending workload must carry
 * @param gateways the gateways ({@code namespace/name}, or {@code mesh}) this match applies to
 * @param sourceNamespace the namespace of the sending workload
 */
@API(status = STABLE, since = "0.1")
public record TlsMatchAttributes(
        @Required List<String> sniHosts,
        List<String> destinationSubnets,
        Integer port,
        Map<String, String> sourceLabels,
        List<String> gateways,
        String sourceNamespace) {

    /**
     * Creates an instance, reading {@code null} {@code sniHosts}, {@code destinationSubnets},
     * {@code sourceLabels} and {@code gateways} (as when left out of the YAML) as empty.
     *
     * @param sniHosts SNI values to match; each must be one of the VirtualService's hosts or match one
     * @param destinationSubnets destination IPv4/IPv6 addresses, with optional {@code /prefix}
     * @param port the port being addressed
     * @param sourceLabels labels the sending workload must carry
     * @param gateways the gateways ({@code namespace/name}, or {@code mesh}) this match applies to
     * @param sourceNamespace the namespace of the sending workload
     */
    public TlsMatchAttributes {
        sniHosts = sniHosts == null ? List.of() : sniHosts;
        destinationSubnets = destinationSubnets == null ? List.of() : destinationSubnets;
        sourceLabels = sourceLabels == null ? Map.of() : sourceLabels;
        gateways = gateways == null ? List.of() : gateways;
    }
}
