package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How a header condition compares (Go types {@code HeaderMatchType} and {@code
 * GRPCHeaderMatchType}).
 *
 * <pre>{@code
 * headers: [{type: RegularExpression, name: x-user, value: "j.*"}]
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public enum HeaderMatchType {
    /** The value equals. */
    Exact,
    /** The value matches the expression (RE2 in Istio). */
    RegularExpression
}
