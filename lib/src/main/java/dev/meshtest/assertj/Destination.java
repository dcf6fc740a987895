package dev.meshtest.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.internal.text.Suggestions;
import dev.meshtest.traffic.Outcome;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Where a request went, as an assertion names it: by workload, pod, {@code version} label, or the
 * Envoy cluster's service (and subset). A destination knows which {@link Outcome}s it matches and
 * prints itself as the failure messages say it ({@code workload helloworld-v1}, {@code version v2},
 * {@code subset v2 of reviews}).
 *
 * <pre>{@code
 * import static dev.meshtest.assertj.MeshAssertions.*;
 *
 * assertThat(result).reached(workload("helloworld-v1")).withShare(0.2);   // same as reached("helloworld-v1")
 * assertThat(result).reached(version("v2")).withShare(0.8);
 * assertThat(result).never(pod("default/helloworld-v1-5d8f9c7b6-x2x9z"));
 * assertThat(result).allReached(subset("reviews", "v2"));
 * assertThat(result).reached(service("helloworld-v1"));                     // host short name or FQDN
 * }</pre>
 *
 * <p>Workload, pod and version name the pod that answered; a request no pod answered (a 503 made by
 * Envoy, a 404 {@code NR}) matches none of them. Service and subset name the Envoy cluster
 * {@code outbound|port|subset|host} the last proxy sent to, so a client without sidecar (which has no
 * Envoy cluster) matches none of them.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Destination {

    private static final String CLUSTER_DOMAIN = ".svc.cluster.local";

    private enum Kind { WORKLOAD, POD, VERSION, SERVICE, SUBSET }

    private final Kind kind;
    private final String name;
    private final String qualifier;

    private Destination(Kind kind, String name, String qualifier) {
        this.kind = kind;
        this.name = name;
        this.qualifier = qualifier;
    }

    /**
     * The pods of a workload (a Deployment's name; a bare pod's own name).
     *
     * @param name the workload: a Deployment's name, or a bare pod's
     * @return a destination to assert on
     */
    public static Destination workload(String name) {
        return new Destination(Kind.WORKLOAD, requireName(name, "workload"), null);
    }

    /**
     * One pod: {@code "namespace/name"}, or {@code "name"} in any namespace.
     *
     * @param name the pod's name
     * @return a destination to assert on
     */
    public static Destination pod(String name) {
        requireName(name, "pod");
        int slash = name.indexOf('/');
        if (slash >= 0) {
            String namespace = name.substring(0, slash);
            String pod = name.substring(slash + 1);
            if (namespace.isEmpty() || pod.isEmpty() || pod.indexOf('/') >= 0) {
                throw new IllegalArgumentException("pod \"" + name + "\": write \"namespace/name\" or \"name\"");
            }
            return new Destination(Kind.POD, pod, namespace);
        }
        return new Destination(Kind.POD, name, null);
    }

    /**
     * Pods whose {@code version} label has this value.
     *
     * @param version the pods' {@code version} label
     * @return a destination to assert on
     */
    public static Destination version(String version) {
        return new Destination(Kind.VERSION, requireName(version, "version"), null);
    }

    /**
     * Envoy clusters of one service, any subset and port: the host's short name
     * ({@code "helloworld-v1"}), {@code name.namespace}, or the full host
     * ({@code "helloworld-v1.default.svc.cluster.local"}, {@code "httpbin.org"}).
     *
     * @param host the Service or ServiceEntry host, short or fully qualified
     * @return a destination to assert on
     */
    public static Destination service(String host) {
        return new Destination(Kind.SERVICE, requireName(host, "service"), null);
    }

    /**
     * The Envoy cluster of one DestinationRule subset of a service (host named as in {@link #service(String)}).
     *
     * @param service the Service host
     * @param subset the DestinationRule subset's name
     * @return a destination to assert on
     */
    public static Destination subset(String service, String subset) {
        return new Destination(Kind.SUBSET, requireName(service, "service"), requireName(subset, "subset"));
    }

    /** A key of a weights map: a {@code Destination} as is, a {@code String} as a workload. */
    static Destination of(Object key) {
        if (key instanceof Destination d) {
            return d;
        }
        if (key instanceof String s) {
            return workload(s);
        }
        throw new IllegalArgumentException("a destination is a workload name (String) or a Destination "
                + "(workload(..), pod(..), version(..), service(..), subset(..)), not " + (key == null ? "null"
                : key.getClass().getSimpleName() + " " + key));
    }

    /**
     * Whether this destination answered the request.
     *
     * @param outcome what happened to one request
     * @return whether that request ended at this destination
     */
    public boolean matches(Outcome outcome) {
        return switch (kind) {
            case WORKLOAD -> outcome.workload().filter(name::equals).isPresent();
            case POD -> outcome.pod().filter(name::equals).isPresent()
                    && (qualifier == null || outcome.namespace().filter(qualifier::equals).isPresent());
            case VERSION -> outcome.version().filter(name::equals).isPresent();
            case SERVICE -> {
                String[] c = clusterParts(outcome.cluster().orElse(""));
                yield c != null && hostMatches(c[3]);
            }
            case SUBSET -> {
                String[] c = clusterParts(outcome.cluster().orElse(""));
                yield c != null && qualifier.equals(c[2]) && hostMatches(c[3]);
            }
        };
    }

    /**
     * Why no request matched, when the name looks mistaken: a Service named where a workload was
     * meant, or a name close to one the traffic did reach ({@code helloworld-V1}: did you mean
     * {@code helloworld-v1}?). Empty when nothing looks mistaken.
     */
    String hint(Iterable<Outcome> outcomes) {
        java.util.TreeSet<String> seen = new java.util.TreeSet<>();
        boolean isService = false;
        for (Outcome o : outcomes) {
            String[] c = clusterParts(o.cluster().orElse(""));
            if (kind != Kind.SERVICE && kind != Kind.SUBSET && c != null && hostMatches(c[3])) {
                isService = true;
            }
            switch (kind) {
                case WORKLOAD -> o.workload().ifPresent(seen::add);
                case POD -> o.pod().ifPresent(seen::add);
                case VERSION -> o.version().ifPresent(seen::add);
                case SERVICE, SUBSET -> {
                    if (c != null) {
                        seen.add(kind == Kind.SUBSET ? c[2] : c[3]);
                    }
                }
            }
        }
        if (isService && kind == Kind.WORKLOAD) {
            return " \"" + name + "\" is a Service, not a workload: service(\"" + name + "\") names the requests sent "
                    + "to its cluster, workload(...) the pods that answered.";
        }
        String target = kind == Kind.SUBSET ? qualifier : name;
        int limit = Math.max(2, target.length() / 4);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : seen) {
            if (onlyDigitsDiffer(candidate, target)) {
                continue;   // helloworld-v3 is another workload, not a typo of helloworld-v1
            }
            int d = candidate.equalsIgnoreCase(target) ? 0 : Suggestions.distance(
                    candidate.toLowerCase(java.util.Locale.ROOT), target.toLowerCase(java.util.Locale.ROOT), limit);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= limit
                ? " Did you mean \"" + best + "\"?" : "";
    }

    private static boolean onlyDigitsDiffer(String a, String b) {
        if (a.length() != b.length() || a.equalsIgnoreCase(b)) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (Character.toLowerCase(x) != Character.toLowerCase(y) && !(Character.isDigit(x) && Character.isDigit(y))) {
                return false;
            }
        }
        return true;
    }

    /** {@code outbound|5000|v1|helloworld.default.svc.cluster.local} split in four, or {@code null}. */
    private static String[] clusterParts(String cluster) {
        String[] parts = cluster.split("\\|", -1);
        return parts.length == 4 && parts[0].equals("outbound") ? parts : null;
    }

    /**
     * A Kubernetes service's FQDN {@code name.namespace.svc.cluster.local} also answers to
     * {@code name}, {@code name.namespace} and {@code name.namespace.svc}; other hosts only to themselves.
     */
    private boolean hostMatches(String host) {
        if (host.equals(name)) {
            return true;
        }
        if (!host.endsWith(CLUSTER_DOMAIN)) {
            return false;
        }
        String stem = host.substring(0, host.length() - CLUSTER_DOMAIN.length());   // name.namespace
        int dot = stem.indexOf('.');
        return name.equals(stem) || name.equals(stem + ".svc") || (dot > 0 && name.equals(stem.substring(0, dot)));
    }

    private static String requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " name must not be " + (value == null ? "null" : "blank"));
        }
        return value;
    }

    /** {@return how messages name it: {@code workload helloworld-v1}, {@code pod default/x}, {@code subset v2 of reviews}} */
    @Override
    public String toString() {
        return switch (kind) {
            case WORKLOAD -> "workload " + name;
            case POD -> "pod " + (qualifier == null ? name : qualifier + "/" + name);
            case VERSION -> "version " + name;
            case SERVICE -> "service " + name;
            case SUBSET -> "subset " + qualifier + " of " + name;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Destination d && d.kind == kind && d.name.equals(name) && Objects.equals(d.qualifier, qualifier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, qualifier);
    }
}
