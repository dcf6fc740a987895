package dev.meshtest.internal.validate;

import dev.meshtest.config.YamlName;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * <p>Each record class gets a plan once: the components that carry a bound or lead to one. A
 * VirtualService, whose CRD bounds nothing, costs nothing to check, and a DestinationRule only
 * its traffic policies and selector: a mesh of 10,000 of each is checked in a few milliseconds.
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

    /** A component to look at: its YAML name, accessor, bound (or {@code null}), and whether Istio records under it need a look. */
    private record Step(String name, Method accessor, Size size, boolean descend) {
    }

    /** Per record class, the components that carry a bound or lead to one; empty when none does. */
    private static final ClassValue<List<Step>> PLANS = new ClassValue<>() {
        @Override
        protected List<Step> computeValue(Class<?> type) {
            return plan(type);
        }
    };

    private IstioSchemaSizes() {
    }

    /** Checks {@code spec} (at field path {@code spec}) and every Istio record under it. */
    static void check(Record spec, Findings f) {
        walk(spec, "spec", f);
    }

    private static void walk(Record rec, String path, Findings f) {
        for (Step step : PLANS.get(rec.getClass())) {
            String at = path + "." + step.name();
            Object value = value(step.accessor(), rec);
            if (value instanceof List<?> list) {
                size(step.size(), at, list.size(), "items", f);
                for (int i = 0; step.descend() && i < list.size(); i++) {
                    if (list.get(i) instanceof Record r) {
                        walk(r, at + "[" + i + "]", f);
                    }
                }
            } else if (value instanceof Map<?, ?> map) {
                size(step.size(), at, map.size(), "properties", f);
                for (Map.Entry<?, ?> e : step.descend() ? map.entrySet() : Set.<Map.Entry<?, ?>>of()) {
                    if (e.getValue() instanceof Record r) {
                        walk(r, Findings.key(at, String.valueOf(e.getKey())), f);
                    }
                }
            } else if (value instanceof Record r) {
                walk(r, at, f);
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

    private static List<Step> plan(Class<?> type) {
        List<Step> steps = new ArrayList<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            String name = yamlName(rc);
            Size size = SIZES.get(type.getSimpleName() + "." + name);
            Class<?> under = istioRecordUnder(rc.getGenericType());
            boolean descend = under != null && reachesABound(under, new HashSet<>());
            if (size != null || descend) {
                steps.add(new Step(name, rc.getAccessor(), size, descend));
            }
        }
        return List.copyOf(steps);
    }

    /** Whether a record of {@code type}, or one under it, has a bounded component. */
    private static boolean reachesABound(Class<?> type, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return false;
        }
        for (RecordComponent rc : type.getRecordComponents()) {
            if (SIZES.containsKey(type.getSimpleName() + "." + yamlName(rc))) {
                return true;
            }
            Class<?> under = istioRecordUnder(rc.getGenericType());
            if (under != null && reachesABound(under, seen)) {
                return true;
            }
        }
        return false;
    }

    private static String yamlName(RecordComponent rc) {
        YamlName yamlName = rc.getAnnotation(YamlName.class);
        return yamlName == null ? rc.getName() : yamlName.value();
    }

    /** The Istio record a component holds, directly, as list elements or as map values; else {@code null}. */
    private static Class<?> istioRecordUnder(Type t) {
        if (t instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            return args.length == 0 ? null : istioRecordUnder(args[args.length - 1]);
        }
        return t instanceof Class<?> c && c.isRecord() && c.getPackageName().equals("dev.meshtest.config.istio") ? c : null;
    }

    private static Object value(Method accessor, Record rec) {
        try {
            return accessor.invoke(rec);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        }
    }
}
