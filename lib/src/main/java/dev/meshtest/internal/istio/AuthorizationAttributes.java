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

    /** Whether a path is a URI template ({@code ContainsPathTemplate}: {@code {*}} or {@code {**}}). */
    public static boolean pathTemplate(String path) {
        return path.contains("{*}") || path.contains("{**}");
    }

    /** RFC 3986's pchar as Envoy's URI templates take it ({@code kLiteral}: no {@code *}, {@code =} or {@code /}). */
    private static final String PCHAR = "a-zA-Z0-9\\-._~%!$&'()+,;:@";
    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("[" + PCHAR + "]+");
    private static final java.util.regex.Pattern PRINTABLE = java.util.regex.Pattern.compile("/[\\x21-\\x7e]*");

    /**
     * The RE2 pattern the path (without its query) must match in full for a template path of an
     * AuthorizationPolicy, or {@code null} when Envoy's parser rejects the template. Istio's
     * {@code matcher.PathTemplateMatcher} writes {@code {*}} as {@code *} and {@code {**}} as
     * {@code **}; Envoy's {@code parseURLPatternSyntax} and {@code toRegexPattern}
     * ({@code uri_template_internal.cc}) then make {@code *} one path segment of pchars,
     * {@code **} any number of segments (none too; only as the last operator), a literal itself,
     * and a trailing {@code /} a last, empty segment (docs/istio-rules.md §10.1, "Path templates").
     *
     * <pre>{@code
     * AuthorizationAttributes.pathTemplateRegex("/api/{*}/info");   // "/api/[...]+/info"
     * AuthorizationAttributes.pathTemplateRegex("api/{*}");         // null: no leading slash
     * }</pre>
     */
    public static String pathTemplateRegex(String path) {
        String t = path.replace("{**}", "**").replace("{*}", "*");
        if (!PRINTABLE.matcher(t).matches()) {
            return null;
        }
        java.util.List<String> segments = new java.util.ArrayList<>();
        String suffix = "";
        String rest = t.substring(1);
        boolean textGlob = false;
        while (!rest.isEmpty()) {
            if (rest.startsWith("*")) {
                if (textGlob) {
                    return null;   // "Glob after text glob."
                }
                textGlob = rest.startsWith("**");
                segments.add("[" + PCHAR + (textGlob ? "/]*" : "]+"));
                rest = rest.substring(textGlob ? 2 : 1);
            } else {
                int slash = rest.indexOf('/');
                String literal = slash < 0 ? rest : rest.substring(0, slash);
                if (!LITERAL.matcher(literal).matches()) {
                    return null;   // variables ({name}) and empty segments included
                }
                segments.add(escaped(literal));
                rest = rest.substring(literal.length());
            }
            if (rest.equals("/")) {
                segments.add("");
                break;
            } else if (rest.startsWith("/")) {
                rest = rest.substring(1);
            } else if (!rest.isEmpty()) {
                // Not followed by '/': a suffix, which must end the template.
                if (rest.contains("/") || !LITERAL.matcher(rest).matches()) {
                    return null;
                }
                suffix = escaped(rest);
                break;
            }
        }
        return "/" + String.join("/", segments) + suffix;
    }

    /** {@code toRegexPattern} of a literal: {@code $ ( ) + .} escaped, the rest of pchar means itself in RE2. */
    private static String escaped(String literal) {
        return literal.replace("$", "\\$").replace("(", "\\(").replace(")", "\\)").replace("+", "\\+").replace(".", "\\.");
    }
}
