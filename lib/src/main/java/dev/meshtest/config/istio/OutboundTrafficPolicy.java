package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * MeshConfig's {@code outboundTrafficPolicy}: what sidecars do with traffic to hosts outside
 * the service registry.
 *
 * <pre>{@code
 * outboundTrafficPolicy: {mode: REGISTRY_ONLY}
 * }</pre>
 *
 * @param mode {@code ALLOW_ANY} (Istio's default) or {@code REGISTRY_ONLY}
 */
@API(status = STABLE, since = "0.1")
public record OutboundTrafficPolicy(Mode mode) {

    /** What a sidecar does with a connection to a host Istio's registry does not know. */
    public enum Mode {
        /** Pass it through to the address the application dialled. Istio's default. */
        ALLOW_ANY,
        /** Block it: only hosts in the registry (Services, ServiceEntries) are reachable. */
        REGISTRY_ONLY
    }
}
