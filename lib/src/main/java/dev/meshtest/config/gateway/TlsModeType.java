package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How a listener treats TLS (Go type {@code TLSModeType}).
 *
 * <pre>{@code
 * tls: {mode: Passthrough}
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public enum TlsModeType {
    /** End TLS at the gateway, with the listener's certificates. */
    Terminate,
    /** Pass TLS through to the backend, routing by SNI. */
    Passthrough
}
