package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A Sidecar's {@code outboundTrafficPolicy} (proto {@code istio.networking.v1alpha3.OutboundTrafficPolicy}),
 * which replaces MeshConfig's for the sidecars it applies to. Unlike MeshConfig's, a policy
 * written without {@code mode} is {@code REGISTRY_ONLY}, the proto's zero value.
 *
 * <pre>{@code
 * outboundTrafficPolicy: {mode: REGISTRY_ONLY}
 * }</pre>
 *
 * @param mode {@code ALLOW_ANY} or {@code REGISTRY_ONLY}; absent: {@code REGISTRY_ONLY}
 * @param egressProxy with {@code ALLOW_ANY}, where unknown traffic goes instead of its own destination
 */
@API(status = STABLE, since = "0.3")
public record SidecarOutboundTrafficPolicy(OutboundTrafficPolicy.Mode mode, Destination egressProxy) {
}
