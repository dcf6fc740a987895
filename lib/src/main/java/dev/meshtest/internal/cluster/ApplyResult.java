package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What one {@link Cluster#apply} or {@link Cluster#delete} call did, one line per object in the
 * order given, in kubectl's words.
 *
 * <pre>{@code
 * ApplyResult r = cluster.apply(manifests);
 * System.out.println(r);
 * // service/helloworld created
 * // deployment.apps/helloworld-v1 configured
 * // virtualservice.networking.istio.io/helloworld unchanged
 * // serviceaccount/helloworld ignored (not used for routing)
 * r.state().version();   // the state right after this call
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class ApplyResult {

    /** What happened to one object. */
    public enum Verb {
        /** It did not exist and was created. */
        CREATED,
        /** It existed and was replaced by a different version. */
        CONFIGURED,
        /** It existed, identical: nothing changed. */
        UNCHANGED,
        /** It was deleted. */
        DELETED,
        /** meshtest reads but does not store this kind ({@link dev.meshtest.config.IgnoredResource}). */
        IGNORED;

        /** kubectl's word: {@code created}, {@code configured}, ... */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One object's outcome.
     *
     * @param ref the object
     * @param resource kubectl's name for it: {@code <kind>[.<group>]/<name>}, e.g.
     *                 {@code deployment.apps/helloworld-v1}
     * @param verb what happened
     * @param reason why an object was ignored, else {@code null}
     */
    public record Change(ResourceRef ref, String resource, Verb verb, String reason) {

        public Change {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(verb, "verb");
        }

        /** The line kubectl would print, e.g. {@code service/helloworld created}. */
        @Override
        public String toString() {
            String line = resource + " " + verb.word();
            return reason == null ? line : line + " (" + reason + ")";
        }
    }

    private static final Map<String, String> GROUP_OF_KIND = Map.ofEntries(
            Map.entry("Deployment", "apps"),
            Map.entry("EndpointSlice", "discovery.k8s.io"),
            Map.entry("ReplicaSet", "apps"),
            Map.entry("StatefulSet", "apps"),
            Map.entry("DaemonSet", "apps"),
            Map.entry("VirtualService", "networking.istio.io"),
            Map.entry("DestinationRule", "networking.istio.io"),
            Map.entry("Gateway", "networking.istio.io"),
            Map.entry("ServiceEntry", "networking.istio.io"),
            Map.entry("Sidecar", "networking.istio.io"),
            Map.entry("WorkloadEntry", "networking.istio.io"),
            Map.entry("WorkloadGroup", "networking.istio.io"),
            Map.entry("EnvoyFilter", "networking.istio.io"),
            Map.entry("ProxyConfig", "networking.istio.io"),
            Map.entry("AuthorizationPolicy", "security.istio.io"),
            Map.entry("PeerAuthentication", "security.istio.io"),
            Map.entry("RequestAuthentication", "security.istio.io"),
            Map.entry("Telemetry", "telemetry.istio.io"));

    private final List<Change> changes;
    private final List<Problem> warnings;
    private final ClusterState state;

    /**
     * @param changes every object's outcome, in order
     * @param warnings the warnings Istio's webhook returned, in the order of the objects
     * @param state the cluster's state right after the call
     */
    public ApplyResult(List<Change> changes, List<Problem> warnings, ClusterState state) {
        this.changes = List.copyOf(changes);
        this.warnings = List.copyOf(warnings);
        this.state = state;
    }

    /** The warnings Istio's webhook returned for the objects applied, in their order; kubectl prints them. */
    public List<Problem> warnings() {
        return warnings;
    }

    /** Every object's outcome, in the order given. */
    public List<Change> changes() {
        return changes;
    }

    /** The outcome for one object, if it was part of this call. */
    public java.util.Optional<Change> change(ResourceRef ref) {
        return changes.stream().filter(c -> c.ref().equals(ref)).findFirst();
    }

    /** The cluster's state right after this call. */
    public ClusterState state() {
        return state;
    }

    /** Whether anything was created, configured or deleted. */
    public boolean changedAnything() {
        return changes.stream().anyMatch(c -> c.verb() == Verb.CREATED || c.verb() == Verb.CONFIGURED
                || c.verb() == Verb.DELETED);
    }

    /** The lines kubectl would print, one per object. */
    public List<String> lines() {
        List<String> out = new ArrayList<>(changes.size());
        for (Change c : changes) {
            out.add(c.toString());
        }
        return out;
    }

    /** {@link #lines()}, one per line. */
    @Override
    public String toString() {
        return String.join("\n", lines());
    }

    /** The API group of an apiVersion ({@code apps/v1} → {@code apps}; {@code v1} → {@code ""}). */
    static String group(String apiVersion, String kind) {
        if (apiVersion != null && !apiVersion.isEmpty()) {
            int slash = apiVersion.indexOf('/');
            return slash < 0 ? "" : apiVersion.substring(0, slash);
        }
        return GROUP_OF_KIND.getOrDefault(kind, "");
    }

    /** kubectl's {@code kind.group/name}. */
    static String kubectlName(String apiVersion, String kind, String name) {
        String g = group(apiVersion, kind);
        String k = kind.toLowerCase(Locale.ROOT);
        return (g.isEmpty() ? k : k + "." + g) + "/" + name;
    }

    /** The API server's resource name for messages: {@code deployments.apps}, {@code services}. */
    static String resourceName(String apiVersion, String kind) {
        String g = group(apiVersion, kind);
        String k = kind.toLowerCase(Locale.ROOT);
        String plural;
        if (k.endsWith("y") && k.length() > 1 && "aeiou".indexOf(k.charAt(k.length() - 2)) < 0) {
            plural = k.substring(0, k.length() - 1) + "ies";
        } else if (k.endsWith("s") || k.endsWith("x") || k.endsWith("ch") || k.endsWith("sh")) {
            plural = k + "es";
        } else {
            plural = k + "s";
        }
        return g.isEmpty() ? plural : plural + "." + g;
    }
}
