package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.CreationOrder;
import dev.meshtest.internal.cluster.StoredConfig;
import dev.meshtest.internal.istio.RouteSemantics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Which VirtualServices a proxy applies, in Istio's precedence order (istio-rules §5.1): for a client in
 * namespace C, first C's VirtualServices exported only to C, then other namespaces' exported to
 * C by name, then public ones; inside each group the oldest first (creation time at second
 * resolution, then name, then namespace). Binding to gateways by {@code gateways} (istio-rules §7.2).
 * Delegates (VirtualServices without hosts) are merged into the roots that delegate to them
 * ({@link Delegation}) and never returned themselves.
 *
 * <pre>{@code
 * VirtualServices vss = VirtualServices.of(state);
 * vss.forSidecar("default");                                   // mesh-bound, visible from default
 * vss.forGateway(Set.of("istio-system/bookinfo-gateway"), "istio-system");
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class VirtualServices {

    /** The reserved gateway name of all sidecars. */
    public static final String MESH = "mesh";


    private final List<VirtualService> all;
    private final List<String> defaultExportTo;
    /** Where each rule of a merged root came from (istio-rules §5.4); absent for VirtualServices without delegation. */
    private final Map<VirtualService, List<Delegation.Origin>> origins = new IdentityHashMap<>();

    private VirtualServices(List<StoredConfig<VirtualService>> stored, List<String> defaultExportTo) {
        this.defaultExportTo = defaultExportTo;
        List<StoredConfig<VirtualService>> sorted = new ArrayList<>(stored);
        sorted.sort(CreationOrder.CONFIGS);
        Map<ResourceRef, VirtualService> delegates = new HashMap<>();
        List<VirtualService> roots = new ArrayList<>();
        for (StoredConfig<VirtualService> c : sorted) {
            VirtualService vs = c.resource();
            if (vs.spec() == null) {
                continue;
            }
            if (Delegation.isDelegate(vs)) {
                delegates.put(vs.ref(), vs);   // never routed on its own
            } else {
                roots.add(vs);
            }
        }
        List<VirtualService> merged = new ArrayList<>(roots.size());
        for (VirtualService vs : roots) {
            if (Delegation.isRoot(vs) && !RouteSemantics.gateway(vs) && !RouteSemantics.ingress(vs)) {
                // mergeVirtualServices: a VirtualService with gateway or ingress route semantics is never
                // merged; its delegating rules are dropped like those of a missing delegate (istio-rules §5.5).
                Delegation.Merged m = Delegation.merge(vs, delegates, defaultExportTo);
                merged.add(m.virtualService());
                origins.put(m.virtualService(), m.origins());
            } else {
                merged.add(vs);
            }
        }
        this.all = List.copyOf(merged);
    }

    /**
     * Where each {@code http} rule of a VirtualService this index returned came from: {@code null}
     * when it delegates nothing, so rule {@code i} is its own rule {@code i}.
     */
    List<Delegation.Origin> origins(VirtualService vs) {
        return origins.get(vs);
    }

    /** The index of a cluster state's VirtualServices. */
    public static VirtualServices of(ClusterState state) {
        return of(state, List.of());
    }

    /**
     * The index of a cluster state's VirtualServices, with MeshConfig's {@code defaultVirtualServiceExportTo}.
     *
     * @param state the cluster
     * @param defaultExportTo the {@code exportTo} of VirtualServices that set none; empty for {@code *}
     * @return the index
     */
    public static VirtualServices of(ClusterState state, List<String> defaultExportTo) {
        return new VirtualServices(state.pushedConfigs(VirtualService.class), defaultExportTo);
    }

    /**
     * VirtualServices bound to the mesh and visible from a namespace, in precedence order. In each
     * group those with gateway route semantics of the client's own namespace come first
     * ({@code SelectVirtualServices} with {@code PILOT_UNIFIED_SIDECAR_SCOPE}, on by default; istio-rules §5.5).
     */
    public List<VirtualService> forSidecar(String clientNamespace) {
        return select(Set.of(MESH), clientNamespace, false);
    }

    /**
     * VirtualServices bound to any of these gateways ({@code ns/name}) and visible from the gateway's
     * namespace. Among the public ones, those with gateway route semantics of the gateway's own
     * namespace come first ({@code VirtualServicesForGateway}: "the consumer override"; istio-rules §5.5).
     */
    public List<VirtualService> forGateway(Set<String> gatewayNames, String gatewayNamespace) {
        return select(gatewayNames, gatewayNamespace, true);
    }

    private List<VirtualService> select(Set<String> names, String clientNamespace, boolean gateway) {
        List<VirtualService> privateOnes = new ArrayList<>();
        List<VirtualService> exported = new ArrayList<>();
        List<VirtualService> publicOnes = new ArrayList<>();
        for (VirtualService vs : all) {
            List<String> exportTo = MeshSettings.ExportToDefaults.effective(vs.spec().exportTo(), defaultExportTo);
            if (!ExportTo.visible(exportTo, vs.namespace(), clientNamespace)
                    || gateways(vs).stream().noneMatch(names::contains)) {
                continue;
            }
            if (ExportTo.isPublic(exportTo)) {
                publicOnes.add(vs);
            } else if (vs.namespace().equals(clientNamespace)
                    && (exportTo.contains(".") || exportTo.contains(clientNamespace))) {
                // initVirtualServices: "." or its own namespace puts a VirtualService in its namespace's
                // private group, even when it is also exported to other namespaces by name.
                privateOnes.add(vs);
            } else {
                exported.add(vs);
            }
        }
        List<VirtualService> out = new ArrayList<>();
        if (gateway) {
            out.addAll(privateOnes);
            out.addAll(exported);
        } else {
            out.addAll(ownGatewaySemanticsFirst(privateOnes, clientNamespace));
            out.addAll(ownGatewaySemanticsFirst(exported, clientNamespace));
        }
        out.addAll(ownGatewaySemanticsFirst(publicOnes, clientNamespace));
        return out;
    }

    /** The group with the VirtualServices of gateway route semantics in {@code namespace} first, each part in its order. */
    private static List<VirtualService> ownGatewaySemanticsFirst(List<VirtualService> group, String namespace) {
        List<VirtualService> first = new ArrayList<>();
        List<VirtualService> rest = new ArrayList<>();
        for (VirtualService vs : group) {
            (RouteSemantics.gateway(vs) && vs.namespace().equals(namespace) ? first : rest).add(vs);
        }
        if (first.isEmpty()) {
            return group;
        }
        first.addAll(rest);
        return first;
    }

    /** The gateways a VirtualService binds to, resolved; {@code [mesh]} when it names none. */
    public static Set<String> gateways(VirtualService vs) {
        List<String> names = vs.spec().gateways();
        if (names.isEmpty()) {
            return Set.of(MESH);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String g : names) {
            out.add(gatewayName(vs, g));
        }
        return out;
    }

    /**
     * A gateway name a VirtualService writes ({@code gateways}, a match's {@code gateways}) as istiod
     * binds it: resolved by {@link #resolveGatewayName} ({@code ResolveVirtualServiceShortnames}),
     * except with gateway route semantics, which istiod takes as written ({@code mergeVirtualServices}
     * skips the resolution; istio-rules §5.5).
     */
    static String gatewayName(VirtualService vs, String gateway) {
        return RouteSemantics.gateway(vs) ? gateway : resolveGatewayName(gateway, vs.namespace());
    }

    /**
     * A host a VirtualService writes ({@code hosts}, destinations, mirrors) as istiod reads it: a
     * short name resolved in the VirtualService's namespace ({@code ResolveShortnameToFQDN}), except
     * with gateway route semantics, where istiod keeps it as written ({@code mergeVirtualServices}
     * skips {@code ResolveVirtualServiceShortnames}; istio-rules §5.5).
     */
    static String host(VirtualService vs, String host) {
        return RouteSemantics.gateway(vs) ? host : Hosts.resolveShortName(host, vs.namespace());
    }

    /**
     * Istio's {@code resolveGatewayName}: {@code name} and {@code ./name} are in the config's
     * namespace, {@code ns/name} is kept, the legacy {@code name.ns} (or its FQDN) means
     * {@code ns/name}, and {@code mesh} is reserved.
     */
    public static String resolveGatewayName(String gateway, String configNamespace) {
        if (gateway.equals(MESH)) {
            return MESH;
        }
        int slash = gateway.indexOf('/');
        if (slash >= 0) {
            String ns = gateway.substring(0, slash);
            return (ns.equals(".") ? configNamespace : ns) + gateway.substring(slash);
        }
        int dot = gateway.indexOf('.');
        if (dot >= 0) {
            String name = gateway.substring(0, dot);
            String rest = gateway.substring(dot + 1);
            int next = rest.indexOf('.');
            return (next < 0 ? rest : rest.substring(0, next)) + "/" + name;
        }
        return configNamespace + "/" + gateway;
    }
}
