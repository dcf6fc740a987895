package dev.meshtest.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * An object of a kind real manifests carry but routing ignores (ServiceAccount, ConfigMap,
 * Secret, HorizontalPodAutoscaler, ...), or an Istio kind meshtest does not simulate yet.
 * It is read, reported as ignored by {@code apply}, and otherwise has no effect.
 *
 * <pre>{@code
 * apiVersion: v1
 * kind: ServiceAccount
 * metadata: {name: bookinfo-details}
 * }</pre>
 *
 * @param apiVersion as written
 * @param kind as written
 * @param metadata the object's metadata
 * @param why why it has no effect, for the report ({@code "not used for routing"})
 * @param clusterScoped whether the kind is cluster-scoped (ClusterRole, StorageClass, ...): it has no namespace
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record IgnoredResource(String apiVersion, String kind, ObjectMeta metadata, String why, boolean clusterScoped)
        implements Resource {

    /**
     * A namespaced ignored object.
     *
     * @param apiVersion as written
     * @param kind as written
     * @param metadata the object's metadata
     * @param why why it has no effect, for the report
     */
    public IgnoredResource(String apiVersion, String kind, ObjectMeta metadata, String why) {
        this(apiVersion, kind, metadata, why, false);
    }

    /** {@code ""} for a cluster-scoped kind, whatever the manifest says, as kubectl ignores it there. */
    @Override
    public String namespace() {
        return clusterScoped ? "" : Resource.super.namespace();
    }
}
