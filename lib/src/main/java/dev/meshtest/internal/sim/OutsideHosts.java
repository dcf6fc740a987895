package dev.meshtest.internal.sim;

import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.istio.ServiceEntry;
import dev.meshtest.config.istio.ServicePort;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.StoredConfig;
import dev.meshtest.internal.proxy.Hosts;
import dev.meshtest.internal.proxy.HttpRequest;
import dev.meshtest.traffic.Outcome;

/**
 * What meshtest assumes of a server outside the cluster, which no YAML describes (docs/routing.md,
 * "Hosts outside the cluster"), in one place: it speaks TLS on port 443 and on every port a
 * ServiceEntry for its name declares {@code HTTPS} or {@code TLS} (its {@code targetPort} when it
 * has one), plain HTTP on any other port; its certificate comes from a public CA and is valid for
 * its name; it asks no client certificate; it answers 200.
 *
 * <pre>{@code
 * OutsideHosts.speaksTls(state, "edition.cnn.com", 443);   // true
 * OutsideHosts.speaksTls(state, "edition.cnn.com", 80);    // false, unless a ServiceEntry declares 80 HTTPS or TLS
 * }</pre>
 */
final class OutsideHosts {

    /** The rule in a few words, for explanations. */
    static final String RULE = "outside hosts speak TLS on 443 and on ports a ServiceEntry declares HTTPS or TLS";

    private OutsideHosts() {
    }

    /**
     * What the server at {@code address}:{@code port} says to {@code request} when it cannot read
     * it, else {@code null} (it answers 200): curl's TLS to a plain-text port fails its handshake,
     * plain HTTP to a TLS port gets a 400; curl checks the public CA's certificate against its
     * {@code --cacert}, which replaces the system's CAs. A TCP connection is always accepted.
     */
    static Outcome refuses(Simulation sim, String address, int port, String cluster, HttpRequest request, Tracer trace) {
        if (request.rawTcp()) {
            return null;
        }
        String host = request.tls() != null ? request.tls().host() : request.host();
        boolean tls = sim.outsideSpeaksTls(host, port);
        if (request.tls() != null && !tls) {
            trace.tls(null, address + " outside the cluster speaks plain HTTP on port " + port + " (" + RULE
                    + "): it answers curl's ClientHello in plain text");
            return sim.replies.failure(cluster, 0, TlsHandshake.WRONG_VERSION);
        }
        if (request.tls() != null && !request.tls().insecure() && !request.tls().trusted().isEmpty()) {
            trace.tls(null, address + " outside the cluster serves a certificate for " + host + " from a public CA, and "
                    + "curl's --cacert replaces the system's CAs it would trust");
            return sim.replies.failure(cluster, 0, "curl: (60) SSL certificate problem: unable to get local issuer certificate");
        }
        if (request.tls() == null && tls) {
            trace.tls(null, address + " outside the cluster speaks TLS on port " + port + " (" + RULE + "): plain HTTP gets 400");
            return sim.replies.failure(cluster, 400, "");
        }
        return null;
    }

    /** Whether the server for {@code host} speaks TLS on {@code port}. */
    static boolean speaksTls(ClusterState state, String host, int port) {
        if (port == 443) {
            return true;
        }
        for (StoredConfig<ServiceEntry> c : state.configs(ServiceEntry.class)) {
            var spec = c.resource().spec();
            if (spec == null || spec.hosts().stream().noneMatch(h -> h != null && Hosts.subsetOf(host, h))) {
                continue;
            }
            for (ServicePort p : spec.ports()) {
                if (p == null || p.number() == null) {
                    continue;
                }
                int target = p.targetPort() != null && p.targetPort() > 0 ? p.targetPort() : p.number();
                if (target == port && Protocol.parse(p.protocol()).isTls()) {
                    return true;
                }
            }
        }
        return false;
    }
}
