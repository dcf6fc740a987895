package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One edge of a send's call graph, as Kiali draws it from the proxies' telemetry: the requests
 * one workload's proxy (a sidecar or a gateway) sent to one service, each an answer of its own
 * (status, flags, latency, attempts, the workload that answered). The first hop of a send is an
 * edge; so is every call an app makes while serving (productpage to reviews, reviews to ratings)
 * and every hop through a gateway. What a proxy answers before it picks a cluster (404 {@code NR})
 * and what no proxy sees (a client without a sidecar) are not edges.
 *
 * <pre>{@code
 * TrafficResult r = mesh.send(100).from("sleep").to("http://productpage:9080/productpage");
 * for (Edge e : r.edges()) {
 *     System.out.println(e);   // default/reviews-v2 -> ratings.default.svc.cluster.local: 100 requests
 * }
 * assertThat(r.edge("reviews-v2", "ratings").orElseThrow()).allSucceeded();
 * }</pre>
 *
 * @param sourceNamespace the namespace of the sending workload
 * @param source the sending workload (its pod's workload: Deployment name, or the pod's for a bare pod)
 * @param gateway whether the sending proxy is a gateway's (an ingress or egress gateway), not a sidecar
 * @param destination the service host its proxy sent to (the cluster's host)
 * @param requests the hops on this edge, as a result of their own: counts, statuses, latencies,
 *                 the workloads that answered
 */
@API(status = EXPERIMENTAL, since = "0.6")
public record Edge(String sourceNamespace, String source, boolean gateway, String destination, TrafficResult requests) {

    /**
     * Checks that nothing is missing.
     *
     * @param sourceNamespace the namespace of the sending workload
     * @param source the sending workload
     * @param gateway whether the sending proxy is a gateway's
     * @param destination the service host
     * @param requests the hops on this edge
     */
    public Edge {
        Objects.requireNonNull(sourceNamespace, "sourceNamespace");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(requests, "requests");
    }

    /**
     * Whether this edge goes from {@code from} to {@code to}: {@code from} a workload name
     * ({@code reviews-v2}) or {@code namespace/workload}; {@code to} the service host or its start
     * ({@code ratings}, {@code ratings.default}, {@code ratings.default.svc.cluster.local}).
     *
     * @param from the sending workload
     * @param to the service
     * @return whether both match
     */
    public boolean connects(String from, String to) {
        boolean sourceMatches = from.contains("/") ? from.equals(sourceNamespace + "/" + source) : from.equals(source);
        return sourceMatches && (to.equals(destination) || destination.startsWith(to + "."));
    }

    @Override
    public String toString() {
        return sourceNamespace + "/" + source + " -> " + destination + ": " + requests.size() + " requests";
    }
}
