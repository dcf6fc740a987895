package dev.meshtest.config;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Kubernetes {@code metadata}. Istio orders conflicting configs by {@code creationTimestamp} when a
 * manifest carries one (exports from real clusters do), else by the order of {@code apply}.
 *
 * <pre>{@code
 * metadata:
 *   name: helloworld-v1
 *   labels: {app: helloworld, version: v1}
 * }</pre>
 *
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace}, {@code null} when absent
 * @param labels label keys to values; values are strings ({@code version: 1.0} is an error)
 * @param annotations annotation keys to values
 * @param creationTimestamp {@code metadata.creationTimestamp} (RFC 3339), {@code null} when absent
 * @param generateName {@code metadata.generateName}, used for a name when {@code name} is absent
 */
@AcceptedFields({"uid", "resourceVersion", "generation", "managedFields", "ownerReferences",
        "finalizers", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"})
@API(status = STABLE, since = "0.1")
public record ObjectMeta(
        String name,
        String namespace,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant creationTimestamp,
        String generateName) {

    /**
     * Creates an instance, reading {@code null} {@code labels} and {@code annotations} (as when
     * left out of the YAML) as empty.
     *
     * @param name {@code metadata.name}
     * @param namespace {@code metadata.namespace}, {@code null} when absent
     * @param labels label keys to values; values are strings ({@code version: 1.0} is an error)
     * @param annotations annotation keys to values
     * @param creationTimestamp {@code metadata.creationTimestamp} (RFC 3339), {@code null} when absent
     * @param generateName {@code metadata.generateName}, used for a name when {@code name} is absent
     */
    public ObjectMeta {
        labels = labels == null ? Map.of() : labels;
        annotations = annotations == null ? Map.of() : annotations;
    }

    /**
     * Metadata with just a name and namespace, for objects built in code.
     *
     * @param name the object's name
     * @param namespace its namespace, or {@code null} for {@value Resource#DEFAULT_NAMESPACE}
     * @return the metadata, without labels or annotations
     */
    public static ObjectMeta of(String name, String namespace) {
        return new ObjectMeta(name, namespace, Map.of(), Map.of(), null, null);
    }

    /**
     * Metadata with a name, namespace and labels, for objects built in code.
     *
     * @param name the object's name
     * @param namespace its namespace, or {@code null} for {@value Resource#DEFAULT_NAMESPACE}
     * @param labels label keys to values
     * @return the metadata, without annotations
     */
    public static ObjectMeta of(String name, String namespace, Map<String, String> labels) {
        return new ObjectMeta(name, namespace, labels, Map.of(), null, null);
    }
}
