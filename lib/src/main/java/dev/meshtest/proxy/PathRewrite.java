package dev.meshtest.proxy;

import java.util.regex.Pattern;

/**
 * A VirtualService {@code rewrite.uri} (Envoy {@code prefix_rewrite}: the matched prefix, or the
 * whole path for an exact match, is replaced) or {@code rewrite.uriRegexRewrite} (RE2 substitution).
 *
 * <pre>{@code
 * rewrite: {uri: /v1/hello}    # with match uri prefix /hello: /hello/x -> /v1/hello/x
 * }</pre>
 *
 * @param prefix the replacement of the matched prefix, or {@code null}
 * @param regex the pattern of a regex rewrite, or {@code null}
 * @param substitution the substitution of a regex rewrite
 */
public record PathRewrite(String prefix, Pattern regex, String substitution) {

    /** The rewritten path, given the route's path matcher. */
    public String apply(String path, StringMatcher matched) {
        if (regex != null) {
            return regex.matcher(path).replaceAll(substitution.replaceAll("\\\\(\\d)", "\\$$1"));
        }
        if (matched instanceof StringMatcher.Prefix p) {
            return prefix + path.substring(p.value().length());
        }
        if (matched instanceof StringMatcher.Exact) {
            return prefix;
        }
        // A regex path match with rewrite.uri: Envoy replaces the whole path.
        return prefix;
    }
}
