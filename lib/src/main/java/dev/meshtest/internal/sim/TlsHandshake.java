package dev.meshtest.internal.sim;

import dev.meshtest.internal.proxy.ClientTls;
import dev.meshtest.internal.proxy.DownstreamTls;
import dev.meshtest.internal.proxy.FilterChain;
import dev.meshtest.internal.proxy.Listener;
import dev.meshtest.internal.proxy.PemCertificate;
import java.util.Optional;

/**
 * A client's TLS handshake with a gateway listener that terminates TLS (docs/routing.md, "TLS at
 * the gateway"): Envoy picks the filter chain by the server name sent
 * ({@link Listener#filterChain}), serves the chain's certificate and, for {@code MUTUAL}, asks for
 * the client's; curl 7.88 (OpenSSL 3) checks the served certificate ({@code X509_verify_cert} with
 * its {@code --cacert}, then {@code verifyhost}). Failures end as curl ends them: an exit code and
 * its message, no HTTP status. A plain-text client on such a port, or a TLS client on a plain-text
 * HTTP listener, fails as it fails against Envoy.
 *
 * <pre>{@code
 * TlsHandshake.Result r = TlsHandshake.of(listener, request.tls());
 * if (r.failure() != null) { ... }              // curl: (60) SSL certificate problem: ...
 * String rc = r.chain().routeConfigName();      // https.443.https.mygateway.istio-system
 * }</pre>
 */
final class TlsHandshake {

    /** The OpenSSL curl 7.88 was built with, as it names itself in messages (Debian 12's). */
    static final String OPENSSL = "OpenSSL/3.0.19";
    /** Envoy's HTTP codec answers a ClientHello with a plain-text 400, which curl reads as a bad TLS record. */
    static final String WRONG_VERSION = "curl: (35) " + OPENSSL + ": error:0A00010B:SSL routines::wrong version number";
    /** A plain-text request to a port that only speaks TLS: Envoy's handshake fails and it closes the connection. */
    static final String EMPTY_REPLY = LocalReplies.EMPTY_REPLY;

    private TlsHandshake() {
    }

    /**
     * How the handshake went: the chain that serves the connection, or curl's message when it
     * failed ({@code failure} not {@code null}); {@code line} says why, for explanations.
     */
    record Result(FilterChain chain, String failure, String line) {
    }

    /** curl's message when the server closed the connection during the handshake. */
    private static String closed(ClientTls tls) {
        return "curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to " + tls.hostPort() + " ";
    }

    /** What the client hears when a proxy closes its connection at once: a handshake cut short, or an empty reply. */
    static String closedConnection(dev.meshtest.internal.proxy.HttpRequest request) {
        return request.tls() != null ? closed(request.tls()) : EMPTY_REPLY;
    }

    /**
     * curl's checks of the certificate a server sends ({@code X509_verify_cert} with its
     * {@code --cacert}, then {@code verifyhost}): {@code null} when it accepts it (or checks
     * nothing, {@code -k}), else curl's message and why, in words.
     */
    static String[] curlRejects(PemCertificate served, ClientTls tls) {
        if (tls.insecure()) {
            return null;
        }
        if (!served.chainsTo(tls.trusted())) {
            String problem = served.selfSigned() ? "self-signed certificate" : "unable to get local issuer certificate";
            return new String[] {"curl: (60) SSL certificate problem: " + problem, "which curl does not trust (" + problem
                    + "; --cacert " + (tls.trusted().isEmpty() ? "not given" : "names other certificates") + ")"};
        }
        if (!served.matchesHost(tls.host())) {
            String message = served.hasAltNames()
                    ? "curl: (60) SSL: no alternative certificate subject name matches target host name '" + tls.host() + "'"
                    : served.commonName() == null ? "curl: (60) SSL: unable to obtain common name from peer certificate"
                    : "curl: (60) SSL: certificate subject name '" + served.commonName() + "' does not match target host name '"
                            + tls.host() + "'";
            return new String[] {message, "not valid for " + tls.host()};
        }
        return null;
    }

    /** A TLS client ({@code tls}) meets a listener. */
    static Result of(Listener listener, ClientTls tls) {
        if (!listener.terminatesTls()) {
            return new Result(null, WRONG_VERSION, "listener " + listener.name() + " speaks plain HTTP: the ClientHello gets a "
                    + "400 in plain text, and curl fails its handshake");
        }
        String sni = tls.sni();
        Optional<FilterChain> found = listener.filterChain(sni);
        if (found.isEmpty()) {
            return new Result(null, closed(tls), "no filter chain of listener " + listener.name() + " matches server name "
                    + (sni == null ? "(none: curl sends none for an IP address)" : sni) + ": Envoy closes the connection");
        }
        FilterChain chain = found.get();
        if (chain.autoPassthrough()) {
            return new Result(null, closed(tls), "filter chain SNI " + sni + " (AUTO_PASSTHROUGH) matches Istio's mutual TLS "
                    + "only (its ALPN), which curl does not offer: Envoy closes the connection");
        }
        String chainName = "filter chain " + (chain.serverNames().isEmpty() ? "for any server name" : "SNI " + String.join(",",
                chain.serverNames())) + " (route " + chain.routeConfigName() + ")";
        if (chain.passthrough()) {
            return new Result(chain, null, "filter chain " + (chain.serverNames().isEmpty() ? "for any server name" : "SNI "
                    + String.join(",", chain.serverNames())) + " passes TLS through (tls route of VirtualService "
                    + chain.virtualService() + "): the destination terminates it");
        }
        DownstreamTls server = chain.tls();
        if (server == null) {
            return new Result(chain, WRONG_VERSION, chainName + " is a plain-text server's: the ClientHello gets a 400 in plain "
                    + "text, and curl fails its handshake");
        }
        if (server.belowTls12()) {
            // curl (OpenSSL 3 on Debian) offers TLS 1.2 and 1.3 only: no version in common.
            return new Result(chain, "curl: (35) " + OPENSSL + ": error:0A00042E:SSL routines::tlsv1 alert protocol version",
                    chainName + " accepts TLS " + server.minVersion() + " to " + server.maxVersion() + " (maxProtocolVersion), "
                    + "below the TLS 1.2 curl offers at least: Envoy answers with a protocol_version alert");
        }
        if (server.mode() == DownstreamTls.Mode.ISTIO_MUTUAL) {
            // The gateway serves its workload certificate (the mesh's CA, which curl does not trust) and asks
            // for one of the mesh's: a client outside the mesh has none.
            if (!tls.insecure()) {
                return new Result(chain, "curl: (60) SSL certificate problem: unable to get local issuer certificate", chainName
                        + " is ISTIO_MUTUAL: it serves the gateway's workload certificate, from the mesh's CA, which curl does "
                        + "not trust");
            }
            String alert = tls.clientCertificate() == null ? (server.maxTls13() ? "0A00045C:SSL routines::tlsv13 alert certificate required"
                    : "0A000410:SSL routines::sslv3 alert handshake failure") : "0A000418:SSL routines::tlsv1 alert unknown ca";
            return new Result(chain, server.maxTls13() ? "curl: (56) OpenSSL SSL_read: " + OPENSSL + ": error:" + alert + ", errno 0"
                    : "curl: (35) " + OPENSSL + ": error:" + alert, chainName + " is ISTIO_MUTUAL: it requires a client "
                    + "certificate of the mesh's CA, which a client outside the mesh does not have");
        }
        PemCertificate served = server.certificate();
        if (served == null) {
            return new Result(chain, closed(tls), chainName + " has no certificate (" + server.missing() + "): Envoy closes the "
                    + "connection");
        }
        String[] rejected = curlRejects(served, tls);
        if (rejected != null) {
            return new Result(chain, rejected[0], chainName + " serves " + served + " from Secret " + server.credential()
                    + ", " + rejected[1]);
        }
        if (!server.acceptsClient(tls.clientCertificate())) {
            PemCertificate client = tls.clientCertificate();
            String alert = client == null ? (server.maxTls13() ? "0A00045C:SSL routines::tlsv13 alert certificate required"
                    : "0A000410:SSL routines::sslv3 alert handshake failure") : "0A000418:SSL routines::tlsv1 alert unknown ca";
            // In TLS 1.3 the client's handshake is done before the server judges its certificate:
            // curl hears the alert when it reads the response.
            String message = server.maxTls13() ? "curl: (56) OpenSSL SSL_read: " + OPENSSL + ": error:" + alert + ", errno 0"
                    : "curl: (35) " + OPENSSL + ": error:" + alert;
            return new Result(chain, message, chainName + " is " + server.mode() + " and " + (client == null ? "the client sent no certificate"
                    : "the client's certificate " + client + " does not chain to the CA of Secret " + server.credential()));
        }
        return new Result(chain, null, chainName + " terminates TLS with " + served + " from Secret " + server.credential()
                + (tls.insecure() ? " (curl -k: not checked)" : ", trusted by curl and valid for " + tls.host())
                + (server.mode().checksClients() && tls.clientCertificate() != null ? "; the client's certificate "
                        + tls.clientCertificate() + " chains to its CA" : "")
                + (chain.proxiesTcp() ? "; then its TCP proxy (tcp route of VirtualService " + chain.virtualService() + ")" : ""));
    }
}
