package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

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
@API(status = STABLE, since = "0.1")
public record RegexRewrite(String match, String rewrite) {
}
