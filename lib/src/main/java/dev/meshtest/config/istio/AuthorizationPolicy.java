package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * An Istio AuthorizationPolicy ({@code security.istio.io/v1} or {@code v1beta1}): which requests
 * the sidecars (or gateways) of the workloads it selects let through. DENY policies are checked
 * first, then ALLOW ones: once any ALLOW policy selects a workload, a request no ALLOW rule matches
 * is denied (403 {@code RBAC: access denied}). One without a selector in the root namespace
 * ({@code istio-system}) applies to the whole mesh.
 *
 * <pre>{@code
 * apiVersion: security.istio.io/v1
 * kind: AuthorizationPolicy
 * metadata: {name: allow-get, namespace: default}
 * spec:
 *   selector:
 *     matchLabels: {app: productpage}
 *   action: ALLOW
 *   rules:
 *   - to:
 *     - operation: {methods: [GET]}
 * }</pre>
 *
 * @param apiVersion {@code security.istio.io/v1} or {@code security.istio.io/v1beta1}
 * @param kind {@code AuthorizationPolicy}
 * @param metadata the name, namespace and labels
 * @param spec the workloads it applies to, its action and rules; {@code null} when the manifest has
 *             none (an ALLOW policy without rules: it denies every request)
 */
@AcceptedFields({"status"})
@API(status = STABLE, since = "0.4")
public record AuthorizationPolicy(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                                  AuthorizationPolicySpec spec) implements Resource {
}
