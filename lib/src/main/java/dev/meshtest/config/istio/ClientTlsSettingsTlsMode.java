package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How a proxy secures connections to a host (proto {@code ClientTLSSettings.TLSmode}).
 *
 * <pre>{@code
 * tls:
 *   mode: ISTIO_MUTUAL
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public enum ClientTlsSettingsTlsMode {
    /** Plain-text connections. */
    DISABLE,
    /** Originate TLS. */
    SIMPLE,
    /** Originate mutual TLS with the given client certificate. */
    MUTUAL,
    /** Originate mutual TLS with Istio's workload certificates. */
    ISTIO_MUTUAL
}
