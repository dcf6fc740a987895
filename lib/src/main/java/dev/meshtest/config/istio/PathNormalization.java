package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * MeshConfig's {@code pathNormalization}: how every proxy normalizes a request's path before it
 * matches routes and forwards it (docs/routing.md, "Paths as Envoy sees them").
 *
 * <pre>{@code
 * pathNormalization: {normalization: MERGE_SLASHES}
 * }</pre>
 *
 * @param normalization the normalization; {@code DEFAULT} (which is {@code BASE}) when absent
 */
@API(status = STABLE, since = "0.3")
public record PathNormalization(Normalization normalization) {

    /** Istio's {@code ProxyPathNormalization.NormalizationType}. */
    public enum Normalization {
        /** Istio's default: the same as {@link #BASE}. */
        DEFAULT,
        /** No normalization: the path is matched and forwarded as received. */
        NONE,
        /**
         * RFC 3986 normalization as Envoy's {@code normalize_path} does it: {@code .} and {@code ..}
         * segments resolved (also written {@code %2e}), backslashes made slashes, escapes of
         * letters, digits and {@code -._~} decoded, characters a path may not hold escaped; a
         * path holding a NUL is answered 400.
         */
        BASE,
        /** {@link #BASE}, then runs of slashes merged into one ({@code merge_slashes}). */
        MERGE_SLASHES,
        /**
         * {@code %2F}, {@code %2f}, {@code %5C} and {@code %5c} decoded to slashes and backslashes
         * first ({@code UNESCAPE_AND_FORWARD}), then {@link #MERGE_SLASHES}.
         */
        DECODE_AND_MERGE_SLASHES
    }

    /**
     * Reads an absent {@code normalization} as {@link Normalization#DEFAULT}.
     *
     * @param normalization the normalization, or {@code null}
     */
    public PathNormalization {
        normalization = normalization == null ? Normalization.DEFAULT : normalization;
    }
}
