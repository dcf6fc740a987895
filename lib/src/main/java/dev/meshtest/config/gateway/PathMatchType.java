package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How a path condition compares (Go type {@code PathMatchType}).
 *
 * <pre>{@code
 * path: {type: PathPrefix, value: /api}
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public enum PathMatchType {
    /** The path equals the value. */
    Exact,
    /** The path starts with the value, element by element ({@code /api} matches {@code /api/x}, not {@code /apix}). */
    PathPrefix,
    /** The path matches the expression (RE2 in Istio). */
    RegularExpression
}
