package dev.meshtest.internal.istio;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.istio.CaptureMode;
import dev.meshtest.config.istio.IstioEgressListener;
import dev.meshtest.config.istio.Protocol;
import org.apiguardian.api.API;

/**
 * Which Sidecar egress listeners are where an application's requests to services are captured
 * ({@code buildSidecarOutboundListeners}): not one with {@code captureMode: NONE}, a Unix socket
 * ({@code port: 0}) or an {@code HTTP_PROXY} port, which the application connects to itself.
 * meshtest simulates only the capturing ones; strict mode refuses the others.
 *
 * <pre>{@code
 * SidecarEgress.capturesServiceTraffic(listener);   // false for captureMode: NONE
 * }</pre>
 */
@API(status = INTERNAL, since = "0.3")
public final class SidecarEgress {

    private SidecarEgress() {
    }

    /** Whether the listener captures the application's requests to services. */
    public static boolean capturesServiceTraffic(IstioEgressListener listener) {
        return !boundByTheApplication(listener) && !unixSocket(listener) && !httpProxy(listener);
    }

    /** {@code captureMode: NONE}: the listener is bound to an address the application connects to. */
    public static boolean boundByTheApplication(IstioEgressListener listener) {
        return listener.captureMode() == CaptureMode.NONE;
    }

    /** A port of 0: the listener is a Unix socket ({@code bind: unix://...}). */
    public static boolean unixSocket(IstioEgressListener listener) {
        return listener.port() != null && (listener.port().number() == null || listener.port().number() == 0);
    }

    /** Protocol {@code HTTP_PROXY}: an HTTP proxy the application is configured to use. */
    public static boolean httpProxy(IstioEgressListener listener) {
        return listener.port() != null && listener.port().protocol() != null
                && Protocol.parse(listener.port().protocol()) == Protocol.HTTP_PROXY;
    }
}
