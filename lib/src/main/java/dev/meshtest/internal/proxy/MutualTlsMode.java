package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Which connections a workload's sidecar accepts on a port (Istio's {@code model.MutualTLSMode}),
 * as {@link PeerAuthentications} composes it from the PeerAuthentications that apply.
 *
 * <pre>{@code
 * MutualTlsMode mode = peerAuthentications.forPort(pod, 8080);   // STRICT
 * mode.acceptsPlaintext();                                       // false
 * }</pre>
 */
@API(status = INTERNAL, since = "0.4")
public enum MutualTlsMode {
    /** Plain text only: the inbound listener has no TLS filter chain. */
    DISABLE,
    /** Both: the TLS inspector sends mutual TLS to one filter chain and plain text to another. */
    PERMISSIVE,
    /** Mutual TLS only: a plain-text connection matches no filter chain and is closed. */
    STRICT;

    /** Whether a plain-text connection gets through. */
    public boolean acceptsPlaintext() {
        return this != STRICT;
    }

    /** Whether an Istio mutual TLS handshake succeeds. */
    public boolean acceptsMutualTls() {
        return this != DISABLE;
    }
}
