package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How a path is changed (Go type {@code HTTPPathModifierType}).
 *
 * <pre>{@code
 * path: {type: ReplaceFullPath, replaceFullPath: /}
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public enum HttpPathModifierType {
    /** Replace the whole path. */
    ReplaceFullPath,
    /** Replace the prefix the rule matched. */
    ReplacePrefixMatch
}
