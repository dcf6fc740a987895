package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A condition of an HTTPRoute rule; all of its parts must hold (Go type {@code HTTPRouteMatch}).
 *
 * <pre>{@code
 * - path: {type: PathPrefix, value: /api}
 *   headers: [{name: version, value: v2}]
 *   queryParams: [{type: RegularExpression, name: user, value: "^j.*"}]
 *   method: GET
 * }</pre>
 *
 * @param path the path condition; absent means prefix {@code /}, which the API server writes in
 * @param headers header conditions
 * @param queryParams query parameter conditions
 * @param method the method
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record HttpRouteMatch(
        HttpPathMatch path,
        List<HttpHeaderMatch> headers,
        List<HttpQueryParamMatch> queryParams,
        HttpMethod method) {

    /**
     * Creates an instance, reading {@code null} {@code headers} and {@code queryParams} (as when left
     * out of the YAML) as empty.
     *
     * @param path the path condition; absent means prefix {@code /}, which the API server writes in
     * @param headers header conditions
     * @param queryParams query parameter conditions
     * @param method the method
     */
    public HttpRouteMatch {
        headers = headers == null ? List.of() : headers;
        queryParams = queryParams == null ? List.of() : queryParams;
    }
}
