package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A CORS policy (Go type {@code HTTPCORSFilter}).
 *
 * <pre>{@code
 * cors:
 *   allowOrigins: ["https://*.example.com"]
 *   allowMethods: [GET, POST]
 *   allowHeaders: [x-user]
 *   exposeHeaders: [x-trace]
 *   allowCredentials: true
 *   maxAge: 600
 * }</pre>
 *
 * @param allowOrigins the allowed origins, {@code *} wildcards allowed
 * @param allowCredentials whether credentials are allowed
 * @param allowMethods the allowed methods, or {@code *}
 * @param allowHeaders the allowed request headers, or {@code *}
 * @param exposeHeaders the response headers exposed, or {@code *}
 * @param maxAge seconds a preflight response may be cached; absent for 5
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpCorsFilter(
        List<String> allowOrigins,
        Boolean allowCredentials,
        List<String> allowMethods,
        List<String> allowHeaders,
        List<String> exposeHeaders,
        Integer maxAge) {

    /**
     * Creates an instance, reading {@code null} {@code allowOrigins}, {@code allowMethods}, {@code
     * allowHeaders} and {@code exposeHeaders} (as when left out of the YAML) as empty.
     *
     * @param allowOrigins the allowed origins, {@code *} wildcards allowed
     * @param allowCredentials whether credentials are allowed
     * @param allowMethods the allowed methods, or {@code *}
     * @param allowHeaders the allowed request headers, or {@code *}
     * @param exposeHeaders the response headers exposed, or {@code *}
     * @param maxAge seconds a preflight response may be cached; absent for 5
     */
    public HttpCorsFilter {
        allowOrigins = allowOrigins == null ? List.of() : allowOrigins;
        allowMethods = allowMethods == null ? List.of() : allowMethods;
        allowHeaders = allowHeaders == null ? List.of() : allowHeaders;
        exposeHeaders = exposeHeaders == null ? List.of() : exposeHeaders;
    }
}
