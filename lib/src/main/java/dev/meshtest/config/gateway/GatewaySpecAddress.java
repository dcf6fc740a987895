package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * An address requested for a Gateway.
 *
 * <pre>{@code
 * addresses:
 * - {type: Hostname, value: istio-ingressgateway.istio-system.svc.cluster.local}
 * }</pre>
 *
 * @param type {@code IPAddress} (the default), {@code Hostname}, {@code NamedAddress} or a
 *     domain-prefixed type
 * @param value the address
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record GatewaySpecAddress(
        String type,
        String value) {
}
