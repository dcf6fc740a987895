package dev.meshtest.internal.sim;

import dev.meshtest.app.Call;
import dev.meshtest.app.Sample;
import dev.meshtest.internal.istio.SampleApps.CallPorts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of Istio's sample apps ({@link Sample}): which route a method and path reach, what
 * that route answers and which calls it makes, as the real app's code and its framework's router
 * do. One method per app, named after its source file:
 *
 * <ul>
 *   <li>{@link #helloworld} and {@link #productpage}: Flask apps behind Werkzeug 3's router
 *       ({@code StateMachineMatcher.match}, {@code MapAdapter.match}): the path is percent-decoded
 *       ({@code PATH_INFO}); a rule answers its methods (GET routes also HEAD and OPTIONS, Flask's
 *       automatic ones), any other method gets 405 with {@code Allow}; a path that matches only once
 *       each {@code //} is merged into {@code /} ({@code merge_slashes}, a regex that merges pairs:
 *       {@code ///hello} stays unmatched) gets a 308 redirect there; anything else, a trailing slash
 *       included ({@code strict_slashes}), is Werkzeug's 404 page;
 *   <li>{@link #details}: {@code details.rb} on WEBrick 1.8 ({@code HTTPServer#search_servlet},
 *       {@code MountTable#scan}, {@code ProcHandler}): mounts {@code /health} and {@code /details},
 *       each a prefix up to a {@code /}; GET, HEAD, POST and PUT run the handler, OPTIONS lists them,
 *       other methods are 405; an unmounted path is WEBrick's 404 page;
 *   <li>{@link #reviews}: {@code LibertyRestEndpoint.java}, JAX-RS on Open Liberty: {@code GET /health}
 *       and {@code GET /reviews/{productId}} with an {@code int} id (a trailing slash allowed); an id that
 *       is not an {@code int} or another path is 404, another method on a route 405, both without a body;
 *   <li>{@link #ratings}: {@code ratings.js} with httpdispatcher 1.0.0: GET and POST of
 *       {@code /^\/ratings\/[0-9]* /} (a prefix) and {@code GET /health}, tested on the undecoded
 *       path; else 404 without a body.
 * </ul>
 *
 * <p>Bookinfo's calls go to the ports the app read from its environment when it started
 * ({@link CallPorts}, {@code SampleApps.callPorts}): an app's {@link Calls}, made once when the app is
 * built, holds its routes that call with them.
 *
 * <pre>{@code
 * SampleRoutes.route(Sample.HELLOWORLD, "GET", "/hello/");                  // Werkzeug's 404
 * SampleRoutes.route(Sample.BOOKINFO_PRODUCTPAGE, "GET", "/api/v1/products/7").calls();  // details:9080/details/7, 3 s
 * SampleRoutes.route(Sample.BOOKINFO_PRODUCTPAGE, SampleRoutes.calls(new CallPorts(80, 9080, 9080)), "GET",
 *         "/api/v1/products/7", "").calls();                                 // details:80/details/7
 * }</pre>
 */
final class SampleRoutes {

    /** How a route answers. */
    enum Kind {
        /** The app's main handler: its status, failures, body, service time; the sample's calls, then the app's. */
        MAIN,
        /** A fixed answer ({@link Route#status}, {@link Route#body}, {@link Route#allow}) after 1 ms, after its calls. */
        ANSWER,
        /** Werkzeug's {@code RequestRedirect} (308) to the path with its slashes merged. */
        MERGED_SLASHES,
        /**
         * productpage's {@code login()}: the query's {@code username} into its session cookie
         * ({@link FlaskSession}, {@code set-cookie}), then {@code redirect(request.referrer)}: 302 to
         * the {@code referer} header.
         */
        LOGIN,
        /** productpage's {@code logout()}: the user out of its session (the cookie deleted when it had one), then 302 as {@link #LOGIN}. */
        LOGOUT,
        /** WEBrick's 404 page, which names the path and the host. */
        WEBRICK_NOT_FOUND
    }

    /**
     * Where a request goes in a sample app. {@link #why} is a template: {@code {request}} stands for
     * the method and path, {@code {merged}} for the path with its slashes merged.
     */
    static final class Route {
        final Kind kind;
        final int status;
        final String body;
        /** The {@code allow} header of the answer, or {@code null}. */
        final String allow;
        /** The sample's own calls, in order (a main route's app adds its own after them). */
        final List<Call> calls;
        /** Whether a call that finally fails makes the route answer its status (500 without one), as productpage's API does. */
        final boolean callStatus;
        final String why;
        /** Whether explanations say nothing of the route (helloworld's {@code /hello}, a generic app). */
        final boolean quiet;

        Route(Kind kind, int status, String body, String allow, List<Call> calls, boolean callStatus, String why, boolean quiet) {
            this.kind = kind;
            this.status = status;
            this.body = body;
            this.allow = allow;
            this.calls = List.copyOf(calls);
            this.callStatus = callStatus;
            this.why = why;
            this.quiet = quiet;
        }

        List<Call> calls() {
            return calls;
        }

        /** Why {@code method} and {@code path} went here, for explanations. */
        String why(String method, String path) {
            return why.replace("{merged}", mergedPath(path)).replace("{request}", method + " " + path);
        }

        @Override
        public String toString() {
            return kind + " " + status + (calls.isEmpty() ? "" : " " + calls);
        }
    }

    /** The route of an app that answers every path alike: its main handler. */
    static final Route GENERIC = main(List.of(), "", true);

    private static Route main(List<Call> calls, String why, boolean quiet) {
        return new Route(Kind.MAIN, 0, "", null, calls, false, why, quiet);
    }

    private static Route answer(int status, String body, String allow, String why) {
        return new Route(Kind.ANSWER, status, body, allow, List.of(), false, why, false);
    }

    private SampleRoutes() {
    }

    /**
     * The ports a Bookinfo app calls, and its routes that call with them that are made once:
     * productpage's {@code front()} and reviews' product 0 (the ones every request of a send
     * takes); other ids make their route per request, as with the default ports.
     */
    static final class Calls {
        final CallPorts ports;
        final Route front;
        final Route reviewsV2Zero;
        final Route reviewsV3Zero;
        /** productpage's Flask rules with these calls. */
        final FlaskRules productpageRules = (method, path) -> productpageRules(this, method, path);

        private Calls(CallPorts ports) {
            this.ports = ports;
            this.front = main(productpageCalls(ports, "0", true, true), "{request} is productpage's front(): it calls "
                    + "details (one try of 3 s), then reviews (two tries of 3 s) for product 0, and answers 200 even when "
                    + "they fail (\"Sorry, product ... are currently unavailable\")", false);
            this.reviewsV2Zero = reviewsMain(Sample.BOOKINFO_REVIEWS_V2, ports.ratings(), "0");
            this.reviewsV3Zero = reviewsMain(Sample.BOOKINFO_REVIEWS_V3, ports.ratings(), "0");
        }

        @Override
        public String toString() {
            return "calls to " + ports;
        }
    }

    /** The calls of a Bookinfo app that calls {@code ports}: made once per app (a server), not per request. */
    static Calls calls(CallPorts ports) {
        return ports.equals(CallPorts.DEFAULT) ? DEFAULT_CALLS : new Calls(ports);
    }

    /**
     * Whether a sample's own call got the answer its code takes: 200 only. productpage's
     * {@code getProductDetails} and {@code getProductReviews} test {@code res and res.status_code == 200}
     * (another answer is a failure, which reviews' loop tries again), reviews' {@code getRatings}
     * {@code statusCode == Response.Status.OK}: a 201 or a 204 fails there as a 503 does.
     */
    static boolean answered(int status) {
        return status == 200;
    }

    /**
     * Whether productpage's HTTP client sends a header with {@code value}. requests 2.32 checks a
     * value with {@code ^\S[^\r\n]*$|^$} ({@code check_header_validity}: no leading whitespace, no
     * line break but a final one) and http.client refuses a line break not followed by a space or a
     * tab, then encodes the value as Latin-1: a character past U+00FF cannot be sent. Refused, the
     * call raises before anything is sent, and productpage takes it as no answer.
     */
    static boolean requestsSends(String value) {
        if (value.isEmpty()) {
            return true;
        }
        if (pythonSpace(value.charAt(0))) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    /** Python's {@code str.isspace} for a character up to U+00FF: what {@code \S} does not match. */
    private static boolean pythonSpace(char c) {
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0;
    }

    /** The route of {@code method} and {@code path} (without the query string, as the request has it) in {@code sample}. */
    static Route route(Sample sample, String method, String path) {
        return route(sample, DEFAULT_CALLS, method, path, "");
    }

    /**
     * As {@link #route(Sample, String, String)}, for an app that calls with {@code calls}; {@code query}
     * (without {@code ?}, empty: none) for apps that read it (ratings).
     */
    static Route route(Sample sample, Calls calls, String method, String path, String query) {
        return switch (sample) {
            case HELLOWORLD -> helloworld(method, path);
            case BOOKINFO_PRODUCTPAGE -> productpage(calls, method, path);
            case BOOKINFO_DETAILS -> details(method, path);
            case BOOKINFO_REVIEWS_V1, BOOKINFO_REVIEWS_V2, BOOKINFO_REVIEWS_V3 -> reviews(sample, calls, method, path);
            case BOOKINFO_RATINGS -> ratings(method, path, query);
        };
    }

    // ---------------------------------------------------------------- Flask and Werkzeug (helloworld, productpage)

    /** The methods a Flask GET route answers, as {@code Allow} lists them (Werkzeug builds it from a set: one order of several). */
    static final String FLASK_GET = "GET, HEAD, OPTIONS";
    /** The methods of productpage's {@code POST /login}. */
    static final String FLASK_POST = "OPTIONS, POST";

    /** Werkzeug's error page ({@code HTTPException.get_body}) for 404. */
    static final String WERKZEUG_NOT_FOUND = werkzeugPage(404, "Not Found", "The requested URL was not found on the server. If you"
            + " entered the URL manually please check your spelling and try again.");

    /** Werkzeug's error page for 405. */
    static final String WERKZEUG_METHOD_NOT_ALLOWED = werkzeugPage(405, "Method Not Allowed",
            "The method is not allowed for the requested URL.");

    /** Flask's automatic OPTIONS answer for a GET route (helloworld's and productpage's alike). */
    private static final Route FLASK_OPTIONS_GET = answer(200, "", FLASK_GET, "{request}: Flask's automatic OPTIONS answer, 200 "
            + "with allow: " + FLASK_GET);

    /** A Flask app's rules: the route of a decoded path, or {@code null} when no rule has the path. */
    private interface FlaskRules {
        Route match(String method, String decodedPath);
    }

    /**
     * Werkzeug's matching of a Flask app's rules: the path as is, else with its slashes merged (a
     * 308 there, or the 405 of the rule there), else {@code notFound}.
     */
    private static Route werkzeug(FlaskRules rules, String method, String path, Route notFound) {
        String p = decoded(path);
        Route r = rules.match(method, p);
        if (r != null) {
            return r;
        }
        String merged = p.replace("//", "/");   // re.sub("/{2,}?", "/", path): each pair, left to right
        r = merged.equals(p) ? null : rules.match(method, merged);
        if (r == null) {
            return notFound;
        }
        return r.status == 405 ? r : MERGED;
    }

    private static final Route MERGED = new Route(Kind.MERGED_SLASHES, 308, "", null, List.of(), false,
            "{request} matches {merged} once its doubled slashes are merged: Werkzeug redirects there, 308", false);

    /** The route of a Flask rule with {@code methods} ({@link #FLASK_GET} or {@link #FLASK_POST}), by the request's method. */
    private static Route flaskRule(String method, String methods, Route route, Route options, Route notAllowed) {
        if (method.equals("OPTIONS")) {
            return options;
        }
        boolean get = methods.equals(FLASK_GET);
        boolean allowed = get ? method.equals("GET") || method.equals("HEAD") : method.equals("POST");
        return allowed ? route : notAllowed;
    }

    // helloworld: samples/helloworld/src/app.py

    /** {@code /health}'s body. */
    static final String HELLOWORLD_HEALTHY = "Helloworld is healthy";

    private static final Route HELLO = main(List.of(), "{request} is the sample's /hello", true);
    private static final Route HELLO_HEALTH = answer(200, HELLOWORLD_HEALTHY, null, "{request} is the sample's /health: 200 "
            + HELLOWORLD_HEALTHY);
    private static final Route HELLO_NOT_FOUND = answer(404, WERKZEUG_NOT_FOUND, null, "the helloworld sample's Flask app has "
            + "routes /hello and /health only, so {request} is 404 (Werkzeug's NotFound)");
    private static final Route HELLO_NOT_ALLOWED = answer(405, WERKZEUG_METHOD_NOT_ALLOWED, FLASK_GET, "{request} is a route "
            + "of the helloworld sample for GET, HEAD and OPTIONS only: 405 (Werkzeug's MethodNotAllowed)");

    /** helloworld's {@code app.py}: {@code /hello} (main) and {@code /health}. */
    static Route helloworld(String method, String path) {
        return werkzeug(SampleRoutes::helloworldRules, method, path, HELLO_NOT_FOUND);
    }

    private static Route helloworldRules(String method, String p) {
        boolean hello = p.equals("/hello");
        if (!hello && !p.equals("/health")) {
            return null;
        }
        return flaskRule(method, FLASK_GET, hello ? HELLO : HELLO_HEALTH, FLASK_OPTIONS_GET, HELLO_NOT_ALLOWED);
    }

    // productpage: samples/bookinfo/src/productpage/productpage.py

    /** productpage's {@code /health} body. */
    static final String PRODUCTPAGE_HEALTHY = "Product page is healthy";

    /**
     * The headers productpage copies onto its calls ({@code getForwardHeaders}): its list and the B3
     * headers OpenTelemetry's propagator injects. Not the request's {@code end-user}: productpage
     * sends its login session's user as {@code end-user} ({@link FlaskSession}, {@code InboundServer.sessionUser}).
     */
    static final String[] PRODUCTPAGE_FORWARDS = {"x-request-id", "x-ot-span-context", "x-datadog-trace-id",
        "x-datadog-parent-id", "x-datadog-sampling-priority", "traceparent", "tracestate", "x-cloud-trace-context",
        "grpc-trace-bin", "sw8", "user-agent", "cookie", "authorization", "jwt", "x-b3-traceid", "x-b3-spanid", "x-b3-sampled"};

    /** productpage's files under {@code static/}, which Flask serves at {@code /static/<path:filename>}. */
    private static final List<String> PRODUCTPAGE_STATIC = List.of("/static/img/izzy.png", "/static/tailwind/tailwind.css");

    private static final Duration THREE_SECONDS = Duration.ofSeconds(3);
    private static final Pattern API_PRODUCT = Pattern.compile("/api/v1/products/([^/]+)(/reviews|/ratings)?");

    private static final Route PP_NOT_FOUND = answer(404, WERKZEUG_NOT_FOUND, null, "Bookinfo's productpage (Flask) has no "
            + "route for {request}: 404 (Werkzeug's NotFound)");
    private static final Route PP_OPTIONS_POST = answer(200, "", FLASK_POST, "{request}: Flask's automatic OPTIONS answer, "
            + "200 with allow: " + FLASK_POST);
    private static final Route PP_NOT_GET = answer(405, WERKZEUG_METHOD_NOT_ALLOWED, FLASK_GET, "{request} is a route of "
            + "productpage for GET, HEAD and OPTIONS only: 405 (Werkzeug's MethodNotAllowed)");
    private static final Route PP_NOT_POST = answer(405, WERKZEUG_METHOD_NOT_ALLOWED, FLASK_POST, "{request}: productpage's "
            + "/login takes POST (and OPTIONS) only: 405 (Werkzeug's MethodNotAllowed)");
    private static final Route PP_INDEX = answer(200, "", null, "{request} is productpage's index(): 200, the page listing "
            + "its services (meshtest leaves the body empty); it calls nobody");
    private static final Route PP_HEALTH = answer(200, PRODUCTPAGE_HEALTHY, null, "{request} is productpage's health(): 200 "
            + PRODUCTPAGE_HEALTHY + "; it calls nobody");
    private static final Route PP_LOGIN = new Route(Kind.LOGIN, 302, "", null, List.of(), false, "{request} is "
            + "productpage's login(): it stores the user in its session cookie and redirects to the referer, 302", false);
    private static final Route PP_LOGOUT = new Route(Kind.LOGOUT, 302, "", null, List.of(), false, "{request} is "
            + "productpage's logout(): it clears its session cookie and redirects to the referer, 302", false);
    private static final Route PP_PRODUCTS = answer(200, "", null, "{request} is productpage's productsRoute(): 200, the "
            + "product list as JSON (meshtest leaves the body empty); it calls nobody");
    private static final Route PP_METRICS = answer(200, "", null, "{request} is productpage's metrics(): 200, Prometheus "
            + "text (meshtest leaves the body empty); it calls nobody");
    private static final Route PP_STATIC = answer(200, "", null, "{request} is one of productpage's static files (Flask's "
            + "/static/<path:filename>): 200 (meshtest leaves the body empty)");
    /** productpage's calls for a product: {@code getProductDetails} and/or {@code getProductReviews}. */
    private static List<Call> productpageCalls(CallPorts ports, String id, boolean details, boolean reviews) {
        String quoted = requote(id);
        if (details && reviews) {
            return List.of(productpageCall(ports, "details", quoted, 0), productpageCall(ports, "reviews", quoted, 1));
        }
        return List.of(details ? productpageCall(ports, "details", quoted, 0) : productpageCall(ports, "reviews", quoted, 1));
    }

    /**
     * A call of productpage's {@code send_request}: {@code requests.get(url, timeout=3.0)}, with the
     * forwarded headers; the URL {@code http://<service>:<port>/<service>/<id>}, the port as the app read it.
     */
    private static Call productpageCall(CallPorts ports, String service, String id, int retries) {
        int port = switch (service) {
            case "details" -> ports.details();
            case "reviews" -> ports.reviews();
            default -> ports.ratings();
        };
        return Call.to("http://" + service + ":" + port + "/" + service + "/" + id).timeout(THREE_SECONDS).retries(retries)
                .forwarding(PRODUCTPAGE_FORWARDS);
    }

    /** productpage's {@code productpage.py}: its Flask routes, calling the default ports. */
    static Route productpage(String method, String path) {
        return productpage(DEFAULT_CALLS, method, path);
    }

    /** productpage's {@code productpage.py}: its Flask routes. */
    static Route productpage(Calls calls, String method, String path) {
        return werkzeug(calls.productpageRules, method, path, PP_NOT_FOUND);
    }

    private static Route productpageRules(Calls calls, String method, String p) {
        Route get = switch (p) {
            case "/", "/index.html" -> PP_INDEX;
            case "/health" -> PP_HEALTH;
            case "/productpage" -> calls.front;
            case "/api/v1/products" -> PP_PRODUCTS;
            case "/metrics" -> PP_METRICS;
            case "/logout" -> PP_LOGOUT;
            default -> null;
        };
        if (get != null) {
            return flaskRule(method, FLASK_GET, get, FLASK_OPTIONS_GET, PP_NOT_GET);
        }
        if (p.equals("/login")) {
            return flaskRule(method, FLASK_POST, PP_LOGIN, PP_OPTIONS_POST, PP_NOT_POST);
        }
        if (p.startsWith("/static/") && p.length() > "/static/".length()) {
            // send_from_directory: a file that is not there is Werkzeug's 404 too.
            return flaskRule(method, FLASK_GET, PRODUCTPAGE_STATIC.contains(p) ? PP_STATIC : PP_NOT_FOUND, FLASK_OPTIONS_GET,
                    PP_NOT_GET);
        }
        Matcher m = API_PRODUCT.matcher(p);
        if (!m.matches()) {
            return null;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return method.equals("OPTIONS") ? FLASK_OPTIONS_GET : PP_NOT_GET;
        }
        String id = m.group(1);
        String what = m.group(2);
        String function = what == null ? "productRoute" : what.equals("/reviews") ? "reviewsRoute" : "ratingsRoute";
        String service = what == null ? "details" : what.substring(1);
        List<Call> made = List.of(productpageCall(calls.ports, service, requote(id), service.equals("reviews") ? 1 : 0));
        return new Route(Kind.ANSWER, 200, "", null, made, true, "{request} is productpage's " + function + "(): it calls "
                + service + " for product " + id + (service.equals("reviews") ? " (two tries of 3 s)" : " (one try of 3 s)")
                + " and answers its JSON with 200, or the call's status (500 without one) when it fails", false);
    }

    // ---------------------------------------------------------------- details: samples/bookinfo/src/details/details.rb

    /** details' {@code /health} body ({@code {'status' => 'Details is healthy'}.to_json}). */
    static final String DETAILS_HEALTHY = "{\"status\":\"Details is healthy\"}";
    /** The methods a WEBrick {@code ProcHandler} answers, as its {@code do_OPTIONS} lists them. */
    static final String WEBRICK_ALLOW = "GET,HEAD,OPTIONS,POST,PUT";
    /**
     * WEBrick's {@code ServerSoftware}, as its error pages sign them: the gem of details' Gemfile.lock
     * (1.8.2) on the Ruby of details' Dockerfile (3.4.3, released 2025-04-14). An image built from
     * another Dockerfile signs with its own Ruby.
     */
    static final String WEBRICK_SOFTWARE = "WEBrick/1.8.2 (Ruby/3.4.3/2025-04-14)";

    private static final Pattern RUBY_INTEGER = Pattern.compile("\\s*[+-]?(?:0[xX][0-9a-fA-F]+(?:_[0-9a-fA-F]+)*"
            + "|0[bB][01]+(?:_[01]+)*|0[oO]?[0-7]+(?:_[0-7]+)*|0[dD]?[0-9]+(?:_[0-9]+)*|[1-9][0-9]*(?:_[0-9]+)*|0)\\s*");

    private static final Route DETAILS_NOT_FOUND = new Route(Kind.WEBRICK_NOT_FOUND, 404, "", null, List.of(), false,
            "Bookinfo's details (WEBrick) mounts /health and /details only, so {request} is 404 (WEBrick's NotFound page)", false);
    private static final Route DETAILS_HEALTH = answer(200, DETAILS_HEALTHY, null, "{request} is under details' /health mount: "
            + "200 " + DETAILS_HEALTHY);
    private static final Route DETAILS_OPTIONS = answer(200, "", WEBRICK_ALLOW, "{request}: WEBrick's do_OPTIONS, 200 with "
            + "allow: " + WEBRICK_ALLOW);
    private static final Route DETAILS_MAIN = main(List.of(), "{request} is under details' /details mount: the details of "
            + "the product its last segment numbers; it calls nobody", false);
    private static final Route DETAILS_NOT_NUMERIC = answer(400, "{\"error\":\"please provide numeric product id\"}", null,
            "{request} is under details' /details mount, but its last segment is not an integer (Ruby's Integer()): 400");

    /** details' {@code details.rb}: WEBrick with {@code mount_proc '/health'} and {@code mount_proc '/details'}. */
    static Route details(String method, String path) {
        String p = webrickPath(path);
        boolean health = mounted(p, "/health");
        if (!health && !mounted(p, "/details")) {
            return DETAILS_NOT_FOUND;   // search_servlet, before any method check
        }
        switch (method) {
            case "GET", "HEAD", "POST", "PUT" -> {
            }
            case "OPTIONS" -> {
                return DETAILS_OPTIONS;
            }
            default -> {
                return new Route(Kind.ANSWER, 405, webrickPage("Method Not Allowed", "unsupported method `" + method + "'."),
                        null, List.of(), false, "{request}: details' WEBrick handler has no do_" + method + ": 405 (WEBrick's "
                        + "MethodNotAllowed page)", false);
            }
        }
        if (health) {
            return DETAILS_HEALTH;
        }
        String[] parts = p.split("/");   // Ruby's split drops trailing empty strings, as Java's does
        return RUBY_INTEGER.matcher(parts[parts.length - 1]).matches() ? DETAILS_MAIN : DETAILS_NOT_NUMERIC;
    }

    /** {@code MountTable#scan}: the mount point followed by {@code /} or the end. */
    private static boolean mounted(String p, String mount) {
        return p.startsWith(mount) && (p.length() == mount.length() || p.charAt(mount.length()) == '/');
    }

    /** WEBrick's {@code req.path}: percent-decoded, then {@code HTTPUtils.normalize_path} (slashes merged, dot segments resolved). */
    static String webrickPath(String path) {
        String p = decoded(path).replaceAll("/+", "/");
        String q;
        while (!(q = p.replaceFirst("/\\.(?:/|\\z)", "/")).equals(p)) {
            p = q;
        }
        while (!(q = p.replaceFirst("/(?!\\.\\./)[^/]+/\\.\\.(?:/|\\z)", "/")).equals(p)) {
            p = q;
        }
        return p;
    }

    /** WEBrick's 404 page for a request: the path as WEBrick read it, and the host and port of its {@code host} header. */
    static String webrickNotFound(String path, String authority) {
        return webrickPage("Not Found", "`" + webrickPath(path) + "' not found.", authority);
    }

    private static String webrickPage(String reason, String message) {
        return webrickPage(reason, message, null);
    }

    /** {@code HTTPResponse#error_body}; {@code authority} {@code null}: the host line is filled in when answered. */
    private static String webrickPage(String reason, String message, String authority) {
        String at = authority == null ? "{hostport}" : authority.indexOf(':') >= 0 ? authority : authority + ":80";
        return "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.0//EN\">\n<HTML>\n  <HEAD><TITLE>" + escapeRuby(reason)
                + "</TITLE></HEAD>\n  <BODY>\n    <H1>" + escapeRuby(reason) + "</H1>\n    " + escapeRuby(message)
                + "\n    <HR>\n    <ADDRESS>\n     " + WEBRICK_SOFTWARE + " at\n     " + at + "\n    </ADDRESS>\n  </BODY>\n</HTML>\n";
    }

    /** {@code WEBrick::HTMLUtils.escape}. */
    private static String escapeRuby(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace(">", "&gt;").replace("<", "&lt;");
    }

    // ---------------------------------------------------------------- reviews: LibertyRestEndpoint.java

    /** reviews' {@code /health} body. */
    static final String REVIEWS_HEALTHY = "{\"status\": \"Reviews is healthy\"}";

    /** The headers reviews copies onto its call to ratings ({@code headers_to_propagate}). */
    static final String[] REVIEWS_FORWARDS = {"x-request-id", "x-ot-span-context", "x-datadog-trace-id", "x-datadog-parent-id",
        "x-datadog-sampling-priority", "traceparent", "tracestate", "x-cloud-trace-context", "grpc-trace-bin", "x-b3-traceid",
        "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "sw8", "end-user", "user-agent", "cookie",
        "authorization", "jwt"};

    private static final Pattern REVIEWS_ID = Pattern.compile("/reviews/([^/]+)/?");

    private static final Route REVIEWS_NOT_FOUND = answer(404, "", null, "Bookinfo's reviews (JAX-RS on Open Liberty) has "
            + "GET /health and GET /reviews/{productId} only, so {request} is 404, without a body");
    private static final Route REVIEWS_NOT_INT = answer(404, "", null, "{request}: reviews' {productId} is an int, and JAX-RS "
            + "answers a path parameter it cannot convert with 404, without a body");
    private static final Route REVIEWS_NOT_GET = answer(405, "", null, "{request}: reviews' route takes GET (and HEAD, "
            + "OPTIONS) only: 405, without a body");
    private static final Route REVIEWS_OPTIONS = answer(200, "", null, "{request}: JAX-RS answers OPTIONS itself, 200");
    private static final Route REVIEWS_HEALTH = answer(200, REVIEWS_HEALTHY, null, "{request} is reviews' health(): 200 "
            + REVIEWS_HEALTHY);
    private static final Route REVIEWS_V1_0 = reviewsMain(Sample.BOOKINFO_REVIEWS_V1, 9080, "0");

    /**
     * reviews' {@code bookReviewsById} for an id: with ratings ({@code ENABLE_RATINGS}), its call to
     * them, {@code http://ratings:<ratingsPort>/ratings/<id>} ({@code ratings_service}).
     */
    private static Route reviewsMain(Sample sample, int ratingsPort, String id) {
        if (sample == Sample.BOOKINFO_REVIEWS_V1) {
            return main(List.of(), "{request} is reviews' bookReviewsById(" + id + "): without ratings (ENABLE_RATINGS "
                    + "false, as in the v1 image) it calls nobody", false);
        }
        // getRatings: star_color.equals("black") ? 10000 : 2500, as connection and receive timeouts.
        boolean black = sample == Sample.BOOKINFO_REVIEWS_V2;
        Duration timeout = Duration.ofMillis(black ? 10_000 : 2_500);
        Call call = Call.to("http://ratings:" + ratingsPort + "/ratings/" + id).timeout(timeout).forwarding(REVIEWS_FORWARDS);
        return main(List.of(call), "{request} is reviews' bookReviewsById(" + id + "): with ratings and " + (black ? "black"
                : "colored") + " stars it calls ratings (one try of " + (black ? "10 s" : "2.5 s") + ") and answers 200 "
                + "even when that fails (\"Ratings service is currently unavailable\")", false);
    }

    /** reviews' {@code LibertyRestEndpoint}: {@code @Path("/health")} and {@code @Path("/reviews/{productId}")} with an {@code int}. */
    static Route reviews(Sample sample, String method, String path) {
        return reviews(sample, DEFAULT_CALLS, method, path);
    }

    /** As {@link #reviews(Sample, String, String)}, calling ratings as {@code calls} says. */
    static Route reviews(Sample sample, Calls calls, String method, String path) {
        String p = decoded(path);
        boolean health = p.equals("/health") || p.equals("/health/");
        Matcher m = health ? null : REVIEWS_ID.matcher(p);
        if (!health && !m.matches()) {
            return REVIEWS_NOT_FOUND;
        }
        if (method.equals("OPTIONS")) {
            return REVIEWS_OPTIONS;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return REVIEWS_NOT_GET;
        }
        if (health) {
            return REVIEWS_HEALTH;
        }
        int id;
        try {
            id = Integer.parseInt(m.group(1));   // Integer.valueOf, as JAX-RS converts an int parameter
        } catch (NumberFormatException e) {
            return REVIEWS_NOT_INT;
        }
        if (id == 0) {
            return sample == Sample.BOOKINFO_REVIEWS_V1 ? REVIEWS_V1_0 : sample == Sample.BOOKINFO_REVIEWS_V2
                    ? calls.reviewsV2Zero : calls.reviewsV3Zero;
        }
        return reviewsMain(sample, calls.ports.ratings(), Integer.toString(id));
    }

    // ---------------------------------------------------------------- ratings: samples/bookinfo/src/ratings/ratings.js

    /** ratings' {@code /health} body. */
    static final String RATINGS_HEALTHY = "{\"status\":\"Ratings is healthy\"}";

    private static final Pattern JS_INT = Pattern.compile("[\\s\\u00a0\\ufeff]*[+-]?(?:0[xX][0-9a-fA-F]|[0-9]).*", Pattern.DOTALL);

    private static final Route RATINGS_NOT_FOUND = answer(404, "", null, "Bookinfo's ratings (httpdispatcher) has GET and "
            + "POST /ratings/<id> and GET /health only, so {request} is 404 (its errorListener), without a body");
    private static final Route RATINGS_HEALTH = answer(200, RATINGS_HEALTHY, null, "{request} is ratings' /health: 200 "
            + RATINGS_HEALTHY);
    private static final Route RATINGS_MAIN = main(List.of(), "{request} is ratings' GET /ratings/<id>: the product's "
            + "ratings from memory; it calls nobody", false);
    private static final Route RATINGS_NOT_NUMERIC = answer(400, "{\"error\":\"please provide numeric product ID\"}", null,
            "{request}: ratings reads the product id from the URL's last segment, and parseInt finds no number there: 400");
    private static final Route RATINGS_NO_JSON = answer(400, "{\"error\":\"please provide valid ratings JSON\"}", null,
            "{request}: ratings' POST parses the request body as JSON, and meshtest's requests have none: 400");

    /**
     * ratings' {@code ratings.js}: httpdispatcher's GET and POST listeners, tested on the undecoded path. A
     * request of another method makes httpdispatcher 1.0.0 throw ({@code listeners[method]} is undefined):
     * {@code handleRequest} catches it and never answers, or, for PUT and PATCH (dispatched once their body is
     * read, outside that {@code try}), the process exits. meshtest refuses such a request rather than guess.
     */
    static Route ratings(String method, String path, String query) {
        boolean get = method.equals("GET");
        if (!get && !method.equals("POST")) {
            throw new IllegalStateException("meshtest does not simulate " + method + " " + path + " to Bookinfo's ratings: "
                    + "its httpdispatcher 1.0.0 has listeners for GET and POST only and throws on any other method: ratings.js "
                    + "catches the error and never answers (the client waits for its own timeout), or, for PUT and PATCH, "
                    + "whose body it reads first, the error escapes and the process exits; send GET or POST, or give the "
                    + "workload another app with mesh.withApp");
        }
        if (!path.startsWith("/ratings/")) {
            return get && path.equals("/health") ? RATINGS_HEALTH : RATINGS_NOT_FOUND;
        }
        // var productIdStr = req.url.split('/').pop(): the URL's last segment, its query string included
        String url = query == null || query.isEmpty() ? path : path + "?" + query;
        String last = url.substring(url.lastIndexOf('/') + 1);
        if (!JS_INT.matcher(last).matches()) {
            return RATINGS_NOT_NUMERIC;
        }
        return get ? RATINGS_MAIN : RATINGS_NO_JSON;
    }

    // ---------------------------------------------------------------- helpers

    /** {@code PATH_INFO}: the path with its percent escapes decoded (as UTF-8, as WSGI servers do; a bad escape stays). */
    static String decoded(String path) {
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

    /**
     * The first value of {@code name} in a query string ({@code null} or empty: none), as Werkzeug's
     * {@code request.args} reads it ({@code urllib.parse.parse_qsl} with blank values kept: pairs
     * split at {@code &}, {@code +} a space, percent escapes decoded as UTF-8), or {@code null}.
     */
    static String queryValue(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = decoded((eq < 0 ? pair : pair.substring(0, eq)).replace('+', ' '));
            if (key.equals(name)) {
                return eq < 0 ? "" : decoded(pair.substring(eq + 1).replace('+', ' '));
            }
        }
        return null;
    }

    /** The path {@link Kind#MERGED_SLASHES} sends the client to: slashes merged, as Werkzeug quotes it back. */
    static String mergedPath(String path) {
        return decoded(path).replace("//", "/");
    }

    /** requests' {@code requote_uri} of a decoded path segment: what is not safe in a URL is percent-encoded. */
    private static String requote(String segment) {
        StringBuilder b = null;
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean safe = c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!#$%&'()*+,/:;=?@[]".indexOf(c) >= 0);
            if (!safe && b == null) {
                b = new StringBuilder(new String(bytes, 0, i, StandardCharsets.UTF_8));
            }
            if (b != null) {
                b.append(safe ? String.valueOf((char) c) : String.format("%%%02X", c));
            }
        }
        return b == null ? segment : b.toString();
    }

    private static String werkzeugPage(int status, String name, String description) {
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

    /**
     * The calls of apps that read no port from their environment; declared last, as it makes
     * routes from the constants above.
     */
    static final Calls DEFAULT_CALLS = new Calls(CallPorts.DEFAULT);
}
