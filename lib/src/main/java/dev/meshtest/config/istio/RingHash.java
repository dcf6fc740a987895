package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The ring hash algorithm (proto {@code LoadBalancerSettings.ConsistentHashLB.RingHash}).
 *
 * <pre>{@code
 * ringHash:
 *   minimumRingSize: 1024
 * }</pre>
 *
 * @param minimumRingSize the minimum number of virtual nodes on the ring
 */
@API(status = STABLE, since = "0.1")
public record RingHash(Long minimumRingSize) {
}
