package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A container port. A Service's {@code targetPort} may name it.
 *
 * <pre>{@code
 * ports:
 * - {name: http, containerPort: 9080}
 * }</pre>
 *
 * @param name optional name a Service's {@code targetPort} may use
 * @param containerPort the port number, 1..65535
 * @param protocol {@code TCP} (default), {@code UDP} or {@code SCTP}
 * @param hostPort a host port (ignored)
 * @param hostIP a host IP (ignored)
 */
@API(status = STABLE, since = "0.1")
public record ContainerPort(String name, @Required Integer containerPort, String protocol, Integer hostPort,
                            String hostIP) {
}
