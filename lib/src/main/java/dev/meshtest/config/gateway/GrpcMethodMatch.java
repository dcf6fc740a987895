package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A gRPC service and method condition (Go type {@code GRPCMethodMatch}).
 *
 * <pre>{@code
 * method: {type: Exact, service: helloworld.Greeter, method: SayHello}
 * }</pre>
 *
 * @param type {@code Exact} (the default) or {@code RegularExpression}
 * @param service the fully qualified service, such as {@code helloworld.Greeter}; absent for any
 * @param method the method; absent for any
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record GrpcMethodMatch(
        GrpcMethodMatchType type,
        String service,
        String method) {
}
