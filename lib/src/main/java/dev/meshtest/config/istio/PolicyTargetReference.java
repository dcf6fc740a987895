package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * What a policy attaches to instead of a workload selector (proto
 * {@code istio.type.v1beta1.PolicyTargetReference}): a Gateway API gateway, a waypoint's Service.
 *
 * <pre>{@code
 * targetRefs:
 * - {kind: Gateway, group: gateway.networking.k8s.io, name: bookinfo-gateway}
 * }</pre>
 *
 * @param group the target's API group; {@code ""} for the core group
 * @param kind its kind
 * @param name its name
 * @param namespace its namespace; the policy's when absent
 */
@API(status = STABLE, since = "0.4")
public record PolicyTargetReference(String group, String kind, String name, String namespace) {
}
