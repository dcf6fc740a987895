package dev.meshtest.config.istio;

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
public record TlsCertificate(String serverCertificate, String privateKey, String caCertificates) {
}
