package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How a rule rewrites requests before forwarding (Go type {@code HTTPURLRewriteFilter}).
 *
 * <pre>{@code
 * urlRewrite:
 *   hostname: backend.internal
 *   path: {type: ReplacePrefixMatch, replacePrefixMatch: /}
 * }</pre>
 *
 * @param hostname the new {@code Host}
 * @param path how to change the path
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpUrlRewriteFilter(
        String hostname,
        HttpPathModifier path) {
}
