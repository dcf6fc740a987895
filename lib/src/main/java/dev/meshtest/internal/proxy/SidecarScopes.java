package dev.meshtest.internal.proxy;

import dev.meshtest.config.istio.Sidecar;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.CreationOrder;
import dev.meshtest.internal.cluster.LabelSelector;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which Sidecar applies to a proxy, as istiod's {@code initSidecarScopes} and
 * {@code getSidecarScope} ({@code push_context.go}) decide (istio-rules §2.9): in the proxy's
 * namespace, the oldest Sidecar whose {@code workloadSelector} matches the pod, else the oldest
 * without a selector; else the root namespace's oldest Sidecar without a selector, read for the
 * proxy's namespace; else none (the default scope). Scopes are computed once per Sidecar and
 * namespace.
 *
 * <pre>{@code
 * SidecarScopes scopes = new SidecarScopes(state, registry, virtualServices, mesh);
 * SidecarScope scope = scopes.of(pod);
 * }</pre>
 */
final class SidecarScopes {

    private final ServiceRegistry registry;
    private final VirtualServices virtualServices;
    private final MeshSettings mesh;
    /** Each namespace's Sidecars: those with a selector first, then those without, each group oldest first. */
    private final Map<String, List<Sidecar>> byNamespace = new HashMap<>();
    private final Sidecar root;
    private final Map<Sidecar, Map<String, SidecarScope>> scopes = new IdentityHashMap<>();
    private final Map<String, SidecarScope> defaults = new HashMap<>();

    SidecarScopes(ClusterState state, ServiceRegistry registry, VirtualServices virtualServices, MeshSettings mesh) {
        this.registry = registry;
        this.virtualServices = virtualServices;
        this.mesh = mesh;
        List<StoredConfig<Sidecar>> sorted = new ArrayList<>(state.configs(Sidecar.class));
        sorted.sort(CreationOrder.CONFIGS);
        List<Sidecar> ordered = new ArrayList<>();
        sorted.stream().map(StoredConfig::resource).filter(s -> selector(s) != null).forEach(ordered::add);
        sorted.stream().map(StoredConfig::resource).filter(s -> selector(s) == null).forEach(ordered::add);
        Sidecar rootSidecar = null;
        for (Sidecar s : ordered) {
            byNamespace.computeIfAbsent(s.namespace(), k -> new ArrayList<>()).add(s);
            if (rootSidecar == null && s.namespace().equals(mesh.rootNamespace()) && selector(s) == null) {
                rootSidecar = s;
            }
        }
        this.root = rootSidecar;
    }

    private static Map<String, String> selector(Sidecar s) {
        return s.spec() == null || s.spec().workloadSelector() == null ? null : s.spec().workloadSelector().labels();
    }

    /** The Sidecar that applies to a sidecar proxy, or {@code null} when none does. */
    Sidecar sidecarFor(ClusterPod proxy) {
        for (Sidecar s : byNamespace.getOrDefault(proxy.namespace(), List.of())) {
            Map<String, String> selector = selector(s);
            if (selector == null || LabelSelector.matches(selector, proxy.labels())) {
                return s;
            }
        }
        return root;
    }

    /** The scope of a sidecar proxy. */
    SidecarScope of(ClusterPod proxy) {
        Sidecar s = sidecarFor(proxy);
        String ns = proxy.namespace();
        if (s == null) {
            return defaults.computeIfAbsent(ns, n -> SidecarScope.of(null, n, registry, virtualServices, mesh));
        }
        return scopes.computeIfAbsent(s, k -> new HashMap<>())
                .computeIfAbsent(ns, n -> SidecarScope.of(s, n, registry, virtualServices, mesh));
    }
}
