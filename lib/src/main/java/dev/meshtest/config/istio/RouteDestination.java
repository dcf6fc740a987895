package dev.meshtest.config.istio;

import dev.meshtest.config.Required;

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
public record RouteDestination(@Required Destination destination, Integer weight) {
}
