package dev.meshtest.config.istio;

/**
 * A standard load-balancing algorithm (proto {@code LoadBalancerSettings.SimpleLB}).
 *
 * <pre>{@code
 * loadBalancer:
 *   simple: ROUND_ROBIN
 * }</pre>
 */
public enum SimpleLb {
    /** Not set; Istio picks its default. */
    UNSPECIFIED,
    /** Deprecated: use {@link #LEAST_REQUEST}. */
    LEAST_CONN,
    /** A random healthy endpoint. */
    RANDOM,
    /** Forward to the address the caller asked for, without load balancing. */
    PASSTHROUGH,
    /** Each healthy endpoint in turn. */
    ROUND_ROBIN,
    /** Favour the endpoints with the fewest outstanding requests. */
    LEAST_REQUEST
}
