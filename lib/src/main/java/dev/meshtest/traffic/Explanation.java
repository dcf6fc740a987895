package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Why one request went where it went: each decision on its way (listener, virtual host,
 * VirtualService rule, weighted pick, cluster and load balancer, endpoint, limits, retries), typed
 * by {@link Decision.Kind}, and the outcome.
 *
 * <pre>{@code
 * Explanation e = mesh.explain().from("nginx").to("helloworld:5000/hello");
 * System.out.println(e);
 * // GET http://helloworld:5000/hello from default/nginx
 * //   sidecar of nginx: listener 0.0.0.0_5000
 * //   sidecar of nginx: route 5000 > virtual host helloworld.default.svc.cluster.local:5000 > VirtualService default/helloworld http[0]
 * //   weighted pick: outbound|5000||helloworld-v2.default.svc.cluster.local (weight 80 of 100)
 * //   ...
 * //   => 200 from helloworld-v2 (default/helloworld-v2-...)
 * e.first(Decision.Kind.WEIGHTED_PICK).isPresent();   // true
 * }</pre>
 *
 * @param request the request, as curl would be described
 * @param decisions the decisions, in order
 * @param outcome what happened
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Explanation(String request, List<Decision> decisions, Outcome outcome) {

    /**
     * @param request the request, as curl would be described
     * @param decisions the decisions, in order; copied
     * @param outcome what happened
     */
    public Explanation {
        decisions = List.copyOf(decisions);
    }

    /** {@return the decisions in words, in order} */
    public List<String> steps() {
        return decisions.stream().map(Decision::text).toList();
    }

    /**
     * The decisions of one kind, in order.
     *
     * @param kind the kind
     * @return those decisions
     */
    public List<Decision> decisions(Decision.Kind kind) {
        return decisions.stream().filter(d -> d.kind() == kind).toList();
    }

    /**
     * The first decision of one kind: {@code first(Kind.ROUTE)} is the route the sending proxy matched.
     *
     * @param kind the kind
     * @return that decision, if the request's way had one
     */
    public Optional<Decision> first(Decision.Kind kind) {
        return decisions.stream().filter(d -> d.kind() == kind).findFirst();
    }

    /**
     * This explanation as a JSON document: the request, each decision (its {@link Decision.Kind}
     * and text), in order, and the outcome with every field of it. Field names are stable and
     * listed in {@code docs/json.md}.
     *
     * <pre>{@code
     * String json = mesh.explain().from("nginx").to("helloworld:5000/hello").toJson();
     * // {"kind": "Explanation", "request": "GET http://helloworld:5000/hello from default/nginx",
     * //  "steps": [{"kind": "LISTENER", "text": "sidecar of nginx: listener 0.0.0.0_5000"}, ...], "outcome": {...}}
     * }</pre>
     *
     * @return the JSON document
     */
    @API(status = EXPERIMENTAL, since = "0.6")
    public String toJson() {
        return TrafficJson.explanation(this);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(request).append('\n');
        decisions.forEach(s -> sb.append("  ").append(s.text()).append('\n'));
        return sb.append("  => ").append(outcome).append('\n').toString();
    }
}
