package dev.meshtest.internal.proxy;

import java.util.List;

/**
 * An Envoy virtual host: the domains (Host header values) it answers for and its routes, tried
 * in order; the first match wins, and no match is 404 NR.
 *
 * <pre>{@code
 * vhost.name();      // "helloworld.default.svc.cluster.local:5000"
 * vhost.domains();   // [helloworld.default.svc.cluster.local, ..., helloworld, 10.96.0.12]
 * }</pre>
 */
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
