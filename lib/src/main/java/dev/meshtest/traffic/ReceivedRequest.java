package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The request as the answering app received it, after every proxy on the way: the path after a
 * VirtualService's {@code rewrite}, the authority after an authority rewrite or a {@code host}
 * header edit, the headers after {@code headers.request} edits, and {@code x-envoy-attempt-count}
 * as the last Envoy router set it (Istio turns Envoy's {@code include_request_attempt_count} on).
 *
 * <pre>{@code
 * ReceivedRequest r = result.outcomes().get(0).received().orElseThrow();
 * r.method();                         // "GET"
 * r.authority();                      // "helloworld:5000"
 * r.path();                           // "/v2/hello?x=1": the :path, query included
 * r.header("x-canary");               // Optional[true]
 * r.peerIdentity();                   // Optional[spiffe://cluster.local/ns/default/sa/sleep]: over mutual TLS
 * r.header("x-envoy-attempt-count");  // Optional[1]
 * }</pre>
 *
 * <p>Headers Envoy adds that change from request to request or depend on certificates are not
 * listed: {@code x-request-id}, {@code x-forwarded-proto}, {@code x-forwarded-client-cert},
 * {@code x-envoy-external-address}, {@code x-envoy-internal}, tracing headers ({@code x-b3-*},
 * {@code traceparent}), {@code x-envoy-expected-rq-timeout-ms}; {@link #NOT_SIMULATED} names them,
 * and the assertions refuse to check them rather than report them absent. {@code x-forwarded-for}
 * is listed: a gateway appends the address its connection came from, sidecars leave it as it is
 * (docs/security.md, "The client's address").
 *
 * @param method the method, {@code GET}
 * @param authority the {@code :authority} (Host header) as received, with any {@code :port}
 * @param path the {@code :path} as received, query string included
 * @param headers the other headers, names in lower case, sorted by name
 * @param peerIdentity the client's identity (its workload's SPIFFE ID, the URI the sidecar puts in
 *                     {@code x-forwarded-client-cert}) when the request reached the app's sidecar
 *                     over mutual TLS; empty over plain text (docs/security.md)
 */
@API(status = STABLE, since = "0.1")
public record ReceivedRequest(String method, String authority, String path, Map<String, String> headers,
                              Optional<String> peerIdentity) {

    /** Request headers a real app receives from Envoy that meshtest does not simulate. */
    public static final java.util.Set<String> NOT_SIMULATED = java.util.Set.of("x-request-id",
            "x-forwarded-proto", "x-envoy-external-address", "x-envoy-internal", "x-forwarded-client-cert", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid",
            "x-b3-sampled", "traceparent", "tracestate", "x-envoy-expected-rq-timeout-ms", "x-envoy-peer-metadata",
            "x-envoy-peer-metadata-id");

    /**
     * @param method the method
     * @param authority the authority
     * @param path the path, query included
     * @param headers the headers; names are lower-cased
     * @param peerIdentity the client's identity over mutual TLS; {@code null} reads as empty
     */
    public ReceivedRequest {
        peerIdentity = peerIdentity == null ? Optional.empty() : peerIdentity;
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(path, "path");
        TreeMap<String, String> sorted = new TreeMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> sorted.put(k.toLowerCase(Locale.ROOT), v));
        }
        headers = Collections.unmodifiableMap(sorted);
    }

    /**
     * A request received over plain text, as before 0.4.
     *
     * @param method the method
     * @param authority the authority
     * @param path the path, query included
     * @param headers the headers; names are lower-cased
     */
    public ReceivedRequest(String method, String authority, String path, Map<String, String> headers) {
        this(method, authority, path, headers, Optional.empty());
    }

    /**
     * Whether the request reached the app's sidecar over mutual TLS.
     *
     * @return {@code true} when {@link #peerIdentity()} is present
     */
    public boolean mutualTls() {
        return peerIdentity.isPresent();
    }

    /**
     * A header's value by case-insensitive name.
     *
     * @param name the header name
     * @return the value, or empty when the app did not receive the header
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return method + " " + authority + path + (headers.isEmpty() ? "" : " " + headers)
                + peerIdentity.map(p -> " (mTLS from " + p + ")").orElse("");
    }
}
