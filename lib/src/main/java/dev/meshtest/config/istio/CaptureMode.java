package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How traffic reaches a Sidecar listener (proto {@code CaptureMode}).
 *
 * <pre>{@code
 * captureMode: NONE
 * }</pre>
 */
@API(status = STABLE, since = "0.3")
public enum CaptureMode {
    /** The pod's interception mode (iptables redirection, Istio's default). */
    DEFAULT,
    /** Redirected by iptables. */
    IPTABLES,
    /** Not captured: the application connects to the listener's address itself. */
    NONE
}
