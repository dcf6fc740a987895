package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * Tunnelling of TCP (or TLS) connections to a host (proto {@code TrafficPolicy.TunnelSettings}).
 *
 * <pre>{@code
 * tunnel:
 *   protocol: CONNECT
 *   targetHost: 192.168.1.2
 *   targetPort: 443
 * }</pre>
 *
 * @param protocol {@code CONNECT} or {@code POST}; absent means {@code CONNECT}
 * @param targetHost the FQDN or IP address the connection is tunnelled to
 * @param targetPort the port the connection is tunnelled to
 */
@API(status = STABLE, since = "0.1")
public record TunnelSettings(String protocol, @Required String targetHost, @Required Integer targetPort) {
}
