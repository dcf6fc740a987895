package dev.meshtest.internal.istio;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The attributes an AuthorizationPolicy's {@code when} conditions name ({@code pkg/config/security}
 * {@code ValidateAttribute}, {@code pilot/pkg/security/authz/model}), and which of them meshtest
 * does not simulate: the webhook's checks and the RBAC compiler read them here, and strict mode
 * refuses by them.
 *
 * <pre>{@code
 * AuthorizationAttributes.notSimulated("connection.sni");  // true
 * AuthorizationAttributes.pathTemplate("/api/{*}/info");   // true
 * }</pre>
 */
@API(status = INTERNAL, since = "0.4")
public final class AuthorizationAttributes {

    private AuthorizationAttributes() {
    }

    /** {@code request.headers[<name>]}: a request header. */
    public static final String REQUEST_HEADERS = "request.headers";
    /** {@code request.auth.claims[<name>]}: a JWT claim. */
    public static final String REQUEST_CLAIMS = "request.auth.claims";
    /** Envoy dynamic metadata, {@code experimental.envoy.filters.<filter>[<key>]}. */
    public static final String EXPERIMENTAL = "experimental.envoy.filters.";

    /**
     * Whether meshtest does not simulate the attribute: the TLS server name, Envoy's metadata. Refused unless lenient; lenient
     * simulates without the condition.
     */
    public static boolean notSimulated(String key) {
        return key.equals("connection.sni") || key.startsWith(EXPERIMENTAL);
    }

    /** Whether a path is a URI template ({@code ContainsPathTemplate}: {@code {*}} or {@code {**}}), which meshtest does not simulate. */
    public static boolean pathTemplate(String path) {
        return path.contains("{*}") || path.contains("{**}");
    }
}
