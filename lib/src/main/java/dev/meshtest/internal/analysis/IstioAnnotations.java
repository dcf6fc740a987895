package dev.meshtest.internal.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Istio's annotations: the name, whether it is deprecated, and the resource kinds it applies to
 * ({@code Any} for every kind), as istio/api's {@code annotation/annotations.yaml} declares them.
 * The annotation analyzer reads it (istioctl's {@code annotation.AllResourceAnnotations()}).
 */
final class IstioAnnotations {

    /** One annotation: deprecated or not, and the kinds it applies to. */
    record Definition(String name, boolean deprecated, List<String> resources) {
    }

    static final Map<String, Definition> ALL;

    static {
        Map<String, Definition> t = new LinkedHashMap<>();
        put(t, "prometheus.istio.io/merge-metrics", false, "Pod");
        put(t, "alpha.istio.io/kubernetes-serviceaccounts", true, "Service");
        put(t, "alpha.istio.io/canonical-serviceaccounts", true, "Service");
        put(t, "networking.istio.io/exportTo", false, "Service");
        put(t, "sidecar.istio.io/inject", true, "Pod");
        put(t, "sidecar.istio.io/status", false, "Pod");
        put(t, "sidecar.istio.io/rewriteAppHTTPProbers", false, "Pod");
        put(t, "sidecar.istio.io/discoveryAddress", true, "Pod");
        put(t, "sidecar.istio.io/proxyImage", false, "Pod");
        put(t, "sidecar.istio.io/proxyImageType", false, "Pod");
        put(t, "sidecar.istio.io/proxyCPU", false, "Pod");
        put(t, "sidecar.istio.io/proxyCPULimit", false, "Pod");
        put(t, "sidecar.istio.io/proxyMemory", false, "Pod");
        put(t, "sidecar.istio.io/proxyMemoryLimit", false, "Pod");
        put(t, "sidecar.istio.io/interceptionMode", false, "Pod");
        put(t, "sidecar.istio.io/bootstrapOverride", false, "Pod");
        put(t, "sidecar.istio.io/statsInclusionPrefixes", true, "Pod");
        put(t, "sidecar.istio.io/statsInclusionSuffixes", true, "Pod");
        put(t, "sidecar.istio.io/statsInclusionRegexps", true, "Pod");
        put(t, "sidecar.istio.io/statsHistogramBuckets", false, "Pod");
        put(t, "sidecar.istio.io/statsFlushInterval", false, "Pod");
        put(t, "sidecar.istio.io/statsEvictionInterval", false, "Pod");
        put(t, "sidecar.istio.io/statsHistogramBins", false, "Pod");
        put(t, "sidecar.istio.io/userVolume", false, "Pod");
        put(t, "sidecar.istio.io/userVolumeMount", false, "Pod");
        put(t, "status.sidecar.istio.io/port", false, "Pod");
        put(t, "sidecar.istio.io/logLevel", false, "Pod");
        put(t, "sidecar.istio.io/componentLogLevel", false, "Pod");
        put(t, "sidecar.istio.io/agentLogLevel", false, "Pod");
        put(t, "sidecar.istio.io/nativeSidecar", false, "Pod");
        put(t, "readiness.status.sidecar.istio.io/initialDelaySeconds", false, "Pod");
        put(t, "readiness.status.sidecar.istio.io/periodSeconds", false, "Pod");
        put(t, "readiness.status.sidecar.istio.io/failureThreshold", false, "Pod");
        put(t, "readiness.status.sidecar.istio.io/applicationPorts", false, "Pod");
        put(t, "traffic.istio.io/nodeSelector", false, "Service");
        put(t, "traffic.sidecar.istio.io/includeOutboundIPRanges", false, "Pod");
        put(t, "traffic.sidecar.istio.io/excludeOutboundIPRanges", false, "Pod");
        put(t, "traffic.sidecar.istio.io/includeInboundPorts", false, "Pod");
        put(t, "traffic.sidecar.istio.io/excludeInboundPorts", false, "Pod");
        put(t, "traffic.sidecar.istio.io/excludeInterfaces", false, "Pod");
        put(t, "traffic.sidecar.istio.io/includeOutboundPorts", false, "Pod");
        put(t, "traffic.sidecar.istio.io/excludeOutboundPorts", false, "Pod");
        put(t, "traffic.sidecar.istio.io/kubevirtInterfaces", true, "Pod");
        put(t, "kubernetes.io/ingress.class", false, "Ingress");
        put(t, "galley.istio.io/analyze-suppress", false, "Any");
        put(t, "proxy.istio.io/config", false, "Pod");
        put(t, "istio.io/dry-run", false, "AuthorizationPolicy");
        put(t, "istio.io/rev", false, "Pod");
        put(t, "proxy.istio.io/overrides", false, "Pod");
        put(t, "inject.istio.io/templates", false, "Pod");
        put(t, "sidecar.istio.io/extraStatTags", true, "Pod");
        put(t, "istio.io/autoRegistrationGroup", false, "WorkloadEntry");
        put(t, "istio.io/workloadController", false, "WorkloadEntry");
        put(t, "istio.io/connectedAt", false, "WorkloadEntry");
        put(t, "istio.io/disconnectedAt", false, "WorkloadEntry");
        put(t, "topology.istio.io/controlPlaneClusters", false, "Namespace");
        put(t, "gateway.istio.io/controller-version", false, "Any");
        put(t, "ambient.istio.io/redirection", false, "Pod");
        put(t, "ambient.istio.io/waypoint-inbound-binding", false, "GatewayClass", "Gateway");
        put(t, "gateway.istio.io/service-account", false, "Gateway");
        put(t, "gateway.istio.io/name-override", false, "Gateway");
        put(t, "networking.istio.io/service-type", false, "Gateway");
        put(t, "networking.istio.io/traffic-distribution", false, "Namespace", "Service", "ServiceEntry");
        put(t, "istio.io/use-waypoint-canary-weight", false, "Service", "ServiceEntry", "Namespace");
        put(t, "ambient.istio.io/bypass-inbound-capture", false, "Pod");
        put(t, "istio.io/reroute-virtual-interfaces", false, "Pod");
        put(t, "ambient.istio.io/dns-capture", false, "Pod");
        put(t, "sidecar.istio.io/statsCompression", true, "Pod");
        ALL = Collections.unmodifiableMap(t);
    }

    private IstioAnnotations() {
    }

    private static void put(Map<String, Definition> t, String name, boolean deprecated, String... resources) {
        t.put(name, new Definition(name, deprecated, List.of(resources)));
    }
}
