package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * What a route attaches to: a Gateway (optionally one listener of it, by {@code sectionName} or
 * {@code port}) or, for mesh routing (GAMMA), a Service.
 *
 * <pre>{@code
 * parentRefs:
 * - {name: bookinfo-gateway, sectionName: http}
 * - {group: "", kind: Service, name: reviews, port: 9080}
 * }</pre>
 *
 * @param group the parent's API group; absent for {@code gateway.networking.k8s.io}, {@code ""}
 *     for a Service
 * @param kind the parent's kind; absent for {@code Gateway}
 * @param namespace the parent's namespace; absent for the route's own
 * @param name the parent's name
 * @param sectionName a listener's name (for a Gateway) or a port's name (for a Service)
 * @param port a listener's port (for a Gateway) or a Service port
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record ParentReference(
        String group,
        String kind,
        String namespace,
        @Required String name,
        String sectionName,
        Integer port) {

    /**
     * The reference as the API server stores it: the CRD's defaults written in, group
     * {@code gateway.networking.k8s.io} and kind {@code Gateway} when absent.
     *
     * <pre>{@code
     * new ParentReference(null, null, null, "web", null, null).withDefaults().kind();   // "Gateway"
     * }</pre>
     *
     * @return this reference, with its group and kind set
     */
    public ParentReference withDefaults() {
        return group != null && kind != null ? this
                : new ParentReference(group == null ? GatewayApiKinds.GROUP : group, kind == null ? "Gateway" : kind, namespace,
                        name, sectionName, port);
    }
}
