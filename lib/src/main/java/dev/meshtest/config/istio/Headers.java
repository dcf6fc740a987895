package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Header operations on a route or a weighted destination: what to do to the request before
 * forwarding and to the response before returning it.
 *
 * <pre>{@code
 * headers:
 *   request:
 *     set: {test: "true"}
 *   response:
 *     add: {foo: bar}
 *     remove: [baz]
 * }</pre>
 *
 * @param request operations on the request
 * @param response operations on the response
 */
@API(status = STABLE, since = "0.1")
public record Headers(HeaderOperations request, HeaderOperations response) {
}
