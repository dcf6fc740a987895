package dev.meshtest.config.istio;

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
public record OutboundTrafficPolicy(Mode mode) {

    /** {@code ALLOW_ANY}: pass unknown hosts through; {@code REGISTRY_ONLY}: block them. */
    public enum Mode { ALLOW_ANY, REGISTRY_ONLY }
}
