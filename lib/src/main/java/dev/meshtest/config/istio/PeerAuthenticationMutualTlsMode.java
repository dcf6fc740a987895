package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Which connections a workload's sidecar accepts (proto {@code PeerAuthentication.MutualTLS.Mode}).
 *
 * <pre>{@code
 * mtls:
 *   mode: STRICT
 * }</pre>
 */
@API(status = STABLE, since = "0.4")
public enum PeerAuthenticationMutualTlsMode {
    /** Inherit the mode of the wider policy (workload from namespace, namespace from mesh; the mesh's is PERMISSIVE). */
    UNSET,
    /** Plain text only: a mutual TLS handshake fails. */
    DISABLE,
    /** Both mutual TLS and plain text (Istio's default). */
    PERMISSIVE,
    /** Mutual TLS only: a plain-text connection is closed. */
    STRICT
}
