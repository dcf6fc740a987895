package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A region failover rule of zone-aware load balancing (proto
 * {@code ZoneAwareLoadBalancerSetting.Failover}).
 *
 * <pre>{@code
 * failover:
 * - from: us-east
 *   to: eu-west
 * }</pre>
 *
 * @param from the originating region
 * @param to the region that takes over when the {@code from} region's endpoints are unhealthy
 */
@API(status = STABLE, since = "0.1")
public record ZoneAwareLoadBalancerSettingFailover(String from, String to) {
}
