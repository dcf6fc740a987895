package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * How a redirect or rewrite changes the path (Go type {@code HTTPPathModifier}).
 *
 * <pre>{@code
 * path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}
 * }</pre>
 *
 * @param type {@code ReplaceFullPath} or {@code ReplacePrefixMatch}
 * @param replaceFullPath with {@code ReplaceFullPath}: the new path
 * @param replacePrefixMatch with {@code ReplacePrefixMatch}: what replaces the matched path prefix
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpPathModifier(
        @Required HttpPathModifierType type,
        String replaceFullPath,
        String replacePrefixMatch) {
}
