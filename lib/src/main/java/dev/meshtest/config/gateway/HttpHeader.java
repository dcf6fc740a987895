package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A header name and value (Go type {@code HTTPHeader}).
 *
 * <pre>{@code
 * - {name: x-env, value: canary}
 * }</pre>
 *
 * @param name the header's name, case-insensitive
 * @param value the header's value
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpHeader(
        @Required String name,
        @Required String value) {
}
