package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.gateway.GatewayApiKinds;
import dev.meshtest.config.istio.IstioKinds;
import dev.meshtest.internal.yaml.RecordInfo.Component;
import dev.meshtest.internal.yaml.RecordInfo.ListOf;
import dev.meshtest.internal.yaml.RecordInfo.MapOf;
import dev.meshtest.internal.yaml.RecordInfo.RecordOf;
import dev.meshtest.internal.yaml.RecordInfo.Scalar;
import dev.meshtest.internal.yaml.RecordInfo.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link CrdIntegers} is the CRDs' own: every integer field the reader binds, at every path of
 * every Istio and Gateway API kind meshtest reads, gets the format, minimum, maximum and enum its
 * CRD writes there (the CRDs' integer fields, as data, in {@code yaml/crd-integers.txt}), and every
 * entry of the table is used.
 */
class CrdIntegersTest {

    /** The CRDs' integer fields: {@code "VirtualService.networking.istio.io spec.http[].route[].weight"} to {@code "int32 - - -"}. */
    private static Map<String, String> crdFields() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = CrdIntegersTest.class.getResourceAsStream("/yaml/crd-integers.txt")) {
            assertThat(in).as("yaml/crd-integers.txt").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                out.put(f[0] + " " + f[1], f[2] + " " + f[3] + " " + f[4] + " " + f[5]);
            }
        }
        return out;
    }

    private static String shown(CrdIntegers.Schema s) {
        if (s == null) {
            return "(no entry)";
        }
        String oneOf = s.oneOf() == null ? "-" : String.join(",", s.oneOf().stream().map(String::valueOf).toList());
        return (s.format() == null ? "-" : s.format()) + " " + (s.minimum() == null ? "-" : s.minimum()) + " "
                + (s.maximum() == null ? "-" : s.maximum()) + " " + oneOf;
    }

    /** Every integer component under {@code type} at {@code path}: its CRD path, and the table's schema for it. */
    private static void integers(String kind, Class<?> type, String path, Map<String, String> found, java.util.Set<String> used,
                                 int depth) {
        assertThat(depth).as("records nest at most 30 deep").isLessThan(30);
        for (Component c : RecordInfo.of(type).components) {
            Shape shape = c.shape();
            String suffix = "";
            if (shape instanceof ListOf l) {
                shape = l.element();
                suffix = "[]";
            } else if (shape instanceof MapOf m) {
                shape = m.value();
                suffix = "{}";
            }
            String at = path + "." + c.name() + suffix;
            if (shape instanceof Scalar s && (s.type() == RecordInfo.ScalarType.INT || s.type() == RecordInfo.ScalarType.LONG)) {
                String key = c.name() + suffix;
                found.put(kind + " " + at, shown(CrdIntegers.of(type, key)));
                used.add(type.getSimpleName() + "." + key);
            } else if (shape instanceof RecordOf r) {
                integers(kind, r.type(), at, found, used, depth + 1);
            }
        }
    }

    @Test
    @DisplayName("every integer the reader binds gets its CRD's format and bounds, and every entry is used")
    void everyIntegerFieldGetsItsCrdsSchema() throws IOException {
        Map<String, String> crd = crdFields();
        Map<String, String> found = new TreeMap<>();
        java.util.Set<String> used = new TreeSet<>();
        Map<String, Class<?>> kinds = new TreeMap<>();
        IstioKinds.SIMULATED.forEach((kind, type) -> kinds.put(kind + "." + IstioKinds.apiVersions(kind).get(0).replaceAll("/.*", ""), type));
        GatewayApiKinds.KINDS.forEach((kind, type) -> kinds.put(kind + ".gateway.networking.k8s.io", type));
        for (Map.Entry<String, Class<?>> k : kinds.entrySet()) {
            Component spec = RecordInfo.of(k.getValue()).byName.get("spec");
            if (spec != null && spec.shape() instanceof RecordOf r) {
                integers(k.getKey(), r.type(), "spec", found, used, 0);
            }
        }
        assertThat(found).as("integer fields the reader binds").hasSizeGreaterThan(60);
        List<String> wrong = new ArrayList<>();
        found.forEach((field, schema) -> {
            String expected = crd.getOrDefault(field, "(not an integer in the CRD)");
            if (!expected.equals(schema)) {
                wrong.add(field + ": CRD " + expected + ", CrdIntegers " + schema);
            }
        });
        assertThat(wrong).as("fields whose schema differs from the CRD's").isEmpty();
        TreeSet<String> unused = new TreeSet<>(CrdIntegers.ISTIO.keySet());
        unused.addAll(CrdIntegers.GATEWAY_API.keySet());
        unused.removeAll(used);
        assertThat(unused).as("entries no field uses").isEmpty();
    }
}
