package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * An Envoy cluster's load-balancing policy, as istiod derives it from the DestinationRule
 * ({@code applyLoadBalancer} in Istio's {@code cluster_traffic_policy.go}).
 *
 * <pre>{@code
 * LoadBalancerPolicy.DEFAULT;           // LEAST_REQUEST, Istio's default since 1.14
 * LoadBalancerPolicy.ringHash(1024);    // consistentHash without maglev
 * }</pre>
 *
 * @param algorithm the Envoy LB algorithm
 * @param minimumRingSize ring-hash minimum ring size (Envoy's default 1024)
 * @param maglevTableSize Maglev table size (Envoy's default 65537)
 */
@API(status = INTERNAL, since = "0.1")
public record LoadBalancerPolicy(Algorithm algorithm, long minimumRingSize, long maglevTableSize) {

    /** Envoy's LB algorithms Istio configures. */
    public enum Algorithm { LEAST_REQUEST, ROUND_ROBIN, RANDOM, RING_HASH, MAGLEV }

    /** Envoy's default minimum ring size for ring hash. */
    public static final long DEFAULT_MIN_RING_SIZE = 1024;
    /** Envoy's default Maglev table size. */
    public static final long DEFAULT_MAGLEV_TABLE_SIZE = 65537;

    /** Istio's default: LEAST_REQUEST (since 1.14; ROUND_ROBIN before). */
    public static final LoadBalancerPolicy DEFAULT = of(Algorithm.LEAST_REQUEST);

    public static LoadBalancerPolicy of(Algorithm algorithm) {
        return new LoadBalancerPolicy(algorithm, DEFAULT_MIN_RING_SIZE, DEFAULT_MAGLEV_TABLE_SIZE);
    }

    public static LoadBalancerPolicy ringHash(long minimumRingSize) {
        return new LoadBalancerPolicy(Algorithm.RING_HASH, minimumRingSize, DEFAULT_MAGLEV_TABLE_SIZE);
    }

    public static LoadBalancerPolicy maglev(long tableSize) {
        return new LoadBalancerPolicy(Algorithm.MAGLEV, DEFAULT_MIN_RING_SIZE, tableSize);
    }

    @Override
    public String toString() {
        return switch (algorithm) {
            case RING_HASH -> "RING_HASH(min " + minimumRingSize + ")";
            case MAGLEV -> "MAGLEV(" + maglevTableSize + ")";
            default -> algorithm.name();
        };
    }
}
