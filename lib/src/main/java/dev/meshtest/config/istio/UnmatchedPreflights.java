package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * What a CORS policy does with preflight requests whose origin it does not match
 * (proto {@code CorsPolicy.UnmatchedPreflights}).
 *
 * <pre>{@code
 * corsPolicy:
 *   allowOrigins: [{exact: https://example.com}]
 *   unmatchedPreflights: IGNORE
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public enum UnmatchedPreflights {
    /** Not set; Istio's documented default is {@code FORWARD}. */
    UNSPECIFIED,
    /** Forward the preflight request to the upstream. */
    FORWARD,
    /** Do not forward the preflight request to the upstream. */
    IGNORE
}
