package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * The port of a Gateway server (proto {@code Port}).
 *
 * <pre>{@code
 * port:
 *   number: 80
 *   name: http
 *   protocol: HTTP
 * }</pre>
 *
 * @param number the port number
 * @param protocol {@code HTTP}, {@code HTTPS}, {@code GRPC}, {@code GRPC-WEB}, {@code HTTP2},
 *     {@code MONGO}, {@code TCP} or {@code TLS}, as written
 * @param name the port's name
 * @param targetPort deprecated: the endpoint port (hidden from Istio's docs)
 */
@API(status = STABLE, since = "0.1")
public record Port(@Required Integer number, @Required String protocol, @Required String name, Integer targetPort) {
}
