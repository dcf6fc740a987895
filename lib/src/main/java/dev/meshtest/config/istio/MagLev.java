package dev.meshtest.config.istio;

/**
 * The Maglev algorithm (proto {@code LoadBalancerSettings.ConsistentHashLB.MagLev}); its YAML key
 * is {@code maglev}.
 *
 * <pre>{@code
 * maglev:
 *   tableSize: 65537
 * }</pre>
 *
 * @param tableSize the lookup table size, a prime number
 */
public record MagLev(Long tableSize) {
}
