package dev.meshtest.config;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.internal.text.Shown;
import java.util.Comparator;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Names an object the way kubectl and istioctl do in messages: {@code VirtualService default/reviews}.
 * Cluster-scoped objects have an empty namespace and print as {@code Namespace shop}.
 *
 * <pre>{@code
 * new ResourceRef("Service", "default", "helloworld").toString(); // "Service default/helloworld"
 * }</pre>
 *
 * @param kind the kind, for example {@code Service}
 * @param namespace the namespace, or {@code ""} for cluster-scoped kinds
 * @param name the name
 */
@API(status = STABLE, since = "0.1")
public record ResourceRef(String kind, String namespace, String name) implements Comparable<ResourceRef> {

    private static final Comparator<ResourceRef> ORDER = Comparator.comparing(ResourceRef::kind)
            .thenComparing(ResourceRef::namespace)
            .thenComparing(ResourceRef::name);

    /**
     * Creates a reference; a {@code null} namespace or name is read as {@code ""}.
     *
     * @param kind the kind, for example {@code Service}
     * @param namespace the namespace, or {@code ""} for cluster-scoped kinds
     * @param name the name
     * @throws NullPointerException if {@code kind} is {@code null}
     */
    public ResourceRef {
        Objects.requireNonNull(kind, "kind");
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }

    /** Orders by kind, then namespace, then name, so reports list objects the same way every run. */
    @Override
    public int compareTo(ResourceRef other) {
        return ORDER.compare(this, other);
    }

    /** {@code Kind ns/name}; {@code Kind name} when cluster-scoped; {@code Kind in ns} when the name is unknown. */
    @Override
    public String toString() {
        // A long name or namespace (refused by the API server's checks) shows its start only.
        String ns = Shown.value(namespace);
        String kind = Shown.value(this.kind);
        if (name.isEmpty()) {
            return namespace.isEmpty() ? kind : kind + " in " + ns;
        }
        return namespace.isEmpty() ? kind + " " + Shown.value(name) : kind + " " + ns + "/" + Shown.value(name);
    }
}
