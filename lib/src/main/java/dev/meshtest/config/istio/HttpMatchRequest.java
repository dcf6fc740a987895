package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One match condition of an HTTP rule (proto {@code HTTPMatchRequest}); all the fields it sets
 * must hold.
 *
 * <pre>{@code
 * match:
 * - name: jason
 *   uri: {prefix: /ratings/v2/}
 *   headers: {end-user: {exact: jason}}
 *   queryParams: {debug: {exact: "1"}}
 *   ignoreUriCase: true
 * }</pre>
 *
 * @param name the match's name, appended to the route's name
 * @param uri the request path
 * @param scheme the URI scheme ({@code http}, {@code https})
 * @param method the HTTP method
 * @param authority the HTTP/2 {@code :authority} or HTTP/1.1 {@code Host} header
 * @param headers request headers that must match, lower-case name to matcher
 * @param port the port being addressed
 * @param sourceLabels labels the sending workload must carry
 * @param gateways the gateways ({@code namespace/name}, or {@code mesh}) this match applies to
 * @param queryParams query parameters that must match, name to matcher
 * @param ignoreUriCase whether {@code uri} is matched case-insensitively
 * @param withoutHeaders request headers that must not match, name to matcher
 * @param sourceNamespace the namespace of the sending workload
 * @param statPrefix a prefix for the route's stats
 */
@API(status = STABLE, since = "0.1")
public record HttpMatchRequest(
        String name,
        StringMatch uri,
        StringMatch scheme,
        StringMatch method,
        StringMatch authority,
        Map<String, StringMatch> headers,
        Integer port,
        Map<String, String> sourceLabels,
        List<String> gateways,
        Map<String, StringMatch> queryParams,
        Boolean ignoreUriCase,
        Map<String, StringMatch> withoutHeaders,
        String sourceNamespace,
        String statPrefix) {

    /**
     * Creates an instance, reading {@code null} {@code headers}, {@code sourceLabels},
     * {@code gateways}, {@code queryParams} and {@code withoutHeaders} (as when left out of the
     * YAML) as empty.
     *
     * @param name the match's name, appended to the route's name
     * @param uri the request path
     * @param scheme the URI scheme ({@code http}, {@code https})
     * @param method the HTTP method
     * @param authority the HTTP/2 {@code :authority} or HTTP/1.1 {@code Host} header
     * @param headers request headers that must match, lower-case name to matcher
     * @param port the port being addressed
     * @param sourceLabels labels the sending workload must carry
     * @param gateways the gateways ({@code namespace/name}, or {@code mesh}) this match applies to
     * @param queryParams query parameters that must match, name to matcher
     * @param ignoreUriCase whether {@code uri} is matched case-insensitively
     * @param withoutHeaders request headers that must not match, name to matcher
     * @param sourceNamespace the namespace of the sending workload
     * @param statPrefix a prefix for the route's stats
     */
    public HttpMatchRequest {
        headers = headers == null ? Map.of() : headers;
        sourceLabels = sourceLabels == null ? Map.of() : sourceLabels;
        gateways = gateways == null ? List.of() : gateways;
        queryParams = queryParams == null ? Map.of() : queryParams;
        withoutHeaders = withoutHeaders == null ? Map.of() : withoutHeaders;
    }
}
