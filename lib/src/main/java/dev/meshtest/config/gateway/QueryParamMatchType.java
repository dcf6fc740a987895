package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How a query parameter condition compares (Go type {@code QueryParamMatchType}).
 *
 * <pre>{@code
 * queryParams: [{type: RegularExpression, name: user, value: "j.*"}]
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public enum QueryParamMatchType {
    /** The value equals. */
    Exact,
    /** The value matches the expression (RE2 in Istio). */
    RegularExpression
}
