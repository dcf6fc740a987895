package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The one DNS resolver of meshtest: what a pod's resolver (CoreDNS with Kubernetes' search list)
 * answers for a host name (istio-rules §1.4). An IP literal is itself; a cluster name goes
 * through the pod's search list, a short name only in the pod's own namespace, and a name with a
 * trailing dot is absolute and not searched ({@link ClusterState#resolve}); a headless Service
 * answers its ready pods' IPs, which CoreDNS's {@code loadbalance} plugin (in every cluster's
 * default Corefile) shuffles per query, so a client that takes the first address (curl) reaches
 * one of them at random ({@link Answer#choices}). Names that look
 * cluster-internal and do not resolve are NXDOMAIN; other names are outside the cluster (the
 * proxy routes them by Host).
 *
 * <pre>{@code
 * PodDns.Answer a = PodDns.lookup(state, "helloworld", "default");   // resolved, ip 10.96.0.4
 * PodDns.lookup(state, "helloworld.", "default").resolved();           // false: absolute, no such top-level name
 * }</pre>
 */
@API(status = INTERNAL, since = "0.2")
public final class PodDns {

    private PodDns() {
    }

    /**
     * An answer: {@code resolved} with an address, resolved outside the cluster ({@code ip}
     * {@code null}), or not resolved (NXDOMAIN). A headless Service's answer lists every ready
     * pod's IP in {@code choices}, and each query gets one of them, uniformly at random;
     * {@code ip} is then the first.
     *
     * @param resolved whether the name resolved
     * @param ip the address, or {@code null}
     * @param choices the addresses a query picks from, when there are several; else empty
     */
    public record Answer(boolean resolved, String ip, List<String> choices) {
        /** No such name. */
        public static final Answer NXDOMAIN = new Answer(false, null);
        /** A name outside the cluster: the proxy routes it by Host. */
        public static final Answer OUTSIDE = new Answer(true, null);

        public Answer {
            choices = List.copyOf(choices);
        }

        /** An answer with one address (or none). */
        public Answer(boolean resolved, String ip) {
            this(resolved, ip, List.of());
        }

        /**
         * The address one query dials: {@code ip}, or for several {@code choices} the first of
         * CoreDNS's shuffled answer, one of them uniformly at random.
         *
         * @param randomBelow a uniformly random int below its argument, from the mesh's seed
         */
        public String dialled(java.util.function.IntUnaryOperator randomBelow) {
            return choices.isEmpty() ? ip : choices.get(randomBelow.applyAsInt(choices.size()));
        }
    }

    /** What a pod in {@code clientNamespace} gets for {@code host}. */
    public static Answer lookup(ClusterState state, String host, String clientNamespace) {
        return lookup(state, host, clientNamespace, 0);
    }

    private static Answer lookup(ClusterState state, String host, String clientNamespace, int cnames) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.chars().allMatch(c -> Character.isDigit(c) || c == '.') && h.indexOf('.') > 0 || h.indexOf(':') >= 0) {
            return new Answer(true, h);   // an IPv4 or IPv6 literal: no query
        }
        ClusterService svc = state.resolve(host, clientNamespace).orElse(null);
        if (svc != null && "ExternalName".equals(svc.type())) {
            // A CNAME to spec.externalName, an absolute name; a chain that loops does not resolve.
            String target = svc.externalName();
            if (target == null || target.isEmpty() || cnames >= 8) {
                return Answer.NXDOMAIN;
            }
            return lookup(state, target.endsWith(".") ? target : target + ".", clientNamespace, cnames + 1);
        }
        if (svc != null) {
            if (svc.clusterIp() != null) {
                return new Answer(true, svc.clusterIp());
            }
            // Headless: DNS answers the ready endpoints' IPs, shuffled per query; curl takes the first.
            Set<String> ips = new LinkedHashSet<>();
            for (ClusterServicePort p : svc.ports()) {
                for (Endpoint e : state.endpoints(svc, p.port())) {
                    if (e.ready()) {
                        ips.add(e.ip());
                    }
                }
            }
            if (ips.isEmpty()) {
                return Answer.NXDOMAIN;
            }
            List<String> all = List.copyOf(ips);
            return new Answer(true, all.get(0), all.size() > 1 ? all : List.of());
        }
        List<Endpoint> named = state.resolveEndpoint(host, clientNamespace);
        if (!named.isEmpty()) {
            // A pod's own name under its headless Service: web-0.web.default.svc.cluster.local.
            List<String> all = named.stream().map(Endpoint::ip).toList();
            return new Answer(true, all.get(0), all.size() > 1 ? all : List.of());
        }
        String[] labels = h.split("\\.");
        // A name under a namespace, or under a Service (<pod>.<service>, <pod>.<service>.<namespace>),
        // is the cluster's to answer: the search list finds nothing, and nor does the internet.
        boolean internal = labels.length == 1 || h.endsWith(".cluster.local") || h.endsWith(".svc")
                || state.namespace(labels[1]).isPresent()
                || (labels.length == 2 && state.service(clientNamespace, labels[1]).isPresent())
                || (labels.length == 3 && state.service(labels[2], labels[1]).isPresent());
        return internal ? Answer.NXDOMAIN : Answer.OUTSIDE;
    }
}
