package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Istio's mesh-wide configuration (the {@code mesh} key of the {@code istio} ConfigMap, or
 * {@code meshConfig} in an IstioOperator), with the fields meshtest simulates; the rest of a
 * real MeshConfig is accepted and ignored.
 *
 * <pre>{@code
 * outboundTrafficPolicy:
 *   mode: REGISTRY_ONLY
 * }</pre>
 *
 * @param outboundTrafficPolicy what sidecars do with traffic to unknown hosts; {@code ALLOW_ANY} when absent
 * @param rootNamespace the namespace whose configs apply mesh-wide; {@code istio-system} when absent
 * @param defaultHttpRetryPolicy the retries of every HTTP route that sets none (a VirtualService rule
 *                               without {@code retries}, a Service's default route); Istio's default when absent
 * @param defaultVirtualServiceExportTo the {@code exportTo} of VirtualServices that set none; {@code *} when absent
 * @param defaultDestinationRuleExportTo the {@code exportTo} of DestinationRules that set none; {@code *} when absent
 * @param defaultServiceExportTo the {@code exportTo} of Services and ServiceEntries that set none; {@code *} when absent
 * @param pathNormalization how proxies normalize request paths; Istio's default ({@code BASE}) when absent
 * @param enableAutoMtls whether client sidecars use mutual TLS by themselves towards workloads with a
 *                       sidecar (auto mTLS); {@code true} when absent
 * @param trustDomain the trust domain of workload identities ({@code spiffe://<trustDomain>/ns/...});
 *                    {@code cluster.local} when absent
 */
@AcceptedFields({"accessLogFile", "accessLogFormat", "accessLogEncoding", "enableTracing", "enableEnvoyAccessLogService",
        "defaultConfig", "extensionProviders", "defaultProviders", "enablePrometheusMerge",
        "trustDomainAliases", "localityLbSetting", "dnsRefreshRate", "h2UpgradePolicy", "inboundClusterStatName",
        "outboundClusterStatName", "certificates", "serviceSettings", "caCertificates",
        "discoverySelectors", "connectTimeout", "tcpKeepalive",
        "protocolDetectionTimeout", "ingressClass", "ingressService", "ingressControllerMode", "ingressSelector",
        "proxyListenPort", "proxyInboundListenPort", "proxyHttpPort", "meshMTLS", "tlsDefaults",
        "verifyCertificateAtClient", "configSources", "defaultTrafficPolicy", "meshNetworks"})
@API(status = STABLE, since = "0.1")
public record MeshConfig(OutboundTrafficPolicy outboundTrafficPolicy, String rootNamespace, HttpRetry defaultHttpRetryPolicy,
                         List<String> defaultVirtualServiceExportTo, List<String> defaultDestinationRuleExportTo,
                         List<String> defaultServiceExportTo, PathNormalization pathNormalization, Boolean enableAutoMtls,
                         String trustDomain) {

    /**
     * Reads absent lists as empty.
     *
     * @param outboundTrafficPolicy what sidecars do with traffic to unknown hosts
     * @param rootNamespace the root namespace
     * @param defaultHttpRetryPolicy the default retries
     * @param defaultVirtualServiceExportTo the default exportTo of VirtualServices
     * @param defaultDestinationRuleExportTo the default exportTo of DestinationRules
     * @param defaultServiceExportTo the default exportTo of Services and ServiceEntries
     * @param pathNormalization the path normalization
     * @param enableAutoMtls whether auto mTLS is on
     * @param trustDomain the trust domain
     */
    public MeshConfig {
        defaultVirtualServiceExportTo = defaultVirtualServiceExportTo == null ? List.of() : List.copyOf(defaultVirtualServiceExportTo);
        defaultDestinationRuleExportTo = defaultDestinationRuleExportTo == null ? List.of() : List.copyOf(defaultDestinationRuleExportTo);
        defaultServiceExportTo = defaultServiceExportTo == null ? List.of() : List.copyOf(defaultServiceExportTo);
        pathNormalization = pathNormalization == null ? new PathNormalization(null) : pathNormalization;
    }

    /**
     * A MeshConfig without {@code enableAutoMtls} and {@code trustDomain}, as before 0.4.
     *
     * @param outboundTrafficPolicy what sidecars do with traffic to unknown hosts
     * @param rootNamespace the root namespace
     * @param defaultHttpRetryPolicy the default retries
     * @param defaultVirtualServiceExportTo the default exportTo of VirtualServices
     * @param defaultDestinationRuleExportTo the default exportTo of DestinationRules
     * @param defaultServiceExportTo the default exportTo of Services and ServiceEntries
     * @param pathNormalization the path normalization
     */
    public MeshConfig(OutboundTrafficPolicy outboundTrafficPolicy, String rootNamespace, HttpRetry defaultHttpRetryPolicy,
                      List<String> defaultVirtualServiceExportTo, List<String> defaultDestinationRuleExportTo,
                      List<String> defaultServiceExportTo, PathNormalization pathNormalization) {
        this(outboundTrafficPolicy, rootNamespace, defaultHttpRetryPolicy, defaultVirtualServiceExportTo,
                defaultDestinationRuleExportTo, defaultServiceExportTo, pathNormalization, null, null);
    }

    /**
     * A MeshConfig without {@code pathNormalization}, as before 0.3.
     *
     * @param outboundTrafficPolicy what sidecars do with traffic to unknown hosts
     * @param rootNamespace the root namespace
     * @param defaultHttpRetryPolicy the default retries
     * @param defaultVirtualServiceExportTo the default exportTo of VirtualServices
     * @param defaultDestinationRuleExportTo the default exportTo of DestinationRules
     * @param defaultServiceExportTo the default exportTo of Services and ServiceEntries
     */
    public MeshConfig(OutboundTrafficPolicy outboundTrafficPolicy, String rootNamespace, HttpRetry defaultHttpRetryPolicy,
                      List<String> defaultVirtualServiceExportTo, List<String> defaultDestinationRuleExportTo,
                      List<String> defaultServiceExportTo) {
        this(outboundTrafficPolicy, rootNamespace, defaultHttpRetryPolicy, defaultVirtualServiceExportTo,
                defaultDestinationRuleExportTo, defaultServiceExportTo, null, null, null);
    }
}
