package dev.meshtest;

import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.proxy.ProxyConfig;

/**
 * Tests' way to a mesh's internals, which the public API does not show: the cluster state and the
 * compiled proxy config.
 *
 * <pre>{@code
 * Internals.state(mesh).pods("default");
 * Internals.proxyConfig(mesh, "nginx").cluster("outbound|5000||helloworld.default.svc.cluster.local");
 * }</pre>
 */
public final class Internals {

    private Internals() {
    }

    /** The mesh's current cluster state. */
    public static ClusterState state(Mesh mesh) {
        return mesh.state();
    }

    /** The compiled config of a pod's proxy. */
    public static ProxyConfig proxyConfig(Mesh mesh, String pod) {
        return mesh.compiledProxyConfig(pod);
    }
}
