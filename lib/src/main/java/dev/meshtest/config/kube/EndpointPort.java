package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * One port of an {@link EndpointSubset} or an {@link EndpointSlice}: it serves the Service port
 * of the same name (both unnamed for a Service with one unnamed port).
 *
 * <pre>{@code
 * - name: http
 *   port: 8080
 * }</pre>
 *
 * @param name the name of the Service port it serves
 * @param port the port number, 1..65535 (required in Endpoints; an EndpointSlice port without
 *             one serves nothing)
 * @param protocol {@code TCP} (default), {@code UDP} or {@code SCTP}
 * @param appProtocol the application protocol
 */
@API(status = STABLE, since = "0.3")
public record EndpointPort(String name, Integer port, String protocol, String appProtocol) {
}
