package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A PROXY protocol version (proto {@code TrafficPolicy.ProxyProtocol.VERSION}).
 *
 * <pre>{@code
 * proxyProtocol: {version: V1}
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public enum ProxyProtocolVersion {
    /** Version 1, human-readable. */
    V1,
    /** Version 2, binary. */
    V2
}
