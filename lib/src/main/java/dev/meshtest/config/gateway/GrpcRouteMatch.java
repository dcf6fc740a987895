package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A condition of a GRPCRoute rule (Go type {@code GRPCRouteMatch}).
 *
 * <pre>{@code
 * - method: {service: helloworld.Greeter, method: SayHello}
 *   headers: [{name: x-user, value: jason}]
 * }</pre>
 *
 * @param method the service and method
 * @param headers metadata (header) conditions
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record GrpcRouteMatch(
        GrpcMethodMatch method,
        List<GrpcHeaderMatch> headers) {

    /**
     * Creates an instance, reading {@code null} {@code headers} (as when left out of the YAML) as
     * empty.
     *
     * @param method the service and method
     * @param headers metadata (header) conditions
     */
    public GrpcRouteMatch {
        headers = headers == null ? List.of() : headers;
    }
}
