package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

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
@API(status = STABLE, since = "0.1")
public record HttpDirectResponse(@Required Integer status, HttpBody body) {
}
