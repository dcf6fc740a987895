package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A header condition (Go type {@code HTTPHeaderMatch}).
 *
 * <pre>{@code
 * headers:
 * - {name: end-user, value: jason}
 * - {type: RegularExpression, name: user-agent, value: ".*Firefox.*"}
 * }</pre>
 *
 * @param type {@code Exact} (the default) or {@code RegularExpression}
 * @param name the header's name, case-insensitive
 * @param value the value or expression
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpHeaderMatch(
        HeaderMatchType type,
        @Required String name,
        @Required String value) {
}
