package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * An Envoy virtual host: the domains (Host header values) it answers for and its routes, tried
 * in order; the first match wins, and no match is 404 NR. With {@code requireTls} (Envoy's
 * {@code require_tls: ALL}, which Istio sets for a Gateway server's {@code tls.httpsRedirect}),
 * a request that did not arrive over TLS is answered 301 to {@code https://} before any route is
 * looked at.
 *
 * <pre>{@code
 * vhost.name();      // "helloworld.default.svc.cluster.local:5000"
 * vhost.domains();   // [helloworld.default.svc.cluster.local, ..., helloworld, 10.96.0.12]
 * }</pre>
 *
 * @param name the virtual host's name
 * @param domains the Host header values it answers for
 * @param routes its routes, in order
 * @param requireTls whether a request that is not TLS is redirected to HTTPS
 */
@API(status = INTERNAL, since = "0.1")
public record VirtualHost(String name, List<String> domains, List<Route> routes, boolean requireTls) {

    public VirtualHost {
        domains = List.copyOf(domains);
        routes = List.copyOf(routes);
    }

    /** A virtual host that does not require TLS. */
    public VirtualHost(String name, List<String> domains, List<Route> routes) {
        this(name, domains, routes, false);
    }

    /**
     * Envoy's {@code SslRedirector::newUri} ({@code Utility::createSslRedirectPath}): the request's
     * Host header as received, port included, and its path with the query.
     */
    public static String sslRedirectLocation(HttpRequest request) {
        return "https://" + request.authority() + request.pathAndQuery();
    }

    /** The first route whose match holds, or {@code null}. */
    public Route route(HttpRequest request) {
        // Indexed: an iterator per request is a fifth of a single hop's allocation (routes is a List.copyOf).
        for (int i = 0, n = routes.size(); i < n; i++) {
            Route r = routes.get(i);
            if (r.match().matches(request)) {
                return r;
            }
        }
        return null;
    }
}
