package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import dev.meshtest.config.YamlName;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A Gateway's {@code tls.frontend} (Go type {@code FrontendTLSConfig}): client-certificate
 * validation, by default and per port.
 *
 * <pre>{@code
 * frontend:
 *   default:
 *     validation:
 *       caCertificateRefs: [{group: "", kind: ConfigMap, name: client-ca}]
 *   perPort:
 *   - port: 8443
 *     tls:
 *       validation:
 *         caCertificateRefs: [{group: "", kind: ConfigMap, name: partner-ca}]
 *         mode: AllowInsecureFallback
 * }</pre>
 *
 * @param defaultConfig the YAML field {@code default} (a Java keyword, hence the component's
 *     name): the settings for every port without its own
 * @param perPort settings for single ports
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record FrontendTlsConfig(
        @YamlName("default") @Required TlsConfig defaultConfig,
        List<TlsPortConfig> perPort) {

    /**
     * Creates an instance, reading {@code null} {@code perPort} (as when left out of the YAML) as
     * empty.
     *
     * @param defaultConfig the YAML field {@code default} (a Java keyword, hence the component's
     *     name): the settings for every port without its own
     * @param perPort settings for single ports
     */
    public FrontendTlsConfig {
        perPort = perPort == null ? List.of() : perPort;
    }
}
