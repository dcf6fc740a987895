package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A Gateway's {@code spec} (proto {@code istio.networking.v1alpha3.Gateway}).
 *
 * <pre>{@code
 * spec:
 *   selector: {app: my-gateway-controller}
 *   servers:
 *   - port: {number: 443, name: https, protocol: HTTPS}
 *     hosts: [uk.bookinfo.com]
 *     tls: {mode: SIMPLE, credentialName: bookinfo-secret}
 * }</pre>
 *
 * @param servers the servers (port, protocol, hosts, TLS) the gateway exposes
 * @param selector labels of the gateway pods this configuration applies to
 */
@API(status = STABLE, since = "0.1")
public record GatewaySpec(List<Server> servers, Map<String, String> selector) {

    /**
     * Creates an instance, reading {@code null} {@code servers} and {@code selector} (as when left
     * out of the YAML) as empty.
     *
     * @param servers the servers (port, protocol, hosts, TLS) the gateway exposes
     * @param selector labels of the gateway pods this configuration applies to
     */
    public GatewaySpec {
        servers = servers == null ? List.of() : servers;
        selector = selector == null ? Map.of() : selector;
    }
}
