package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A TLS protocol version (proto {@code ServerTLSSettings.TLSProtocol}).
 *
 * <pre>{@code
 * tls:
 *   minProtocolVersion: TLSV1_2
 *   maxProtocolVersion: TLSV1_3
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public enum TlsProtocol {
    /** The proxy's default. */
    TLS_AUTO,
    /** TLS 1.0. */
    TLSV1_0,
    /** TLS 1.1. */
    TLSV1_1,
    /** TLS 1.2. */
    TLSV1_2,
    /** TLS 1.3. */
    TLSV1_3
}
