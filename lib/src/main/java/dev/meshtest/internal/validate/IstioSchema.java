package dev.meshtest.internal.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI constraints of Istio's CRDs ({@code crd-all.gen.yaml}, the v1 schemas) that the API
 * server checks before Istio's webhook sees an object: list and map sizes ({@code minItems},
 * {@code maxItems}, {@code minProperties}, {@code maxProperties}), integer and number ranges
 * ({@code minimum}, {@code maximum}: a {@code uint32} is at least 0) and string lengths and
 * patterns ({@code minLength}, {@code maxLength}, {@code pattern}). Keyed by record and component
 * ({@code ServerTlsSettings.credentialNames}; {@code []} for a list's items, <code>{}</code> for a
 * map's values): the CRDs repeat a proto message's constraints wherever it is used (a Gateway
 * server's TLS and a Sidecar ingress listener's alike).
 *
 * <p>A list or map over its maximum is {@code Too many: 257: must have at most 256 items} and a
 * string over its length {@code Too long: may not be more than 64 bytes}, which keep the API
 * server from evaluating the CEL rules ({@link Findings#blockingSchema}); an empty list written in
 * the source under a minimum is {@code Invalid value: 0: spec.hosts in body should have at least 1
 * items} (an absent one reads as empty too, and is not checked); a number out of range
 * {@code Invalid value: -1: <path> in body should be greater than or equal to 0}.
 *
 * <p>Each record class gets a plan once: the components that carry a constraint or lead to one. A
 * mesh of 10,000 VirtualServices and DestinationRules is checked in a few milliseconds.
 *
 * <pre>{@code
 * IstioSchema.check(serviceEntry.spec(), findings);   // 257 hosts: spec.hosts: Too many: 257: ...
 * }</pre>
 */
final class IstioSchema {

    /** A bound: {@code -1} for none. */
    record Size(int min, int max) {
    }

    static final Map<String, Size> SIZES = Map.ofEntries(
            // Gateway servers[].tls and Sidecar ingress[].tls
            Map.entry("ServerTlsSettings.credentialNames", new Size(1, 2)),
            Map.entry("ServerTlsSettings.tlsCertificates", new Size(1, 2)),
            // ServiceEntry (its endpoints are WorkloadEntry specs)
            Map.entry("ServiceEntrySpec.hosts", new Size(1, 256)),
            Map.entry("ServiceEntrySpec.addresses", new Size(-1, 256)),
            Map.entry("ServiceEntrySpec.ports", new Size(-1, 256)),
            Map.entry("ServiceEntrySpec.endpoints", new Size(-1, 4096)),
            Map.entry("WorkloadEntry.labels", new Size(-1, 256)),
            Map.entry("WorkloadEntry.ports", new Size(-1, 128)),
            // Sidecar's and ServiceEntry's workloadSelector
            Map.entry("WorkloadSelector.labels", new Size(-1, 256)),
            // the selector of DestinationRule, AuthorizationPolicy, PeerAuthentication, RequestAuthentication
            Map.entry("TypeWorkloadSelector.matchLabels", new Size(-1, 4096)),
            Map.entry("TrafficPolicy.portLevelSettings", new Size(-1, 4096)),
            Map.entry("AuthorizationPolicySpec.rules", new Size(-1, 512)),
            Map.entry("AuthorizationPolicySpec.targetRefs", new Size(-1, 16)),
            Map.entry("AuthorizationRule.from", new Size(-1, 512)),
            Map.entry("AuthorizationSource.serviceAccounts", new Size(-1, 16)),
            Map.entry("AuthorizationSource.notServiceAccounts", new Size(-1, 16)),
            Map.entry("PeerAuthenticationSpec.portLevelMtls", new Size(1, -1)),
            Map.entry("RequestAuthenticationSpec.jwtRules", new Size(-1, 4096)),
            Map.entry("RequestAuthenticationSpec.targetRefs", new Size(-1, 16)),
            Map.entry("JwtRule.spaceDelimitedClaims", new Size(-1, 64)));

    /** A number's range; {@code null} for no bound. */
    record Range(Long min, Long max) {
    }

    /** A string's length bounds ({@code -1} for none) and pattern ({@code null} for none). */
    record Str(int minLength, int maxLength, String pattern) {
    }

    private static final Range UINT32 = new Range(0L, 4_294_967_295L);

    static final Map<String, Range> RANGES = Map.ofEntries(
            Map.entry("Port.number", UINT32),
            Map.entry("Port.targetPort", UINT32),
            Map.entry("PortSelector.number", UINT32),
            Map.entry("SidecarPort.number", UINT32),
            Map.entry("SidecarPort.targetPort", UINT32),
            Map.entry("ServicePort.number", UINT32),
            Map.entry("ServicePort.targetPort", UINT32),
            Map.entry("HttpMatchRequest.port", UINT32),
            Map.entry("L4MatchAttributes.port", UINT32),
            Map.entry("TlsMatchAttributes.port", UINT32),
            Map.entry("HttpRedirect.port", UINT32),
            Map.entry("HttpRedirect.redirectCode", UINT32),
            Map.entry("HttpDirectResponse.status", UINT32),
            Map.entry("HttpRoute.mirrorPercent", UINT32),
            Map.entry("HttpRoute.mirror_percent", UINT32),
            Map.entry("TunnelSettings.targetPort", UINT32),
            Map.entry("TcpKeepalive.probes", UINT32),
            Map.entry("OutlierDetection.consecutive5xxErrors", UINT32),
            Map.entry("OutlierDetection.consecutiveGatewayErrors", UINT32),
            Map.entry("OutlierDetection.consecutiveLocalOriginFailures", UINT32),
            Map.entry("OutlierDetection.outlierDetectionHttpErrorCodes[]", new Range(100L, 599L)),
            Map.entry("ConsistentHashLb.minimumRingSize", new Range(0L, null)),
            Map.entry("RingHash.minimumRingSize", new Range(0L, null)),
            Map.entry("MagLev.tableSize", new Range(0L, null)),
            Map.entry("ZoneAwareLoadBalancerSetting.minClusterSize", new Range(1L, 4_294_967_295L)),
            Map.entry("LocalityLoadBalancerSettingDistribute.to{}", UINT32),
            Map.entry("WarmupConfiguration.aggression", new Range(0L, null)),
            Map.entry("WarmupConfiguration.minimumPercent", new Range(0L, 100L)),
            Map.entry("RetryBudget.percent", new Range(0L, 100L)),
            Map.entry("RetryBudget.minRetryConcurrency", UINT32),
            Map.entry("WorkloadEntry.ports{}", UINT32),
            Map.entry("WorkloadEntry.weight", UINT32));

    private static final String GROUP = "^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    private static final String KIND = "^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$";

    static final Map<String, Str> STRINGS = Map.ofEntries(
            Map.entry("TypeWorkloadSelector.matchLabels{}", new Str(-1, 63, null)),
            Map.entry("WorkloadSelector.labels{}", new Str(-1, 63, null)),
            Map.entry("ServiceEntrySpec.addresses[]", new Str(-1, 64, null)),
            Map.entry("ServicePort.name", new Str(-1, 256, null)),
            Map.entry("ServicePort.protocol", new Str(-1, 256, null)),
            Map.entry("WorkloadEntry.address", new Str(-1, 256, null)),
            Map.entry("WorkloadEntry.locality", new Str(-1, 2048, null)),
            Map.entry("WorkloadEntry.network", new Str(-1, 2048, null)),
            Map.entry("WorkloadEntry.serviceAccount", new Str(-1, 253, null)),
            Map.entry("AuthorizationSource.serviceAccounts[]", new Str(-1, 320, null)),
            Map.entry("AuthorizationSource.notServiceAccounts[]", new Str(-1, 320, null)),
            Map.entry("PolicyTargetReference.group", new Str(-1, 253, GROUP)),
            Map.entry("PolicyTargetReference.kind", new Str(1, 63, KIND)),
            Map.entry("PolicyTargetReference.name", new Str(1, 253, null)),
            Map.entry("JwtRule.issuer", new Str(1, -1, null)),
            Map.entry("JwtRule.jwksUri", new Str(1, 2048, null)),
            Map.entry("JwtRule.audiences[]", new Str(1, -1, null)),
            Map.entry("JwtRule.fromCookies[]", new Str(1, -1, null)),
            Map.entry("JwtRule.fromParams[]", new Str(1, -1, null)),
            Map.entry("JwtRule.spaceDelimitedClaims[]", new Str(1, -1, null)),
            Map.entry("JwtHeader.name", new Str(1, -1, null)),
            Map.entry("ClaimToHeader.claim", new Str(1, -1, null)),
            Map.entry("ClaimToHeader.header", new Str(1, -1, "^[-_A-Za-z0-9]+$")));

    /**
     * A component to look at: the component, its items' and values' table keys, its size bound (or
     * {@code null}), and whether Istio records under it need a look.
     */
    private record Step(SchemaComponents.Component component, String itemKey, String valueKey, Size size, boolean descend) {
    }

    /** Per record class, the components that carry a constraint or lead to one; empty when none does. */
    private static final ClassValue<List<Step>> PLANS = new ClassValue<>() {
        @Override
        protected List<Step> computeValue(Class<?> type) {
            return plan(type);
        }
    };

    private IstioSchema() {
    }

    /** Checks {@code spec} (at field path {@code spec}) and every Istio record under it. */
    static void check(Record spec, Findings f) {
        walk(spec, "spec", f);
    }

    private static void walk(Record rec, String path, Findings f) {
        for (Step step : PLANS.get(rec.getClass())) {
            String at = path + "." + step.component().name();
            Object value = step.component().valueIn(rec);
            if (value instanceof List<?> list) {
                size(step.size(), at, list.size(), "items", f);
                for (int i = 0; i < list.size(); i++) {
                    scalarOrRecord(step.itemKey(), at + "[" + i + "]", list.get(i), step.descend(), f);
                }
            } else if (value instanceof Map<?, ?> map) {
                size(step.size(), at, map.size(), "properties", f);
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    scalarOrRecord(step.valueKey(), Findings.key(at, String.valueOf(e.getKey())), e.getValue(), step.descend(), f);
                }
            } else {
                scalarOrRecord(step.component().key(), at, value, step.descend(), f);
            }
        }
    }

    private static void scalarOrRecord(String key, String at, Object value, boolean descend, Findings f) {
        if (value instanceof String s) {
            Str c = STRINGS.get(key);
            if (c != null) {
                Values.string(f, at, s, c.minLength(), c.maxLength(), c.pattern());
            }
        } else if (value instanceof Number n) {
            Range r = RANGES.get(key);
            if (r != null) {
                Values.range(f, at, n, r.min(), r.max());
            }
        } else if (descend && value instanceof Record r) {
            walk(r, at, f);
        }
    }

    private static void size(Size size, String at, int n, String things, Findings f) {
        if (size != null) {
            Values.size(f, at, n, size.min(), size.max(), things);
        }
    }

    private static List<Step> plan(Class<?> type) {
        List<Step> steps = new ArrayList<>();
        for (SchemaComponents.Component c : SchemaComponents.of(type)) {
            String key = c.key();
            Size size = SIZES.get(key);
            boolean descend = c.recordUnder() != null && reachesABound(c.recordUnder(), new HashSet<>());
            if (size != null || constrained(key) || descend) {
                steps.add(new Step(c, key + "[]", key + "{}", size, descend));
            }
        }
        return List.copyOf(steps);
    }

    /** Whether a record of {@code type}, or one under it, has a constrained component. */
    private static boolean reachesABound(Class<?> type, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return false;
        }
        for (SchemaComponents.Component c : SchemaComponents.of(type)) {
            if (SIZES.containsKey(c.key()) || constrained(c.key())) {
                return true;
            }
            if (c.recordUnder() != null && reachesABound(c.recordUnder(), seen)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a component, its items or its values carry a range or a string constraint. */
    private static boolean constrained(String key) {
        for (String k : new String[] {key, key + "[]", key + "{}"}) {
            if (RANGES.containsKey(k) || STRINGS.containsKey(k)) {
                return true;
            }
        }
        return false;
    }
}
