package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The TLS a proxy originates to a cluster's endpoints for a DestinationRule's {@code tls.mode}
 * {@code SIMPLE} or {@code MUTUAL} (docs/security.md, "TLS origination"), as istiod builds its
 * {@code UpstreamTlsContext} ({@code cluster_tls.go constructUpstreamTLS},
 * {@code setAutoSniAndAutoSanValidation}): the server name sent, how the server's certificate is
 * checked, and the client certificate presented.
 *
 * <pre>{@code
 * OriginatedTls tls = cluster.originatedTls();
 * tls.sniFor("edition.cnn.com");   // the DestinationRule's sni, else the request's host (auto SNI)
 * tls.systemRoots();               // true: no caCertificates and no credentialName, so the OS's CAs
 * }</pre>
 *
 * @param mutual {@code MUTUAL}: a client certificate is presented
 * @param sni the DestinationRule's {@code sni}, or {@code null}: Envoy's auto SNI, the request's host
 * @param subjectAltNames the names the server's certificate must carry one of (the rule's, else the
 *                        ServiceEntry's); empty: none checked, unless {@link #autoSan}
 * @param autoSan Envoy's auto SAN validation: the certificate must be valid for the server name sent
 *                (no {@code sni}, no {@code subjectAltNames}, not {@code insecureSkipVerify})
 * @param insecure {@code insecureSkipVerify}: the server's certificate is not checked at all
 * @param systemRoots whether the certificate is checked against the operating system's CAs (no
 *                    {@code caCertificates}, no {@code credentialName})
 * @param trusted the CA certificates of the {@code credentialName} Secret, when it names one
 * @param clientCertificate the certificate presented for {@code MUTUAL}, or {@code null}
 * @param credential the Secret named, {@code namespace/name}, or {@code null}
 * @param problem why the credential cannot be served (Envoy then keeps the cluster warming: the
 *                proxy has no such cluster, 503 NC), else {@code null}
 * @param notBuilt why istiod builds no TLS at all for these settings (the proxy then sends plain
 *                 text, {@link Cluster.TransportSocket#PLAINTEXT}), else {@code null}
 */
@API(status = INTERNAL, since = "0.6")
public record OriginatedTls(boolean mutual, String sni, List<String> subjectAltNames, boolean autoSan, boolean insecure,
                            boolean systemRoots, List<PemCertificate> trusted, PemCertificate clientCertificate,
                            String credential, String problem, String notBuilt) {

    public OriginatedTls {
        subjectAltNames = List.copyOf(subjectAltNames);
        trusted = List.copyOf(trusted);
    }

    /** {@return the server name sent for a request to {@code host}: the rule's {@code sni}, else the host (auto SNI)} */
    public String sniFor(String host) {
        return sni != null ? sni : host;
    }

    /** {@return {@code SIMPLE} or {@code MUTUAL}, as the DestinationRule names it} */
    public String mode() {
        return mutual ? "MUTUAL" : "SIMPLE";
    }

    /** {@return what the server's certificate is checked against, in words} */
    public String trust() {
        if (insecure) {
            return "nothing (insecureSkipVerify)";
        }
        if (systemRoots) {
            return "the system's CAs";
        }
        return "the CA of Secret " + credential;
    }
}
