package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterState;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The compiled configuration of every proxy for one cluster state and mesh settings: each
 * proxy's {@link ProxyConfig} is built on first use and kept, so a config version is compiled
 * once however many requests use it.
 *
 * <pre>{@code
 * ProxyConfigs configs = ProxyConfigs.of(state, MeshSettings.DEFAULT);
 * ProxyConfig nginx = configs.of(state.pod("default", "nginx").orElseThrow());
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class ProxyConfigs {

    private final ClusterState state;
    private final ProxyConfigBuilder builder;
    private final Map<ClusterPod, ProxyConfig> byPod = new IdentityHashMap<>();

    private ProxyConfigs(ClusterState state, MeshSettings mesh) {
        this.state = state;
        this.builder = new ProxyConfigBuilder(state, mesh);
    }

    public static ProxyConfigs of(ClusterState state, MeshSettings mesh) {
        return new ProxyConfigs(state, mesh);
    }

    /** The cluster state these configurations were compiled from. */
    public ClusterState state() {
        return state;
    }

    /** The services istiod knows. */
    public ServiceRegistry registry() {
        return builder.registry();
    }

    /** The configuration of a pod's proxy (sidecar or gateway); compiled on first use. */
    public ProxyConfig of(ClusterPod pod) {
        ProxyConfig pc = byPod.get(pod);
        if (pc == null) {
            // The pods of one state are one set of objects; look the pod up there so equal pods share a config.
            ClusterPod own = state.pod(pod.namespace(), pod.name()).orElse(pod);
            pc = byPod.computeIfAbsent(own, builder::build);
            byPod.put(pod, pc);
        }
        return pc;
    }
}
