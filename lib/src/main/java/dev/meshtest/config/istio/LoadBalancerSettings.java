package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * How a proxy picks an endpoint of a host (proto {@code LoadBalancerSettings}). {@code simple}
 * and {@code consistentHash} are a oneof.
 *
 * <pre>{@code
 * loadBalancer:
 *   simple: LEAST_REQUEST
 *   localityLbSetting: {enabled: true}
 * # or
 * loadBalancer:
 *   consistentHash:
 *     httpHeaderName: x-user
 * }</pre>
 *
 * @param simple a standard algorithm
 * @param consistentHash hash-based affinity
 * @param localityLbSetting locality-weighted load balancing and failover
 * @param zoneAwareLbSetting zone-aware load balancing; not together with {@code localityLbSetting}
 * @param warmupDurationSecs deprecated (use {@code warmup}): the slow-start window for new
 *     endpoints; a duration despite its name
 * @param warmup slow start for new endpoints
 */
@API(status = STABLE, since = "0.1")
public record LoadBalancerSettings(
        SimpleLb simple,
        ConsistentHashLb consistentHash,
        LocalityLoadBalancerSetting localityLbSetting,
        ZoneAwareLoadBalancerSetting zoneAwareLbSetting,
        Duration warmupDurationSecs,
        WarmupConfiguration warmup) {
}
