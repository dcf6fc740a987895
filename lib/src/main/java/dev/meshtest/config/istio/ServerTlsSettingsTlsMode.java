package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How a Gateway server handles TLS (proto {@code ServerTLSSettings.TLSmode}).
 *
 * <pre>{@code
 * tls:
 *   mode: PASSTHROUGH
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public enum ServerTlsSettingsTlsMode {
    /** Do not terminate; route by SNI with a VirtualService's {@code tls} rules. */
    PASSTHROUGH,
    /** Terminate TLS; no client certificate requested. */
    SIMPLE,
    /** Terminate mutual TLS; a valid client certificate is required. */
    MUTUAL,
    /** Do not terminate; the destination cluster is encoded in the SNI, no VirtualService needed. */
    AUTO_PASSTHROUGH,
    /** Terminate mutual TLS with Istio's workload certificates. */
    ISTIO_MUTUAL,
    /** Like {@code MUTUAL}, but the client certificate is optional. */
    OPTIONAL_MUTUAL
}
