package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The retry policy of an HTTP rule (proto {@code HTTPRetry}).
 *
 * <pre>{@code
 * retries:
 *   attempts: 3
 *   perTryTimeout: 2s
 *   retryOn: gateway-error,connect-failure,refused-stream
 *   backoff: 100ms
 * }</pre>
 *
 * @param attempts the number of retries (not counting the first try); 0 disables retries
 * @param perTryTimeout the timeout of each try
 * @param retryOn comma-separated Envoy retry conditions and HTTP status codes, as written
 * @param retryRemoteLocalities whether retries may go to other localities
 * @param retryIgnorePreviousHosts whether retries avoid hosts already tried
 * @param backoff the base interval between retries
 */
@API(status = STABLE, since = "0.1")
public record HttpRetry(
        Integer attempts,
        Duration perTryTimeout,
        String retryOn,
        Boolean retryRemoteLocalities,
        Boolean retryIgnorePreviousHosts,
        Duration backoff) {
}
