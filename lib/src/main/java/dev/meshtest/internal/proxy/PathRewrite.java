package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.google.re2j.Pattern;
import org.apiguardian.api.API;

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
@API(status = INTERNAL, since = "0.1")
public record PathRewrite(String prefix, Pattern regex, String substitution) {

    /** A regex rewrite's substitution in RE2/J's {@code Matcher} syntax ({@code $1}, as Java's), made once. */
    private static final java.util.Map<String, String> REPLACEMENTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rewritten path, given the route's path matcher. */
    public String apply(String path, StringMatcher matched) {
        if (regex != null) {
            return regex.matcher(path).replaceAll(REPLACEMENTS.computeIfAbsent(substitution, PathRewrite::javaReplacement));
        }
        if (matched instanceof StringMatcher.Prefix p) {
            return prefix + path.substring(p.value().length());
        }
        if (matched instanceof StringMatcher.PathSeparatedPrefix p) {
            // Envoy's PathSeparatedPrefixRouteEntryImpl rewrites the prefix it matched, as a plain prefix route does.
            return prefix + path.substring(p.value().length());
        }
        if (matched instanceof StringMatcher.Exact) {
            return prefix;
        }
        // A regex path match with rewrite.uri: Envoy replaces the whole path.
        return prefix;
    }

    /**
     * RE2's rewrite syntax, which Envoy's {@code regex_rewrite} uses: {@code \N} is capture group
     * N, {@code \\} a backslash, everything else literal ({@code $} included); as Java's
     * replacement syntax, where {@code $} and {@code \} are special.
     */
    static String javaReplacement(String re2) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < re2.length(); i++) {
            char c = re2.charAt(i);
            if (c == '\\' && i + 1 < re2.length() && Character.isDigit(re2.charAt(i + 1))) {
                out.append('$').append(re2.charAt(++i));
            } else if (c == '\\' && i + 1 < re2.length() && re2.charAt(i + 1) == '\\') {
                out.append("\\\\");
                i++;
            } else if (c == '$' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
