package dev.meshtest.internal.istio;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The {@code gateway.istio.io/} options istiod reads from a Gateway API listener's
 * {@code tls.options} ({@code pkg/config/constants}): the translation reads what it simulates,
 * strict mode refuses what it does not, both by these keys.
 *
 * <pre>{@code
 * String mode = listener.tls().options().get(GatewayListenerOptions.TLS_TERMINATE_MODE);   // "MUTUAL"
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class GatewayListenerOptions {

    /** How a {@code Terminate} listener terminates TLS: {@code MUTUAL}, {@code OPTIONAL_MUTUAL}, {@code ISTIO_MUTUAL}, {@code ISTIO_SIMPLE}. */
    public static final String TLS_TERMINATE_MODE = "gateway.istio.io/tls-terminate-mode";
    /** The cipher suites the listener accepts, comma-separated. */
    public static final String TLS_CIPHER_SUITES = "gateway.istio.io/tls-cipher-suites";
    /** {@code auto-passthrough}: the listener forwards other networks' mutual TLS by its server name. */
    public static final String LISTENER_PROTOCOL = "gateway.istio.io/listener-protocol";

    private GatewayListenerOptions() {
    }
}
