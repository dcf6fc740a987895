package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

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
@API(status = STABLE, since = "0.1")
public record HttpMirrorPolicy(@Required Destination destination, Percent percentage) {
}
