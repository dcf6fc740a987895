package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * What happened to one request, as its client saw it: who answered (workload, pod, namespace and
 * the pod's {@code version} label), through which Envoy cluster, with which status, Envoy response
 * flags, headers and body; and what the answering app received. Requests that fail inside the mesh
 * have no pod and carry Envoy's own answer: 404 {@code NR}, 503 {@code NC} (empty body), 503
 * {@code UH} {@code no healthy upstream}, ... A request that never got an HTTP response has status 0
 * and, as its body, what curl would print ({@code curl: (6) Could not resolve host: ...}).
 *
 * <pre>{@code
 * Outcome o = result.outcomes().get(0);
 * o.workload();                    // Optional[helloworld-v2]
 * o.cluster();                     // Optional[outbound|5000||helloworld-v2.default.svc.cluster.local]
 * o.status();                      // 200
 * o.flags();                       // []
 * o.responseHeader("server");      // Optional[envoy]: the client's sidecar answered last
 * o.received().map(ReceivedRequest::path);   // Optional[/hello]
 * }</pre>
 *
 * <p>Absent values are empty {@link Optional}s, never {@code null} or {@code ""}. Latency and
 * attempts are per request, in {@link TrafficResult}; outcomes are values (equal when every part is
 * equal) and are shared between the requests that ended the same way.
 *
 * <p>Outcomes are made by the simulation; {@link #of(int)} and the {@code with...} methods build one
 * for tests of code that reads outcomes:
 *
 * <pre>{@code
 * Outcome overflow = Outcome.of(503).withFlag(ResponseFlag.UPSTREAM_OVERFLOW)
 *         .withCluster("outbound|5000||helloworld.default.svc.cluster.local");
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class Outcome {

    /** Response headers every real Envoy response carries that meshtest does not simulate. */
    public static final Set<String> NOT_SIMULATED = Set.of("date", "x-envoy-upstream-service-time");

    private static final Set<ResponseFlag> NO_FLAGS = Collections.unmodifiableSet(EnumSet.noneOf(ResponseFlag.class));

    private final String workload;
    private final String pod;
    private final String namespace;
    private final String version;
    private final String cluster;
    private final int status;
    private final Set<ResponseFlag> flags;
    private final String body;
    private final Map<String, String> responseHeaders;
    private final ReceivedRequest received;
    private final List<Redirect> redirects;
    private final int hash;

    private Outcome(String workload, String pod, String namespace, String version, String cluster, int status,
                    Set<ResponseFlag> flags, String body, Map<String, String> responseHeaders, ReceivedRequest received) {
        this(workload, pod, namespace, version, cluster, status, flags, body, responseHeaders, received, List.of());
    }

    private Outcome(String workload, String pod, String namespace, String version, String cluster, int status,
                    Set<ResponseFlag> flags, String body, Map<String, String> responseHeaders, ReceivedRequest received,
                    List<Redirect> redirects) {
        this.workload = workload;
        this.pod = pod;
        this.namespace = namespace;
        this.version = version;
        this.cluster = cluster;
        this.status = status;
        this.flags = flags;
        this.body = body;
        this.responseHeaders = responseHeaders;
        this.received = received;
        this.redirects = redirects;
        this.hash = Objects.hash(workload, pod, namespace, version, cluster, status, flags, body, responseHeaders, received,
                redirects);
    }

    /**
     * An answer with this status and nothing else: no pod, no cluster, no flags, no headers, empty body.
     *
     * @param status the HTTP status, 0 for no HTTP response
     * @return the outcome
     */
    public static Outcome of(int status) {
        if (status < 0 || status > 999) {
            throw new IllegalArgumentException("status " + status + " is not an HTTP status (0 for none)");
        }
        return new Outcome(null, null, null, null, null, status, NO_FLAGS, "", Map.of(), null);
    }

    /**
     * This outcome answered by a pod.
     *
     * @param namespace the pod's namespace
     * @param podName the pod's name
     * @param workloadName its workload: the Deployment's name, or the pod's own for a bare pod
     * @param versionLabel the pod's {@code version} label, or {@code null} when it has none
     * @return the new outcome
     */
    public Outcome withPod(String namespace, String podName, String workloadName, String versionLabel) {
        return new Outcome(Objects.requireNonNull(workloadName, "workloadName"), Objects.requireNonNull(podName, "podName"),
                Objects.requireNonNull(namespace, "namespace"), versionLabel, cluster, status, flags, body, responseHeaders,
                received, redirects);
    }

    /**
     * This outcome through an Envoy cluster.
     *
     * @param clusterName the cluster, {@code outbound|5000||helloworld.default.svc.cluster.local}
     * @return the new outcome
     */
    public Outcome withCluster(String clusterName) {
        String c = clusterName == null || clusterName.isEmpty() ? null : clusterName;
        return Objects.equals(c, cluster) ? this
                : new Outcome(workload, pod, namespace, version, c, status, flags, body, responseHeaders, received, redirects);
    }

    /**
     * This outcome with another status.
     *
     * @param newStatus the status
     * @return the new outcome
     */
    public Outcome withStatus(int newStatus) {
        return newStatus == status ? this
                : new Outcome(workload, pod, namespace, version, cluster, of(newStatus).status, flags, body, responseHeaders,
                received, redirects);
    }

    /**
     * This outcome with one more response flag.
     *
     * @param flag the flag
     * @return the new outcome
     */
    public Outcome withFlag(ResponseFlag flag) {
        if (flags.contains(flag)) {
            return this;
        }
        EnumSet<ResponseFlag> more = flags.isEmpty() ? EnumSet.noneOf(ResponseFlag.class) : EnumSet.copyOf(flags);
        more.add(flag);
        return withFlags(more);
    }

    /**
     * This outcome with exactly these response flags.
     *
     * @param newFlags the flags, in any order
     * @return the new outcome
     */
    public Outcome withFlags(Set<ResponseFlag> newFlags) {
        Set<ResponseFlag> f = newFlags.isEmpty() ? NO_FLAGS : Collections.unmodifiableSet(EnumSet.copyOf(newFlags));
        return f.equals(flags) ? this
                : new Outcome(workload, pod, namespace, version, cluster, status, f, body, responseHeaders, received, redirects);
    }

    /**
     * This outcome with another body.
     *
     * @param newBody the body
     * @return the new outcome
     */
    public Outcome withBody(String newBody) {
        Objects.requireNonNull(newBody, "newBody");
        return newBody.equals(body) ? this
                : new Outcome(workload, pod, namespace, version, cluster, status, flags, newBody, responseHeaders, received, redirects);
    }

    /**
     * This outcome with a response header set (replacing any value), or removed when {@code value} is {@code null}.
     *
     * @param name the header name, any case (kept in lower case, as HTTP/2 and Envoy do)
     * @param value its value, or {@code null} to remove it
     * @return the new outcome
     */
    public Outcome withResponseHeader(String name, String value) {
        String n = name.toLowerCase(Locale.ROOT);
        if (Objects.equals(responseHeaders.get(n), value)) {
            return this;
        }
        TreeMap<String, String> h = new TreeMap<>(responseHeaders);
        if (value == null) {
            h.remove(n);
        } else {
            h.put(n, value);
        }
        return withResponseHeaders(h);
    }

    /**
     * This outcome with exactly these response headers.
     *
     * @param headers the headers; names are lower-cased
     * @return the new outcome
     */
    public Outcome withResponseHeaders(Map<String, String> headers) {
        TreeMap<String, String> h = new TreeMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v, k)));
        Map<String, String> m = h.isEmpty() ? Map.of() : Collections.unmodifiableMap(h);
        return m.equals(responseHeaders) ? this
                : new Outcome(workload, pod, namespace, version, cluster, status, flags, body, m, received, redirects);
    }

    /**
     * This outcome with what the answering app received.
     *
     * @param request the request as received, or {@code null} for none
     * @return the new outcome
     */
    public Outcome withReceived(ReceivedRequest request) {
        return Objects.equals(request, received) ? this
                : new Outcome(workload, pod, namespace, version, cluster, status, flags, body, responseHeaders, request, redirects);
    }

    /** @return the answering workload (Deployment name, or the pod's name for a bare pod); empty when no pod answered */
    public Optional<String> workload() {
        return Optional.ofNullable(workload);
    }

    /** @return the answering pod's name; empty when no pod answered */
    public Optional<String> pod() {
        return Optional.ofNullable(pod);
    }

    /** @return the answering pod's namespace; empty when no pod answered */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    /** @return the answering pod's {@code version} label; empty when no pod answered or it has no such label */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /**
     * @return the Envoy cluster the last proxy on the way sent to (a gateway's, when the request went
     *         through one); empty when none did (a client without sidecar, a 404 {@code NR}, a fault abort)
     */
    public Optional<String> cluster() {
        return Optional.ofNullable(cluster);
    }

    /** @return the HTTP status the client saw; 0 when there was no HTTP response */
    public int status() {
        return status;
    }

    /** @return whether the status is 2xx */
    public boolean succeeded() {
        return status >= 200 && status < 300 || status == 0 && pod != null;
    }

    /**
     * How a TCP connection of {@code mesh.connect(n)} ended, as nc sees it.
     *
     * <pre>{@code
     * assertThat(outcome.connectionEnd()).contains(Outcome.ConnectionEnd.ACCEPTED);
     * }</pre>
     */
    public enum ConnectionEnd {
        /** A workload's app accepted it: {@link #workload()} says which. */
        ACCEPTED("accepted"),
        /** Nothing listens on the address and port: the connection is refused. */
        REFUSED("connection refused"),
        /** A proxy or the app reset it (a STRICT sidecar given plain text, for one). */
        RESET("connection reset"),
        /** It was closed without an answer: no filter chain took it, or a TLS-only or HTTP-only one could not read it. */
        CLOSED("connection closed"),
        /** A proxy closed it instead of forwarding it: its response flags say why ({@code UO} overflow, {@code UH}, {@code NC}). */
        CLOSED_BY_PROXY("connection closed by the proxy");

        private final String text;

        ConnectionEnd(String text) {
            this.text = text;
        }

        /** {@return the outcome's body for this end: {@code connection refused}, ...; empty for an accepted connection} */
        public String text() {
            return this == ACCEPTED ? "" : text;
        }
    }

    /**
     * How a TCP connection ({@code mesh.connect(n)}) ended; empty for an HTTP request's outcome.
     *
     * @return the connection's end
     */
    public Optional<ConnectionEnd> connectionEnd() {
        if (status != 0) {
            return Optional.empty();
        }
        if (pod != null) {
            return Optional.of(ConnectionEnd.ACCEPTED);
        }
        for (ConnectionEnd e : ConnectionEnd.values()) {
            if (e != ConnectionEnd.ACCEPTED && e.text.equals(body)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Envoy's response flags ({@code %RESPONSE_FLAGS%}): those of the proxy that made the response
     * (the server sidecar's {@code UO} for an inbound overflow) plus the client proxy's own
     * ({@code URX}, {@code DI}).
     *
     * @return the flags, iterating in Envoy's order; empty when none
     */
    public Set<ResponseFlag> flags() {
        return flags;
    }

    /**
     * @param flag a flag
     * @return whether this outcome carries it
     */
    public boolean has(ResponseFlag flag) {
        return flags.contains(flag);
    }

    /** @return the flags as an access log prints them: {@code UT,URX}, or {@code -} for none */
    public String flagsText() {
        return ResponseFlag.format(flags);
    }

    /**
     * Where the request ended, as the traffic tables print it: the answering workload; for a request
     * that got no HTTP response, what curl said ({@code curl: (7) Failed to connect to 10.96.0.5 port
     * 5000: Connection refused}); else the Envoy cluster of the proxy that answered; else {@code -}.
     *
     * @return the table's DESTINATION cell
     */
    public String where() {
        if (workload != null) {
            return workload;
        }
        if (status == 0 && !body.isEmpty()) {
            return body;
        }
        return cluster != null ? cluster : "-";
    }

    /** @return the response body; for status 0, curl's error message */
    public String body() {
        return body;
    }

    /**
     * curl's exit code when the request got no HTTP response (status 0): 6 could not resolve host,
     * 7 connection refused, 35 TLS handshake failed, 52 empty reply, 56 connection reset or a TLS
     * alert on reading, 60 the server's certificate not trusted or not valid for the host, ...
     *
     * <pre>{@code
     * assertThat(outcome.curlExitCode()).hasValue(60);   // curl: (60) SSL certificate problem: ...
     * }</pre>
     *
     * @return the exit code, or empty when an HTTP response came back
     */
    public java.util.OptionalInt curlExitCode() {
        if (status != 0 || !body.startsWith("curl: (")) {
            return java.util.OptionalInt.empty();
        }
        int close = body.indexOf(')');
        try {
            return java.util.OptionalInt.of(Integer.parseInt(body.substring("curl: (".length(), close)));
        } catch (RuntimeException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /**
     * The response headers the client received, names in lower case, sorted by name:
     * {@code server}, {@code location} of a redirect, {@code content-type} and {@code content-length} of
     * Envoy's own replies, {@code x-envoy-overloaded}, and a VirtualService's {@code headers.response}
     * edits. Apps send no headers of their own. {@code date} and {@code x-envoy-upstream-service-time}
     * are not simulated ({@link #NOT_SIMULATED}).
     *
     * @return the headers
     */
    public Map<String, String> responseHeaders() {
        return responseHeaders;
    }

    /**
     * @param name a header name, any case
     * @return its value, or empty when the response has no such header
     */
    public Optional<String> responseHeader(String name) {
        return Optional.ofNullable(responseHeaders.get(name.toLowerCase(Locale.ROOT)));
    }

    /** @return the request as the answering app received it; empty when no app answered */
    public Optional<ReceivedRequest> received() {
        return Optional.ofNullable(received);
    }

    /**
     * The redirects the client followed before this answer, in order ({@code followRedirects()});
     * empty when it followed none. The answer itself is the last request's.
     *
     * @return the redirects followed
     */
    public List<Redirect> redirects() {
        return redirects;
    }

    /**
     * This outcome reached after following {@code followed} redirects first.
     *
     * @param followed the redirects, in order
     * @return the new outcome
     */
    public Outcome withRedirects(List<Redirect> followed) {
        return new Outcome(workload, pod, namespace, version, cluster, status, flags, body, responseHeaders, received,
                List.copyOf(followed));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Outcome x && hash == x.hash && status == x.status && Objects.equals(workload, x.workload)
                && Objects.equals(pod, x.pod) && Objects.equals(namespace, x.namespace) && Objects.equals(version, x.version)
                && Objects.equals(cluster, x.cluster) && flags.equals(x.flags) && body.equals(x.body)
                && responseHeaders.equals(x.responseHeaders) && Objects.equals(received, x.received)
                && redirects.equals(x.redirects);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /**
     * For example {@code helloworld-v1 (default/helloworld-v1-6d5d8c7f9-k8x2p) 200 - via outbound|5000||...
     * "Hello version: v1, instance: helloworld-v1-6d5d8c7f9-k8x2p\n" headers {server=envoy} received GET
     * helloworld:5000/hello {x-envoy-attempt-count=1}}. The body is quoted as Go's {@code %q} quotes
     * (a newline as {@code \n}), and a long one shortened, so an answer stays on one line of an
     * explanation or a failure message: {@link #body()} has it whole.
     */
    @Override
    public String toString() {
        String where = pod == null ? "" : workload + " (" + namespace + "/" + pod + ") ";
        return where + status + " " + flagsText() + (cluster == null ? "" : " via " + cluster)
                + (body.isEmpty() ? "" : " " + dev.meshtest.internal.text.Shown.quoted(body))
                + (responseHeaders.isEmpty() ? "" : " headers " + responseHeaders)
                + (received == null ? "" : " received " + received)
                + (redirects.isEmpty() ? "" : " after redirects " + redirects);
    }
}
