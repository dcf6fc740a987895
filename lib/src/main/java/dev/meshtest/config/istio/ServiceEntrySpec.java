package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A ServiceEntry's {@code spec} (proto {@code istio.networking.v1alpha3.ServiceEntry}).
 * {@code endpoints} and {@code workloadSelector} are mutually exclusive.
 *
 * <pre>{@code
 * spec:
 *   hosts: [mymongodb.somedomain]
 *   addresses: [192.192.192.192/24]
 *   ports: [{number: 27018, name: mongodb, protocol: MONGO}]
 *   location: MESH_INTERNAL
 *   resolution: STATIC
 *   endpoints:
 *   - address: 2.2.2.2
 *   - address: 3.3.3.3
 * }</pre>
 *
 * @param hosts the service's host names, possibly with a wildcard prefix
 * @param addresses the service's virtual IP addresses or CIDR blocks
 * @param ports the service's ports
 * @param location whether the service is outside or part of the mesh; absent means
 *     {@code MESH_EXTERNAL}
 * @param resolution how proxies find the service's endpoint addresses; absent means {@code NONE}
 * @param endpoints the service's endpoints, given inline
 * @param workloadSelector selects the service's endpoints among pods and WorkloadEntries in the
 *     same namespace
 * @param exportTo the namespaces this ServiceEntry is visible to ({@code .}, {@code *} or names)
 * @param subjectAltNames names a server certificate's SAN must contain one of
 */
@API(status = STABLE, since = "0.1")
public record ServiceEntrySpec(
        @Required List<String> hosts,
        List<String> addresses,
        List<ServicePort> ports,
        ServiceEntryLocation location,
        ServiceEntryResolution resolution,
        List<WorkloadEntry> endpoints,
        WorkloadSelector workloadSelector,
        List<String> exportTo,
        List<String> subjectAltNames) {

    /**
     * Creates an instance, reading {@code null} {@code hosts}, {@code addresses}, {@code ports},
     * {@code endpoints}, {@code exportTo} and {@code subjectAltNames} (as when left out of the
     * YAML) as empty.
     *
     * @param hosts the service's host names, possibly with a wildcard prefix
     * @param addresses the service's virtual IP addresses or CIDR blocks
     * @param ports the service's ports
     * @param location whether the service is outside or part of the mesh; absent means
     *     {@code MESH_EXTERNAL}
     * @param resolution how proxies find the service's endpoint addresses; absent means {@code NONE}
     * @param endpoints the service's endpoints, given inline
     * @param workloadSelector selects the service's endpoints among pods and WorkloadEntries in the
     *     same namespace
     * @param exportTo the namespaces this ServiceEntry is visible to ({@code .}, {@code *} or names)
     * @param subjectAltNames names a server certificate's SAN must contain one of
     */
    public ServiceEntrySpec {
        hosts = hosts == null ? List.of() : hosts;
        addresses = addresses == null ? List.of() : addresses;
        ports = ports == null ? List.of() : ports;
        endpoints = endpoints == null ? List.of() : endpoints;
        exportTo = exportTo == null ? List.of() : exportTo;
        subjectAltNames = subjectAltNames == null ? List.of() : subjectAltNames;
    }
}
