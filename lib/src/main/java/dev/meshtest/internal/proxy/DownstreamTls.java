package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The TLS a gateway server terminates (Envoy's {@code DownstreamTlsContext} as Istio's
 * {@code BuildListenerTLSContext} fills it for {@code credentialName}): the certificate istiod's SDS
 * serves from the Secret, and for {@code MUTUAL} the CA client certificates must chain to.
 *
 * <pre>{@code
 * DownstreamTls tls = chain.tls();
 * tls.certificate();   // null when the Secret is missing: the handshake on this chain fails
 * }</pre>
 *
 * @param mode {@code SIMPLE}, {@code MUTUAL}, {@code OPTIONAL_MUTUAL} (a client certificate, if any, must
 *             chain to the CA) or {@code ISTIO_MUTUAL} (the gateway's workload certificate, client
 *             certificates of the mesh's CA)
 * @param credential the Secret it names, {@code namespace/name}
 * @param certificate the served certificate chain, or {@code null} when istiod has none to serve
 * @param missing why there is no certificate (the Secret is missing, or has no {@code tls.crt}), else {@code null}
 * @param clientCa for {@code MUTUAL}, the CA client certificates must chain to, else {@code null}
 * @param minVersion the lowest TLS version accepted ({@code minProtocolVersion}; Istio's default {@code TLSV1_2})
 * @param maxVersion the highest ({@code maxProtocolVersion}; Envoy's server default {@code TLSV1_3})
 */
@API(status = INTERNAL, since = "0.5")
public record DownstreamTls(Mode mode, String credential, PemCertificate certificate, String missing, PemCertificate clientCa,
                            String minVersion, String maxVersion) {

    /**
     * Whether the server accepts a client presenting {@code client} ({@code null}: none): any
     * client when it does not check them; for {@code MUTUAL} one that chains to its CA; for
     * {@code OPTIONAL_MUTUAL} none, or one that chains to its CA.
     *
     * @param client the client certificate, or {@code null}
     * @return whether the handshake passes the server's check of it
     */
    public boolean acceptsClient(PemCertificate client) {
        if (!mode.checksClients()) {
            return true;
        }
        return client == null ? mode == Mode.OPTIONAL_MUTUAL : client.chainsTo(java.util.List.of(clientCa));
    }

    /** {@return whether TLS 1.3 may be negotiated} */
    public boolean maxTls13() {
        return maxVersion.equals("TLSV1_3");
    }

    /** {@return whether a client that offers TLS 1.2 and 1.3 (curl with OpenSSL 3) finds no common version} */
    public boolean belowTls12() {
        return maxVersion.equals("TLSV1_0") || maxVersion.equals("TLSV1_1");
    }

    /** The server's TLS mode, as the Gateway names it. */
    public enum Mode {
        SIMPLE, MUTUAL, ISTIO_MUTUAL, OPTIONAL_MUTUAL;

        /** Whether it checks client certificates against a CA of the Secret ({@code MUTUAL}, {@code OPTIONAL_MUTUAL}). */
        public boolean checksClients() {
            return this == MUTUAL || this == OPTIONAL_MUTUAL;
        }
    }
}
