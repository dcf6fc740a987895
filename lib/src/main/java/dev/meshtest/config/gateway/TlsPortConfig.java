package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * Client-certificate settings for one port (Go type {@code TLSPortConfig}).
 *
 * <pre>{@code
 * - port: 8443
 *   tls:
 *     validation:
 *       caCertificateRefs: [{group: "", kind: ConfigMap, name: partner-ca}]
 * }</pre>
 *
 * @param port the port
 * @param tls the settings for that port
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record TlsPortConfig(
        @Required Integer port,
        @Required TlsConfig tls) {
}
