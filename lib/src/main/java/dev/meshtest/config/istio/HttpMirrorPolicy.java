package dev.meshtest.config.istio;

import dev.meshtest.config.Required;

/**
 * One mirror destination of an HTTP rule (proto {@code HTTPMirrorPolicy}).
 *
 * <pre>{@code
 * mirrors:
 * - destination: {host: httpbin, subset: v2}
 *   percentage: {value: 50}
 * }</pre>
 *
 * @param destination where to send the copies
 * @param percentage the percentage of requests mirrored
 */
public record HttpMirrorPolicy(@Required Destination destination, Percent percentage) {
}
