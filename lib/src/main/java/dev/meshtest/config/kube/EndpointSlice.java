package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A Kubernetes EndpointSlice written by hand: endpoints of the Service named by its label
 * {@code kubernetes.io/service-name}, added to those the Service's selector finds. Istio and
 * kube-proxy read only slices of address type {@code IPv4} (and {@code IPv6}); {@code FQDN}
 * slices are ignored.
 *
 * <pre>{@code
 * apiVersion: discovery.k8s.io/v1
 * kind: EndpointSlice
 * metadata:
 *   name: legacy-db-1
 *   labels: {kubernetes.io/service-name: legacy-db}
 * addressType: IPv4
 * endpoints: [{addresses: [192.168.10.4], conditions: {ready: true}}]
 * ports: [{name: tcp, port: 5432}]
 * }</pre>
 *
 * @param apiVersion {@code discovery.k8s.io/v1}
 * @param kind {@code EndpointSlice}
 * @param metadata the name, namespace and the {@code kubernetes.io/service-name} label
 * @param addressType {@code IPv4}, {@code IPv6} or {@code FQDN}
 * @param endpoints the endpoints; empty when absent
 * @param ports the ports every endpoint serves; empty when absent
 */
@API(status = STABLE, since = "0.3")
public record EndpointSlice(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                            @Required String addressType, List<SliceEndpoint> endpoints, List<EndpointPort> ports)
        implements Resource {

    /** The label that names a slice's Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    /**
     * Reads absent lists as empty.
     *
     * @param apiVersion {@code discovery.k8s.io/v1}
     * @param kind {@code EndpointSlice}
     * @param metadata the name, namespace and labels
     * @param addressType the address type
     * @param endpoints the endpoints
     * @param ports the ports
     */
    public EndpointSlice {
        endpoints = endpoints == null ? List.of() : endpoints;
        ports = ports == null ? List.of() : ports;
    }
}
