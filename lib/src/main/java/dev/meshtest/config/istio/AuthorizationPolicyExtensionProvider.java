package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The external authorizer of a CUSTOM AuthorizationPolicy (proto {@code AuthorizationPolicy.ExtensionProvider}).
 *
 * <pre>{@code
 * provider:
 *   name: my-ext-authz
 * }</pre>
 *
 * @param name a MeshConfig {@code extensionProviders} name
 */
@API(status = STABLE, since = "0.4")
public record AuthorizationPolicyExtensionProvider(String name) {
}
