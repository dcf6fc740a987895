package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
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
 */
@AcceptedFields({"accessLogFile", "accessLogFormat", "accessLogEncoding", "enableTracing", "enableEnvoyAccessLogService",
        "defaultConfig", "extensionProviders", "defaultProviders", "enablePrometheusMerge", "trustDomain",
        "trustDomainAliases", "localityLbSetting", "dnsRefreshRate", "h2UpgradePolicy", "inboundClusterStatName",
        "outboundClusterStatName", "certificates", "serviceSettings", "enableAutoMtls", "caCertificates",
        "discoverySelectors", "pathNormalization", "defaultVirtualServiceExportTo",
        "defaultDestinationRuleExportTo", "defaultServiceExportTo", "connectTimeout", "tcpKeepalive",
        "protocolDetectionTimeout", "ingressClass", "ingressService", "ingressControllerMode", "ingressSelector",
        "proxyListenPort", "proxyInboundListenPort", "proxyHttpPort", "meshMTLS", "tlsDefaults",
        "verifyCertificateAtClient", "configSources", "defaultTrafficPolicy", "meshNetworks"})
@API(status = STABLE, since = "0.1")
public record MeshConfig(OutboundTrafficPolicy outboundTrafficPolicy, String rootNamespace, HttpRetry defaultHttpRetryPolicy) {
}
