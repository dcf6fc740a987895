package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * What an AuthorizationPolicy does with the requests its rules match (proto {@code AuthorizationPolicy.Action}).
 *
 * <pre>{@code
 * action: DENY
 * }</pre>
 */
@API(status = STABLE, since = "0.4")
public enum AuthorizationPolicyAction {
    /** Let matched requests through; once a workload has an ALLOW policy, deny the rest. */
    ALLOW,
    /** Deny matched requests (checked before ALLOW). */
    DENY,
    /** Mark matched requests for audit logging: no effect on traffic. */
    AUDIT,
    /** Ask an external authorizer (MeshConfig {@code extensionProviders}). */
    CUSTOM
}
