package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A standard load-balancing algorithm (proto {@code LoadBalancerSettings.SimpleLB}).
 *
 * <pre>{@code
 * loadBalancer:
 *   simple: ROUND_ROBIN
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
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
