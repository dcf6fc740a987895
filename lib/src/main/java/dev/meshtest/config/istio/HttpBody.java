package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The body of a direct response (proto {@code HTTPBody}, a oneof): at most one component is set.
 *
 * <pre>{@code
 * body:
 *   string: "{\"error\": \"unknown error\"}"
 * }</pre>
 *
 * @param string the body as text
 * @param bytes the body as base64, as proto {@code bytes} fields are written in YAML and JSON;
 *     kept as written, not decoded
 */
@API(status = STABLE, since = "0.1")
public record HttpBody(String string, String bytes) {
}
