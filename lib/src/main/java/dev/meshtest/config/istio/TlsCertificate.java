package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * One server certificate of a Gateway server, by file path (proto
 * {@code ServerTLSSettings.TLSCertificate}).
 *
 * <pre>{@code
 * tlsCertificates:
 * - serverCertificate: /etc/certs/rsa.pem
 *   privateKey: /etc/certs/rsa-key.pem
 * - serverCertificate: /etc/certs/ecdsa.pem
 *   privateKey: /etc/certs/ecdsa-key.pem
 * }</pre>
 *
 * @param serverCertificate path to the certificate file
 * @param privateKey path to the private key file
 * @param caCertificates path to the CA certificates file (hidden from Istio's docs)
 */
@API(status = STABLE, since = "0.1")
public record TlsCertificate(String serverCertificate, String privateKey, String caCertificates) {
}
