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
}
