package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The Cross-Origin Resource Sharing policy of an HTTP rule (proto {@code CorsPolicy}).
 *
 * <pre>{@code
 * corsPolicy:
 *   allowOrigins:
 *   - exact: https://example.com
 *   allowMethods: [POST, GET]
 *   allowCredentials: false
 *   allowHeaders: [X-Foo-Bar]
 *   maxAge: "24h"
 * }</pre>
 *
 * @param allowOrigin deprecated: allowed origins as exact strings ({@code *} allows all);
 *     superseded by {@code allowOrigins}
 * @param allowOrigins patterns of allowed origins
 * @param allowMethods methods for {@code Access-Control-Allow-Methods}
 * @param allowHeaders headers for {@code Access-Control-Allow-Headers}
 * @param exposeHeaders headers for {@code Access-Control-Expose-Headers}
 * @param maxAge how long preflight results may be cached ({@code Access-Control-Max-Age})
 * @param allowCredentials {@code Access-Control-Allow-Credentials}
 * @param unmatchedPreflights what to do with preflight requests whose origin does not match
 */
@API(status = STABLE, since = "0.1")
public record CorsPolicy(
        List<String> allowOrigin,
        List<StringMatch> allowOrigins,
        List<String> allowMethods,
        List<String> allowHeaders,
        List<String> exposeHeaders,
        Duration maxAge,
        Boolean allowCredentials,
        UnmatchedPreflights unmatchedPreflights) {

    /**
     * Creates an instance, reading {@code null} {@code allowOrigin}, {@code allowOrigins},
     * {@code allowMethods}, {@code allowHeaders} and {@code exposeHeaders} (as when left out of the
     * YAML) as empty.
     *
     * @param allowOrigin deprecated: allowed origins as exact strings ({@code *} allows all);
     *     superseded by {@code allowOrigins}
     * @param allowOrigins patterns of allowed origins
     * @param allowMethods methods for {@code Access-Control-Allow-Methods}
     * @param allowHeaders headers for {@code Access-Control-Allow-Headers}
     * @param exposeHeaders headers for {@code Access-Control-Expose-Headers}
     * @param maxAge how long preflight results may be cached ({@code Access-Control-Max-Age})
     * @param allowCredentials {@code Access-Control-Allow-Credentials}
     * @param unmatchedPreflights what to do with preflight requests whose origin does not match
     */
    public CorsPolicy {
        allowOrigin = allowOrigin == null ? List.of() : allowOrigin;
        allowOrigins = allowOrigins == null ? List.of() : allowOrigins;
        allowMethods = allowMethods == null ? List.of() : allowMethods;
        allowHeaders = allowHeaders == null ? List.of() : allowHeaders;
        exposeHeaders = exposeHeaders == null ? List.of() : exposeHeaders;
    }
}
