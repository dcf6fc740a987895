package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * An Envoy route configuration: virtual hosts chosen by the Host header. Sidecars ignore any
 * {@code :port} in the Host header ({@code ignore_port_in_host_matching}); selection is Envoy's:
 * an exact domain, then the longest {@code *.suffix}, then the longest {@code prefix*}, then
 * {@code *}; case-insensitive; a wildcard never matches an empty string.
 *
 * <pre>{@code
 * RouteConfiguration rc = proxyConfig.routeConfiguration("5000");
 * rc.virtualHost("helloworld:5000");   // the helloworld vhost
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class RouteConfiguration {

    private final String name;
    private final List<VirtualHost> virtualHosts;
    private final Map<String, VirtualHost> exact = new HashMap<>();
    private final VirtualHost any;
    /** Selections made so far, by Host header as sent; selection depends on nothing else. */
    private final Map<String, VirtualHost> byHostHeader = new java.util.concurrent.ConcurrentHashMap<>();

    public RouteConfiguration(String name, List<VirtualHost> virtualHosts) {
        this.name = name;
        this.virtualHosts = List.copyOf(virtualHosts);
        VirtualHost star = null;
        for (VirtualHost vh : this.virtualHosts) {
            for (String d : vh.domains()) {
                String domain = d.toLowerCase(Locale.ROOT);
                if (domain.equals("*")) {
                    star = star == null ? vh : star;
                } else if (!domain.startsWith("*") && !domain.endsWith("*")) {
                    exact.putIfAbsent(domain, vh);
                }
            }
        }
        this.any = star;
    }

    public String name() {
        return name;
    }

    public List<VirtualHost> virtualHosts() {
        return virtualHosts;
    }

    /** The virtual host for a Host header value (its {@code :port} ignored), or {@code null}. */
    public VirtualHost virtualHost(String hostHeader) {
        VirtualHost cached = byHostHeader.get(hostHeader);
        if (cached != null) {
            return cached;
        }
        VirtualHost vh = select(hostHeader);
        if (vh != null) {
            byHostHeader.put(hostHeader, vh);
        }
        return vh;
    }

    private VirtualHost select(String hostHeader) {
        String host = hostWithoutPort(hostHeader).toLowerCase(Locale.ROOT);
        VirtualHost vh = exact.get(host);
        if (vh != null) {
            return vh;
        }
        VirtualHost best = null;
        int bestLength = -1;
        for (VirtualHost candidate : virtualHosts) {       // longest *.suffix
            for (String d : candidate.domains()) {
                if (d.startsWith("*") && d.length() > 1) {
                    String suffix = d.substring(1).toLowerCase(Locale.ROOT);
                    if (host.length() > suffix.length() && host.endsWith(suffix) && suffix.length() > bestLength) {
                        best = candidate;
                        bestLength = suffix.length();
                    }
                }
            }
        }
        if (best != null) {
            return best;
        }
        for (VirtualHost candidate : virtualHosts) {       // longest prefix*
            for (String d : candidate.domains()) {
                if (d.endsWith("*") && d.length() > 1) {
                    String prefix = d.substring(0, d.length() - 1).toLowerCase(Locale.ROOT);
                    if (host.length() > prefix.length() && host.startsWith(prefix) && prefix.length() > bestLength) {
                        best = candidate;
                        bestLength = prefix.length();
                    }
                }
            }
        }
        return best != null ? best : any;
    }

    static String hostWithoutPort(String host) {
        int colon = host.lastIndexOf(':');
        if (colon <= 0 || host.indexOf(']') > colon || colon == host.length() - 1) {
            return host;
        }
        for (int i = colon + 1; i < host.length(); i++) {
            if (!Character.isDigit(host.charAt(i))) {
                return host;
            }
        }
        return host.substring(0, colon);
    }
}
