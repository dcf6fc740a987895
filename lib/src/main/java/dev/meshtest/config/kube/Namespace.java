package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * A Kubernetes Namespace. Its labels decide sidecar injection ({@code istio-injection=enabled}).
 *
 * <pre>{@code
 * apiVersion: v1
 * kind: Namespace
 * metadata:
 *   name: shop
 *   labels: {istio-injection: enabled}
 * }</pre>
 *
 * @param apiVersion {@code v1}
 * @param kind {@code Namespace}
 * @param metadata the name and labels; the labels decide sidecar injection
 */
@AcceptedFields({"spec", "status"})
@API(status = STABLE, since = "0.1")
public record Namespace(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata)
        implements Resource {

    /** Namespaces are cluster-scoped: answers {@code ""}. */
    @Override
    public String namespace() {
        return "";
    }
}
