package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Answer a request with an HTTP redirect instead of forwarding it (proto {@code HTTPRedirect}).
 * {@code port} and {@code derivePort} are a oneof.
 *
 * <pre>{@code
 * redirect:
 *   uri: /v1/bookRatings
 *   authority: newratings.default.svc.cluster.local
 *   redirectCode: 302
 * }</pre>
 *
 * @param uri replaces the whole path of the URL
 * @param authority replaces the authority (host) of the URL
 * @param port replaces the port of the URL
 * @param derivePort derives the port of the URL instead of setting it
 * @param scheme replaces the scheme of the URL, for example {@code https}
 * @param redirectCode the response status; Istio's documented default is 301
 * @param prefixRewrite replaces the prefix the (prefix) match matched
 */
@API(status = STABLE, since = "0.1")
public record HttpRedirect(
        String uri,
        String authority,
        Integer port,
        RedirectPortSelection derivePort,
        String scheme,
        Integer redirectCode,
        String prefixRewrite) {
}
