package dev.meshtest.config.istio;

/**
 * A PROXY protocol version (proto {@code TrafficPolicy.ProxyProtocol.VERSION}).
 *
 * <pre>{@code
 * proxyProtocol: {version: V1}
 * }</pre>
 */
public enum ProxyProtocolVersion {
    /** Version 1, human-readable. */
    V1,
    /** Version 2, binary. */
    V2
}
