package dev.meshtest.config;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.internal.text.Shown;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Names an object the way kubectl and istioctl do in messages: {@code VirtualService default/reviews}.
 * Cluster-scoped objects have an empty namespace and print as {@code Namespace shop}.
 *
 * <p>Every kind meshtest reads has one API group, except {@code Gateway}: Istio's
 * ({@code networking.istio.io}) and the Kubernetes Gateway API's ({@code gateway.networking.k8s.io})
 * share the name. A reference keeps the {@link #group() group} only to tell those apart, so the
 * three-argument constructor names Istio's Gateway, and the Gateway API's prints as kubectl's
 * qualified form, {@code Gateway.gateway.networking.k8s.io default/web}.
 *
 * <pre>{@code
 * new ResourceRef("Service", "default", "helloworld").toString(); // "Service default/helloworld"
 * ResourceRef.of("gateway.networking.k8s.io/v1", "Gateway", "default", "web")
 *         .toString();                                   // "Gateway.gateway.networking.k8s.io default/web"
 * }</pre>
 *
 * @param group the API group where the kind's name alone is ambiguous ({@code gateway.networking.k8s.io}
 *     for the Gateway API's Gateway); otherwise {@code ""}
 * @param kind the kind, for example {@code Service}
 * @param namespace the namespace, or {@code ""} for cluster-scoped kinds
 * @param name the name
 */
@API(status = STABLE, since = "0.1")
public record ResourceRef(String group, String kind, String namespace, String name) implements Comparable<ResourceRef> {

    /**
     * Kinds whose name two API groups use, with the group a reference without one means: the kind
     * meshtest read before the other existed.
     */
    private static final Map<String, String> SHARED_KINDS = Map.of("Gateway", "networking.istio.io");

    private static final Comparator<ResourceRef> ORDER = Comparator.comparing(ResourceRef::kind)
            .thenComparing(ResourceRef::namespace)
            .thenComparing(ResourceRef::name)
            .thenComparing(ResourceRef::group);

    /**
     * Creates a reference; a {@code null} group, namespace or name is read as {@code ""}.
     *
     * @param group the API group where the kind's name alone is ambiguous; otherwise {@code ""}
     * @param kind the kind, for example {@code Service}
     * @param namespace the namespace, or {@code ""} for cluster-scoped kinds
     * @param name the name
     * @throws NullPointerException if {@code kind} is {@code null}
     */
    public ResourceRef {
        Objects.requireNonNull(kind, "kind");
        group = group == null ? "" : group;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }

    /**
     * Creates a reference to a kind of the group meshtest reads it from by default (Istio's
     * {@code Gateway}, not the Gateway API's); a {@code null} namespace or name is read as {@code ""}.
     *
     * @param kind the kind, for example {@code Service}
     * @param namespace the namespace, or {@code ""} for cluster-scoped kinds
     * @param name the name
     * @throws NullPointerException if {@code kind} is {@code null}
     */
    public ResourceRef(String kind, String namespace, String name) {
        this("", kind, namespace, name);
    }

    /**
     * A reference to an object of an {@code apiVersion}, keeping its group where the kind's name is
     * ambiguous without it.
     *
     * <pre>{@code
     * ResourceRef.of("networking.istio.io/v1", "Gateway", "default", "web").group();       // ""
     * ResourceRef.of("gateway.networking.k8s.io/v1", "Gateway", "default", "web").group(); // "gateway.networking.k8s.io"
     * }</pre>
     *
     * @param apiVersion the object's {@code apiVersion}, for example {@code gateway.networking.k8s.io/v1}; may be {@code null}
     * @param kind the kind
     * @param namespace the namespace, or {@code ""} for cluster-scoped kinds
     * @param name the name
     * @return the reference
     * @throws NullPointerException if {@code kind} is {@code null}
     */
    public static ResourceRef of(String apiVersion, String kind, String namespace, String name) {
        String byDefault = SHARED_KINDS.get(kind);
        if (byDefault == null || apiVersion == null) {
            return new ResourceRef(kind, namespace, name);
        }
        int slash = apiVersion.lastIndexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return new ResourceRef(group.equals(byDefault) ? "" : group, kind, namespace, name);
    }

    /** Orders by kind, then namespace, then name (then group), so reports list objects the same way every run. */
    @Override
    public int compareTo(ResourceRef other) {
        return ORDER.compare(this, other);
    }

    /**
     * {@code Kind ns/name}; {@code Kind name} when cluster-scoped; {@code Kind in ns} when the name is
     * unknown; the kind as {@code Kind.group} when the reference has a group.
     */
    @Override
    public String toString() {
        // A long name or namespace (refused by the API server's checks) shows its start only.
        String ns = Shown.value(namespace);
        String kind = Shown.value(group.isEmpty() ? this.kind : this.kind + "." + group);
        if (name.isEmpty()) {
            return namespace.isEmpty() ? kind : kind + " in " + ns;
        }
        return namespace.isEmpty() ? kind + " " + Shown.value(name) : kind + " " + ns + "/" + Shown.value(name);
    }
}
