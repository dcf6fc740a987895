package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * TLS settings of a Gateway server (proto {@code ServerTLSSettings}).
 *
 * <pre>{@code
 * tls:
 *   httpsRedirect: false
 *   mode: MUTUAL
 *   credentialName: bookinfo-secret
 *   minProtocolVersion: TLSV1_2
 * }</pre>
 *
 * @param httpsRedirect answer plain HTTP requests with a 301 redirect to HTTPS
 * @param mode how TLS is handled; absent means {@code PASSTHROUGH}
 * @param serverCertificate path to the server certificate file
 * @param privateKey path to the server private key file
 * @param caCertificates path to the CA certificates file for verifying client certificates
 * @param caCrl path to a certificate revocation list file
 * @param credentialName the name of a Secret holding the server certificate and key (and CA)
 * @param credentialNames like {@code credentialName}, for several certificates (RSA and ECDSA)
 * @param caCertCredentialName the name of a Secret or ConfigMap holding the CA certificates
 * @param tlsCertificates several certificates by file path (RSA and ECDSA)
 * @param subjectAltNames names a client certificate's SAN must contain one of
 * @param verifyCertificateSpki base64 SHA-256 hashes of authorized client certificates' SPKIs
 * @param verifyCertificateHash hex SHA-256 hashes of authorized client certificates
 * @param minProtocolVersion the lowest TLS version accepted
 * @param maxProtocolVersion the highest TLS version accepted
 * @param cipherSuites the cipher suites accepted
 * @param insecureSkipVerify whether to skip verifying the client certificate
 */
@API(status = STABLE, since = "0.1")
public record ServerTlsSettings(
        Boolean httpsRedirect,
        ServerTlsSettingsTlsMode mode,
        String serverCertificate,
        String privateKey,
        String caCertificates,
        String caCrl,
        String credentialName,
        List<String> credentialNames,
        String caCertCredentialName,
        List<TlsCertificate> tlsCertificates,
        List<String> subjectAltNames,
        List<String> verifyCertificateSpki,
        List<String> verifyCertificateHash,
        TlsProtocol minProtocolVersion,
        TlsProtocol maxProtocolVersion,
        List<String> cipherSuites,
        Boolean insecureSkipVerify) {

    /**
     * Creates an instance, reading {@code null} {@code credentialNames}, {@code tlsCertificates},
     * {@code subjectAltNames}, {@code verifyCertificateSpki}, {@code verifyCertificateHash} and
     * {@code cipherSuites} (as when left out of the YAML) as empty.
     *
     * @param httpsRedirect answer plain HTTP requests with a 301 redirect to HTTPS
     * @param mode how TLS is handled; absent means {@code PASSTHROUGH}
     * @param serverCertificate path to the server certificate file
     * @param privateKey path to the server private key file
     * @param caCertificates path to the CA certificates file for verifying client certificates
     * @param caCrl path to a certificate revocation list file
     * @param credentialName the name of a Secret holding the server certificate and key (and CA)
     * @param credentialNames like {@code credentialName}, for several certificates (RSA and ECDSA)
     * @param caCertCredentialName the name of a Secret or ConfigMap holding the CA certificates
     * @param tlsCertificates several certificates by file path (RSA and ECDSA)
     * @param subjectAltNames names a client certificate's SAN must contain one of
     * @param verifyCertificateSpki base64 SHA-256 hashes of authorized client certificates' SPKIs
     * @param verifyCertificateHash hex SHA-256 hashes of authorized client certificates
     * @param minProtocolVersion the lowest TLS version accepted
     * @param maxProtocolVersion the highest TLS version accepted
     * @param cipherSuites the cipher suites accepted
     * @param insecureSkipVerify whether to skip verifying the client certificate
     */
    public ServerTlsSettings {
        credentialNames = credentialNames == null ? List.of() : credentialNames;
        tlsCertificates = tlsCertificates == null ? List.of() : tlsCertificates;
        subjectAltNames = subjectAltNames == null ? List.of() : subjectAltNames;
        verifyCertificateSpki = verifyCertificateSpki == null ? List.of() : verifyCertificateSpki;
        verifyCertificateHash = verifyCertificateHash == null ? List.of() : verifyCertificateHash;
        cipherSuites = cipherSuites == null ? List.of() : cipherSuites;
    }
}
