package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * How a Gateway validates client certificates (Go type {@code FrontendTLSValidation}).
 *
 * <pre>{@code
 * validation:
 *   caCertificateRefs: [{group: "", kind: ConfigMap, name: client-ca}]
 *   mode: AllowValidOnly
 * }</pre>
 *
 * @param caCertificateRefs the CA certificates (1 to 16); Istio supports one
 * @param mode {@code AllowValidOnly} (the default) or {@code AllowInsecureFallback}
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record FrontendTlsValidation(
        @Required List<ObjectReference> caCertificateRefs,
        FrontendValidationModeType mode) {

    /**
     * Creates an instance, reading {@code null} {@code caCertificateRefs} (as when left out of the
     * YAML) as empty.
     *
     * @param caCertificateRefs the CA certificates (1 to 16); Istio supports one
     * @param mode {@code AllowValidOnly} (the default) or {@code AllowInsecureFallback}
     */
    public FrontendTlsValidation {
        caCertificateRefs = caCertificateRefs == null ? List.of() : caCertificateRefs;
    }
}
