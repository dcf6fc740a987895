package dev.meshtest.internal.validate;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.Position;
import dev.meshtest.internal.text.ApiServerText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one review of one object found: the API server's schema checks (the CRD's OpenAPI rules,
 * then its CEL rules), Istio's webhook errors, and Istio's webhook warnings.
 *
 * <p>The API server validates the schema before it calls the webhook, so when the schema rejects
 * an object the webhook's errors are never seen; {@link #rejections()} mirrors that. It evaluates
 * the CEL rules only when no OpenAPI failure is <em>blocking</em> (apiextensions'
 * {@code hasBlockingErr}: required, not supported, too long, too many, wrong type); after one it
 * says instead that some rules were not checked ({@link ApiServerText#NOT_CHECKED}). The reader
 * finds the wrong types, required fields and values not supported, and says the same.
 *
 * <pre>{@code
 * Findings f = new Findings(manifest);
 * f.error("spec.hosts[0]", "empty domain name not allowed");
 * f.rejections(); // [vs.yaml:7:5: VirtualService default/x: spec.hosts[0]: empty domain name not allowed]
 * }</pre>
 */
final class Findings {

    private final Manifest manifest;
    private final List<Problem> schema = new ArrayList<>();
    private final List<Problem> cel = new ArrayList<>();
    private boolean blocking;
    private boolean celRules = true;
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    Findings(Manifest manifest) {
        this.manifest = manifest;
    }

    /**
     * Whether the source wrote the field, empty or not (an absent and an empty map bind alike):
     * {@code credentialNames: []} is written. A field written as null ({@code credentialNames: ~}
     * or {@code credentialNames:}) is not, as on a cluster: the API server prunes such a null
     * before it validates (apiextensions' {@code PruneNonNullableNullsWithoutDefaults}), so CEL's
     * {@code has()} is false for it and {@code minItems} does not apply; the reader records no
     * position for it.
     */
    boolean written(String path) {
        return manifest.origin().positions().containsKey(path);
    }

    /** CEL's {@code has()} on a list or map field: it holds entries, or the source wrote it (an empty one counts). */
    boolean has(String path, java.util.Collection<?> value) {
        return !value.isEmpty() || written(path);
    }

    /** As {@link #has(String, java.util.Collection)}, for a map field. */
    boolean has(String path, java.util.Map<?, ?> value) {
        return !value.isEmpty() || written(path);
    }

    /** A CRD's OpenAPI rule failed (API server wording). {@code null} reasons are ignored. */
    void schema(String path, String reason) {
        add(schema, path, reason);
    }

    /**
     * A failure the API server reports at no field ({@code <nil>}): kube-openapi's composite errors
     * (a {@code oneOf}) carry their path in the message, which apiextensions' conversion keeps.
     * Located at {@code near}, the field it is about, so the YAML line is still given.
     */
    void schemaAtNoField(String near, String reason) {
        schema.add(new Problem(manifest.origin().locate(near), manifest.resource().ref(), "<nil>", reason));
    }

    /** As {@link #schema}, a failure that keeps the API server from evaluating the CEL rules. */
    void blockingSchema(String path, String reason) {
        add(schema, path, reason);
        blocking = true;
    }

    /** Whether a blocking OpenAPI failure keeps the CEL rules from being evaluated. */
    boolean blocked() {
        return blocking;
    }

    /**
     * The object's CRD has no CEL rules ({@link dev.meshtest.internal.yaml.Kinds.FieldChecks#CRD_SCHEMA}):
     * a blocking failure says nothing of rules not checked.
     */
    void withoutCelRules() {
        celRules = false;
    }

    /** A CRD's CEL rule failed (API server wording, see {@code Values.cel}). */
    void cel(String path, String reason) {
        add(cel, path, reason);
    }

    /** Istio's webhook rejects (Istio wording). {@code null} reasons are ignored. */
    void error(String path, String reason) {
        add(errors, path, reason);
    }

    /** Istio's webhook accepts with a warning. {@code null} reasons are ignored. */
    void warn(String path, String reason) {
        add(warnings, path, reason);
    }

    /**
     * The path of a map entry: {@code parent.key}, so {@code Origin} can find the YAML line of
     * {@code spec.http[0].match[0].headers.end-user}.
     */
    static String key(String parent, String key) {
        return parent + "." + key;
    }

    boolean hasErrors() {
        return !schema.isEmpty() || !cel.isEmpty() || !errors.isEmpty();
    }

    /**
     * Schema problems (OpenAPI, then CEL unless blocked) if any, else webhook errors; in source
     * order, except the API server's line about the CEL rules it did not check, which comes last,
     * after the field errors, as the API server appends it (and as the reader lists it).
     */
    List<Problem> rejections() {
        List<Problem> apiServer = new ArrayList<>(schema);
        if (!blocking) {
            apiServer.addAll(cel);
        }
        if (apiServer.isEmpty()) {
            return inSourceOrder(errors);
        }
        List<Problem> out = new ArrayList<>(inSourceOrder(apiServer));
        if (blocking && celRules) {
            add(out, "<nil>", ApiServerText.NOT_CHECKED);
        }
        return List.copyOf(out);
    }

    List<Problem> warnings() {
        return inSourceOrder(warnings);
    }

    private void add(List<Problem> to, String path, String reason) {
        if (reason != null) {
            to.add(Problem.at(manifest, path, reason));
        }
    }

    /**
     * Sorts by the YAML position of each field (stable, so problems at the same place keep the
     * order the validators found them in: field order). An object built in code has no positions;
     * its problems are sorted by field path instead, because the validators' order there would
     * follow the iteration order of the maps the caller passed, which for {@code Map.of} changes
     * from one JVM run to the next.
     */
    private List<Problem> inSourceOrder(List<Problem> problems) {
        List<Problem> sorted = new ArrayList<>(problems);
        Comparator<Problem> order = manifest.origin().positions().isEmpty()
                ? Comparator.comparing((Problem p) -> p.fieldPath() == null ? "" : p.fieldPath(), Findings::comparePaths)
                : Comparator.comparingInt((Problem p) -> line(p)).thenComparingInt(this::column);
        sorted.sort(order);
        return List.copyOf(sorted);
    }

    /** Field paths in document order: {@code spec.http[2]} before {@code spec.http[10]}. */
    static int comparePaths(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int ei = i;
                int ej = j;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int c = Long.compare(Long.parseLong(a.substring(i, Math.min(ei, i + 18))),
                        Long.parseLong(b.substring(j, Math.min(ej, j + 18))));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else if (x != y) {
                return Character.compare(x, y);
            } else {
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private int line(Problem p) {
        Position pos = manifest.origin().positionOf(p.fieldPath() == null ? "" : p.fieldPath());
        return pos == null ? 0 : pos.line();
    }

    private int column(Problem p) {
        Position pos = manifest.origin().positionOf(p.fieldPath() == null ? "" : p.fieldPath());
        return pos == null ? 0 : pos.column();
    }
}
