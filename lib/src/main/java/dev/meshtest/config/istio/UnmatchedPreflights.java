package dev.meshtest.config.istio;

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
public enum UnmatchedPreflights {
    /** Not set; Istio's documented default is {@code FORWARD}. */
    UNSPECIFIED,
    /** Forward the preflight request to the upstream. */
    FORWARD,
    /** Do not forward the preflight request to the upstream. */
    IGNORE
}
