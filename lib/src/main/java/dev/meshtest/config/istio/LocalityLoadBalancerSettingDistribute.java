package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * How traffic from one locality is split (proto {@code LocalityLoadBalancerSetting.Distribute}).
 *
 * <pre>{@code
 * distribute:
 * - from: us-west/zone1/*
 *   to:
 *     "us-west/zone1/*": 80
 *     "us-west/zone2/*": 20
 * }</pre>
 *
 * @param from the originating locality
 * @param to destination localities to weights
 */
@API(status = STABLE, since = "0.1")
public record LocalityLoadBalancerSettingDistribute(String from, Map<String, Integer> to) {

    /**
     * Creates an instance, reading {@code null} {@code to} (as when left out of the YAML) as empty.
     *
     * @param from the originating locality
     * @param to destination localities to weights
     */
    public LocalityLoadBalancerSettingDistribute {
        to = to == null ? Map.of() : to;
    }
}
