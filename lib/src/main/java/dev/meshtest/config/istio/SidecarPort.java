package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The port of a Sidecar listener (proto {@code SidecarPort}).
 *
 * <pre>{@code
 * port: {number: 9080, protocol: HTTP, name: http}
 * }</pre>
 *
 * @param number the port number; 0 with a Unix socket {@code bind}
 * @param protocol {@code HTTP}, {@code HTTPS}, {@code GRPC}, {@code HTTP2}, {@code TCP}, {@code TLS}, ... as written
 * @param name the port's name
 * @param targetPort deprecated: has no effect on a Sidecar (Istio's webhook rejects it)
 */
@API(status = STABLE, since = "0.3")
public record SidecarPort(Integer number, String protocol, String name, Integer targetPort) {
}
