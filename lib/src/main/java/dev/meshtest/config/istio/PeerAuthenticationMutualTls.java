package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A PeerAuthentication's mutual TLS settings (proto {@code PeerAuthentication.MutualTLS}).
 *
 * <pre>{@code
 * mtls:
 *   mode: PERMISSIVE
 * }</pre>
 *
 * @param mode the mode; absent: {@code UNSET}, inherited
 */
@API(status = STABLE, since = "0.4")
public record PeerAuthenticationMutualTls(PeerAuthenticationMutualTlsMode mode) {
}
