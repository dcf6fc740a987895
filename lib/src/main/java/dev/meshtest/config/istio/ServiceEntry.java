package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * An Istio ServiceEntry ({@code networking.istio.io/v1}, {@code v1beta1} or {@code v1alpha3}):
 * adds a service to Istio's registry, typically one outside the mesh.
 *
 * <pre>{@code
 * apiVersion: networking.istio.io/v1
 * kind: ServiceEntry
 * metadata: {name: external-svc-https}
 * spec:
 *   hosts: [api.dropboxapi.com]
 *   location: MESH_EXTERNAL
 *   ports: [{number: 443, name: https, protocol: TLS}]
 *   resolution: DNS
 * }</pre>
 *
 * @param apiVersion {@code networking.istio.io/} followed by {@code v1}, {@code v1beta1} or {@code v1alpha3}
 * @param kind {@code ServiceEntry}
 * @param metadata the name, namespace and labels
 * @param spec the hosts, ports, location, resolution and endpoints of the service; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = STABLE, since = "0.1")
public record ServiceEntry(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                           ServiceEntrySpec spec) implements Resource {
}
