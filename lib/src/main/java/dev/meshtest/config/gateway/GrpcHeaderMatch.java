package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A gRPC metadata (header) condition (Go type {@code GRPCHeaderMatch}).
 *
 * <pre>{@code
 * headers:
 * - {name: x-user, value: jason}
 * }</pre>
 *
 * @param type {@code Exact} (the default) or {@code RegularExpression}
 * @param name the header's name, case-insensitive
 * @param value the value or expression
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record GrpcHeaderMatch(
        HeaderMatchType type,
        @Required String name,
        @Required String value) {
}
