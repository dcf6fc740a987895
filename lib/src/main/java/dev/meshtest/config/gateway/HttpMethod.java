package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * An HTTP method a rule matches (Go type {@code HTTPMethod}).
 *
 * <pre>{@code
 * matches: [{method: POST}]
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public enum HttpMethod {
    /** {@code GET}. */
    GET,
    /** {@code HEAD}. */
    HEAD,
    /** {@code POST}. */
    POST,
    /** {@code PUT}. */
    PUT,
    /** {@code DELETE}. */
    DELETE,
    /** {@code CONNECT}. */
    CONNECT,
    /** {@code OPTIONS}. */
    OPTIONS,
    /** {@code TRACE}. */
    TRACE,
    /** {@code PATCH}. */
    PATCH
}
