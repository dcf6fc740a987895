package dev.meshtest.internal.yaml;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.Resource;
import dev.meshtest.config.gateway.GatewayApiKinds;
import dev.meshtest.config.istio.IstioKinds;
import dev.meshtest.config.kube.DaemonSet;
import dev.meshtest.config.kube.Deployment;
import dev.meshtest.config.kube.EndpointSlice;
import dev.meshtest.config.kube.Endpoints;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.Pod;
import dev.meshtest.config.kube.ReplicaSet;
import dev.meshtest.config.kube.Secret;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.StatefulSet;
import dev.meshtest.internal.text.Suggestions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Which kinds the reader knows, by {@code apiVersion} and {@code kind}, and what it does with each:
 *
 * <ul>
 *   <li><b>simulated</b>: read into its record ({@code v1 Service} → {@link Service});
 *   <li><b>ignored</b>: read as an {@link dev.meshtest.config.IgnoredResource} with a reason
 *       ({@code v1 ConfigMap}: "not used for routing");
 *   <li><b>unsupported</b>: an error that says why ({@code v1 ReplicationController}: its pods would be
 *       endpoints of Services, which meshtest would silently get wrong if it ignored them);
 *   <li>anything else: Kubernetes' own {@code no matches for kind "X" in version "Y"}.
 * </ul>
 *
 * <pre>{@code
 * Kinds.standard().resolve("v1", "Service");         // Simulated[type=Service]
 * Kinds.standard().resolve("v1", "ConfigMap");       // Ignored[why=not used for routing]
 * Kinds.standard().resolve("apps/v1", "Deploymnt");  // NoMatch[message=no matches for kind "Deploymnt" ...]
 *
 * Kinds mine = Kinds.standard().toBuilder()
 *         .ignore("example.com/v1", "Widget", "not used for routing")
 *         .build();
 * }</pre>
 *
 * <p>Versions are the ones the API server serves today (Kubernetes 1.29+): {@code autoscaling/v2}
 * and {@code autoscaling/v1}, {@code policy/v1}, and so on; removed beta versions such as
 * {@code extensions/v1beta1} are unknown, as they are to a current cluster.
 *
 * <p>Workloads other than Deployments, StatefulSets, ReplicaSets, DaemonSets and Pods
 * (ReplicationController) are unsupported rather than
 * ignored: each makes or names pods that Services route to, so ignoring them would make routing
 * silently wrong. Gateway API routes are unsupported for the same reason.
 */
@API(status = INTERNAL, since = "0.1")
public final class Kinds {

    /** The reason given for Kubernetes kinds that play no part in routing. */
    public static final String NOT_USED_FOR_ROUTING = "not used for routing";

    /** The reason given for Istio kinds meshtest reads but does not simulate yet. */
    public static final String NOT_SIMULATED_YET = "not simulated by meshtest yet";

    /** What {@link #resolve} found. */
    public sealed interface Resolution permits Simulated, Ignored, Unsupported, NoMatch {
    }

    /** The kind is simulated: read it into {@code type}. */
    public record Simulated(Class<? extends Resource> type) implements Resolution {
    }

    /** The kind is read and ignored, for this reason. */
    public record Ignored(String why) implements Resolution {
    }

    /** The kind is known but rejected, for this reason. */
    public record Unsupported(String why) implements Resolution {
    }

    /** Neither kind nor version matches; {@code message} says so, with the kinds that work. */
    public record NoMatch(String message) implements Resolution {
    }

    /** apiVersions such as {@code v1}, {@code v1beta1}, {@code v1alpha3}. */
    private static final Pattern VERSION = Pattern.compile("v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?");

    /** kind → apiVersion (in registration order) → resolution; group kinds use "group/*". */
    private final Map<String, Map<String, Resolution>> byKind;
    private final Set<String> clusterScoped;

    private Kinds(Map<String, Map<String, Resolution>> byKind, Set<String> clusterScoped) {
        this.byKind = byKind;
        this.clusterScoped = clusterScoped;
    }

    private static final Kinds STANDARD = standardBuilder().build();

    /** The kinds meshtest knows: Kubernetes' and, once registered, Istio's. */
    public static Kinds standard() {
        return STANDARD;
    }

    /** An empty registry to fill. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts with these kinds. */
    public Builder toBuilder() {
        Builder b = new Builder();
        byKind.forEach((kind, versions) -> b.byKind.put(kind, new LinkedHashMap<>(versions)));
        b.clusterScoped.addAll(clusterScoped);
        return b;
    }

    /**
     * The kinds read and ignored, by name, sorted.
     *
     * @return the names of the kinds with an {@link Ignored} resolution in some version
     */
    public Set<String> ignoredKinds() {
        Set<String> names = new TreeSet<>();
        byKind.forEach((kind, versions) -> {
            if (versions.values().stream().anyMatch(r -> r instanceof Ignored)) {
                names.add(kind);
            }
        });
        return Collections.unmodifiableSet(names);
    }

    /** What to do with an object of this {@code apiVersion} and {@code kind}. */
    public Resolution resolve(String apiVersion, String kind) {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Map<String, Resolution> versions = byKind.get(kind);
        if (versions != null) {
            Resolution r = versions.get(apiVersion);
            if (r != null) {
                return r;
            }
            int slash = apiVersion.lastIndexOf('/');
            if (slash > 0 && VERSION.matcher(apiVersion.substring(slash + 1)).matches()) {
                r = versions.get(apiVersion.substring(0, slash) + "/*");
                if (r != null) {
                    return r;
                }
            }
            return new NoMatch(noMatch(apiVersion, kind) + "; " + kind + " is served as "
                    + String.join(" or ", shown(versions.keySet())));
        }
        StringBuilder sb = new StringBuilder(noMatch(apiVersion, kind));
        String close = Suggestions.closest(kind, byKind.keySet());
        if (close != null) {
            sb.append("; did you mean ").append(close).append(" (")
                    .append(shown(byKind.get(close).keySet()).get(0)).append(")?");
        }
        sb.append("; supported kinds: ").append(supported());
        return new NoMatch(sb.toString());
    }

    /**
     * How the API server checks the fields of an object before anything else sees it, which decides
     * in whose words the reader reports a wrong type.
     */
    public enum FieldChecks {
        /**
         * A built-in kind (Service, Deployment, ...): Go decodes the JSON into typed structs, and a
         * wrong type is a decoding error, not a field error.
         */
        DECODED,
        /**
         * A custom resource whose CRD has no CEL rules (ReferenceGrant): its OpenAPI schema checks
         * the fields outside {@code metadata} ({@code metadata} is decoded as a built-in kind's is).
         */
        CRD_SCHEMA,
        /**
         * A custom resource whose CRD has CEL rules ({@code x-kubernetes-validations}) too: after a
         * blocking schema failure the API server leaves them unchecked and says so
         * ({@link dev.meshtest.internal.text.ApiServerText#NOT_CHECKED}).
         */
        CRD_SCHEMA_AND_CEL
    }

    /** The kinds whose CRD has no CEL rules: the Gateway API's referencegrants CRD (standard channel). */
    private static final Set<Class<?>> WITHOUT_CEL_RULES = Set.of(dev.meshtest.config.gateway.ReferenceGrant.class);

    /**
     * How the API server checks objects of a record class: as custom resources for Istio's and the
     * Gateway API's kinds (each of whose CRDs has CEL rules, but ReferenceGrant's), else as a
     * built-in kind.
     *
     * <pre>{@code
     * Kinds.fieldChecks(VirtualService.class);   // CRD_SCHEMA_AND_CEL
     * Kinds.fieldChecks(ReferenceGrant.class);   // CRD_SCHEMA
     * Kinds.fieldChecks(Service.class);          // DECODED
     * }</pre>
     */
    public static FieldChecks fieldChecks(Class<?> type) {
        if (WITHOUT_CEL_RULES.contains(type)) {
            return FieldChecks.CRD_SCHEMA;
        }
        if (IstioKinds.SIMULATED.containsValue(type) || GatewayApiKinds.KINDS.containsValue(type)) {
            return FieldChecks.CRD_SCHEMA_AND_CEL;
        }
        return FieldChecks.DECODED;
    }

    /** The message of the CEL rule {@code duration(self) >= duration('1ms')} Istio's CRDs put on durations. */
    public static final String DURATION_RULE = "must be a valid duration greater than 1ms";

    /**
     * The durations of Istio's kinds whose CRD field is a plain string, without the duration rule
     * (read in the v1 CRDs): only the webhook's decoding reads them. Every other duration of an
     * Istio kind carries {@link #DURATION_RULE}; the Gateway API's have a pattern instead.
     */
    private static final Set<String> DURATIONS_WITHOUT_RULE = Set.of(
            "TcpSettings.idleTimeout", "RetryBudget.budgetInterval", "HttpCookie.ttl");

    /**
     * Whether the CRD checks the duration component {@code component} of {@code record} with
     * {@link #DURATION_RULE} (so the API server, converting the text with {@code duration(self)},
     * refuses what Go cannot read) rather than leaving it to the webhook's decoding.
     *
     * <pre>{@code
     * Kinds.durationRuleOn(HttpRoute.class, "timeout");       // true
     * Kinds.durationRuleOn(TcpSettings.class, "idleTimeout"); // false
     * }</pre>
     */
    public static boolean durationRuleOn(Class<?> record, String component) {
        return record.getPackageName().equals(dev.meshtest.config.istio.HttpRoute.class.getPackageName())
                && !DURATIONS_WITHOUT_RULE.contains(record.getSimpleName() + "." + component);
    }

    /** Whether objects of this kind live outside namespaces (Namespace, ClusterRole, ...). */
    public boolean isClusterScoped(String kind) {
        return clusterScoped.contains(kind);
    }

    /** The simulated kinds, sorted, each with the apiVersion to write: {@code Service (v1)}. */
    public String supported() {
        List<String> out = new ArrayList<>();
        byKind.forEach((kind, versions) -> {
            // One entry per API group: Istio's Gateway and the Gateway API's share the kind's name.
            Set<String> groups = new HashSet<>();
            for (Map.Entry<String, Resolution> e : versions.entrySet()) {
                int slash = e.getKey().lastIndexOf('/');
                if (e.getValue() instanceof Simulated && groups.add(slash < 0 ? "" : e.getKey().substring(0, slash))) {
                    out.add(kind + " (" + e.getKey() + ")");
                }
            }
        });
        return String.join(", ", out);
    }

    private static String noMatch(String apiVersion, String kind) {
        return "no matches for kind " + Scalars.quote(kind) + " in version " + Scalars.quote(apiVersion);
    }

    private static List<String> shown(Set<String> versions) {
        List<String> out = new ArrayList<>();
        for (String v : versions) {
            out.add(v.endsWith("/*") ? v.substring(0, v.length() - 1) + "<version>" : v);
        }
        return out;
    }

    /** Fills a {@link Kinds}. Registering the same apiVersion and kind twice keeps the last. */
    public static final class Builder {
        private final Map<String, Map<String, Resolution>> byKind = new TreeMap<>();
        private final Set<String> clusterScoped = new TreeSet<>();

        private Builder() {
        }

        private Builder put(String apiVersion, String kind, Resolution r) {
            Objects.requireNonNull(apiVersion, "apiVersion");
            Objects.requireNonNull(kind, "kind");
            byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(apiVersion, r);
            return this;
        }

        /** Reads {@code apiVersion}/{@code kind} into {@code type}. */
        public Builder simulate(String apiVersion, String kind, Class<? extends Resource> type) {
            RecordInfo.of(type);   // fails now, not on first use, if the record has a type the reader cannot bind
            return put(apiVersion, kind, new Simulated(Objects.requireNonNull(type, "type")));
        }

        /** Reads {@code apiVersion}/{@code kind} as an ignored resource, for this reason. */
        public Builder ignore(String apiVersion, String kind, String why) {
            return put(apiVersion, kind, new Ignored(Objects.requireNonNull(why, "why")));
        }

        /**
         * Ignores {@code kind} in every version of an API group ({@code security.istio.io/v1},
         * {@code security.istio.io/v1beta1}, ...), for this reason.
         */
        public Builder ignoreAnyVersion(String group, String kind, String why) {
            return put(group + "/*", kind, new Ignored(Objects.requireNonNull(why, "why")));
        }

        /** Rejects {@code apiVersion}/{@code kind} with this reason. */
        public Builder unsupported(String apiVersion, String kind, String why) {
            return put(apiVersion, kind, new Unsupported(Objects.requireNonNull(why, "why")));
        }

        /** Marks kinds as cluster-scoped: their objects have no namespace. */
        public Builder clusterScoped(String... kinds) {
            Collections.addAll(clusterScoped, kinds);
            return this;
        }

        public Kinds build() {
            Map<String, Map<String, Resolution>> copy = new TreeMap<>();
            byKind.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
            return new Kinds(Collections.unmodifiableMap(copy), Collections.unmodifiableSet(new TreeSet<>(clusterScoped)));
        }
    }

    // ---- the standard registry ---------------------------------------------------------------

    private static Builder standardBuilder() {
        Builder b = builder();
        registerKubernetes(b);
        registerIstio(b);
        return b;
    }

    private static void registerKubernetes(Builder b) {
        b.simulate("v1", "Namespace", Namespace.class)
                .simulate("v1", "Service", Service.class)
                .simulate("v1", "Pod", Pod.class)
                .simulate("apps/v1", "Deployment", Deployment.class)
                .simulate("apps/v1", "StatefulSet", StatefulSet.class)
                .simulate("apps/v1", "ReplicaSet", ReplicaSet.class)
                .simulate("apps/v1", "DaemonSet", DaemonSet.class)
                .simulate("v1", "Endpoints", Endpoints.class)
                .simulate("discovery.k8s.io/v1", "EndpointSlice", EndpointSlice.class)
                .simulate("v1", "Secret", Secret.class);

        for (String kind : List.of("ServiceAccount", "ConfigMap", "LimitRange", "ResourceQuota",
                "PersistentVolumeClaim", "PersistentVolume", "Event", "PodTemplate")) {
            b.ignore("v1", kind, NOT_USED_FOR_ROUTING);
        }
        b.ignore("autoscaling/v2", "HorizontalPodAutoscaler", NOT_USED_FOR_ROUTING)
                .ignore("autoscaling/v1", "HorizontalPodAutoscaler", NOT_USED_FOR_ROUTING)
                .ignore("policy/v1", "PodDisruptionBudget", NOT_USED_FOR_ROUTING)
                .ignore("batch/v1", "Job", NOT_USED_FOR_ROUTING)
                .ignore("batch/v1", "CronJob", NOT_USED_FOR_ROUTING)
                .ignore("apps/v1", "ControllerRevision", NOT_USED_FOR_ROUTING)
                .ignore("networking.k8s.io/v1", "NetworkPolicy",
                        "not simulated: meshtest does not enforce NetworkPolicy")
                .ignore("networking.k8s.io/v1", "Ingress",
                        "not used for routing: meshtest routes through Istio's Gateway and VirtualService")
                .ignore("networking.k8s.io/v1", "IngressClass", NOT_USED_FOR_ROUTING)
                .ignore("storage.k8s.io/v1", "StorageClass", NOT_USED_FOR_ROUTING)
                .ignore("scheduling.k8s.io/v1", "PriorityClass", NOT_USED_FOR_ROUTING)
                .ignore("apiextensions.k8s.io/v1", "CustomResourceDefinition", NOT_USED_FOR_ROUTING)
                .ignore("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", NOT_USED_FOR_ROUTING)
                .ignore("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", NOT_USED_FOR_ROUTING);
        for (String kind : List.of("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding")) {
            b.ignore("rbac.authorization.k8s.io/v1", kind, NOT_USED_FOR_ROUTING);
        }

        b.unsupported("v1", "ReplicationController", "not supported: its pods would be endpoints of Services, and "
                + "meshtest simulates the pods of Deployments, StatefulSets, ReplicaSets, DaemonSets and bare Pods; use a "
                + "Deployment (ReplicationController is deprecated in favour of it)");
        // The Kubernetes Gateway API kinds Istio implements, at the versions Gateway API v1.6 serves
        // (standard channel); istiod translates them (internal.gatewayapi).
        GatewayApiKinds.KINDS.forEach((kind, type) -> {
            for (String apiVersion : GatewayApiKinds.apiVersions(kind)) {
                b.simulate(apiVersion, kind, type);
            }
        });
        String notServed = "not supported: Gateway API v1.6 and Istio serve it at v1 (standard channel); write "
                + "apiVersion: gateway.networking.k8s.io/v1";
        for (String kind : List.of("TCPRoute", "TLSRoute")) {
            b.unsupported("gateway.networking.k8s.io/v1alpha2", kind, notServed);
        }
        b.unsupported("gateway.networking.k8s.io/v1alpha2", "UDPRoute", "not supported: Istio does not implement UDPRoute");

        b.clusterScoped("Namespace", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "StorageClass",
                "PriorityClass", "IngressClass", "CustomResourceDefinition", "MutatingWebhookConfiguration",
                "ValidatingWebhookConfiguration", "GatewayClass");
    }

    /** Istio's kinds: the simulated ones in every version their group serves, the others accepted and ignored. */
    private static void registerIstio(Builder b) {
        IstioKinds.SIMULATED.forEach((kind, type) -> {
            for (String apiVersion : IstioKinds.apiVersions(kind)) {
                b.simulate(apiVersion, kind, type);
            }
        });
        IstioKinds.NOT_SIMULATED.forEach((kind, group) -> b.ignoreAnyVersion(group, kind, NOT_SIMULATED_YET));
    }
}
