package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.istio.PeerAuthentication;
import dev.meshtest.config.istio.PeerAuthenticationMutualTls;
import dev.meshtest.config.istio.PeerAuthenticationMutualTlsMode;
import dev.meshtest.config.istio.PeerAuthenticationSpec;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.CreationOrder;
import dev.meshtest.internal.cluster.LabelSelector;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Istio's PeerAuthentication rules, in one place (docs/security.md, "Mutual TLS"):
 *
 * <ul>
 *   <li>the mode a workload's sidecar enforces on a port: {@code ComposePeerAuthentication}
 *       ({@code pilot/pkg/security/authn/policy_applier.go}) over the policies
 *       {@code getConfigsForWorkload} finds: the oldest mesh-wide one (root namespace, no
 *       selector), the oldest of its namespace, the oldest selecting it; each level's mode
 *       replaces the wider one's unless {@code UNSET}; {@code portLevelMtls} of the workload
 *       policy last, per container port; nothing at all is {@code PERMISSIVE};</li>
 *   <li>the mode a client infers for a service's namespace ({@code GetNamespaceMutualTLSMode} of
 *       {@code pilot/pkg/model/authentication.go}): the namespace's policy without a selector,
 *       else the mesh-wide one, else none ({@code null}: the client falls back to permissive).</li>
 * </ul>
 *
 * <pre>{@code
 * PeerAuthentications pa = PeerAuthentications.of(state, "istio-system");
 * pa.forPort(httpbinPod, 8080);      // STRICT
 * pa.namespaceMode("legacy");        // null: no namespace or mesh policy
 * }</pre>
 */
@API(status = INTERNAL, since = "0.4")
public final class PeerAuthentications {

    private final String rootNamespace;
    /** Per namespace, its policies oldest first. */
    private final Map<String, List<PeerAuthentication>> byNamespace;
    /** {@code GetNamespaceMutualTLSMode}: the namespace-level modes, UNSET resolved against the mesh's. */
    private final Map<String, MutualTlsMode> namespaceModes = new HashMap<>();
    private final MutualTlsMode globalMode;

    private PeerAuthentications(String rootNamespace, Map<String, List<PeerAuthentication>> byNamespace) {
        this.rootNamespace = rootNamespace;
        this.byNamespace = byNamespace;
        // addPeerAuthentication: the first (oldest) policy without a selector per namespace counts.
        MutualTlsMode global = null;
        Map<String, PeerAuthenticationMutualTlsMode> found = new TreeMap<>();
        for (Map.Entry<String, List<PeerAuthentication>> e : byNamespace.entrySet()) {
            for (PeerAuthentication pa : e.getValue()) {
                if (!hasSelector(pa)) {
                    PeerAuthenticationMutualTlsMode mode = mode(spec(pa).mtls());
                    if (e.getKey().equals(rootNamespace)) {
                        global = mode == PeerAuthenticationMutualTlsMode.UNSET ? MutualTlsMode.PERMISSIVE : convert(mode);
                    } else {
                        found.put(e.getKey(), mode);
                    }
                    break;
                }
            }
        }
        this.globalMode = global;
        MutualTlsMode inherited = global == null ? MutualTlsMode.PERMISSIVE : global;
        found.forEach((ns, mode) -> namespaceModes.put(ns, mode == PeerAuthenticationMutualTlsMode.UNSET ? inherited : convert(mode)));
    }

    /** The policies of a cluster state, with the mesh's root namespace. */
    public static PeerAuthentications of(ClusterState state, String rootNamespace) {
        List<StoredConfig<PeerAuthentication>> stored = new ArrayList<>(state.configs(PeerAuthentication.class));
        stored.sort(CreationOrder.CONFIGS);
        Map<String, List<PeerAuthentication>> byNamespace = new TreeMap<>();
        for (StoredConfig<PeerAuthentication> c : stored) {
            byNamespace.computeIfAbsent(c.resource().namespace(), k -> new ArrayList<>()).add(c.resource());
        }
        return new PeerAuthentications(rootNamespace, byNamespace);
    }

    /** Whether any PeerAuthentication exists. */
    public boolean isEmpty() {
        return byNamespace.isEmpty();
    }

    /**
     * {@code GetNamespaceMutualTLSMode}: the mode of the namespace's policy without a selector (its
     * {@code UNSET} inheriting the mesh's), else the mesh-wide policy's, else {@code null}.
     */
    public MutualTlsMode namespaceMode(String namespace) {
        MutualTlsMode m = namespaceModes.get(namespace);
        return m != null ? m : globalMode;
    }

    /** The mode the workload's sidecar enforces on {@code port} (a container port): {@code GetMutualTLSModeForPort}. */
    public MutualTlsMode forPort(ClusterPod pod, int port) {
        return forWorkload(pod).forPort(port);
    }

    /** {@code ComposePeerAuthentication} for one workload. */
    public Composed forWorkload(ClusterPod pod) {
        PeerAuthentication mesh = null;
        PeerAuthentication namespace = null;
        PeerAuthentication workload = null;
        List<String> lookIn = pod.namespace().equals(rootNamespace) ? List.of(rootNamespace) : List.of(pod.namespace(), rootNamespace);
        for (String ns : lookIn) {
            for (PeerAuthentication pa : byNamespace.getOrDefault(ns, List.of())) {
                if (!hasSelector(pa)) {
                    // Oldest first: the first seen of each level wins.
                    if (ns.equals(rootNamespace)) {
                        mesh = mesh == null ? pa : mesh;
                    } else {
                        namespace = namespace == null ? pa : namespace;
                    }
                } else if (!ns.equals(rootNamespace) && workload == null
                        && LabelSelector.matches(spec(pa).selector().matchLabels(), pod.labels())) {
                    workload = pa;
                }
            }
        }
        MutualTlsMode mode = MutualTlsMode.PERMISSIVE;
        for (PeerAuthentication level : new PeerAuthentication[] {mesh, namespace, workload}) {
            if (level != null && mode(spec(level).mtls()) != PeerAuthenticationMutualTlsMode.UNSET) {
                mode = convert(mode(spec(level).mtls()));
            }
        }
        Map<Integer, MutualTlsMode> perPort = new TreeMap<>();
        if (workload != null) {
            for (Map.Entry<String, PeerAuthenticationMutualTls> e : spec(workload).portLevelMtls().entrySet()) {
                PeerAuthenticationMutualTlsMode m = mode(e.getValue());
                // Admission refused keys that are not ports (PeerAuthenticationValidator).
                perPort.put(Integer.parseInt(e.getKey().trim()), m == PeerAuthenticationMutualTlsMode.UNSET ? mode : convert(m));
            }
        }
        return new Composed(mode, perPort);
    }

    /**
     * A workload's effective policy: Istio's {@code MergedPeerAuthentication}.
     *
     * @param mode the mode of every port without its own
     * @param perPort the modes of the ports the workload policy names
     */
    public record Composed(MutualTlsMode mode, Map<Integer, MutualTlsMode> perPort) {

        public Composed {
            perPort = Map.copyOf(perPort);
        }

        /** {@code GetMutualTLSModeForPort}. */
        public MutualTlsMode forPort(int port) {
            MutualTlsMode m = perPort.get(port);
            return m != null ? m : mode;
        }
    }

    private static PeerAuthenticationSpec spec(PeerAuthentication pa) {
        return pa.spec() == null ? new PeerAuthenticationSpec(null, null, null) : pa.spec();
    }

    private static boolean hasSelector(PeerAuthentication pa) {
        return spec(pa).selector() != null && !spec(pa).selector().matchLabels().isEmpty();
    }

    private static PeerAuthenticationMutualTlsMode mode(PeerAuthenticationMutualTls mtls) {
        return mtls == null || mtls.mode() == null ? PeerAuthenticationMutualTlsMode.UNSET : mtls.mode();
    }

    private static MutualTlsMode convert(PeerAuthenticationMutualTlsMode mode) {
        return switch (mode) {
            case DISABLE -> MutualTlsMode.DISABLE;
            case STRICT -> MutualTlsMode.STRICT;
            case PERMISSIVE, UNSET -> MutualTlsMode.PERMISSIVE;
        };
    }
}
