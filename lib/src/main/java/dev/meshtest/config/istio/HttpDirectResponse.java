package dev.meshtest.config.istio;

import dev.meshtest.config.Required;

/**
 * Answer a request with a fixed response instead of forwarding it (proto {@code HTTPDirectResponse}).
 *
 * <pre>{@code
 * directResponse:
 *   status: 503
 *   body:
 *     string: "unknown error"
 * }</pre>
 *
 * @param status the HTTP status
 * @param body the response body; none means an empty body
 */
public record HttpDirectResponse(@Required Integer status, HttpBody body) {
}
