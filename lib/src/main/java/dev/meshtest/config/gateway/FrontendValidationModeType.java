package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Whether a Gateway accepts clients without a valid certificate.
 *
 * <pre>{@code
 * mode: AllowInsecureFallback
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public enum FrontendValidationModeType {
    /** Only clients with a valid certificate. */
    AllowValidOnly,
    /** Also clients without one. */
    AllowInsecureFallback
}
