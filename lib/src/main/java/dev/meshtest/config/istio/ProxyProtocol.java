package dev.meshtest.config.istio;

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
public record ProxyProtocol(ProxyProtocolVersion version) {
}
