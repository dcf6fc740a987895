package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Why one request went where it went: each decision on its way (listener, virtual host,
 * VirtualService rule, weighted pick, cluster and load balancer, endpoint) and the outcome.
 *
 * <pre>{@code
 * System.out.println(mesh.explain().from("nginx").to("helloworld:5000/hello"));
 * // GET http://helloworld:5000/hello from default/nginx
 * //   sidecar of nginx: listener 0.0.0.0_5000
 * //   sidecar of nginx: route 5000 > virtual host helloworld.default.svc.cluster.local:5000 > VirtualService default/helloworld http[0]
 * //   weighted pick: outbound|5000||helloworld-v2.default.svc.cluster.local (weight 80 of 100)
 * //   ...
 * //   => 200 from helloworld-v2 (default/helloworld-v2-...)
 * }</pre>
 *
 * @param request the request, as curl would be described
 * @param steps the decisions, in order
 * @param outcome what happened
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Explanation(String request, List<String> steps, Outcome outcome) {

    /**
     * @param request the request, as curl would be described
     * @param steps the decisions, in order; copied
     * @param outcome what happened
     */
    public Explanation {
        steps = List.copyOf(steps);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(request).append('\n');
        steps.forEach(s -> sb.append("  ").append(s).append('\n'));
        return sb.append("  => ").append(outcome).append('\n').toString();
    }
}
