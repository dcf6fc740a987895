package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.Origin;
import dev.meshtest.config.Resource;
import dev.meshtest.config.ResourceRef;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An object the cluster stores, with the facts Istio orders configs by.
 *
 * <p>Creation time is set as the API server sets it, whatever the manifest's
 * {@code metadata.creationTimestamp} says (exports from real clusters carry one): the cluster's
 * synthetic clock, {@link Cluster#CLOCK_START} at the first apply and a second more at each later
 * one, shared by the objects of one apply as a {@code kubectl apply} of one file shares a second.
 * Istio breaks ties between conflicting configs by creation time (second resolution), then name,
 * then namespace, so an object applied in a later call is newer, and objects of one call are
 * ordered by name. Replacing an object keeps its creation time and sequence, as Kubernetes keeps
 * {@code creationTimestamp}.
 *
 * <pre>{@code
 * List<StoredConfig<VirtualService>> vss = state.configs(VirtualService.class);
 * vss.get(0).creationTime();   // 2024-01-01T00:00:07Z
 * }</pre>
 *
 * @param resource the object as applied (the last applied version)
 * @param origin where it was read from
 * @param creationTime its creation time
 * @param sequence creation order in this cluster (0-based, across all stored kinds, never reused)
 * @param <R> the object's type
 */
@API(status = INTERNAL, since = "0.1")
public record StoredConfig<R extends Resource>(R resource, Origin origin, Instant creationTime, long sequence) {

    public StoredConfig {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(creationTime, "creationTime");
    }

    /** The object's kind, namespace and name. */
    public ResourceRef ref() {
        return resource.ref();
    }
}
