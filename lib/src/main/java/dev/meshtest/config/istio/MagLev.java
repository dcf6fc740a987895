package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

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
@API(status = STABLE, since = "0.1")
public record MagLev(Long tableSize) {
}
