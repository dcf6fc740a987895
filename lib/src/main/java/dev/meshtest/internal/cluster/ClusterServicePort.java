package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.kube.IntOrString;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One port of a {@link ClusterService}, with defaults applied and Istio's protocol decided.
 *
 * <pre>{@code
 * // ports: [{name: http, port: 5000}]
 * new ClusterServicePort("http", 5000, IntOrString.of(5000), Protocol.HTTP);
 * }</pre>
 *
 * @param name the port's name, or {@code ""} when unnamed
 * @param port the port clients dial
 * @param targetPort the container port, a number or a container port's name; never {@code null}
 *                   (Kubernetes defaults it to {@code port})
 * @param protocol Istio's protocol for this port ({@link Protocol#of})
 */
@API(status = INTERNAL, since = "0.1")
public record ClusterServicePort(String name, int port, IntOrString targetPort, Protocol protocol) {

    public ClusterServicePort {
        name = name == null ? "" : name;
        Objects.requireNonNull(targetPort, "targetPort");
        Objects.requireNonNull(protocol, "protocol");
    }
}
