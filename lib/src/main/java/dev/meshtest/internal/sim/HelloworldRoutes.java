package dev.meshtest.internal.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * How the helloworld sample's app answers a path: {@code samples/helloworld/src/app.py} is a Flask
 * app with two routes, {@code /hello} and {@code /health}, whose router is Werkzeug 3's
 * ({@code StateMachineMatcher.match} and {@code MapAdapter.match}) behind gunicorn. For two static
 * rules that comes to:
 *
 * <ul>
 *   <li>the path, percent-decoded as gunicorn hands it to the app ({@code PATH_INFO}), is one of
 *       them: the route answers GET, HEAD and OPTIONS (Flask adds the last two), any other method
 *       gets 405 with {@code Allow};
 *   <li>it is not, but is once each {@code //} is merged into {@code /} (Werkzeug's
 *       {@code merge_slashes}, a regex that merges pairs: {@code ///hello} stays unmatched): a 308
 *       redirect to {@code http://<host><merged path>[?query]} (405 for another method);
 *   <li>anything else, a trailing slash included ({@code strict_slashes}), is 404.
 * </ul>
 *
 * <pre>{@code
 * HelloworldRoutes.route("GET", "/hello/");   // NOT_FOUND
 * HelloworldRoutes.route("GET", "//health");  // REDIRECT (to /health)
 * }</pre>
 */
final class HelloworldRoutes {

    /** Where a request goes in the app. */
    enum Route {
        /** {@code /hello}: the app's main handler (its status, failures, body, service time, calls). */
        HELLO,
        /** {@code /health}: {@value #HEALTHY}. */
        HEALTH,
        /** Flask's automatic OPTIONS answer for a route: 200, no body, {@code Allow}. */
        OPTIONS,
        /** Werkzeug's {@code NotFound}. */
        NOT_FOUND,
        /** Werkzeug's {@code MethodNotAllowed}, with {@code Allow}. */
        METHOD_NOT_ALLOWED,
        /** Werkzeug's {@code RequestRedirect} (308) to the path with its slashes merged. */
        REDIRECT
    }

    /** {@code /health}'s body. */
    static final String HEALTHY = "Helloworld is healthy";

    /**
     * The methods a Flask route answers, as {@code Allow} lists them. Werkzeug builds the list from a
     * Python set, whose order varies from process to process; this is one of them.
     */
    static final String ALLOW = "GET, HEAD, OPTIONS";

    /** Werkzeug's error page ({@code HTTPException.get_body}) for 404. */
    static final String NOT_FOUND_PAGE = page(404, "Not Found", "The requested URL was not found on the server. If you entered"
            + " the URL manually please check your spelling and try again.");

    /** Werkzeug's error page for 405. */
    static final String METHOD_NOT_ALLOWED_PAGE = page(405, "Method Not Allowed", "The method is not allowed for the requested URL.");

    private HelloworldRoutes() {
    }

    /** The route of {@code method} and {@code path} (without the query string, percent escapes not yet decoded). */
    static Route route(String method, String path) {
        String p = decoded(path);
        Route r = static_(method, p);
        if (r != null) {
            return r;
        }
        String merged = p.replace("//", "/");   // re.sub("/{2,}?", "/", path): each pair, left to right
        r = static_(method, merged);
        if (r == null || merged.equals(p)) {
            return Route.NOT_FOUND;
        }
        return r == Route.METHOD_NOT_ALLOWED ? r : Route.REDIRECT;
    }

    /** The path {@link Route#REDIRECT} sends the client to: slashes merged, as Werkzeug quotes it back. */
    static String redirectPath(String path) {
        return decoded(path).replace("//", "/");
    }

    /** Why {@code method} and {@code path} went to {@code route}, for explanations. */
    static String why(Route route, String method, String path) {
        String request = method + " " + path;
        return switch (route) {
            case HELLO -> request + " is the sample's /hello";
            case HEALTH -> request + " is the sample's /health: 200 " + HEALTHY;
            case OPTIONS -> request + ": Flask's automatic OPTIONS answer, 200 with allow: " + ALLOW;
            case NOT_FOUND -> "the helloworld sample's Flask app has routes /hello and /health only, so " + request
                    + " is 404 (Werkzeug's NotFound)";
            case METHOD_NOT_ALLOWED -> request + " is a route of the helloworld sample for GET, HEAD and OPTIONS only: 405 "
                    + "(Werkzeug's MethodNotAllowed)";
            case REDIRECT -> request + " matches " + redirectPath(path) + " once its doubled slashes are merged: Werkzeug "
                    + "redirects there, 308";
        };
    }

    private static Route static_(String method, String p) {
        boolean hello = p.equals("/hello");
        if (!hello && !p.equals("/health")) {
            return null;
        }
        return switch (method) {
            case "GET", "HEAD" -> hello ? Route.HELLO : Route.HEALTH;
            case "OPTIONS" -> Route.OPTIONS;
            default -> Route.METHOD_NOT_ALLOWED;
        };
    }

    /** {@code PATH_INFO}: the path with its percent escapes decoded (as UTF-8, as WSGI servers do; a bad escape stays). */
    private static String decoded(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int lo = hi >= 0 ? Character.digit(in[i + 2], 16) : -1;
            if (in[i] == '%' && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String page(int status, String name, String description) {
        return "<!doctype html>\n<html lang=en>\n<title>" + status + " " + name + "</title>\n<h1>" + name + "</h1>\n<p>"
                + description + "</p>\n";
    }

    /** Werkzeug's redirect page ({@code utils.redirect}) for {@code location}. */
    static String redirectPage(String location) {
        String shown = location.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#x27;");
        return "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be "
                + "redirected automatically to the target URL: <a href=\"" + shown + "\">" + shown + "</a>. If not, click the link.\n";
    }
}
