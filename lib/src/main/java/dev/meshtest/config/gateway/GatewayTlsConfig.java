package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A Gateway's {@code tls} (Go type {@code GatewayTLSConfig}): TLS settings for the Gateway as a
 * whole.
 *
 * <pre>{@code
 * tls:
 *   backend:
 *     clientCertificateRef: {name: gateway-client-cert}
 *   frontend:
 *     default:
 *       validation:
 *         caCertificateRefs: [{group: "", kind: ConfigMap, name: client-ca}]
 * }</pre>
 *
 * @param backend the certificate the Gateway presents to backends
 * @param frontend how the Gateway validates client certificates
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record GatewayTlsConfig(
        GatewayBackendTls backend,
        FrontendTlsConfig frontend) {
}
