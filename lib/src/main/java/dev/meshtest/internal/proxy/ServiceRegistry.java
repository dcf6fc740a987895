package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.istio.ServiceEntry;
import dev.meshtest.config.istio.ServicePort;
import dev.meshtest.internal.cluster.ClusterService;
import dev.meshtest.internal.cluster.ClusterServicePort;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.CreationOrder;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Every service istiod knows, in Istio's order (oldest first, then host name): Kubernetes
 * Services and ServiceEntry hosts. Built once per cluster state.
 *
 * <pre>{@code
 * ServiceRegistry registry = ServiceRegistry.of(state);
 * registry.byHostname("helloworld.default.svc.cluster.local");
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class ServiceRegistry {

    private final List<IstioService> services;
    private final Map<String, IstioService> byHostname = new LinkedHashMap<>();
    /** Every service of each hostname, oldest first (ServiceEntries may share a hostname across namespaces). */
    private final Map<String, List<IstioService>> allByHostname = new HashMap<>();
    private final Map<String, IstioService> byAddress = new LinkedHashMap<>();

    /** The aliases of each concrete host, sorted by namespace, then host (istio-rules §2.8). */
    private final Map<String, List<IstioService>> aliases = new HashMap<>();

    private ServiceRegistry(List<IstioService> services) {
        this.services = List.copyOf(services);
        for (IstioService s : this.services) {
            byHostname.putIfAbsent(s.hostname(), s);
            allByHostname.computeIfAbsent(s.hostname(), k -> new ArrayList<>(1)).add(s);
            if (s.address() != null) {
                byAddress.putIfAbsent(s.address(), s);
            }
        }
        resolveServiceAliases();
    }

    /**
     * push_context.go {@code resolveServiceAliases}: each ExternalName Service is an alias of the
     * host it names, through other aliases to the end of the chain (a loop leaves its aliases
     * out); the concrete host then answers for its aliases' names too.
     */
    private void resolveServiceAliases() {
        Map<String, String> raw = new LinkedHashMap<>();
        for (IstioService s : services) {
            if (s.aliasFor() != null) {
                raw.put(s.hostname(), s.aliasFor());
            }
        }
        for (IstioService s : services) {
            if (s.aliasFor() == null) {
                continue;
            }
            String target = s.aliasFor();
            Set<String> seen = new HashSet<>(List.of(s.hostname(), target));
            boolean loop = false;
            while (raw.containsKey(target)) {
                target = raw.get(target);
                if (!seen.add(target)) {
                    loop = true;   // Kubernetes DNS answers NXDOMAIN for a loop: as if the alias did not exist
                    break;
                }
            }
            if (!loop) {
                aliases.computeIfAbsent(target, k -> new ArrayList<>()).add(s);
            }
        }
        for (List<IstioService> list : aliases.values()) {
            list.sort(Comparator.comparing(IstioService::namespace).thenComparing(IstioService::hostname));
        }
    }

    /** The ExternalName Services that are aliases of {@code hostname}, by namespace then host; empty when none. */
    public List<IstioService> aliasesOf(String hostname) {
        return aliases.getOrDefault(hostname, List.of());
    }

    /** The registry of a cluster state. */
    public static ServiceRegistry of(ClusterState state) {
        return of(state, List.of());
    }

    /**
     * The registry of a cluster state, with MeshConfig's {@code defaultServiceExportTo}.
     *
     * @param state the cluster
     * @param defaultExportTo the {@code exportTo} of Services and ServiceEntries that set none; empty for {@code *}
     * @return the registry
     */
    public static ServiceRegistry of(ClusterState state, List<String> defaultExportTo) {
        List<IstioService> all = new ArrayList<>();
        for (ClusterService s : state.services()) {
            List<IstioService.Port> ports = new ArrayList<>();
            for (ClusterServicePort p : s.ports()) {
                ports.add(new IstioService.Port(p.name(), p.port(), p.protocol()));
            }
            all.add(new IstioService(s.fqdn(), s.namespace(), s.clusterIp(), ports,
                    MeshSettings.ExportToDefaults.effective(s.exportTo(), defaultExportTo), s.creationTime(), s, null));
        }
        // A ServiceEntry is a service per host, with the entry's ports and first address.
        for (StoredConfig<ServiceEntry> stored : state.configs(ServiceEntry.class)) {
            ServiceEntry se = stored.resource();
            if (se.spec() == null) {
                continue;
            }
            List<IstioService.Port> ports = new ArrayList<>();
            for (ServicePort p : se.spec().ports()) {
                ports.add(new IstioService.Port(p.name(), p.number(), Protocol.parse(p.protocol())));
            }
            String address = se.spec().addresses().isEmpty() ? null : se.spec().addresses().get(0);
            for (String host : se.spec().hosts()) {
                all.add(new IstioService(host, se.namespace(), address, ports,
                        MeshSettings.ExportToDefaults.effective(se.spec().exportTo(), defaultExportTo), stored.creationTime(),
                        null, se));
            }
        }
        // SortServicesByCreationTime: a Kubernetes Service by its name, a ServiceEntry host by the hostname
        // (the name Istio gives the services it converts from a ServiceEntry).
        all.sort((a, b) -> CreationOrder.compare(a.creationTime(), nameOf(a), a.namespace(), b.creationTime(), nameOf(b),
                b.namespace()));
        return new ServiceRegistry(all);
    }

    /** All services, oldest first. */
    public List<IstioService> services() {
        return services;
    }

    /** The service with this host name, or {@code null}. */
    public IstioService byHostname(String hostname) {
        return byHostname.get(hostname);
    }

    /** Every service with this host name, oldest first; empty when none. */
    public List<IstioService> allByHostname(String hostname) {
        return allByHostname.getOrDefault(hostname, List.of());
    }

    /** The service with this address (ClusterIP), or {@code null}. */
    public IstioService byAddress(String ip) {
        return byAddress.get(ip);
    }

    private static String nameOf(IstioService s) {
        return s.kubernetes() != null ? s.kubernetes().name() : s.hostname();
    }
}
