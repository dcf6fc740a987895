package dev.meshtest.config.istio;

/**
 * How a redirect derives its port (proto {@code HTTPRedirect.RedirectPortSelection}).
 *
 * <pre>{@code
 * redirect:
 *   scheme: https
 *   derivePort: FROM_PROTOCOL_DEFAULT
 * }</pre>
 */
public enum RedirectPortSelection {
    /** 80 for {@code http}, 443 for {@code https}. */
    FROM_PROTOCOL_DEFAULT,
    /** The port of the request. */
    FROM_REQUEST_PORT
}
