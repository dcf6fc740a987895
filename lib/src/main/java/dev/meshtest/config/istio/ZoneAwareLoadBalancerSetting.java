package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Zone-aware load balancing (proto {@code ZoneAwareLoadBalancerSetting}).
 *
 * <pre>{@code
 * zoneAwareLbSetting:
 *   enabled: true
 *   minClusterSize: 6
 *   failover:
 *   - {from: us-east, to: eu-west}
 * }</pre>
 *
 * @param enabled turn zone-aware load balancing on or off for this host
 * @param failover which region takes over when a region's endpoints are unhealthy
 * @param failoverPriority ordered endpoint labels that define priority tiers
 * @param minClusterSize the fewest endpoints in the local region for which zone awareness applies
 */
@API(status = STABLE, since = "0.1")
public record ZoneAwareLoadBalancerSetting(
        Boolean enabled,
        List<ZoneAwareLoadBalancerSettingFailover> failover,
        List<String> failoverPriority,
        Long minClusterSize) {

    /**
     * Creates an instance, reading {@code null} {@code failover} and {@code failoverPriority} (as
     * when left out of the YAML) as empty.
     *
     * @param enabled turn zone-aware load balancing on or off for this host
     * @param failover which region takes over when a region's endpoints are unhealthy
     * @param failoverPriority ordered endpoint labels that define priority tiers
     * @param minClusterSize the fewest endpoints in the local region for which zone awareness applies
     */
    public ZoneAwareLoadBalancerSetting {
        failover = failover == null ? List.of() : failover;
        failoverPriority = failoverPriority == null ? List.of() : failoverPriority;
    }
}
