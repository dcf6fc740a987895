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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<String, IstioService> byAddress = new LinkedHashMap<>();

    private ServiceRegistry(List<IstioService> services) {
        this.services = List.copyOf(services);
        for (IstioService s : this.services) {
            byHostname.putIfAbsent(s.hostname(), s);
            if (s.address() != null) {
                byAddress.putIfAbsent(s.address(), s);
            }
        }
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

    /** The service with this address (ClusterIP), or {@code null}. */
    public IstioService byAddress(String ip) {
        return byAddress.get(ip);
    }

    private static String nameOf(IstioService s) {
        return s.kubernetes() != null ? s.kubernetes().name() : s.hostname();
    }
}
