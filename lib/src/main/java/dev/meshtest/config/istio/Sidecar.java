package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * An Istio Sidecar ({@code networking.istio.io/v1}, {@code v1beta1} or {@code v1alpha3}): narrows
 * what the sidecars of a namespace (or of the workloads it selects) know: the hosts they import,
 * the ports they listen on, what they do with unknown hosts, and the connection pool of their
 * inbound side. One without a selector in the root namespace ({@code istio-system}) is the
 * mesh-wide default.
 *
 * <pre>{@code
 * apiVersion: networking.istio.io/v1
 * kind: Sidecar
 * metadata: {name: default, namespace: istio-system}
 * spec:
 *   egress:
 *   - hosts: ["./*", "istio-system/*"]
 * }</pre>
 *
 * @param apiVersion {@code networking.istio.io/} followed by {@code v1}, {@code v1beta1} or {@code v1alpha3}
 * @param kind {@code Sidecar}
 * @param metadata the name, namespace and labels
 * @param spec the workloads it applies to, its egress and ingress listeners and policies; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = STABLE, since = "0.3")
public record Sidecar(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                      SidecarSpec spec) implements Resource {
}
