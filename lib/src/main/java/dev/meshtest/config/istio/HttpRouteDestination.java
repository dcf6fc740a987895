package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A weighted destination of an HTTP rule (proto {@code HTTPRouteDestination}).
 *
 * <pre>{@code
 * route:
 * - destination: {host: reviews, subset: v1}
 *   weight: 75
 *   headers:
 *     response: {set: {x-version: v1}}
 * - destination: {host: reviews, subset: v2}
 *   weight: 25
 * }</pre>
 *
 * @param destination where to send requests
 * @param weight the share of requests, relative to the other destinations' weights
 * @param headers header operations for requests sent to this destination
 */
@API(status = STABLE, since = "0.1")
public record HttpRouteDestination(@Required Destination destination, Integer weight, Headers headers) {
}
