package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A weighted destination of a TCP or TLS rule (proto {@code RouteDestination}).
 *
 * <pre>{@code
 * route:
 * - destination: {host: mongo, port: {number: 27017}}
 *   weight: 100
 * }</pre>
 *
 * @param destination where to send connections
 * @param weight the share of connections, relative to the other destinations' weights
 */
@API(status = STABLE, since = "0.1")
public record RouteDestination(@Required Destination destination, Integer weight) {
}
