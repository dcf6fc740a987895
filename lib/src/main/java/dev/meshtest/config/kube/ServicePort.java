package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * One port of a Service. {@code port} is what clients dial; {@code targetPort} is the container
 * port (a number, or a container port's name), equal to {@code port} when absent. The port's
 * {@code name} (or {@code appProtocol}) tells Istio the protocol: {@code http}, {@code http-web},
 * {@code grpc}, {@code tcp}, ...
 *
 * <pre>{@code
 * - name: http
 *   port: 5000
 *   targetPort: 5000
 * }</pre>
 *
 * @param name the port's name; required when the Service has several ports
 * @param port the port clients dial, 1..65535
 * @param targetPort the container port, number or name; {@code null} means {@code port}
 * @param protocol {@code TCP} (default), {@code UDP} or {@code SCTP}
 * @param appProtocol the application protocol; wins over the name for Istio's protocol choice
 * @param nodePort the node port of NodePort/LoadBalancer Services
 */
@API(status = STABLE, since = "0.1")
public record ServicePort(
        String name,
        @Required Integer port,
        IntOrString targetPort,
        String protocol,
        String appProtocol,
        Integer nodePort) {
}
