package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * What a consistent-hash route hashes on, from the DestinationRule's {@code consistentHash}:
 * a header, a cookie, the source IP or a query parameter.
 *
 * <pre>{@code
 * trafficPolicy:
 *   loadBalancer:
 *     consistentHash: {httpHeaderName: foo}     # -> new HashPolicy(HEADER, "foo")
 * }</pre>
 *
 * @param source what is hashed
 * @param name the header, cookie or query parameter name; {@code null} for the source IP
 */
@API(status = INTERNAL, since = "0.1")
public record HashPolicy(Source source, String name) {

    /** The hash key's source. */
    public enum Source { HEADER, COOKIE, SOURCE_IP, QUERY_PARAMETER }

    @Override
    public String toString() {
        return switch (source) {
            case HEADER -> "header " + name;
            case COOKIE -> "cookie " + name;
            case SOURCE_IP -> "source ip";
            case QUERY_PARAMETER -> "query " + name;
        };
    }
}
