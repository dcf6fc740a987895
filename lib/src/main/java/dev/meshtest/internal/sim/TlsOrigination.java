package dev.meshtest.internal.sim;

import dev.meshtest.app.App;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ProxyKind;
import dev.meshtest.internal.proxy.LbEndpoint;
import dev.meshtest.internal.proxy.MutualTlsMode;
import dev.meshtest.internal.proxy.OriginatedTls;
import dev.meshtest.internal.proxy.PemCertificate;
import java.util.List;

/**
 * A proxy's TLS handshake with an endpoint for a DestinationRule's {@code SIMPLE} or {@code MUTUAL}
 * (docs/security.md, "TLS origination"): what the endpoint serves on the port (a host outside the
 * cluster by {@link OutsideHosts}, an app by {@link App#servingTls}, a sidecar in {@code STRICT}
 * its workload certificate), then Envoy's checks of it ({@code DefaultCertValidator}: the chain
 * against the trusted CAs, then the subject alternative names) and, for {@code MUTUAL}, the
 * server's of the client certificate. Envoy offers TLS 1.2 at most upstream (its client
 * default), so a server's verdict on the client certificate ends the handshake.
 *
 * <pre>{@code
 * TlsOrigination.Result r = TlsOrigination.handshake(sim, tls, endpoint, "edition.cnn.com");
 * r.failure();   // null: the request goes on inside the TLS; else Envoy's transport failure reason
 * }</pre>
 */
final class TlsOrigination {

    private TlsOrigination() {
    }

    /**
     * How the handshake went: {@code failure} is Envoy's transport failure reason (the 503's
     * {@code TLS_error:...}) or {@code null}; {@code answer}, when not {@code null}, is what the
     * server answers instead of serving the request (nginx's 400 for a missing or bad client
     * certificate); {@code line} says why, for explanations.
     */
    record Result(String failure, int answer, String answerBody, String line) {
        static Result ok(String line) {
            return new Result(null, 0, null, line);
        }

        static Result failed(String reason, String line) {
            return new Result(reason, 0, null, line);
        }
    }

    /** BoringSSL's reason when the peer answers the ClientHello with something that is not TLS (a plain-text server). */
    static final String WRONG_VERSION_NUMBER = "TLS_error:|268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end";

    /**
     * The peer closed the connection during the handshake (no chain for the name, no certificate):
     * BoringSSL sees the end of the stream, no error, and Envoy gives no transport failure reason.
     */
    static final String CLOSED = "";

    private static String verifyFailed(String detail) {
        return "TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:verify cert failed: " + detail
                + ":TLS_error_end";
    }

    private static String chainFailed(int depth, String error) {
        return verifyFailed("X509_verify_cert: certificate verification error at depth " + depth + ": " + error);
    }

    /** A server's alert ending a TLS 1.2 handshake, as BoringSSL reports it. */
    private static String alert(int code, String name) {
        return "TLS_error:|" + (268435456 + 1000 + code) + ":SSL routines:OPENSSL_internal:" + name + ":TLS_error_end";
    }

    /**
     * The handshake of {@code tls} with {@code endpoint} for a request to {@code host} (the
     * authority without its port, which auto SNI sends).
     */
    static Result handshake(Simulation sim, OriginatedTls tls, LbEndpoint endpoint, String host) {
        String sni = tls.sniFor(host);
        ClusterPod pod = endpoint.pod();
        if (pod == null) {
            return outside(sim, tls, endpoint, host, sni);
        }
        if (pod.proxy() == ProxyKind.GATEWAY) {
            return gateway(sim, tls, endpoint, sni);
        }
        InboundServer server = sim.server(pod);
        if (pod.proxy() == ProxyKind.SIDECAR) {
            MutualTlsMode mode = server.mutualTls(endpoint.port());
            if (!mode.acceptsPlaintext()) {
                // STRICT: only the sidecar's mutual TLS chain takes the connection; it serves the
                // workload certificate of the mesh's CA and asks for one of the mesh's.
                if (!tls.insecure()) {
                    return Result.failed(chainFailed(0, "unable to get local issuer certificate"), "the sidecar of "
                            + pod.name() + " is STRICT on port " + endpoint.port() + ": it serves its workload certificate, "
                            + "from the mesh's CA, which " + tls.trust() + " does not include");
                }
                return Result.failed(tls.clientCertificate() == null ? alert(40, "SSLV3_ALERT_HANDSHAKE_FAILURE")
                        : alert(48, "TLSV1_ALERT_UNKNOWN_CA"), "the sidecar of " + pod.name() + " is STRICT on port "
                        + endpoint.port() + ": it requires a client certificate of the mesh's CA");
            }
            if (server.httpPort(endpoint.port())) {
                return Result.failed(WRONG_VERSION_NUMBER, "the sidecar of " + pod.name() + " reads plain HTTP on port "
                        + endpoint.port() + " (a Service declares it HTTP): it answers the ClientHello in plain text");
            }
        }
        App.TlsPort served = server.app.tlsPort(endpoint.port()).orElse(null);
        if (served == null) {
            if (server.httpPort(endpoint.port())) {
                return Result.failed(WRONG_VERSION_NUMBER, "the app of " + pod.name() + " speaks plain HTTP on port "
                        + endpoint.port() + ": it answers the ClientHello in plain text");
            }
            throw new IllegalStateException("TLS origination (DestinationRule tls.mode " + tls.mode() + ") to pod "
                    + pod.namespace() + "/" + pod.name() + " port " + endpoint.port() + ": meshtest does not know whether its "
                    + "app serves TLS there, and with which certificate. Say so with mesh.withApp(\""
                    + (pod.namespace().equals("default") ? "" : pod.namespace() + "/") + pod.workload()
                    + "\", App.generic().servingTls(" + endpoint.port() + ", certificatePem)), or name the Service port "
                    + "http-... if the app speaks plain HTTP");
        }
        PemCertificate certificate = sim.pem(served.certificate());
        String checked = verify(tls, certificate, sni, "the app of " + pod.name() + " serves " + certificate);
        if (checked != null) {
            return Result.failed(checked.substring(0, checked.indexOf('\n')), checked.substring(checked.indexOf('\n') + 1));
        }
        String line = "the app of " + pod.name() + " serves " + certificate + " on port " + endpoint.port() + ", "
                + (tls.insecure() ? "not checked (insecureSkipVerify)" : "trusted by " + tls.trust());
        if (served.clientCa() != null) {
            PemCertificate client = tls.clientCertificate();
            String refused = server.refusesClient(served, client);
            if (refused != null) {
                return new Result(null, 400, refused, line + "; it asks for a client certificate of its CA and gets "
                        + (client == null ? "none" : client + " of Secret " + tls.credential() + ", of another CA")
                        + ": it answers 400, as NGINX does");
            }
            line += "; the client certificate " + client + " of Secret " + tls.credential() + " chains to its CA";
        }
        return Result.ok(line);
    }

    /**
     * A gateway pod: the filter chain of its listener on the port that the server name picks
     * ({@code Listener.filterChain}), and its certificate and client checks; a listener that does
     * not terminate TLS answers in plain text. What passes is routed by the chain, as curl's TLS
     * is ({@code Hop.enterGateway}).
     */
    private static Result gateway(Simulation sim, OriginatedTls tls, LbEndpoint endpoint, String sni) {
        ClusterPod pod = endpoint.pod();
        var listener = sim.configs.of(pod).listener(pod.ip(), endpoint.port());
        if (listener == null) {
            return Result.ok("gateway " + pod.name() + " has no listener on port " + endpoint.port());   // refused on arrival
        }
        if (!listener.terminatesTls()) {
            return Result.failed(WRONG_VERSION_NUMBER, "listener " + listener.name() + " of gateway " + pod.name()
                    + " speaks plain text: it answers the ClientHello in plain text");
        }
        var chain = listener.filterChain(sni).orElse(null);
        if (chain == null || chain.autoPassthrough()) {
            return Result.failed(CLOSED, "no filter chain of listener " + listener.name() + " of gateway " + pod.name()
                    + " takes server name " + sni + ": Envoy closes the connection");
        }
        if (chain.passthrough()) {
            throw new IllegalStateException("TLS origination (DestinationRule tls.mode " + tls.mode() + ") through the "
                    + "PASSTHROUGH chain of gateway " + pod.namespace() + "/" + pod.name() + " for " + sni + ": meshtest does not "
                    + "simulate a proxy's TLS passed through a gateway yet");
        }
        var server = chain.tls();
        String name = "filter chain " + (chain.serverNames().isEmpty() ? "for any server name" : "SNI "
                + String.join(",", chain.serverNames())) + " of gateway " + pod.name();
        if (server == null) {
            return Result.failed(WRONG_VERSION_NUMBER, name + " is a plain-text server's: it answers the ClientHello in plain text");
        }
        if (server.mode() == dev.meshtest.internal.proxy.DownstreamTls.Mode.ISTIO_MUTUAL) {
            if (!tls.insecure()) {
                return Result.failed(chainFailed(0, "unable to get local issuer certificate"), name + " is ISTIO_MUTUAL: it "
                        + "serves the gateway's workload certificate, from the mesh's CA, which " + tls.trust() + " does not include");
            }
            return Result.failed(tls.clientCertificate() == null ? alert(40, "SSLV3_ALERT_HANDSHAKE_FAILURE")
                    : alert(48, "TLSV1_ALERT_UNKNOWN_CA"), name + " is ISTIO_MUTUAL: it requires a client certificate of the "
                    + "mesh's CA");
        }
        if (server.certificate() == null) {
            return Result.failed(CLOSED, name + " has no certificate (" + server.missing() + "): Envoy closes the connection");
        }
        String checked = verify(tls, server.certificate(), sni, name + " serves " + server.certificate() + " from Secret "
                + server.credential());
        if (checked != null) {
            return Result.failed(checked.substring(0, checked.indexOf('\n')), checked.substring(checked.indexOf('\n') + 1));
        }
        PemCertificate client = tls.clientCertificate();
        if (!server.acceptsClient(client)) {
            return Result.failed(client == null ? alert(40, "SSLV3_ALERT_HANDSHAKE_FAILURE") : alert(48, "TLSV1_ALERT_UNKNOWN_CA"),
                    name + " is " + server.mode() + " and " + (client == null ? "the proxy presents no client certificate"
                            : "the client certificate " + client + " of Secret " + tls.credential() + " does not chain to its CA"));
        }
        return Result.ok(name + " serves " + server.certificate() + " from Secret " + server.credential() + ", "
                + (tls.insecure() ? "not checked (insecureSkipVerify)" : "trusted by " + tls.trust()));
    }

    /** A host outside the cluster: TLS only where {@link OutsideHosts} says, with a public CA's certificate for the host. */
    private static Result outside(Simulation sim, OriginatedTls tls, LbEndpoint endpoint, String host, String sni) {
        if (!sim.outsideSpeaksTls(host, endpoint.port())) {
            return Result.failed(WRONG_VERSION_NUMBER, "a host outside the cluster, it speaks plain HTTP on port "
                    + endpoint.port() + " (" + OutsideHosts.RULE + "): it answers the ClientHello in plain text");
        }
        String served = "a certificate for " + host + " from a public CA";
        if (!tls.insecure()) {
            if (!tls.systemRoots()) {
                return Result.failed(chainFailed(1, "unable to get local issuer certificate"), "a host outside the cluster, it "
                        + "serves " + served + ", which " + tls.trust() + " does not include");
            }
            if (!tls.subjectAltNames().isEmpty() && !tls.subjectAltNames().contains(host)) {
                return Result.failed(verifyFailed("verify SAN list"), "a host outside the cluster, it serves " + served
                        + ", and none of subjectAltNames " + tls.subjectAltNames() + " is " + host);
            }
            if (tls.autoSan() && !sni.equals(host)) {
                return Result.failed(verifyFailed("verify SAN list"), "a host outside the cluster, it serves " + served
                        + ", not valid for the server name " + sni);
            }
        }
        return Result.ok("a host outside the cluster, it serves " + served + " on port " + endpoint.port() + ", "
                + (tls.insecure() ? "not checked (insecureSkipVerify)" : "trusted by " + tls.trust()));
    }

    /**
     * Envoy's checks of an app's certificate: {@code null} when it passes, else the failure reason,
     * a newline, and the explanation.
     */
    private static String verify(OriginatedTls tls, PemCertificate certificate, String sni, String served) {
        if (tls.insecure()) {
            return null;
        }
        if (tls.systemRoots() || !certificate.chainsTo(tls.trusted())) {
            String error = certificate.selfSigned() ? "self signed certificate" : "unable to get local issuer certificate";
            return chainFailed(0, error) + "\n" + served + ", which " + tls.trust() + " does not include ("
                    + error + ")";
        }
        if (!tls.subjectAltNames().isEmpty() && tls.subjectAltNames().stream().noneMatch(certificate::hasDnsName)) {
            return verifyFailed("verify SAN list") + "\n" + served + ", which carries none of subjectAltNames "
                    + tls.subjectAltNames();
        }
        if (tls.autoSan() && !certificate.hasDnsName(sni)) {
            return verifyFailed("verify SAN list") + "\n" + served + ", which is not valid for the server name " + sni
                    + " (auto SAN validation: the DestinationRule sets no sni and no subjectAltNames)";
        }
        return null;
    }
}
