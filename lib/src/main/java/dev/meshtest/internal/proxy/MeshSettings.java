package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The MeshConfig settings routing depends on.
 *
 * <pre>{@code
 * MeshSettings.DEFAULT.outboundTrafficPolicy();   // ALLOW_ANY
 * }</pre>
 *
 * @param outboundTrafficPolicy {@code ALLOW_ANY} (Istio's default) or {@code REGISTRY_ONLY}
 * @param rootNamespace the root namespace ({@code istio-system}): its DestinationRules apply mesh-wide
 * @param defaultHttpRetryPolicy MeshConfig's {@code defaultHttpRetryPolicy}, or {@code null} for Istio's default
 */
@API(status = INTERNAL, since = "0.1")
public record MeshSettings(OutboundTrafficPolicy outboundTrafficPolicy, String rootNamespace,
                           dev.meshtest.config.istio.HttpRetry defaultHttpRetryPolicy) {

    /** Where a sidecar sends traffic for hosts it does not know (istio-rules §2.5). */
    public enum OutboundTrafficPolicy { ALLOW_ANY, REGISTRY_ONLY }

    /** Istio's defaults. */
    public static final MeshSettings DEFAULT = new MeshSettings(OutboundTrafficPolicy.ALLOW_ANY, "istio-system", null);

    public MeshSettings {
        Objects.requireNonNull(outboundTrafficPolicy, "outboundTrafficPolicy");
        Objects.requireNonNull(rootNamespace, "rootNamespace");
    }
}
