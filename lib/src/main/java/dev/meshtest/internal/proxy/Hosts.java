package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.internal.istio.HostName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Istio's rules for host names in configuration, in one place: short-name expansion, wildcard
 * subsets, and the domains of a Kubernetes service's virtual host.
 *
 * <pre>{@code
 * Hosts.resolveShortName("reviews", "prod");       // "reviews.prod.svc.cluster.local"
 * Hosts.resolveShortName("reviews.prod", "web");   // "reviews.prod": dotted names stay literal
 * Hosts.subsetOf("dev.example.com", "*.example.com");  // true
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class Hosts {

    /** The cluster's DNS domain. meshtest assumes Kubernetes' default. */
    public static final String CLUSTER_DOMAIN = "cluster.local";

    private Hosts() {
    }

    /** {@code <name>.<namespace>.svc.cluster.local}. */
    public static String fqdn(String name, String namespace) {
        return name + "." + namespace + ".svc." + CLUSTER_DOMAIN;
    }

    /**
     * Istio's {@code ResolveShortnameToFQDN}: a host without any dot becomes
     * {@code <host>.<namespace-of-the-config>.svc.cluster.local}; a host with a dot is kept
     * literally (so {@code reviews.prod} is not expanded), and {@code *} and IP addresses are kept.
     */
    public static String resolveShortName(String host, String configNamespace) {
        if (host == null || host.isEmpty() || host.equals("*") || host.indexOf('.') >= 0 || isIp(host)) {
            return host;
        }
        return fqdn(host, configNamespace);
    }

    /**
     * Istio's {@code Name.SubsetOf} ({@link HostName#subsetOf}), ignoring case as DNS does:
     * {@code *.example.com} covers {@code dev.example.com} and {@code a.b.example.com} but not
     * {@code example.com}; {@code *} covers everything.
     */
    public static boolean subsetOf(String a, String b) {
        return HostName.subsetOf(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));
    }

    /**
     * Istio's {@code Name.Matches} ({@link HostName#matches}): the two hosts overlap, either way
     * round ({@code *.com} and {@code a.com}); two exact hosts only when equal.
     */
    public static boolean overlap(String a, String b) {
        return HostName.matches(a, b);
    }

    /** Whether a host is a wildcard ({@code *} or {@code *.suffix}). */
    public static boolean isWildcard(String host) {
        return HostName.isWildcarded(host);
    }

    /** Istio's {@code host.Names.Intersection} for a pair: the more specific host, or {@code null}. */
    public static String intersection(String serverHost, String vsHost) {
        if (subsetOf(vsHost, serverHost)) {
            return vsHost;
        }
        if (subsetOf(serverHost, vsHost)) {
            return serverHost;
        }
        return null;
    }

    /**
     * The domains of a Kubernetes service's virtual host as seen from a client namespace
     * ({@code generateVirtualHostDomains}): the FQDN, the FQDN with a trailing dot, the short name
     * (same namespace only), {@code name.ns.svc}, {@code name.ns}, each also with {@code *.} in
     * front for a headless Service, and the ClusterIP. Sidecars ignore the port, so no
     * {@code :port} variants (since Istio 1.16).
     */
    public static List<String> kubernetesServiceDomains(String name, String namespace, String clusterIp,
                                                        String clientNamespace, boolean headless) {
        Set<String> d = new LinkedHashSet<>();
        String fqdn = fqdn(name, namespace);
        d.add(fqdn);
        d.add(fqdn + ".");
        if (namespace.equals(clientNamespace)) {
            d.add(name);
        }
        d.add(name + "." + namespace + ".svc");
        d.add(name + "." + namespace);
        if (headless) {
            // generateVirtualHostDomains: a Kubernetes Service with Passthrough resolution also answers
            // for every name one level down, its pods' names (web-0.web.default.svc.cluster.local).
            for (String n : List.copyOf(d)) {
                d.add("*." + n);
            }
        }
        if (clusterIp != null && !clusterIp.isEmpty() && !clusterIp.equals("None")) {
            d.add(clusterIp);
        }
        return new ArrayList<>(d);
    }

    /** The domains of a ServiceEntry host's virtual host: the host and its trailing-dot form. */
    public static List<String> serviceEntryDomains(String host) {
        return isWildcard(host) ? List.of(host) : List.of(host, host + ".");
    }

    static boolean isIp(String s) {
        if (s.indexOf(':') >= 0) {
            return true; // IPv6
        }
        // Four parts between dots, each one to three digits, at most 255; read in place, since
        // every host a proxy's routes name is asked (a split was a twentieth of a first send).
        int parts = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i < s.length() && s.charAt(i) != '.') {
                continue;
            }
            int length = i - start;
            if (++parts > 4 || length == 0 || length > 3) {
                return false;
            }
            int value = 0;
            for (int k = start; k < i; k++) {
                int digit = Character.digit(s.charAt(k), 10);
                if (digit < 0 || !Character.isDigit(s.charAt(k))) {
                    return false;
                }
                value = value * 10 + digit;
            }
            if (value > 255) {
                return false;
            }
            start = i + 1;
        }
        return parts == 4;
    }
}
