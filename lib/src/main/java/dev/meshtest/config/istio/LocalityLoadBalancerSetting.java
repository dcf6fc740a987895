package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Locality-weighted load balancing and failover (proto {@code LocalityLoadBalancerSetting}).
 * Localities are written {@code region/zone/sub-zone}, with {@code *} wildcards.
 *
 * <pre>{@code
 * localityLbSetting:
 *   enabled: true
 *   distribute:
 *   - from: us-west/zone1/*
 *     to: {"us-west/zone1/*": 80, "us-west/zone2/*": 20}
 *   failover:
 *   - {from: us-east, to: eu-west}
 *   failoverPriority: [topology.kubernetes.io/region, topology.kubernetes.io/zone]
 * }</pre>
 *
 * @param distribute how traffic from a locality is split across localities
 * @param failover which region takes over when a region's endpoints are unhealthy
 * @param failoverPriority ordered endpoint labels that define failover priority tiers
 * @param enabled turn locality load balancing on or off for this host
 */
@API(status = STABLE, since = "0.1")
public record LocalityLoadBalancerSetting(
        List<LocalityLoadBalancerSettingDistribute> distribute,
        List<LocalityLoadBalancerSettingFailover> failover,
        List<String> failoverPriority,
        Boolean enabled) {

    /**
     * Creates an instance, reading {@code null} {@code distribute}, {@code failover} and
     * {@code failoverPriority} (as when left out of the YAML) as empty.
     *
     * @param distribute how traffic from a locality is split across localities
     * @param failover which region takes over when a region's endpoints are unhealthy
     * @param failoverPriority ordered endpoint labels that define failover priority tiers
     * @param enabled turn locality load balancing on or off for this host
     */
    public LocalityLoadBalancerSetting {
        distribute = distribute == null ? List.of() : distribute;
        failover = failover == null ? List.of() : failover;
        failoverPriority = failoverPriority == null ? List.of() : failoverPriority;
    }
}
