package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Rewrite a request's URI or authority before forwarding (proto {@code HTTPRewrite}).
 *
 * <pre>{@code
 * rewrite:
 *   uri: /v1/bookRatings
 *   authority: ratings.internal
 * # or
 * rewrite:
 *   uriRegexRewrite: {match: ^/service/([^/]+)(/.*)$, rewrite: \2/instance/\1}
 * }</pre>
 *
 * @param uri replaces the part of the path the route's {@code uri} match matched (its prefix,
 *     or the whole path for an exact match)
 * @param authority replaces the authority ({@code Host}) header
 * @param uriRegexRewrite a regular-expression rewrite of the path; not with {@code uri}
 */
@API(status = STABLE, since = "0.1")
public record HttpRewrite(String uri, String authority, RegexRewrite uriRegexRewrite) {
}
