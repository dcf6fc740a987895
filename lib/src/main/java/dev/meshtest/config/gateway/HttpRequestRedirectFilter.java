package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The redirect a rule answers with (Go type {@code HTTPRequestRedirectFilter}); absent parts keep
 * the request's.
 *
 * <pre>{@code
 * requestRedirect:
 *   scheme: https
 *   hostname: www.example.com
 *   path: {type: ReplaceFullPath, replaceFullPath: /new}
 *   port: 8443
 *   statusCode: 301
 * }</pre>
 *
 * @param scheme {@code http} or {@code https}
 * @param hostname the host
 * @param path how to change the path
 * @param port the port
 * @param statusCode 301, 302 (the default), 303, 307 or 308
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpRequestRedirectFilter(
        String scheme,
        String hostname,
        HttpPathModifier path,
        Integer port,
        Integer statusCode) {
}
