package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.istio.PathNormalization;
import dev.meshtest.internal.istio.GatewayTopology;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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
 * @param exportToDefaults the {@code exportTo} of objects that set none (Istio's {@code exportToDefaults})
 * @param pathNormalization how proxies normalize paths
 * @param autoMtls MeshConfig's {@code enableAutoMtls}: client proxies choose mutual TLS by themselves
 * @param trustDomain MeshConfig's {@code trustDomain}, the first part of every workload identity
 * @param jwks the key sets istiod would fetch from RequestAuthentication {@code jwksUri}s, by URI,
 *             as the test supplied them ({@code Mesh.withJwks})
 * @param gatewayTopology {@code defaultConfig.gatewayTopology}: gateways' trusted proxies, unless a
 *                        pod's {@code proxy.istio.io/config} says otherwise
 */
@API(status = INTERNAL, since = "0.1")
public record MeshSettings(OutboundTrafficPolicy outboundTrafficPolicy, String rootNamespace,
                           dev.meshtest.config.istio.HttpRetry defaultHttpRetryPolicy, ExportToDefaults exportToDefaults,
                           PathNormalization.Normalization pathNormalization, boolean autoMtls, String trustDomain,
                           Map<String, String> jwks, GatewayTopology gatewayTopology) {

    /**
     * MeshConfig's {@code defaultVirtualServiceExportTo}, {@code defaultDestinationRuleExportTo} and
     * {@code defaultServiceExportTo}: an empty list is Istio's default, {@code *}.
     *
     * @param virtualService for VirtualServices
     * @param destinationRule for DestinationRules
     * @param service for Services and ServiceEntries
     */
    public record ExportToDefaults(List<String> virtualService, List<String> destinationRule, List<String> service) {

        /** Every kind visible everywhere. */
        public static final ExportToDefaults ALL = new ExportToDefaults(List.of(), List.of(), List.of());

        /**
         * An object's effective {@code exportTo} (Istio's {@code PushContext} uses the mesh default when it sets none).
         *
         * @param own the object's own {@code exportTo}
         * @param meshDefault the mesh default for its kind
         * @return the list that decides its visibility
         */
        public static List<String> effective(List<String> own, List<String> meshDefault) {
            return own.isEmpty() ? meshDefault : own;
        }
    }

    /** Where a sidecar sends traffic for hosts it does not know (istio-rules §2.5). */
    public enum OutboundTrafficPolicy { ALLOW_ANY, REGISTRY_ONLY }

    /** Istio's defaults. */
    public static final MeshSettings DEFAULT = new MeshSettings(OutboundTrafficPolicy.ALLOW_ANY, "istio-system", null,
            ExportToDefaults.ALL, PathNormalization.Normalization.DEFAULT, true, "cluster.local", Map.of(),
            GatewayTopology.NONE);

    public MeshSettings {
        Objects.requireNonNull(outboundTrafficPolicy, "outboundTrafficPolicy");
        Objects.requireNonNull(rootNamespace, "rootNamespace");
        Objects.requireNonNull(pathNormalization, "pathNormalization");
        Objects.requireNonNull(trustDomain, "trustDomain");
        jwks = Collections.unmodifiableMap(new TreeMap<>(jwks));
        Objects.requireNonNull(gatewayTopology, "gatewayTopology");
    }

    /** These settings with one more key set published at {@code uri}. */
    public MeshSettings withJwks(String uri, String keySet) {
        Map<String, String> all = new TreeMap<>(jwks);
        all.put(uri, keySet);
        return new MeshSettings(outboundTrafficPolicy, rootNamespace, defaultHttpRetryPolicy, exportToDefaults, pathNormalization,
                autoMtls, trustDomain, all, gatewayTopology);
    }
}
