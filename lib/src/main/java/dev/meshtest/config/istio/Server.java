package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One server of a Gateway (proto {@code Server}): a port and protocol, the hosts served on it and
 * its TLS settings.
 *
 * <pre>{@code
 * servers:
 * - port: {number: 443, name: https-bookinfo, protocol: HTTPS}
 *   hosts: [bookinfo-namespace/*.bookinfo.com]
 *   tls:
 *     mode: SIMPLE
 *     credentialName: bookinfo-secret
 *   name: bookinfo
 * }</pre>
 *
 * @param port the port the gateway listens on
 * @param bind an IP address or Unix domain socket to bind to instead of all addresses
 * @param hosts hosts exposed, each {@code [namespace/]dnsName}; {@code namespace} may be
 *     {@code *} or {@code .} and {@code dnsName} may start with {@code *.} or be {@code *}
 * @param tls TLS settings (termination, passthrough, HTTPS redirect)
 * @param defaultEndpoint a loopback endpoint or socket to forward to (hidden from Istio's docs;
 *     documented as not implemented)
 * @param name the server's name, unique in the gateway, for stats
 */
@API(status = STABLE, since = "0.1")
public record Server(
        @Required Port port,
        String bind,
        @Required List<String> hosts,
        ServerTlsSettings tls,
        String defaultEndpoint,
        String name) {

    /**
     * Creates an instance, reading {@code null} {@code hosts} (as when left out of the YAML) as empty.
     *
     * @param port the port the gateway listens on
     * @param bind an IP address or Unix domain socket to bind to instead of all addresses
     * @param hosts hosts exposed, each {@code [namespace/]dnsName}; {@code namespace} may be
     *     {@code *} or {@code .} and {@code dnsName} may start with {@code *.} or be {@code *}
     * @param tls TLS settings (termination, passthrough, HTTPS redirect)
     * @param defaultEndpoint a loopback endpoint or socket to forward to (hidden from Istio's docs;
     *     documented as not implemented)
     * @param name the server's name, unique in the gateway, for stats
     */
    public Server {
        hosts = hosts == null ? List.of() : hosts;
    }
}
