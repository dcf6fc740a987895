package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One subset of {@link Endpoints}: every address in it serves every port in it.
 *
 * <pre>{@code
 * - addresses: [{ip: 192.168.10.4}]
 *   notReadyAddresses: [{ip: 192.168.10.5}]
 *   ports: [{name: tcp, port: 5432}]
 * }</pre>
 *
 * @param addresses the ready addresses
 * @param notReadyAddresses addresses that get no traffic
 * @param ports the ports, matched to the Service's ports by name
 */
@API(status = STABLE, since = "0.3")
public record EndpointSubset(List<EndpointAddress> addresses, List<EndpointAddress> notReadyAddresses,
                             List<EndpointPort> ports) {

    /**
     * Reads absent lists as empty.
     *
     * @param addresses the ready addresses
     * @param notReadyAddresses the addresses that are not ready
     * @param ports the ports
     */
    public EndpointSubset {
        addresses = addresses == null ? List.of() : addresses;
        notReadyAddresses = notReadyAddresses == null ? List.of() : notReadyAddresses;
        ports = ports == null ? List.of() : ports;
    }
}
