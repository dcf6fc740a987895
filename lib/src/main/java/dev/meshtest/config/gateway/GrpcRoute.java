package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * A Gateway API GRPCRoute ({@code gateway.networking.k8s.io/v1}): gRPC routing rules by service
 * and method, attached to Gateways and, for mesh routing, to Services. A {@code status} as
 * exported from a cluster is accepted and ignored.
 *
 * <pre>{@code
 * apiVersion: gateway.networking.k8s.io/v1
 * kind: GRPCRoute
 * metadata: {name: greeter}
 * spec:
 *   parentRefs: [{name: gateway}]
 *   hostnames: [grpc.example.com]
 *   rules:
 *   - matches:
 *     - method: {service: helloworld.Greeter, method: SayHello}
 *     backendRefs: [{name: greeter-v2, port: 50051}]
 * }</pre>
 *
 * @param apiVersion {@code gateway.networking.k8s.io/} followed by {@code v1}
 * @param kind {@code GRPCRoute}
 * @param metadata the name, namespace and labels
 * @param spec the parents, hostnames and rules; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = EXPERIMENTAL, since = "0.7")
public record GrpcRoute(
        @Required String apiVersion,
        @Required String kind,
        @Required ObjectMeta metadata,
        GrpcRouteSpec spec) implements Resource {
}
