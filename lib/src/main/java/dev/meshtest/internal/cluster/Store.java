package dev.meshtest.internal.cluster;

import dev.meshtest.config.Resource;
import dev.meshtest.config.ResourceRef;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * The cluster's mutable data. {@link Cluster} works on a {@link #copy()} and swaps it in only when
 * a whole call succeeded, which makes {@code apply} atomic. Values are immutable records, so a
 * copy is shallow. Maps are {@link LinkedHashMap}s (insertion = creation order); the one
 * {@link HashSet} is only asked {@code contains}, never iterated.
 */
final class Store {

    /** What the cluster remembers of a Deployment beyond its manifest. */
    record DeploymentState(String templateHash, long podsNamed) {
    }

    long version;
    /** Next creation sequence of a stored object. */
    long nextSequence;
    /** Next creation sequence of a pod. */
    long nextPodSequence;
    /** Last creation time handed out, or {@code null} before the first. */
    Instant clock;
    /** Offsets (from the range's base) of the next pod IP and ClusterIP to try. */
    int nextPodIp = 1;
    int nextServiceIp = 2;

    final LinkedHashMap<ResourceRef, StoredConfig<Resource>> objects;
    /** Pods by {@code namespace/name}. */
    final PodTable pods;
    /** ClusterIP of each Service ({@code null}: headless or ExternalName). */
    final LinkedHashMap<ResourceRef, String> serviceIps;
    final LinkedHashMap<ResourceRef, DeploymentState> deployments;
    /** Every IP ever handed out or claimed: IPs are never reused. */
    final Set<String> usedIps;

    Store() {
        objects = new LinkedHashMap<>();
        pods = new PodTable();
        serviceIps = new LinkedHashMap<>();
        deployments = new LinkedHashMap<>();
        usedIps = new HashSet<>();
    }

    private Store(Store o) {
        version = o.version;
        nextSequence = o.nextSequence;
        nextPodSequence = o.nextPodSequence;
        clock = o.clock;
        nextPodIp = o.nextPodIp;
        nextServiceIp = o.nextServiceIp;
        objects = new LinkedHashMap<>(o.objects);
        pods = new PodTable(o.pods);
        serviceIps = new LinkedHashMap<>(o.serviceIps);
        deployments = new LinkedHashMap<>(o.deployments);
        usedIps = new HashSet<>(o.usedIps);
    }

    Store copy() {
        return new Store(this);
    }

    static String podKey(String namespace, String name) {
        return namespace + "/" + name;
    }
}
