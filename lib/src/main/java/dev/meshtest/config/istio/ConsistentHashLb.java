package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Consistent-hash load balancing for soft session affinity (proto
 * {@code LoadBalancerSettings.ConsistentHashLB}). The hash key ({@code httpHeaderName},
 * {@code httpCookie}, {@code useSourceIp}, {@code httpQueryParameterName}) is one oneof; the
 * algorithm ({@code ringHash}, {@code maglev}) another.
 *
 * <pre>{@code
 * consistentHash:
 *   httpCookie: {name: user, ttl: 0s}
 *   ringHash: {minimumRingSize: 1024}
 * }</pre>
 *
 * @param httpHeaderName hash on this request header
 * @param httpCookie hash on this cookie, generated when absent
 * @param useSourceIp hash on the source IP address
 * @param httpQueryParameterName hash on this query parameter
 * @param ringHash use the ring hash algorithm
 * @param maglev use the Maglev algorithm
 * @param minimumRingSize deprecated (use {@code ringHash}): the minimum number of virtual nodes
 *     on the hash ring
 */
@API(status = STABLE, since = "0.1")
public record ConsistentHashLb(
        String httpHeaderName,
        HttpCookie httpCookie,
        Boolean useSourceIp,
        String httpQueryParameterName,
        RingHash ringHash,
        MagLev maglev,
        Long minimumRingSize) {
}
