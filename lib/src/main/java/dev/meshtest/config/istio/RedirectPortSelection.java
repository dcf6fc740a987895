package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How a redirect derives its port (proto {@code HTTPRedirect.RedirectPortSelection}).
 *
 * <pre>{@code
 * redirect:
 *   scheme: https
 *   derivePort: FROM_PROTOCOL_DEFAULT
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public enum RedirectPortSelection {
    /** 80 for {@code http}, 443 for {@code https}. */
    FROM_PROTOCOL_DEFAULT,
    /** The port of the request. */
    FROM_REQUEST_PORT
}
