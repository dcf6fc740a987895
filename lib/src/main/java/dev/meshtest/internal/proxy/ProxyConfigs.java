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
    private final MeshSettings mesh;
    private final Map<ClusterPod, ProxyConfig> byPod = new IdentityHashMap<>();
    private final Map<ClusterPod, Map<Integer, InboundCluster>> inboundByPod = new IdentityHashMap<>();
    private final Map<ClusterPod, PeerAuthentications.Composed> peerAuthByPod = new IdentityHashMap<>();
    private final Map<ClusterPod, Rbac> rbacByPod = new IdentityHashMap<>();
    private final Map<ClusterPod, JwtAuthentication> jwtByPod = new IdentityHashMap<>();

    private ProxyConfigs(ClusterState state, MeshSettings mesh) {
        this.state = state;
        this.mesh = mesh;
        this.builder = new ProxyConfigBuilder(state, mesh);
    }

    public static ProxyConfigs of(ClusterState state, MeshSettings mesh) {
        return new ProxyConfigs(state, mesh);
    }

    /** The cluster state these configurations were compiled from. */
    public ClusterState state() {
        return state;
    }

    /** MeshConfig's {@code pathNormalization}: what every proxy's HTTP connection manager does to paths. */
    public dev.meshtest.config.istio.PathNormalization.Normalization pathNormalization() {
        return mesh.pathNormalization();
    }

    /** The services istiod knows. */
    public ServiceRegistry registry() {
        return builder.registry();
    }

    /**
     * A sidecar's inbound circuit breakers for a target port (istio-rules §6.6), without compiling
     * the rest of its configuration: a request that only reaches a pod needs its inbound side, not
     * the routes to every service in the mesh.
     */
    public CircuitBreakers inboundCircuitBreakers(ClusterPod pod, int targetPort) {
        ProxyConfig compiled = byPod.get(pod);
        if (compiled != null) {
            return compiled.inboundCircuitBreakers(targetPort);
        }
        Map<Integer, InboundCluster> in = inboundByPod.get(pod);
        if (in == null) {
            ClusterPod own = state.pod(pod.namespace(), pod.name()).orElse(pod);
            in = new java.util.TreeMap<>();
            for (InboundCluster c : builder.inboundClusters(own)) {
                in.put(c.targetPort(), c);
            }
            inboundByPod.put(pod, in);
        }
        InboundCluster c = in.get(targetPort);
        return c == null ? CircuitBreakers.DEFAULT : c.circuitBreakers();
    }

    /**
     * The mutual TLS mode a pod's sidecar enforces on a container port: its PeerAuthentications
     * composed ({@link PeerAuthentications}, docs/security.md).
     */
    public MutualTlsMode inboundMutualTls(ClusterPod pod, int targetPort) {
        PeerAuthentications.Composed c = peerAuthByPod.get(pod);
        if (c == null) {
            c = builder.peerAuthentications().forWorkload(state.pod(pod.namespace(), pod.name()).orElse(pod));
            peerAuthByPod.put(pod, c);
        }
        return c.forPort(targetPort);
    }

    /**
     * The RBAC filters of a pod's proxy (its sidecar's inbound side, or a gateway), from the
     * AuthorizationPolicies that select it ({@link AuthorizationPolicies}, docs/security.md).
     */
    public Rbac rbac(ClusterPod pod) {
        ProxyConfig compiled = byPod.get(pod);
        if (compiled != null) {
            return compiled.rbac();
        }
        Rbac r = rbacByPod.get(pod);
        if (r == null) {
            r = builder.authorizationPolicies().forWorkload(state.pod(pod.namespace(), pod.name()).orElse(pod));
            rbacByPod.put(pod, r);
        }
        return r;
    }

    /**
     * The network RBAC filters of a pod's TCP filter chains ({@link AuthorizationPolicies#forWorkloadTcp}):
     * what a TCP connection to it meets. Made on each call: connections look it up once per server.
     */
    public Rbac tcpRbac(ClusterPod pod) {
        return builder.authorizationPolicies().forWorkloadTcp(state.pod(pod.namespace(), pod.name()).orElse(pod));
    }

    /**
     * The jwt_authn filter of a pod's proxy, from the RequestAuthentications that select it
     * ({@link JwtAuthentication}, docs/security.md).
     */
    public JwtAuthentication jwt(ClusterPod pod) {
        ProxyConfig compiled = byPod.get(pod);
        if (compiled != null) {
            return compiled.jwt();
        }
        JwtAuthentication j = jwtByPod.get(pod);
        if (j == null) {
            j = JwtAuthentication.forWorkload(state, mesh, state.pod(pod.namespace(), pod.name()).orElse(pod));
            jwtByPod.put(pod, j);
        }
        return j;
    }

    /**
     * How many proxies in front of a gateway its {@code x-forwarded-for} trusts
     * ({@link ForwardedFor}): the pod's {@code proxy.istio.io/config} annotation over MeshConfig's
     * {@code defaultConfig} ({@code gateway.go buildGatewayConnectionManager}).
     *
     * @throws IllegalArgumentException when the annotation is not a ProxyConfig, in the sidecar injector's words
     */
    public int numTrustedProxies(ClusterPod gateway) {
        String annotation = gateway.annotations().get(dev.meshtest.internal.istio.GatewayTopology.ANNOTATION);
        if (annotation == null) {
            return mesh.gatewayTopology().trustedProxies();
        }
        try {
            return dev.meshtest.internal.istio.GatewayTopology.parse(annotation).over(mesh.gatewayTopology()).trustedProxies();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pod " + gateway.namespace() + "/" + gateway.name() + ": invalid value '"
                    + annotation + "' for annotation '" + dev.meshtest.internal.istio.GatewayTopology.ANNOTATION + "': "
                    + e.getMessage() + " (on a cluster the sidecar injector refuses such a pod)", e);
        }
    }

    /**
     * A workload's identity as its certificate carries it ({@code spiffe://<trustDomain>/ns/<namespace>/sa/<serviceAccount>}),
     * or {@code null} for a client outside the cluster.
     */
    public String spiffeIdentity(ClusterPod pod) {
        return pod == null ? null : "spiffe://" + mesh.trustDomain() + "/ns/" + pod.namespace() + "/sa/" + pod.serviceAccount();
    }

    /**
     * The cluster {@code name} of a pod's proxy, or {@code null} when it has none: from its
     * configuration when that is compiled, else built alone (without the proxy's routes).
     */
    public Cluster cluster(ClusterPod pod, String name) {
        ProxyConfig compiled = byPod.get(pod);
        if (compiled != null) {
            return compiled.cluster(name);
        }
        return builder.cluster(state.pod(pod.namespace(), pod.name()).orElse(pod), name);
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
