package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * Mirrors requests to another backend (Go type {@code HTTPRequestMirrorFilter}).
 *
 * <pre>{@code
 * requestMirror:
 *   backendRef: {name: httpbin-v2, port: 8000}
 *   percent: 50
 * }</pre>
 *
 * @param backendRef the backend that receives the copies
 * @param percent the percentage of requests mirrored (0 to 100); absent with {@code fraction}
 *     absent for all
 * @param fraction the share of requests mirrored, as a fraction
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpRequestMirrorFilter(
        @Required BackendObjectReference backendRef,
        Integer percent,
        Fraction fraction) {
}
