package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The parts of an HTTP request that Envoy's router looks at: method, scheme, the raw
 * {@code :authority} (Host header, with any {@code :port}), path and query, and headers with
 * lower-case names.
 *
 * <pre>{@code
 * HttpRequest r = HttpRequest.get("helloworld:5000", "/hello?x=1", Map.of("end-user", "jason"));
 * r.path();          // "/hello"
 * r.query("x");      // "1"
 * }</pre>
 *
 * @param method the method, for example {@code GET}
 * @param scheme {@code http} or {@code https}
 * @param authority the Host header as sent, including any {@code :port}
 * @param path the path without the query string
 * @param queryString the query string without {@code ?}, or {@code ""}
 * @param headers request headers, names lower-case, in insertion order
 * @param tls the client's TLS session not yet terminated by a proxy (an {@code https} URL on its way
 *            to the gateway that terminates it), else {@code null}: an HTTP listener that gets it
 *            fails the handshake
 */
@API(status = INTERNAL, since = "0.1")
public record HttpRequest(String method, String scheme, String authority, String path, String queryString,
                          Map<String, String> headers, ClientTls tls) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(path, "path");
        queryString = queryString == null ? "" : queryString;
        headers = lowerCase(headers);
    }

    /** A request in plain text, or whose TLS a proxy terminated. */
    public HttpRequest(String method, String scheme, String authority, String path, String queryString, Map<String, String> headers) {
        this(method, scheme, authority, path, queryString, headers, null);
    }

    /**
     * Whether this is a plain TCP connection ({@code mesh.connect(n)}, scheme {@code tcp}) rather
     * than an HTTP request: no HTTP listener or filter can read it.
     */
    public boolean rawTcp() {
        return "tcp".equals(scheme);
    }

    /** This request once a proxy terminated its TLS: what its HTTP connection manager routes. */
    public HttpRequest withoutTls() {
        return tls == null ? this : new HttpRequest(method, scheme, authority, path, queryString, headers, null);
    }

    /** {@return this request carried inside {@code clientTls}} */
    public HttpRequest withTls(ClientTls clientTls) {
        return new HttpRequest(method, scheme, authority, path, queryString, headers, clientTls);
    }

    /** {@return the authority without its port: the host name Envoy's auto SNI sends} */
    public String host() {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(1, close);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 || authority.indexOf(':') != colon ? authority : authority.substring(0, colon);
    }

    /** A GET request; {@code pathAndQuery} may carry a query string. */
    public static HttpRequest get(String authority, String pathAndQuery, Map<String, String> headers) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? new HttpRequest("GET", "http", authority, pathAndQuery, "", headers)
                : new HttpRequest("GET", "http", authority, pathAndQuery.substring(0, q),
                        pathAndQuery.substring(q + 1), headers);
    }

    /**
     * A header's value, by case-insensitive name, or {@code null}. The names asked are mostly
     * lowercase already (an app's forwarded headers, Envoy's own): they are looked up as they are,
     * without {@code toLowerCase}'s per-character case tables.
     */
    public String header(String name) {
        if (headers.isEmpty()) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 0x80) {
                return headers.get(name.toLowerCase(Locale.ROOT));
            }
        }
        return headers.get(name);
    }

    /**
     * A query parameter's value: {@code ""} for {@code ?key} or {@code ?key=}, {@code null} when
     * absent. The first occurrence wins.
     */
    public String query(String name) {
        if (queryString.isEmpty()) {
            return null;
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }

    /** This request with another path (a rewrite), the query kept. */
    public HttpRequest withPath(String newPath) {
        return new HttpRequest(method, scheme, authority, newPath, queryString, headers, tls);
    }

    /** This request with another authority (an authority rewrite). */
    public HttpRequest withAuthority(String newAuthority) {
        return new HttpRequest(method, scheme, newAuthority, path, queryString, headers, tls);
    }

    /** This request with headers set, added and removed, in Envoy's order: remove, then set/add. */
    public HttpRequest withHeaders(HeaderMutation ops) {
        if (ops.isEmpty()) {
            return this;
        }
        Map<String, String> h = new LinkedHashMap<>(headers);
        ops.applyTo(h);
        return new HttpRequest(method, scheme, authority, path, queryString, h, tls);
    }

    private static Map<String, String> lowerCase(Map<String, String> in) {
        if (in == null || in.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Path plus {@code ?query} when there is one. */
    public String pathAndQuery() {
        return queryString.isEmpty() ? path : path + "?" + queryString;
    }

    /** The header names, for messages. */
    public List<String> headerNames() {
        return List.copyOf(headers.keySet());
    }
}
