package dev.meshtest.config.kube;

import dev.meshtest.config.Required;

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
public record ContainerPort(String name, @Required Integer containerPort, String protocol, Integer hostPort,
                            String hostIP) {
}
