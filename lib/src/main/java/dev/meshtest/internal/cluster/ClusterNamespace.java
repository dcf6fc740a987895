package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A namespace of the simulated cluster. Like the API server, meshtest adds the label
 * {@code kubernetes.io/metadata.name: <name>} to every namespace.
 *
 * <pre>{@code
 * ClusterNamespace ns = state.namespace("default").orElseThrow();
 * ns.labels().get("istio-injection");   // "enabled" in Cluster.withIstio
 * }</pre>
 *
 * @param name the name
 * @param labels labels, including {@code kubernetes.io/metadata.name}
 * @param annotations annotations
 * @param creationTime when it was created (see {@link StoredConfig#creationTime()})
 */
@API(status = INTERNAL, since = "0.1")
public record ClusterNamespace(String name, Map<String, String> labels, Map<String, String> annotations,
                               Instant creationTime) {

    /** The label the API server sets on every namespace. */
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    public ClusterNamespace {
        Objects.requireNonNull(name, "name");
        labels = Maps.sortedCopy(labels);
        annotations = Maps.sortedCopy(annotations);
    }
}
