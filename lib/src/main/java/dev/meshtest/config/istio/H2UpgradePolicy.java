package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Whether HTTP/1.1 connections to a host are upgraded to HTTP/2 (proto
 * {@code ConnectionPoolSettings.HTTPSettings.H2UpgradePolicy}).
 *
 * <pre>{@code
 * http:
 *   h2UpgradePolicy: UPGRADE
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public enum H2UpgradePolicy {
    /** Use the mesh-wide default. */
    DEFAULT,
    /** Do not upgrade. */
    DO_NOT_UPGRADE,
    /** Upgrade to HTTP/2. */
    UPGRADE
}
