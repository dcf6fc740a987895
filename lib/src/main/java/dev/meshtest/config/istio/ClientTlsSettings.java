package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * TLS settings for connections to a host's endpoints (proto {@code ClientTLSSettings}).
 *
 * <pre>{@code
 * tls:
 *   mode: SIMPLE
 *   credentialName: client-credential
 *   sni: my-nginx.mesh-external.svc.cluster.local
 * }</pre>
 *
 * @param mode whether and how to originate TLS
 * @param clientCertificate path to the client certificate file ({@code MUTUAL})
 * @param privateKey path to the client private key file ({@code MUTUAL})
 * @param caCertificates path to the CA certificates file for verifying the server
 * @param credentialName the name of a Secret holding the client certificate, key and CA
 * @param subjectAltNames names the server certificate's SAN must contain one of
 * @param sni the SNI to send
 * @param insecureSkipVerify whether to skip verifying the server certificate
 * @param caCrl path to a certificate revocation list file
 */
@API(status = STABLE, since = "0.1")
public record ClientTlsSettings(
        ClientTlsSettingsTlsMode mode,
        String clientCertificate,
        String privateKey,
        String caCertificates,
        String credentialName,
        List<String> subjectAltNames,
        String sni,
        Boolean insecureSkipVerify,
        String caCrl) {

    /**
     * Creates an instance, reading {@code null} {@code subjectAltNames} (as when left out of the
     * YAML) as empty.
     *
     * @param mode whether and how to originate TLS
     * @param clientCertificate path to the client certificate file ({@code MUTUAL})
     * @param privateKey path to the client private key file ({@code MUTUAL})
     * @param caCertificates path to the CA certificates file for verifying the server
     * @param credentialName the name of a Secret holding the client certificate, key and CA
     * @param subjectAltNames names the server certificate's SAN must contain one of
     * @param sni the SNI to send
     * @param insecureSkipVerify whether to skip verifying the server certificate
     * @param caCrl path to a certificate revocation list file
     */
    public ClientTlsSettings {
        subjectAltNames = subjectAltNames == null ? List.of() : subjectAltNames;
    }
}
