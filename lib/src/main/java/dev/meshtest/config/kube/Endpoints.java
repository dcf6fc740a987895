package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Kubernetes Endpoints written by hand: the addresses behind a Service without a selector, named
 * like the Service. Kubernetes mirrors them into an EndpointSlice, which Istio and kube-proxy
 * read; for a Service with a selector its endpoints controller overwrites them, so they are not
 * used.
 *
 * <pre>{@code
 * apiVersion: v1
 * kind: Endpoints
 * metadata: {name: legacy-db}
 * subsets:
 * - addresses: [{ip: 192.168.10.4}]
 *   ports: [{name: tcp, port: 5432}]
 * }</pre>
 *
 * @param apiVersion {@code v1}
 * @param kind {@code Endpoints}
 * @param metadata the name (the Service's) and namespace
 * @param subsets groups of addresses with the ports they serve; empty when absent
 */
@API(status = STABLE, since = "0.3")
public record Endpoints(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                        List<EndpointSubset> subsets) implements Resource {

    /**
     * Reads absent {@code subsets} as empty.
     *
     * @param apiVersion {@code v1}
     * @param kind {@code Endpoints}
     * @param metadata the name and namespace
     * @param subsets the subsets
     */
    public Endpoints {
        subsets = subsets == null ? List.of() : subsets;
    }
}
