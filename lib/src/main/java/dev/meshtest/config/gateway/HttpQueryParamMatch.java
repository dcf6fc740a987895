package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A query parameter condition (Go type {@code HTTPQueryParamMatch}).
 *
 * <pre>{@code
 * queryParams:
 * - {name: version, value: "2"}
 * }</pre>
 *
 * @param type {@code Exact} (the default) or {@code RegularExpression}
 * @param name the parameter's name, case-sensitive
 * @param value the value or expression
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpQueryParamMatch(
        QueryParamMatchType type,
        @Required String name,
        @Required String value) {
}
