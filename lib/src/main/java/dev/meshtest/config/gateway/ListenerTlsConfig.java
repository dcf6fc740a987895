package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A listener's {@code tls} (Go type {@code ListenerTLSConfig}).
 *
 * <pre>{@code
 * tls:
 *   mode: Terminate
 *   certificateRefs:
 *   - {kind: Secret, name: bookinfo-cert}
 *   options: {gateway.istio.io/tls-terminate-mode: MUTUAL}
 * }</pre>
 *
 * @param mode {@code Terminate} (the default) or {@code Passthrough}
 * @param certificateRefs the server certificates (Secrets of type {@code kubernetes.io/tls}) for
 *     {@code Terminate}
 * @param options implementation-specific options, such as Istio's {@code
 *     gateway.istio.io/tls-terminate-mode}
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record ListenerTlsConfig(
        TlsModeType mode,
        List<SecretObjectReference> certificateRefs,
        Map<String, String> options) {

    /**
     * Creates an instance, reading {@code null} {@code certificateRefs} and {@code options} (as when
     * left out of the YAML) as empty.
     *
     * @param mode {@code Terminate} (the default) or {@code Passthrough}
     * @param certificateRefs the server certificates (Secrets of type {@code kubernetes.io/tls}) for
     *     {@code Terminate}
     * @param options implementation-specific options, such as Istio's {@code
     *     gateway.istio.io/tls-terminate-mode}
     */
    public ListenerTlsConfig {
        certificateRefs = certificateRefs == null ? List.of() : certificateRefs;
        options = options == null ? Map.of() : options;
    }
}
