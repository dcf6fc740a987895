package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.istio.ServiceEntry;
import dev.meshtest.internal.cluster.ClusterService;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A service as istiod sees it: a host name with ports, from a Kubernetes Service (host
 * {@code name.ns.svc.cluster.local}) or a ServiceEntry host.
 *
 * <pre>{@code
 * svc.hostname();   // "helloworld.default.svc.cluster.local"
 * svc.port(5000);   // http 5000 HTTP
 * }</pre>
 *
 * @param hostname the host name
 * @param namespace the namespace of the Service or ServiceEntry
 * @param address the ClusterIP (or first ServiceEntry address), or {@code null}
 * @param ports the ports, with Istio's protocol for each
 * @param exportTo where it is visible
 * @param creationTime for Istio's oldest-first ordering
 * @param kubernetes the Kubernetes Service, or {@code null} for a ServiceEntry host
 * @param serviceEntry the ServiceEntry, or {@code null} for a Kubernetes Service
 */
@API(status = INTERNAL, since = "0.1")
public record IstioService(String hostname, String namespace, String address, List<Port> ports,
                           List<String> exportTo, Instant creationTime, ClusterService kubernetes,
                           ServiceEntry serviceEntry) {

    /**
     * One service port.
     *
     * @param name the port's name
     * @param port the port number clients dial
     * @param protocol Istio's protocol for it
     */
    public record Port(String name, int port, Protocol protocol) {
        @Override
        public String toString() {
            return name + " " + port + " " + protocol;
        }
    }

    public IstioService {
        ports = List.copyOf(ports);
        exportTo = List.copyOf(exportTo);
    }

    /** The port with this number, or {@code null}. */
    public Port port(int number) {
        for (Port p : ports) {
            if (p.port() == number) {
                return p;
            }
        }
        return null;
    }

    /**
     * The host an {@code ExternalName} Service is an alias of ({@code spec.externalName}, as
     * written), else {@code null}: istiod gives an alias no listener, cluster or virtual host of
     * its own (resolution {@code Alias}, istio-rules §2.8).
     */
    public String aliasFor() {
        if (kubernetes == null || !"ExternalName".equals(kubernetes.type())) {
            return null;
        }
        String target = kubernetes.externalName();
        return target == null || target.isEmpty() ? null : target;
    }

    /**
     * Istio's {@code MeshExternal}: a ServiceEntry host outside the mesh ({@code location}
     * {@code MESH_EXTERNAL}, the default): no auto mTLS to it, no AUTO_PASSTHROUGH chain for it.
     */
    public boolean meshExternal() {
        return serviceEntry != null && (serviceEntry.spec().location() == null
                || serviceEntry.spec().location() == dev.meshtest.config.istio.ServiceEntryLocation.MESH_EXTERNAL);
    }

    /** Whether it is visible from a namespace (istio-rules §5.3). */
    public boolean visibleFrom(String clientNamespace) {
        return ExportTo.visible(exportTo, namespace, clientNamespace);
    }
}
