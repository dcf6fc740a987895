package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One decision on a request's way, as an {@link Explanation} lists them: what kind of decision it
 * was (the listener that took the request, the route that matched, the endpoint picked, the limit
 * that overflowed, ...) and what was decided, in words.
 *
 * <pre>{@code
 * Explanation e = mesh.explain().from("nginx").to("helloworld:5000/hello");
 * e.first(Decision.Kind.ROUTE).map(Decision::text);
 * // Optional[sidecar of nginx: route 5000 > virtual host helloworld... > VirtualService default/helloworld http[0] (match /*)]
 * }</pre>
 *
 * @param kind what was decided
 * @param text the decision in words
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record Decision(Kind kind, String text) {

    /** What a decision is about. */
    public enum Kind {
        /** Which request of a load is explained, and why this one. */
        LOAD,
        /** The client pod's DNS answer for the host. */
        DNS,
        /** Where the request enters: a client without a sidecar, or a gateway from outside. */
        ENTRY,
        /** The proxy's listener for the address and port, or the lack of one. */
        LISTENER,
        /** The route configuration, virtual host and route that matched, or none; a redirect or direct response. */
        ROUTE,
        /** The weighted pick among a route's destinations. */
        WEIGHTED_PICK,
        /** The fault filter's delay or abort. */
        FAULT,
        /** The CORS filter: a request's origin allowed or not, a preflight answered by the proxy or forwarded. */
        CORS,
        /** A mirror copy, sent or not. */
        MIRROR,
        /** The router's route and per-try timeouts, and the route timeout firing. */
        ROUTER,
        /** The cluster: missing (NC), original destination, passthrough, no healthy host (UH). */
        CLUSTER,
        /** The endpoint the load balancer picked, or an address outside the cluster. */
        ENDPOINT,
        /** Outlier detection: hosts skipped, a host ejected. */
        OUTLIER_DETECTION,
        /** A circuit-breaker limit: a request waiting, an overflow (naming the limit), a retry refused. */
        CIRCUIT_BREAKER,
        /** How an upstream attempt ended, and whether it is retried. */
        ATTEMPT,
        /** A retry and its backoff. */
        RETRY,
        /** kube-proxy's pick of a Service's endpoint, or a refused connection. */
        KUBE_PROXY,
        /**
         * The connection to the endpoint: mutual TLS or plain text, and whether the endpoint's
         * sidecar takes it (its PeerAuthentication mode); a failed handshake or a closed connection.
         */
        MUTUAL_TLS,
        /**
         * The client's own TLS (an {@code https} URL): the gateway filter chain its server name
         * picked, the certificate served, what curl checked of it, the client certificate asked for.
         */
        TLS,
        /** The receiving proxy's jwt_authn filter (RequestAuthentication): the token accepted, rejected (401), or none. */
        AUTHENTICATION,
        /**
         * The receiving proxy's RBAC filters (AuthorizationPolicy): the DENY policy that matched, the
         * ALLOW policy that let the request through, or none (403).
         */
        AUTHORIZATION,
        /** The pod (or gateway) that serves the request. */
        SERVER,
        /** What the pod's app does: its calls, its own timeouts, giving up. */
        APP,
        /**
         * The configuration version a proxy routes with when istiod's push of a newer one has not
         * reached it yet (on a timeline, or while live traffic runs): why a request right after an
         * apply still goes the old way.
         */
        CONFIG
    }

    /**
     * @param kind what was decided
     * @param text the decision in words
     */
    public Decision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return text;
    }
}
