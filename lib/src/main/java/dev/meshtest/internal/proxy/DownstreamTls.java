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
 * @param maxTls13 whether TLS 1.3 may be negotiated ({@code maxProtocolVersion} not below it)
 */
@API(status = INTERNAL, since = "0.5")
public record DownstreamTls(Mode mode, String credential, PemCertificate certificate, String missing, PemCertificate clientCa,
                            boolean maxTls13) {

    /** The server's TLS mode, as the Gateway names it. */
    public enum Mode {
        SIMPLE, MUTUAL, ISTIO_MUTUAL, OPTIONAL_MUTUAL;

        /** Whether it checks client certificates against a CA of the Secret ({@code MUTUAL}, {@code OPTIONAL_MUTUAL}). */
        public boolean checksClients() {
            return this == MUTUAL || this == OPTIONAL_MUTUAL;
        }
    }
}
