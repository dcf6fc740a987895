package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * An Istio PeerAuthentication ({@code security.istio.io/v1} or {@code v1beta1}): whether the
 * sidecars of the workloads it selects accept plain-text connections, mutual TLS, or both. One
 * without a selector in the root namespace ({@code istio-system}) is the mesh-wide policy; one
 * without a selector elsewhere is its namespace's; one with a selector is its workloads'.
 *
 * <pre>{@code
 * apiVersion: security.istio.io/v1
 * kind: PeerAuthentication
 * metadata: {name: default, namespace: istio-system}
 * spec:
 *   mtls:
 *     mode: STRICT
 * }</pre>
 *
 * @param apiVersion {@code security.istio.io/v1} or {@code security.istio.io/v1beta1}
 * @param kind {@code PeerAuthentication}
 * @param metadata the name, namespace and labels
 * @param spec the workloads it applies to and their mutual TLS mode; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = STABLE, since = "0.4")
public record PeerAuthentication(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                                 PeerAuthenticationSpec spec) implements Resource {
}
