package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Client-certificate settings of a Gateway's frontend (Go type {@code TLSConfig}).
 *
 * <pre>{@code
 * validation:
 *   caCertificateRefs: [{group: "", kind: ConfigMap, name: client-ca}]
 * }</pre>
 *
 * @param validation how client certificates are validated
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record TlsConfig(
        FrontendTlsValidation validation) {
}
