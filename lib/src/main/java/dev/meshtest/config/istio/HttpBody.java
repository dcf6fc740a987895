package dev.meshtest.config.istio;

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
public record HttpBody(String string, String bytes) {
}
