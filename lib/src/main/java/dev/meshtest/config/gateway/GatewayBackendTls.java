package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A Gateway's {@code tls.backend} (Go type {@code GatewayBackendTLS}).
 *
 * <pre>{@code
 * backend:
 *   clientCertificateRef: {name: gateway-client-cert}
 * }</pre>
 *
 * @param clientCertificateRef the client certificate presented to backends that ask for one
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record GatewayBackendTls(
        SecretObjectReference clientCertificateRef) {
}
