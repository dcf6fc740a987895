package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Send the PROXY protocol header on upstream connections (proto {@code TrafficPolicy.ProxyProtocol}).
 *
 * <pre>{@code
 * proxyProtocol:
 *   version: V2
 * }</pre>
 *
 * @param version the PROXY protocol version; absent means {@code V1}
 */
@API(status = STABLE, since = "0.1")
public record ProxyProtocol(ProxyProtocolVersion version) {
}
