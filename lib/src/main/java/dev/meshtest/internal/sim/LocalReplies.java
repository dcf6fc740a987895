package dev.meshtest.internal.sim;

import dev.meshtest.internal.proxy.HeaderMutation;
import dev.meshtest.traffic.EnvoyBody;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one home of the answers no app made: Envoy's local replies ({@code sendLocalReply}: status,
 * flags, the body as {@link EnvoyBody} words it, the headers its codec writes), curl's words when there is no HTTP response, and the
 * edits proxies make to responses on their way back ({@code server}, route response headers,
 * response flags). Every outcome made here is interned, so the requests of a send that end the
 * same way share one object (docs/performance.md). One per {@link Simulation}.
 *
 * <pre>{@code
 * LocalReplies replies = new LocalReplies();
 * Outcome uh = replies.envoyReply(cluster, 503, EnvoyBody.NO_HEALTHY_UPSTREAM, ResponseFlag.NO_HEALTHY_UPSTREAM);
 * }</pre>
 */
final class LocalReplies {

    /** What curl says when a sidecar's black-hole cluster closes the connection without an answer. */
    static final String EMPTY_REPLY = "curl: (52) Empty reply from server";

    /** A connection failure as a hop reports it to its attempt: no HTTP response. */
    static final Outcome CONNECT_RESET = Outcome.of(0).withBody("connection reset");
    /** A mutual TLS handshake the endpoint could not answer, as a hop reports it to its attempt. */
    static final Outcome TLS_HANDSHAKE_FAILED = Outcome.of(0).withBody("TLS handshake failed");
    /** A plain-text connection the endpoint's STRICT sidecar closed, as a hop reports it to its attempt. */
    static final Outcome CONNECTION_TERMINATED = Outcome.of(0).withBody("connection terminated");

    /** What curl says when the server resets the connection (a STRICT sidecar to a client without one). */
    static final String RESET_BY_PEER = "curl: (56) Recv failure: Connection reset by peer";

    /** Istio's server name on inbound and gateway listeners ({@code GetProxyHeadersFromProxyConfig}). */
    static final String ISTIO_ENVOY = "istio-envoy";
    /** Envoy's default server name, which Istio leaves on the sidecar's outbound listeners. */
    static final String ENVOY = "envoy";

    private final Map<Outcome, Outcome> interned = new HashMap<>();
    private final Map<LocalReply, Outcome> envoyReplies = new HashMap<>();
    private final Map<String, Outcome> overflowReplies = new HashMap<>();
    /** {@link #serverHeader}'s last wrapper, for the sink and server name it was made for. */
    private Simulation.Sink lastSink;
    private String lastServerName;
    private Simulation.Sink lastWrapper;
    private final Map<Outcome, Outcome> servedByEnvoy = new HashMap<>();
    private final Map<Outcome, Outcome> servedByIstioEnvoy = new HashMap<>();
    private final IdentityMemo<Outcome, Outcome> recentByEnvoy = new IdentityMemo<>();
    private final IdentityMemo<Outcome, Outcome> recentByIstioEnvoy = new IdentityMemo<>();
    private final Map<HeaderMutation, Map<Outcome, Outcome>> edits = new IdentityHashMap<>();
    /**
     * Equal header edits made per request (a CORS answer's, for its origin) as one object, so
     * {@link #edits} holds one entry per different edit, not per request.
     */
    private final Map<HeaderMutation, HeaderMutation> mutations = new HashMap<>();

    /**
     * The most entries each cache here keeps. Past it, outcomes are made anew instead of shared:
     * answers that differ per request (a CORS answer to an origin that changes per request) must
     * not make a long send's memory grow with it.
     */
    static final int MAX_CACHED = 1 << 16;

    /** {@return how many different header edits {@link #edited} keeps outcomes for} (for tests) */
    int editsKept() {
        return edits.size();
    }

    /** What curl says when nothing listens at an address. */
    static String refused(String ip, int port) {
        return "curl: (7) Failed to connect to " + ip + " port " + port + ": Connection refused";
    }

    /** The shared copy of {@code o}. */
    Outcome intern(Outcome o) {
        Outcome known = interned.size() < MAX_CACHED ? interned.putIfAbsent(o, o) : interned.get(o);
        return known == null ? o : known;
    }

    /**
     * Envoy's own reply ({@code sendLocalReply}): its status, body and flags, with the headers its
     * HTTP/1.1 codec writes: {@code content-length}, and {@code content-type: text/plain} when there
     * is a body (istio-rules §4.11).
     */
    Outcome envoyReply(String cluster, int status, String body, ResponseFlag... flags) {
        LocalReply key = new LocalReply(cluster, status, body, List.of(flags));
        Outcome known = envoyReplies.get(key);
        if (known == null) {
            known = newEnvoyReply(cluster, status, body, flags);
            envoyReplies.put(key, known);
        }
        return known;
    }

    /** What {@link #envoyReply} was asked for: most local replies of a send are alike, and made once. */
    private record LocalReply(String cluster, int status, String body, List<ResponseFlag> flags) {
    }

    private Outcome newEnvoyReply(String cluster, int status, String body, ResponseFlag... flags) {
        Outcome o = Outcome.of(status).withCluster(cluster).withBody(body)
                .withResponseHeader("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        if (!body.isEmpty()) {
            o = o.withResponseHeader("content-type", "text/plain");
        }
        return intern(flags.length == 0 ? o : o.withFlags(EnumSet.copyOf(Arrays.asList(flags))));
    }

    /** The router's 503 for a circuit-breaker overflow: flag UO and {@code x-envoy-overloaded: true} (istio-rules §4.11). */
    Outcome overflowReply(String cluster) {
        Outcome known = overflowReplies.get(cluster);
        if (known == null) {
            known = intern(envoyReply(cluster, 503, EnvoyBody.OVERFLOW, ResponseFlag.UPSTREAM_OVERFLOW)
                    .withResponseHeader("x-envoy-overloaded", "true"));
            overflowReplies.put(cluster, known);
        }
        return known;
    }

    /** A connect failure after Envoy's default retries (2, on connect failure): 503 UF,URX. */
    Outcome connectFailureRetried(String cluster) {
        return envoyReply(cluster, 503, EnvoyBody.CONNECT_FAILURE, ResponseFlag.UPSTREAM_CONNECTION_FAILURE,
                ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED);
    }

    /**
     * The router's answer when its attempts ended without a response for {@code reason}
     * (istio-rules §4.11): 503 UF for a refused connection or a failed TLS handshake, 503 UC for a
     * closed connection, each in Envoy's words, "retried and the latest" when it retried.
     */
    Outcome resetReply(String cluster, RetryState.Reset reason, boolean retried) {
        return resetReply(cluster, reason, retried, null);
    }

    /**
     * {@link #resetReply(String, RetryState.Reset, boolean)} where a failed TLS handshake has its own
     * transport failure reason ({@code tlsFailure}, BoringSSL's {@code TLS_error:...}; empty: the peer
     * closed the connection and there is none; {@code null}: a plain-text peer's {@code WRONG_VERSION_NUMBER}).
     */
    Outcome resetReply(String cluster, RetryState.Reset reason, boolean retried, String tlsFailure) {
        if (reason == RetryState.Reset.TLS_FAILURE && tlsFailure != null) {
            return envoyReply(cluster, 503, "upstream connect error or disconnect/reset before headers. "
                    + (retried ? "retried and the latest reset reason" : "reset reason")
                    + ": remote connection failure" + (tlsFailure.isEmpty() ? "" : ", transport failure reason: " + tlsFailure),
                    ResponseFlag.UPSTREAM_CONNECTION_FAILURE);
        }
        return switch (reason) {
            case CONNECT_FAILURE -> envoyReply(cluster, 503,
                    retried ? EnvoyBody.CONNECT_FAILURE : EnvoyBody.CONNECT_FAILURE_NOT_RETRIED,
                    ResponseFlag.UPSTREAM_CONNECTION_FAILURE);
            case TLS_FAILURE -> envoyReply(cluster, 503,
                    retried ? EnvoyBody.TLS_FAILURE : EnvoyBody.TLS_FAILURE_NOT_RETRIED,
                    ResponseFlag.UPSTREAM_CONNECTION_FAILURE);
            case CONNECTION_TERMINATION -> envoyReply(cluster, 503,
                    retried ? EnvoyBody.CONNECTION_TERMINATION_RETRIED : EnvoyBody.CONNECTION_TERMINATION,
                    ResponseFlag.UPSTREAM_CONNECTION_TERMINATION);
            case PER_TRY_TIMEOUT -> envoyReply(cluster, 504, EnvoyBody.UPSTREAM_TIMEOUT, ResponseFlag.UPSTREAM_REQUEST_TIMEOUT);
        };
    }

    /** The reset a hop's sentinel answer stands for, or {@code null} when {@code o} is an answer. */
    static RetryState.Reset resetOf(Outcome o) {
        if (o == CONNECT_RESET) {
            return RetryState.Reset.CONNECT_FAILURE;
        }
        if (o == TLS_HANDSHAKE_FAILED) {
            return RetryState.Reset.TLS_FAILURE;
        }
        return o == CONNECTION_TERMINATED ? RetryState.Reset.CONNECTION_TERMINATION : null;
    }

    /**
     * An answer no app made and no Envoy wrote: a closed connection (status 0), or a host outside
     * the cluster (200, nothing known of its headers). Shared by every request that ends the same way.
     */
    Outcome failure(String cluster, int status, String body) {
        return intern(Outcome.of(status).withCluster(cluster).withBody(body));
    }

    Outcome withFlag(Outcome o, ResponseFlag extra) {
        return extra == null || o.has(extra) ? o : intern(o.withFlag(extra));
    }

    Outcome withFlags(Outcome o, Set<ResponseFlag> extra) {
        if (extra == null || o.flags().containsAll(extra)) {
            return o;
        }
        EnumSet<ResponseFlag> all = EnumSet.copyOf(extra);
        all.addAll(o.flags());
        return intern(o.withFlags(all));
    }

    Outcome withCluster(Outcome o, String cluster) {
        return intern(o.withCluster(cluster));
    }

    Outcome withClusterIfEmpty(Outcome o, String cluster) {
        return o.cluster().isEmpty() && !cluster.isEmpty() ? withCluster(o, cluster) : o;
    }

    Simulation.Sink withFlag(Simulation.Sink sink, ResponseFlag flag) {
        return (o, a, ov) -> sink.reply(withFlag(o, flag), a, ov);
    }

    /**
     * The HTTP connection manager a response passes on its way back overwrites {@code server} with
     * its server name (Istio's {@code server_header_transformation: OVERWRITE}); the one nearest
     * the client writes last (istio-rules §4.11). Not for status 0: there is no HTTP response.
     */
    Simulation.Sink serverHeader(Simulation.Sink sink, String serverName) {
        // A client loop sends its requests through one sink: its wrapper is kept, not made per request.
        if (sink == lastSink && (serverName == lastServerName || serverName.equals(lastServerName))) {
            return lastWrapper;
        }
        Simulation.Sink wrapper = (o, a, ov) -> sink.reply(served(o, serverName), a, ov);
        lastSink = sink;
        lastServerName = serverName;
        lastWrapper = wrapper;
        return wrapper;
    }

    /** {@code o} with {@code server: serverName}, as the HTTP connection manager it passes writes it. */
    Outcome served(Outcome o, String serverName) {
        if (o.status() == 0 || o == CONNECT_RESET) {
            return o;
        }
        boolean envoy = serverName == ENVOY || serverName.equals(ENVOY);
        // By reference first: a send's answers are a few shared objects, and an Outcome's hash
        // walks all its fields (headers included) on every lookup.
        IdentityMemo<Outcome, Outcome> recent = envoy ? recentByEnvoy : recentByIstioEnvoy;
        Outcome stamped = recent.get(o);
        if (stamped != null) {
            return stamped;
        }
        Map<Outcome, Outcome> cache = envoy ? servedByEnvoy : servedByIstioEnvoy;
        stamped = cache.get(o);
        if (stamped == null) {
            stamped = intern(o.withResponseHeader("server", serverName));
            if (cache.size() < MAX_CACHED) {
                cache.put(o, stamped);
            }
        }
        recent.put(o, stamped);
        return stamped;
    }

    /** A route's {@code response_headers_to_add}/{@code _to_remove} applied to every HTTP response through it. */
    Simulation.Sink responseEdits(Simulation.Sink sink, HeaderMutation first, HeaderMutation then) {
        return (o, a, ov) -> sink.reply(o.status() == 0 || o == CONNECT_RESET ? o : edited(edited(o, first), then), a, ov);
    }

    Outcome edited(Outcome o, HeaderMutation mutation) {
        if (mutation.isEmpty()) {
            return o;
        }
        // By reference first: a route's own edits are one object for all its requests.
        Map<Outcome, Outcome> cache = edits.get(mutation);
        if (cache == null) {
            HeaderMutation same = mutations.get(mutation);
            if (same == null && mutations.size() < MAX_CACHED) {
                mutations.put(mutation, mutation);
                same = mutation;
            }
            cache = same == null ? null : edits.computeIfAbsent(same, m -> new HashMap<>());
        }
        Outcome e = cache == null ? null : cache.get(o);
        if (e == null) {
            e = intern(o.withResponseHeaders(mutation.applied(o.responseHeaders())));
            if (cache != null && cache.size() < MAX_CACHED) {
                cache.put(o, e);
            }
        }
        return e;
    }

    /**
     * A local reply delivered as an event (of a proxy, after its overhead; of kube-proxy, at once),
     * so an answer never reaches its sender inside the call that sent the request.
     */
    static final class Delivery extends Engine.Event implements Simulation.Cancellable {
        final Outcome outcome;
        final int attempts;
        final Simulation.Sink sink;
        final boolean overloaded;

        Delivery(Outcome outcome, int attempts, Simulation.Sink sink, boolean overloaded) {
            this.outcome = outcome;
            this.attempts = attempts;
            this.sink = sink;
            this.overloaded = overloaded;
        }

        @Override
        protected void fire() {
            sink.reply(outcome, attempts, overloaded);
        }

        @Override
        public void abandon() {
            cancel();
        }
    }
}
