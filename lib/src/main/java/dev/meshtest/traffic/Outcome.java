package dev.meshtest.traffic;

/**
 * What happened to one request: who answered (workload, pod, namespace and the pod's
 * {@code version} label), through which Envoy cluster, with which status, Envoy response flag and
 * body. Requests that fail inside the mesh have no pod and carry Envoy's status, flag and body:
 * 404 {@code NR}, 503 {@code NC} (empty body), 503 {@code UH} {@code no healthy upstream}, ...
 * A request that never got an HTTP response (curl could not connect) has status 0. Latency and
 * attempts are per request, in {@code TrafficResult}, so outcomes stay shared between requests.
 *
 * <pre>{@code
 * Outcome o = result.outcomes().get(0);
 * o.workload();   // "helloworld-v2"
 * o.cluster();    // "outbound|5000||helloworld-v2.default.svc.cluster.local"
 * o.status();     // 200
 * o.flag();       // "-"
 * }</pre>
 *
 * @param workload the answering workload (Deployment name, or pod name for a bare pod), or {@code null}
 * @param pod the answering pod's name, or {@code null}
 * @param namespace the answering pod's namespace, or {@code null}
 * @param version the answering pod's {@code version} label, or {@code null}
 * @param cluster the Envoy cluster the last proxy on the way sent to (a gateway's, when the request went
 *                through one), or {@code ""} when none (no sidecar, no route)
 * @param status the HTTP status the client saw; 0 when there was no HTTP response
 * @param flag Envoy's response flags ({@code %RESPONSE_FLAGS%}), {@code -} when none: those of the proxy
 *             that made the response (the server sidecar's {@code UO} for an inbound overflow) plus the
 *             client proxy's own ({@code URX}, {@code DI}), in Envoy's order ({@code UT,URX})
 * @param body the response body
 */
public record Outcome(String workload, String pod, String namespace, String version, String cluster, int status,
                      String flag, String body) {

    /** Whether the status is 2xx. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /** A failure made by a proxy: no pod answered. */
    public static Outcome failure(String cluster, int status, String flag, String body) {
        return new Outcome(null, null, null, null, cluster, status, flag, body);
    }

    @Override
    public String toString() {
        String where = pod == null ? "" : workload + " (" + namespace + "/" + pod + ") ";
        return where + status + " " + flag + (cluster.isEmpty() ? "" : " via " + cluster)
                + (body.isEmpty() ? "" : " \"" + body + "\"");
    }
}
