package dev.meshtest.config.istio;

/**
 * A regular-expression rewrite (proto {@code RegexRewrite}).
 *
 * <pre>{@code
 * uriRegexRewrite:
 *   match: ^/service/([^/]+)(/.*)$
 *   rewrite: \2/instance/\1
 * }</pre>
 *
 * @param match an RE2 regular expression
 * @param rewrite the replacement; {@code \1}, {@code \2} ... name capture groups
 */
public record RegexRewrite(String match, String rewrite) {
}
