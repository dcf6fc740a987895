package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * An Envoy route's match, as Istio translates one VirtualService {@code match} block
 * ({@code TranslateRouteMatch}): a path matcher, header matchers (including {@code :method},
 * {@code :scheme} and {@code :authority}, which sees the Host header with its port), and query
 * parameter matchers, all of which must hold.
 *
 * <pre>{@code
 * match:
 * - headers: {end-user: {exact: jason}}
 *   uri: {prefix: /reviews}
 * }</pre>
 *
 * @param path the path matcher; {@code prefix /} when the block names no {@code uri}
 * @param headers header matchers, all of which must hold
 * @param queryParams query-parameter matchers, all of which must hold
 */
@API(status = INTERNAL, since = "0.1")
public record RouteMatch(StringMatcher path, List<HeaderMatcher> headers, List<QueryMatcher> queryParams) {

    /** Matches every request: prefix {@code /}. */
    public static final RouteMatch ANY = new RouteMatch(StringMatcher.prefix("/"), List.of(), List.of());

    public RouteMatch {
        headers = List.copyOf(headers);
        queryParams = List.copyOf(queryParams);
    }

    /**
     * A header condition. {@code invert} is VirtualService {@code withoutHeaders}: it holds when
     * the header's value does not match. {@code treatMissingAsEmpty} is Envoy's
     * {@code treat_missing_header_as_empty}: a missing header is matched as the empty value
     * (then inverted); otherwise a missing header fails a plain matcher and passes an inverted one.
     */
    public record HeaderMatcher(String name, StringMatcher matcher, boolean invert, boolean treatMissingAsEmpty) {

        /** A matcher that fails on a missing header (or, inverted, passes on it). */
        public HeaderMatcher(String name, StringMatcher matcher, boolean invert) {
            this(name, matcher, invert, false);
        }

        boolean matches(HttpRequest request) {
            String v = switch (name) {
                case ":method" -> request.method();
                case ":scheme" -> request.scheme();
                case ":authority" -> request.authority();
                case ":path" -> request.pathAndQuery();
                default -> request.header(name);
            };
            if (v == null) {
                if (!treatMissingAsEmpty) {
                    return invert;
                }
                v = "";
            }
            return invert != matcher.matches(v);
        }

        @Override
        public String toString() {
            return (invert ? "without " : "") + name + " " + matcher;
        }
    }

    /** A query parameter condition; {@code exact ""} matches {@code ?key} and {@code ?key=}. */
    public record QueryMatcher(String name, StringMatcher matcher) {
        boolean matches(HttpRequest request) {
            String v = request.query(name);
            return v != null && matcher.matches(v);
        }

        @Override
        public String toString() {
            return "?" + name + " " + matcher;
        }
    }

    /** Whether a request matches every condition. */
    public boolean matches(HttpRequest request) {
        if (!path.matches(request.path())) {
            return false;
        }
        // Indexed loops: the lists are List.copyOf, and an iterator per request is garbage on the hot path.
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (!headers.get(i).matches(request)) {
                return false;
            }
        }
        for (int i = 0, n = queryParams.size(); i < n; i++) {
            if (!queryParams.get(i).matches(request)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Istio's {@code IsCatchAllRoute}: prefix {@code /} or regex {@code .*} with no header or
     * query conditions. Route generation stops after it; gateways move such routes last.
     */
    public boolean isCatchAll() {
        boolean anyPath = path instanceof StringMatcher.Prefix p && p.value().equals("/")
                || path instanceof StringMatcher.Regex r && r.pattern().pattern().equals(".*");
        return anyPath && headers.isEmpty() && queryParams.isEmpty();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(path instanceof StringMatcher.Prefix p ? p.value() + "*"
                : path instanceof StringMatcher.PathSeparatedPrefix p ? p.value() + "[/*]" : path.toString());
        headers.forEach(h -> parts.add(h.toString()));
        queryParams.forEach(q -> parts.add(q.toString()));
        return String.join(" ", parts);
    }
}
