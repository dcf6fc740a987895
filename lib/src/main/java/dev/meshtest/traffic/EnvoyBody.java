package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The bodies of Envoy's own replies ({@code sendLocalReply}) as a client sees them, word for word:
 * meshtest's simulation answers with these, and assertions compare with them.
 *
 * <pre>{@code
 * assertThat(result).hasStatus(503).withBody(EnvoyBody.NO_HEALTHY_UPSTREAM);
 * }</pre>
 */
@API(status = STABLE, since = "0.2")
public final class EnvoyBody {

    private EnvoyBody() {
    }

    /** 503 {@code UO}: a circuit breaker (connection pool limit) tripped. */
    public static final String OVERFLOW = "upstream connect error or disconnect/reset before headers. reset reason: overflow";

    /** 504 {@code UT}: a route timeout (or the last per-try timeout) expired. */
    public static final String UPSTREAM_TIMEOUT = "upstream request timeout";

    /** A fault injection abort ({@code FI}), whatever its status. */
    public static final String FAULT_ABORT = "fault filter abort";

    /** 503 {@code UH}: no host of the cluster can take the request (all ejected, none ready). */
    public static final String NO_HEALTHY_UPSTREAM = "no healthy upstream";

    /** 503 {@code UF,URX}: the connection failed, and so did the retries of Istio's default policy. */
    public static final String CONNECT_FAILURE = "upstream connect error or disconnect/reset before headers. retried and the "
            + "latest reset reason: remote connection failure, transport failure reason: delayed connect error: 111";

    /** 503 {@code UF}: the connection failed and was not retried. */
    public static final String CONNECT_FAILURE_NOT_RETRIED = "upstream connect error or disconnect/reset before headers. "
            + "reset reason: remote connection failure, transport failure reason: delayed connect error: 111";

    /** What BoringSSL reports when the peer answers a TLS handshake with something that is not TLS (a plain-text server). */
    private static final String WRONG_VERSION_NUMBER =
            "TLS_error:|268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end";

    /**
     * 503 {@code UF,URX}: the proxy's mutual TLS handshake failed (the endpoint speaks plain text: no
     * sidecar, or a sidecar whose PeerAuthentication is {@code DISABLE}), and so did the retries of
     * Istio's default policy.
     */
    public static final String TLS_FAILURE = "upstream connect error or disconnect/reset before headers. retried and the "
            + "latest reset reason: remote connection failure, transport failure reason: " + WRONG_VERSION_NUMBER;

    /** 503 {@code UF}: the mutual TLS handshake failed and was not retried. */
    public static final String TLS_FAILURE_NOT_RETRIED = "upstream connect error or disconnect/reset before headers. "
            + "reset reason: remote connection failure, transport failure reason: " + WRONG_VERSION_NUMBER;

    /**
     * 503 {@code UC}: the endpoint's sidecar closed the proxy's plain-text connection (its
     * PeerAuthentication is {@code STRICT}); Istio's default retry policy does not retry it.
     */
    public static final String CONNECTION_TERMINATION = "upstream connect error or disconnect/reset before headers. "
            + "reset reason: connection termination";

    /** 503 {@code UC,URX}: as {@link #CONNECTION_TERMINATION}, after the retries of a policy that retries resets. */
    public static final String CONNECTION_TERMINATION_RETRIED = "upstream connect error or disconnect/reset before headers. "
            + "retried and the latest reset reason: connection termination";

    /**
     * 403: an AuthorizationPolicy denied the request at the receiving sidecar or gateway (a DENY
     * rule matched, or ALLOW policies select the workload and none matched).
     */
    public static final String RBAC_ACCESS_DENIED = "RBAC: access denied";
}
