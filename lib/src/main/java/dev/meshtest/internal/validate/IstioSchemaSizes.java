package dev.meshtest.internal.validate;

import dev.meshtest.config.YamlName;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * The sizes Istio's CRDs allow for lists and maps ({@code minItems}, {@code maxItems},
 * {@code minProperties}, {@code maxProperties} in {@code crd-all.gen.yaml}, the v1 schemas), as
 * the API server checks them before Istio's webhook sees the object. Keyed by record and
 * component ({@code ServerTlsSettings.credentialNames}): the CRDs repeat a proto message's bounds
 * wherever it is used (a Gateway server's TLS and a Sidecar ingress listener's alike).
 *
 * <p>A list or map over its maximum is {@code Too many: 257: must have at most 256 items}, which
 * keeps the API server from evaluating the CEL rules ({@link Findings#blockingSchema}); an empty
 * one written in the source under a minimum is {@code Invalid value: 0: spec.hosts in body should
 * have at least 1 items} (an absent one reads as empty too, and is not checked).
 *
 * <pre>{@code
 * IstioSchemaSizes.check(serviceEntry.spec(), findings);   // 257 hosts: spec.hosts: Too many: 257: ...
 * }</pre>
 */
final class IstioSchemaSizes {

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

    private IstioSchemaSizes() {
    }

    /** Checks {@code spec} (at field path {@code spec}) and every Istio record under it. */
    static void check(Record spec, Findings f) {
        walk(spec, "spec", f);
    }

    private static void walk(Record rec, String path, Findings f) {
        String owner = rec.getClass().getSimpleName();
        for (RecordComponent rc : rec.getClass().getRecordComponents()) {
            YamlName yamlName = rc.getAnnotation(YamlName.class);
            String name = yamlName == null ? rc.getName() : yamlName.value();
            String at = path + "." + name;
            Object value = value(rc, rec);
            Size size = SIZES.get(owner + "." + name);
            if (value instanceof List<?> list) {
                size(size, at, list.size(), "items", f);
                for (int i = 0; i < list.size(); i++) {
                    if (isIstio(list.get(i))) {
                        walk((Record) list.get(i), at + "[" + i + "]", f);
                    }
                }
            } else if (value instanceof Map<?, ?> map) {
                size(size, at, map.size(), "properties", f);
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (isIstio(e.getValue())) {
                        walk((Record) e.getValue(), Findings.key(at, String.valueOf(e.getKey())), f);
                    }
                }
            } else if (isIstio(value)) {
                walk((Record) value, at, f);
            }
        }
    }

    private static void size(Size size, String at, int n, String things, Findings f) {
        if (size == null) {
            return;
        }
        if (size.max() >= 0 && n > size.max()) {
            f.blockingSchema(at, KubeValidation.tooMany(n, size.max()));
        } else if (n < size.min() && (n > 0 || f.written(at))) {
            // The records read an absent list or map as empty: only one the source wrote is empty.
            f.schema(at, KubeValidation.fewerThan(n, at, size.min(), things));
        }
    }

    private static boolean isIstio(Object o) {
        return o instanceof Record && o.getClass().getPackageName().equals("dev.meshtest.config.istio");
    }

    private static Object value(RecordComponent rc, Record rec) {
        try {
            return rc.getAccessor().invoke(rec);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + rc, e);
        }
    }
}
