package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * An Envoy virtual host: the domains (Host header values) it answers for and its routes, tried
 * in order; the first match wins, and no match is 404 NR.
 *
 * <pre>{@code
 * vhost.name();      // "helloworld.default.svc.cluster.local:5000"
 * vhost.domains();   // [helloworld.default.svc.cluster.local, ..., helloworld, 10.96.0.12]
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public record VirtualHost(String name, List<String> domains, List<Route> routes) {

    public VirtualHost {
        domains = List.copyOf(domains);
        routes = List.copyOf(routes);
    }

    /** The first route whose match holds, or {@code null}. */
    public Route route(HttpRequest request) {
        for (Route r : routes) {
            if (r.match().matches(request)) {
                return r;
            }
        }
        return null;
    }
}
