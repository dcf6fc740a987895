package dev.meshtest.config.istio;

import java.util.Map;

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
