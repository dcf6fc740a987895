package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A port of a ServiceEntry (proto {@code istio.networking.v1alpha3.ServicePort}; not
 * {@link dev.meshtest.config.kube.ServicePort}).
 *
 * <pre>{@code
 * ports:
 * - number: 443
 *   name: https
 *   protocol: TLS
 *   targetPort: 8443
 * }</pre>
 *
 * @param number the port clients dial
 * @param protocol {@code HTTP}, {@code HTTPS}, {@code GRPC}, {@code HTTP2}, {@code MONGO},
 *     {@code TCP} or {@code TLS}, as written
 * @param name the port's name
 * @param targetPort the endpoints' port, when it differs from {@code number}
 */
@API(status = STABLE, since = "0.1")
public record ServicePort(@Required Integer number, String protocol, @Required String name, Integer targetPort) {
}
