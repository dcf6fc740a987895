package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A path condition (Go type {@code HTTPPathMatch}).
 *
 * <pre>{@code
 * path: {type: Exact, value: /productpage}
 * }</pre>
 *
 * @param type {@code PathPrefix} (the default), {@code Exact} or {@code RegularExpression}
 * @param value the path or expression; absent for {@code /}
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpPathMatch(
        PathMatchType type,
        String value) {
}
