package dev.meshtest.config.istio;

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
public record RingHash(Long minimumRingSize) {
}
