package dev.meshtest.internal.yaml;

import dev.meshtest.config.Position;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.kube.IntOrString;
import dev.meshtest.internal.text.ApiServerText;
import dev.meshtest.internal.text.Suggestions;
import dev.meshtest.internal.yaml.RecordInfo.Component;
import dev.meshtest.internal.yaml.RecordInfo.EnumOf;
import dev.meshtest.internal.yaml.RecordInfo.Free;
import dev.meshtest.internal.yaml.RecordInfo.ListOf;
import dev.meshtest.internal.yaml.RecordInfo.MapOf;
import dev.meshtest.internal.yaml.RecordInfo.RecordOf;
import dev.meshtest.internal.yaml.RecordInfo.Scalar;
import dev.meshtest.internal.yaml.RecordInfo.Shape;
import dev.meshtest.internal.yaml.Scalars.BadValue;
import dev.meshtest.internal.yaml.Scalars.Kind;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Binds SnakeYAML's composed node tree (never constructed Java objects) to records, strictly:
 * unknown fields, wrong types, missing required fields, duplicate keys and foreign tags are
 * problems, all collected, never thrown one at a time. Records the position of every field it
 * sees into {@link #positions}, except a record's field written as null ({@code key: ~},
 * {@code key:}), which is absent.
 *
 * <p>A custom resource's fields (an Istio or Gateway API kind's, outside {@code metadata}) are
 * checked by its CRD's OpenAPI schema on a cluster, so their wrong types are reported in the API
 * server's words ({@code Invalid value: "string": spec.http[0].route[0].weight in body must be of
 * type integer: "string"}), with meshtest's hint after {@code "; "} where it has one
 * ({@code remove the quotes}); a built-in kind's, which Go decodes into typed structs, in
 * meshtest's ({@code expected an integer, found the string "abc"}). Such a wrong type, a required
 * field missing and a value not supported are <em>blocking</em> failures: when the CRD has CEL
 * rules, the object's problems end with the API server's {@link ApiServerText#NOT_CHECKED} line.
 *
 * <p>One binder serves one document. Aliases make the node tree a graph, so the binder counts the
 * nodes it visits and the depth it reaches, and stops with a problem past
 * {@link ManifestReader#MAX_NODES_PER_DOCUMENT} or {@link ManifestReader#MAX_DEPTH}.
 */
final class Binder {

    /** What a bind returns when it found a problem (already reported). */
    static final Object INVALID = new Object();

    private final Problems problems;
    private ResourceRef ref;
    private Map<String, Position> positions;
    private int budget = ManifestReader.MAX_NODES_PER_DOCUMENT;
    private boolean stopped;
    /** How the API server checks the fields of the object being bound. */
    private Kinds.FieldChecks checks = Kinds.FieldChecks.DECODED;
    /** Whether a blocking schema failure was reported for the object being bound. */
    private boolean blocked;
    /**
     * The record and component being bound, set by {@link #bindRecord} before each component: a
     * number too large for it is worded by the CRD schema of its integers ({@link #integerSchema}),
     * looked up only then.
     */
    private Class<?> integerRecord;
    private Component integerComponent;

    private final FieldPaths paths;

    Binder(Problems problems, FieldPaths paths) {
        this.problems = problems;
        this.paths = paths;
    }

    /**
     * One copy of each field path for all the documents of a source: the objects of a large
     * stream share most of their paths ({@code metadata.name}, {@code spec.hosts[0]}), and each
     * object's {@link dev.meshtest.config.Origin} keeps a position per path, so 50,000 objects
     * would otherwise keep a million equal strings.
     */
    static final class FieldPaths {
        /** Past this many distinct paths, new ones are kept as they are. */
        private static final int MAX = 100_000;
        private final Map<String, String> shared = new java.util.HashMap<>();

        private final Map<String, String> values = new java.util.HashMap<>();

        /**
         * One copy of each short string value for all the documents of a source: kinds, API
         * versions, label keys and values, port names and images repeat across a stream's objects.
         */
        String value(String text) {
            if (text.length() > 64) {
                return text;
            }
            String known = values.get(text);
            if (known != null) {
                return known;
            }
            if (values.size() < MAX) {
                values.put(text, text);
            }
            return text;
        }

        String share(String path) {
            String known = shared.get(path);
            if (known != null) {
                return known;
            }
            if (shared.size() < MAX) {
                shared.put(path, path);
            }
            return path;
        }
    }

    /** The object the following problems belong to, and where to record its field positions. */
    void target(ResourceRef ref, Map<String, Position> positions) {
        this.ref = ref;
        this.positions = positions;
    }

    boolean stopped() {
        return stopped;
    }

    // ---- entry points -----------------------------------------------------------------------

    /**
     * Binds a whole object. {@code skipRequired} names root components whose absence the caller
     * reports itself ({@code metadata}, as {@code resource name may not be empty}).
     * {@code skipKeys} names root keys the caller reads itself (a List's {@code items});
     * {@code null} accepts every unknown root key (an ignored kind's), checking only that it is plain YAML.
     */
    Object bindRoot(MappingNode node, Class<?> type, Set<String> skipRequired, Set<String> skipKeys) {
        checks = Kinds.fieldChecks(type);
        blocked = false;
        integerComponent = null;
        int since = problems.size();
        if (!enter(node, "", 0)) {
            return INVALID;
        }
        Object bound = bindRecord(node, RecordInfo.of(type), "", 0, skipRequired, skipKeys);
        if (blocked && checks == Kinds.FieldChecks.CRD_SCHEMA_AND_CEL) {
            // Once per object, after its field errors, at no field; placed where Origin.locate("<nil>") is.
            Position at = positions.get("");
            Mark mark = node.getStartMark();
            problems.addClosing(since, at == null ? mark.getLine() + 1 : at.line(),
                    at == null ? mark.getColumn() + 1 : at.column(), ref, "<nil>", ApiServerText.NOT_CHECKED);
        }
        return bound;
    }

    /**
     * Binds a map that sits at {@code path} inside a document (an item of a list the caller reads
     * itself, {@code cases[3]}), so that messages and positions carry the path from the root.
     */
    Object bindAt(MappingNode node, Class<?> type, String path, int depth) {
        checks = Kinds.FieldChecks.DECODED;
        if (!enter(node, path, depth)) {
            return INVALID;
        }
        return bindRecord(node, RecordInfo.of(type), path, depth, Set.of(), Set.of());
    }

    /** Checks a subtree whose content is dropped (accepted fields): tags, duplicate keys, limits. */
    boolean check(Node node, String path, int depth) {
        if (!enter(node, path, depth)) {
            return false;
        }
        if (node instanceof MappingNode m) {
            Entries entries = entries(m, path, depth);
            boolean ok = entries.ok;
            for (Entry e : entries.list) {
                ok &= check(e.value, join(path, e.key), depth + 1);
            }
            return ok;
        }
        if (node instanceof SequenceNode s) {
            boolean ok = true;
            List<Node> items = s.getValue();
            for (int i = 0; i < items.size(); i++) {
                ok &= check(items.get(i), path + "[" + i + "]", depth + 1);
            }
            return ok;
        }
        return true;
    }

    // ---- the walk ---------------------------------------------------------------------------

    /** Counts a node against the limits and checks its tag; false (reported) when it must not be read. */
    private boolean enter(Node node, String path, int depth) {
        if (stopped) {
            return false;
        }
        if (--budget < 0) {
            stopped = true;
            report(node.getStartMark(), path, "the document expands to more than "
                    + ManifestReader.MAX_NODES_PER_DOCUMENT + " nodes through aliases (is it a \"billion laughs\" YAML bomb?)");
            return false;
        }
        if (depth > ManifestReader.MAX_DEPTH) {
            stopped = true;
            String shown = path.length() > 60 ? path.substring(0, 60) + "..." : path;
            report(node.getStartMark(), shown, "the YAML nests deeper than " + ManifestReader.MAX_DEPTH
                    + " levels (does an alias refer to itself?)");
            return false;
        }
        if (!Scalars.allowedTag(node)) {
            report(node.getStartMark(), path, "tag " + Scalars.showTag(node.getTag())
                    + " is not allowed: manifests hold plain YAML data (maps, lists, strings, numbers, booleans, null)");
            return false;
        }
        return true;
    }

    private Object bind(Node node, Shape shape, String path, String key, int depth) {
        if (!enter(node, path, depth)) {
            return INVALID;
        }
        if (shape instanceof Free) {
            return bindFree(node, path, depth);
        }
        if (shape instanceof Scalar s) {
            return bindScalar(node, s.type(), path, key);
        }
        if (shape instanceof EnumOf e) {
            return bindEnum(node, e, path);
        }
        if (shape instanceof ListOf l) {
            return bindList(node, l.element(), path, depth);
        }
        if (shape instanceof MapOf m) {
            return bindMap(node, m.value(), path, depth);
        }
        RecordOf r = (RecordOf) shape;
        if (!(node instanceof MappingNode m)) {
            return wrongType(node, path, shape, null);
        }
        return bindRecord(m, RecordInfo.of(r.type()), path, depth, Set.of(), Set.of());
    }

    private Object bindRecord(MappingNode node, RecordInfo info, String path, int depth,
                              Set<String> skipRequired, Set<String> skipKeys) {
        Entries entries = entries(node, path, depth);
        boolean ok = entries.ok;
        Object[] args = new Object[info.components.size()];
        boolean[] present = new boolean[args.length];
        boolean[] given = new boolean[args.length];
        for (Entry e : entries.list) {
            String childPath = join(path, e.key);
            Component c = info.byName.get(e.key);
            if (c == null) {
                if (skipKeys != null && skipKeys.contains(e.key)) {
                    continue;
                }
                if (info.accepted.contains(e.key) || skipKeys == null) {
                    position(childPath, e.keyNode.getStartMark());
                    ok &= check(e.value, childPath, depth + 1);
                } else {
                    report(e.keyNode.getStartMark(), childPath, "unknown field" + (info.experimental.contains(e.key)
                            ? " (a field of the Gateway API's experimental channel: meshtest reads the standard channel of "
                            + "v1.6, as a cluster with its CRDs does)" : suggestion(e.key, info)));
                    ok = false;
                }
                continue;
            }
            if (Scalars.isNull(e.value)) {
                // key: ~ and key: mean absent, as on a cluster: the API server prunes the null of a
                // field that is not nullable before it validates a CRD's object (apiextensions'
                // PruneNonNullableNullsWithoutDefaults; a field with a default gets the default),
                // and typed decoding of a built-in kind leaves the field at its zero value. So no
                // position is recorded: the field is not "written" (Findings.written), and a
                // message about it is placed at its nearest written ancestor.
                continue;
            }
            position(childPath, e.keyNode.getStartMark());
            given[c.index()] = true;
            if (c.textPattern() != null && !matchesTextPattern(e.value, c, childPath)) {
                ok = false;
                continue;
            }
            integerRecord = info.type;
            integerComponent = c;
            Object v = c.shape() instanceof Scalar sc && sc.type() == RecordInfo.ScalarType.DURATION
                    ? bindDuration(e.value, info.type, c, childPath, e.key, depth + 1)
                    : bind(e.value, c.shape(), childPath, e.key, depth + 1);
            if (v == INVALID) {
                ok = false;
            } else {
                args[c.index()] = v;
                present[c.index()] = true;
            }
        }
        for (Component c : info.components) {
            if (c.required() && !given[c.index()] && !skipRequired.contains(c.name())) {
                String childPath = join(path, c.name());
                blocking(childPath);
                reportAtPath(node, path, childPath, ApiServerText.required(""));   // the API server's words, for every kind
                ok = false;
            }
        }
        if (!ok || stopped) {
            return INVALID;
        }
        for (Component c : info.components) {
            if (!present[c.index()]) {
                args[c.index()] = RecordInfo.absent(c);
            }
        }
        try {
            return info.constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            reportAtPath(node, path, path, why);
            return INVALID;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + info.type.getName(), e);
        }
    }

    /**
     * A component's {@code @TextPattern}, checked on the text as written (a string; other nodes
     * are left to the binding's type check), in the API server's words (those of
     * ({@link ApiServerText#notMatching}); false when reported.
     */
    private boolean matchesTextPattern(Node value, Component c, String path) {
        if (!(value instanceof ScalarNode s) || Scalars.kindOf(s) != Kind.STRING
                || c.textPattern().matcher(s.getValue()).matches()) {
            return true;
        }
        report(s.getStartMark(), path, ApiServerText.notMatching(s.getValue(), path, c.textPattern().pattern()));
        return false;
    }

    private Object bindList(Node node, Shape element, String path, int depth) {
        if (!(node instanceof SequenceNode seq)) {
            return wrongType(node, path, new ListOf(element), null);
        }
        List<Node> items = seq.getValue();
        List<Object> out = new ArrayList<>(items.size());
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String childPath = path + "[" + i + "]";
            position(childPath, item.getStartMark());
            Object v = bindElement(item, element, childPath, null, depth + 1);
            ok &= v != INVALID;
            out.add(v);
        }
        return ok ? compactList(out) : INVALID;
    }

    /** An immutable copy in one object and its array ({@code List.copyOf}), unless an item is null (a free-form YAML null). */
    private static List<Object> compactList(List<Object> out) {
        return out.contains(null) ? Collections.unmodifiableList(out) : List.copyOf(out);
    }

    private Object bindMap(Node node, Shape value, String path, int depth) {
        if (!(node instanceof MappingNode m)) {
            return wrongType(node, path, new MapOf(value), null);
        }
        Entries entries = entries(m, path, depth);
        boolean ok = entries.ok;
        Map<String, Object> out = new LinkedHashMap<>();
        for (Entry e : entries.list) {
            String childPath = join(path, e.key);
            position(childPath, e.keyNode.getStartMark());
            Object v = bindElement(e.value, value, childPath, e.key, depth + 1);
            if (v == PRUNED) {
                positions.remove(childPath);   // absent, as the API server leaves it
                continue;
            }
            ok &= v != INVALID;
            out.put(paths.value(e.key), v);
        }
        return ok ? SmallMap.copyOf(out) : INVALID;
    }

    /**
     * A list item or map value written as null ({@code - ~}, {@code key: ~}, {@code key:}), which is
     * not "absent" as a record component's is:
     * <ul>
     *   <li>a custom resource's map value is dropped: the API server prunes the null of a map value
     *       that is not nullable (apiextensions' {@code PruneNonNullableNullsWithoutDefaults}), so
     *       {@link #bindMap} leaves the key out ({@link #PRUNED});
     *   <li>a custom resource's list item is a wrong type;
     *   <li>a string of a built-in kind, or of any {@code metadata}, is {@code ""}: Go's JSON
     *       decoding leaves a null string at its zero value ({@code labels: {tier: ~}} is the label
     *       {@code tier=""}; kubectl coerces null labels and annotations alike, kubernetes#129257);
     *   <li>anything else of a built-in kind is refused in meshtest's words.
     * </ul>
     */
    private Object bindElement(Node node, Shape shape, String path, String key, int depth) {
        if (Scalars.isNull(node) && !(shape instanceof Free)) {
            if (!enter(node, path, depth)) {
                return INVALID;
            }
            if (key != null && crdField(path)) {
                return PRUNED;
            }
            if (shape instanceof Scalar s && s.type() == RecordInfo.ScalarType.STRING) {
                if (key == null && crdField(path)) {
                    return wrongType(node, path, shape, "write \"\" for an empty string");
                }
                return "";
            }
            return key == null ? wrongType(node, path, shape, null) : wrongTypeInOurWords(node, path, expected(shape), null);
        }
        return bind(node, shape, path, key, depth);
    }

    /** What {@link #bindElement} gives for a custom resource's map value written as null: no entry. */
    private static final Object PRUNED = new Object();

    private Object bindFree(Node node, String path, int depth) {
        if (node instanceof MappingNode m) {
            Entries entries = entries(m, path, depth);
            boolean ok = entries.ok;
            Map<String, Object> out = new LinkedHashMap<>();
            for (Entry e : entries.list) {
                String childPath = join(path, e.key);
                position(childPath, e.keyNode.getStartMark());
                Object v = enter(e.value, childPath, depth + 1) ? bindFree(e.value, childPath, depth + 1) : INVALID;
                ok &= v != INVALID;
                out.put(e.key, v);
            }
            return ok ? Collections.unmodifiableMap(out) : INVALID;
        }
        if (node instanceof SequenceNode s) {
            List<Node> items = s.getValue();
            List<Object> out = new ArrayList<>(items.size());
            boolean ok = true;
            for (int i = 0; i < items.size(); i++) {
                String childPath = path + "[" + i + "]";
                position(childPath, items.get(i).getStartMark());
                Object v = enter(items.get(i), childPath, depth + 1) ? bindFree(items.get(i), childPath, depth + 1)
                        : INVALID;
                ok &= v != INVALID;
                out.add(v);
            }
            return ok ? Collections.unmodifiableList(out) : INVALID;
        }
        ScalarNode s = (ScalarNode) node;
        String text = s.getValue();
        switch (Scalars.kindOf(s)) {
            case NULL:
                return null;
            case BOOL:
                return Scalars.parseBool(text);
            case INT: {
                BigInteger v = Scalars.parseInteger(text);
                if (v == null || v.bitLength() >= 64) {
                    report(s.getStartMark(), path, "the number " + text + " is out of range for a 64-bit integer");
                    return INVALID;
                }
                return v.longValue();
            }
            case FLOAT: {
                Double d = Scalars.parseFloat(text);
                if (d == null || d.isNaN() || d.isInfinite()) {
                    report(s.getStartMark(), path, "expected a finite number, found " + text);
                    return INVALID;
                }
                return d;
            }
            default:
                return text;
        }
    }

    private Object bindEnum(Node node, EnumOf e, String path) {
        if (!(node instanceof ScalarNode s)) {
            return wrongType(node, path, e, null);
        }
        String text = s.getValue();
        Kind kind = Scalars.kindOf(s);
        if (crdField(path) && (kind == Kind.INT || kind == Kind.FLOAT || kind == Kind.BOOL)) {
            // kube-openapi checks the type, then the enum: a number or a boolean fails both, and
            // apiextensions prints the value as Go does (field.NotSupported), unquoted.
            wrongType(s, path, e, null);
            report(s.getStartMark(), path, ApiServerText.notSupportedShown(goScalar(s), e.constants()));
            return INVALID;
        }
        int i = e.constants().indexOf(text);
        if (i < 0) {
            blocking(path);
            report(s.getStartMark(), path, ApiServerText.notSupported(text, e.constants()));
            return INVALID;
        }
        return e.type().getEnumConstants()[i];
    }

    private Object bindScalar(Node node, RecordInfo.ScalarType type, String path, String key) {
        if (!(node instanceof ScalarNode s)) {
            return wrongType(node, path, new Scalar(type), null);
        }
        String text = s.getValue();
        Kind kind = Scalars.kindOf(s);
        Mark at = s.getStartMark();
        try {
            switch (type) {
                case STRING:
                    if (kind == Kind.STRING || kind == Kind.TIMESTAMP || kind == Kind.MERGE) {
                        return paths.value(text);
                    }
                    String quoteIt = "quote it: " + (key == null ? "" : key + ": ") + Scalars.quote(text);
                    if (crdField(path)) {
                        return wrongType(s, path, new Scalar(type), quoteIt);
                    }
                    report(at, path, "Kubernetes requires a string here, found " + Scalars.describe(s) + "; " + quoteIt);
                    return INVALID;
                case INT:
                    return integer(s, kind, path, 32, true);
                case LONG:
                    return integer(s, kind, path, 64, true);
                case DOUBLE: {
                    if (kind == Kind.INT) {
                        BigInteger v = Scalars.parseInteger(text);
                        if (v != null) {
                            return v.doubleValue();
                        }
                    }
                    if (kind == Kind.FLOAT) {
                        Double d = Scalars.parseFloat(text);
                        if (d != null && !d.isNaN() && !d.isInfinite()) {
                            return d;
                        }
                        report(at, path, "expected a finite number, found " + text);
                        return INVALID;
                    }
                    return wrongType(s, path, new Scalar(type),
                            kind == Kind.STRING && Scalars.parseFloat(text) != null ? REMOVE_THE_QUOTES : null);
                }
                case BOOLEAN:
                    if (kind == Kind.BOOL) {
                        return Scalars.parseBool(text);
                    }
                    return wrongType(s, path, new Scalar(type), kind == Kind.STRING
                            && (text.equals("true") || text.equals("false")) ? REMOVE_THE_QUOTES : null);
                case DURATION:
                    if (kind == Kind.STRING) {
                        return Scalars.parseDuration(text);
                    }
                    // A duration is a string: a number is a wrong type.
                    return wrongType(s, path, new Scalar(type), kind == Kind.INT || kind == Kind.FLOAT
                            ? "a duration needs a unit: write " + text + "s, " + text + "ms, " + text + "m or " + text + "h" : null);
                case INSTANT:
                    if (kind == Kind.STRING || kind == Kind.TIMESTAMP) {
                        return Scalars.parseInstant(text);
                    }
                    return wrongType(s, path, new Scalar(type), null);
                case INT_OR_STRING:
                    if (kind == Kind.STRING || kind == Kind.TIMESTAMP) {
                        return IntOrString.of(text);
                    }
                    if (kind == Kind.INT || kind == Kind.FLOAT) {
                        Object v = integer(s, kind, path, 32, false);
                        return v == INVALID ? INVALID : IntOrString.of((Integer) v);
                    }
                    return wrongType(s, path, new Scalar(type), null);
                default:
                    throw new IllegalStateException(type.toString());
            }
        } catch (BadValue e) {
            report(at, path, e.getMessage());
            return INVALID;
        }
    }

    /**
     * A duration component of a record. Text Go cannot read as a duration fails where a cluster
     * fails it: a CRD field with {@link Kinds#DURATION_RULE} in the API server, whose
     * {@code duration(self)} cannot convert it (cel-go's {@code String.ConvertToType}); a field
     * without the rule in the webhook, whose decoding (golang/protobuf {@code jsonpb}) reports
     * {@code bad Duration}. Either way meshtest's advice follows after {@code ; }.
     */
    private Object bindDuration(Node node, Class<?> record, Component c, String path, String key, int depth) {
        if (!(node instanceof ScalarNode s) || Scalars.kindOf(s) != Kind.STRING || !crdField(path)) {
            return bind(node, c.shape(), path, key, depth);
        }
        if (!enter(node, path, depth)) {
            return INVALID;
        }
        try {
            return Scalars.parseDuration(s.getValue());
        } catch (BadValue e) {
            String message = Kinds.durationRuleOn(record, c.name())
                    ? ApiServerText.ruleNotEvaluated("string", "type conversion error from 'string' to 'google.protobuf.Duration'",
                            Kinds.DURATION_RULE) + "; " + e.goError() + " (" + e.advice() + ")"
                    : "error decoding configuration: bad Duration: " + e.goError() + "; " + e.advice();
            report(s.getStartMark(), path, message);
            return INVALID;
        }
    }

    /**
     * An integer of {@code bits} bits. A float with no fraction ({@code 80.0}, {@code 1e3}) is
     * accepted, as Kubernetes does: its YAML-to-JSON step writes such floats as integers. A number
     * the Java type cannot hold, at an integer field of a CRD's schema ({@code crdInteger}: the
     * component being bound is one), fails as the API server fails it ({@link CrdIntegers#refusals});
     * one the API server accepts (a {@code uint32} over 2147483647 held in an {@code Integer}) fails
     * in meshtest's words, as a limit of meshtest.
     */
    private Object integer(ScalarNode s, Kind kind, String path, int bits, boolean crdInteger) {
        String text = s.getValue();
        BigInteger v = null;
        if (kind == Kind.INT) {
            v = Scalars.parseInteger(text);
        } else if (kind == Kind.FLOAT) {
            Double d = Scalars.parseFloat(text);
            if (d != null && !d.isNaN() && !d.isInfinite() && d == Math.rint(d)) {
                v = new BigDecimal(d).toBigIntegerExact();
            }
        }
        if (v == null) {
            return wrongType(s, path, new Scalar(RecordInfo.ScalarType.LONG),
                    kind == Kind.STRING && Scalars.parseInteger(text) != null ? REMOVE_THE_QUOTES : null);
        }
        if (v.bitLength() >= bits) {
            CrdIntegers.Schema schema = crdInteger && integerComponent != null && crdField(path)
                    ? integerSchema(integerRecord, integerComponent) : null;
            if (schema != null) {
                return beyondJava(s, path, v, schema);
            }
            report(s.getStartMark(), path, "the number " + text + " is out of range for a " + bits + "-bit integer");
            return INVALID;
        }
        return bits == 32 ? (Object) v.intValue() : (Object) v.longValue();
    }

    /** The CRD schema of the integers of component {@code c} of {@code record}: itself, its items or its values. */
    private static CrdIntegers.Schema integerSchema(Class<?> record, Component c) {
        Shape shape = c.shape();
        String suffix = "";
        if (shape instanceof ListOf l) {
            shape = l.element();
            suffix = "[]";
        } else if (shape instanceof MapOf m) {
            shape = m.value();
            suffix = "{}";
        }
        if (shape instanceof Scalar sc && (sc.type() == RecordInfo.ScalarType.INT || sc.type() == RecordInfo.ScalarType.LONG)) {
            return CrdIntegers.of(record, c.name() + suffix);
        }
        return null;
    }

    /** A number at a CRD's integer field that its Java type cannot hold: the API server's refusals, else meshtest's limit. */
    private Object beyondJava(ScalarNode s, String path, BigInteger v, CrdIntegers.Schema schema) {
        List<CrdIntegers.Refusal> refusals = CrdIntegers.refusals(path, v, schema, CrdIntegers.webhookDecodes(integerRecord));
        if (refusals.isEmpty()) {
            // Only a uint32 over 2^31-1 held in an Integer gets here: a Long holds every int64, and
            // the API server refuses any larger number (a float64 past 2^53 is not an integer).
            report(s.getStartMark(), path, "the number " + v + " is a uint32 the API server accepts (up to 4294967295), and"
                    + " Istio's webhook checks it next, but meshtest holds this field as a Java int (at most 2147483647) and"
                    + " cannot simulate it");
            return INVALID;
        }
        for (CrdIntegers.Refusal r : refusals) {
            if (r.blocking()) {
                blocked = true;
            }
            report(s.getStartMark(), r.atNoField() ? "<nil>" : path, r.reason());
        }
        return INVALID;
    }

    /** The hint after a number or a boolean written in quotes where the schema wants one. */
    private static final String REMOVE_THE_QUOTES = "remove the quotes";

    /**
     * A value of the wrong type where {@code shape} is wanted: at a CRD's field in the API
     * server's words (a blocking failure), else in meshtest's; {@code hint}, if any, after
     * {@code "; "} either way.
     */
    private Object wrongType(Node node, String path, Shape shape, String hint) {
        String schemaType = schemaType(shape);
        if (schemaType == null || !crdField(path)) {
            return wrongTypeInOurWords(node, path, expected(shape), hint);
        }
        blocked = true;
        String reason = ApiServerText.typeInvalid(path, schemaType, jsonType(node));
        report(node.getStartMark(), path, hint == null ? reason : reason + "; " + hint);
        return INVALID;
    }

    private Object wrongTypeInOurWords(Node node, String path, String expected, String hint) {
        report(node.getStartMark(), path, "expected " + expected + ", found " + Scalars.describe(node)
                + (hint == null ? "" : "; " + hint));
        return INVALID;
    }

    /**
     * Whether the field at {@code path} is checked by a CRD's OpenAPI schema: any field of a
     * custom resource but its {@code metadata}, which the API server decodes as a built-in kind's.
     */
    private boolean crdField(String path) {
        return checks != Kinds.FieldChecks.DECODED && !path.equals("metadata") && !path.startsWith("metadata.");
    }

    /** A blocking schema failure at {@code path}, if it is a CRD's field. */
    private void blocking(String path) {
        if (crdField(path)) {
            blocked = true;
        }
    }

    /**
     * The OpenAPI type the CRDs give a shape ({@code null} where no one type is checked: an
     * int-or-string, free-form YAML).
     */
    private static String schemaType(Shape shape) {
        if (shape instanceof Scalar s) {
            return switch (s.type()) {
                case STRING, DURATION, INSTANT -> "string";
                case INT, LONG -> "integer";
                case DOUBLE -> "number";
                case BOOLEAN -> "boolean";
                case INT_OR_STRING -> null;
            };
        }
        if (shape instanceof EnumOf) {
            return "string";
        }
        if (shape instanceof ListOf) {
            return "array";
        }
        if (shape instanceof Free) {
            return null;
        }
        return "object";
    }

    /**
     * The JSON type of what kubectl sends for a node, as kube-openapi names it: a float without a
     * fraction ({@code 80.0}) is sent as an integer; a timestamp as a string.
     */
    private static String jsonType(Node node) {
        if (node instanceof MappingNode) {
            return "object";
        }
        if (node instanceof SequenceNode) {
            return "array";
        }
        ScalarNode s = (ScalarNode) node;
        return switch (Scalars.kindOf(s)) {
            case NULL -> "null";
            case BOOL -> "boolean";
            case INT -> "integer";
            case FLOAT -> {
                Double d = Scalars.parseFloat(s.getValue());
                yield d != null && !d.isInfinite() && d == Math.rint(d) ? "integer" : "number";
            }
            default -> "string";
        };
    }

    /**
     * A number or boolean scalar as Go's {@code %v} prints the JSON value the API server decoded
     * ({@code 1}, {@code 1.5}, {@code 1e-05}, {@code true}), for {@code Unsupported value}.
     */
    private static String goScalar(ScalarNode s) {
        String text = s.getValue();
        switch (Scalars.kindOf(s)) {
            case BOOL:
                return String.valueOf(Scalars.parseBool(text));
            case INT: {
                BigInteger v = Scalars.parseInteger(text);
                return v == null ? text : v.toString();
            }
            case FLOAT: {
                Double d = Scalars.parseFloat(text);
                if (d == null || d.isNaN() || d.isInfinite()) {
                    return text;
                }
                if (d == Math.rint(d) && Math.abs(d) < 1e19) {
                    return new BigDecimal(d).toBigIntegerExact().toString();
                }
                BigDecimal v = new BigDecimal(Double.toString(d)).stripTrailingZeros();
                int exponent = v.precision() - v.scale() - 1;
                if (exponent < -4 || exponent >= 21) {
                    String digits = v.unscaledValue().abs().toString();
                    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
                    return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                            + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
                }
                return v.toPlainString();
            }
            default:
                return Scalars.quote(text);
        }
    }

    private static String expected(Shape shape) {
        if (shape instanceof Scalar s) {
            return switch (s.type()) {
                case STRING -> "a string";
                case INT, LONG -> "an integer";
                case DOUBLE -> "a number";
                case BOOLEAN -> "a boolean (true or false)";
                case DURATION -> "a duration such as 1.5s or 100ms";
                case INSTANT -> "a timestamp such as 2024-01-02T15:04:05Z";
                case INT_OR_STRING -> "an integer or a string";
            };
        }
        if (shape instanceof EnumOf e) {
            return "one of " + quotedList(e.constants());
        }
        if (shape instanceof ListOf) {
            return "a list";
        }
        if (shape instanceof Free) {
            return "a value";
        }
        return "a map";
    }

    private static String quotedList(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(Scalars.quote(v));
        }
        return sb.toString();
    }

    // ---- mappings: keys, merges, duplicates -------------------------------------------------

    private record Entry(String key, Node keyNode, Node value) {
    }

    private record Entries(List<Entry> list, boolean ok) {
    }

    /**
     * A mapping's entries in document order, with YAML merge keys ({@code <<: *base}) applied:
     * keys written in the mapping win over merged ones, and among merged maps the first wins.
     * Keys that are not strings and keys written twice are reported and left out.
     */
    private Entries entries(MappingNode m, String path, int depth) {
        boolean ok = true;
        List<NodeTuple> tuples = m.getValue();
        List<Entry> out = new ArrayList<>(tuples.size());
        SeenKeys seen = new SeenKeys(tuples.size());
        Set<String> explicit = null;   // made when a merge key (<<) is met: most maps have none
        Set<String> merged = null;
        for (NodeTuple t : tuples) {
            Node keyNode = t.getKeyNode();
            if (!enter(keyNode, path, depth + 1)) {
                ok = false;
                continue;
            }
            if (!(keyNode instanceof ScalarNode k)) {
                report(keyNode.getStartMark(), path, "keys must be strings, found " + Scalars.describe(keyNode));
                ok = false;
                continue;
            }
            Kind kind = Scalars.kindOf(k);
            String key = k.getValue();
            if (kind == Kind.MERGE) {
                if (explicit == null) {
                    explicit = explicitKeys(tuples);
                    merged = new HashSet<>();
                }
                ok &= merge(t.getValueNode(), path, depth, explicit, merged, out);
                continue;
            }
            if (kind == Kind.INT) {
                // kubectl (sigs.k8s.io/yaml) turns an integer key into its decimal text: a
                // PeerAuthentication's portLevelMtls is written {8080: {mode: DISABLE}}.
                key = Scalars.parseInteger(key).toString();
            } else if (kind != Kind.STRING && kind != Kind.TIMESTAMP) {
                report(k.getStartMark(), join(path, key), "keys must be strings, found " + Scalars.describe(k)
                        + "; quote it: " + Scalars.quote(key) + ":");
                ok = false;
                continue;
            }
            Node first = seen.putIfAbsent(key, keyNode);
            if (first != null) {
                report(k.getStartMark(), join(path, key), "mapping key " + Scalars.quote(key)
                        + " already defined at line " + (first.getStartMark().getLine() + 1));
                ok = false;
                continue;
            }
            out.add(new Entry(key, keyNode, t.getValueNode()));
        }
        return new Entries(out, ok);
    }

    /** The keys written in a mapping itself, which a merge key (<<) does not override. */
    private static Set<String> explicitKeys(List<NodeTuple> tuples) {
        Set<String> explicit = new HashSet<>();
        for (NodeTuple t : tuples) {
            if (t.getKeyNode() instanceof ScalarNode k && Scalars.kindOf(k) != Kind.MERGE) {
                explicit.add(k.getValue());
            }
        }
        return explicit;
    }

    /**
     * The keys of one mapping met so far, with their nodes: scanned while there are few (most
     * mappings have fewer than eight keys), hashed beyond.
     */
    private static final class SeenKeys {
        private static final int SCANNED = 8;
        private final String[] keys;
        private final Node[] nodes;
        private int size;
        private Map<String, Node> many;

        SeenKeys(int capacity) {
            int n = Math.min(capacity, SCANNED);
            keys = new String[n];
            nodes = new Node[n];
        }

        /** The node of {@code key} if it was met before, else {@code null} after remembering it. */
        Node putIfAbsent(String key, Node node) {
            if (many != null) {
                return many.putIfAbsent(key, node);
            }
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return nodes[i];
                }
            }
            if (size < keys.length) {
                keys[size] = key;
                nodes[size++] = node;
                return null;
            }
            many = new HashMap<>();
            for (int i = 0; i < size; i++) {
                many.put(keys[i], nodes[i]);
            }
            return many.put(key, node);
        }
    }

    private boolean merge(Node value, String path, int depth, Set<String> explicit, Set<String> merged,
                          List<Entry> out) {
        if (!enter(value, path, depth + 1)) {
            return false;
        }
        List<Node> sources = new ArrayList<>();
        if (value instanceof MappingNode) {
            sources.add(value);
        } else if (value instanceof SequenceNode s) {
            for (Node n : s.getValue()) {
                if (!enter(n, path, depth + 2)) {
                    return false;
                }
                sources.add(n);
            }
        }
        boolean ok = true;
        for (Node source : sources) {
            if (!(source instanceof MappingNode sm)) {
                report(source.getStartMark(), path, "the value of a merge key (<<) must be a map or a list of maps, found "
                        + Scalars.describe(source));
                return false;
            }
            Entries inner = entries(sm, path, depth + 1);
            ok &= inner.ok;
            for (Entry e : inner.list) {
                if (!explicit.contains(e.key) && merged.add(e.key)) {
                    out.add(e);
                }
            }
        }
        if (sources.isEmpty()) {
            report(value.getStartMark(), path, "the value of a merge key (<<) must be a map or a list of maps, found "
                    + Scalars.describe(value));
            return false;
        }
        return ok;
    }

    // ---- places and messages ----------------------------------------------------------------

    /**
     * A field path: {@code spec.http[0].route[1].weight}. Map keys join with {@code .} even when they
     * hold dots or slashes themselves ({@code metadata.labels.app.kubernetes.io/name}): paths are for
     * people and for {@link dev.meshtest.config.Origin} lookups by the exact path, not for parsing.
     */
    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private void position(String path, Mark mark) {
        positions.putIfAbsent(paths.share(path), new Position(mark.getLine() + 1, mark.getColumn() + 1));
    }

    private void report(Mark mark, String path, String reason) {
        problems.add(mark, ref, path, reason);
    }

    /** Reports at a path's recorded position (the key), else at the node, as Origin.locate would. */
    private void reportAtPath(Node node, String at, String path, String reason) {
        Position p = positions.get(at);
        if (p != null) {
            problems.addAt(p.line(), p.column(), ref, path, reason);
        } else {
            report(node.getStartMark(), path, reason);
        }
    }

    /** {@code " (did you mean \"route\"?)"} when a known field is a likely intended one, else {@code ""}. */
    private static String suggestion(String key, RecordInfo info) {
        String best = Suggestions.closest(key, info.byName.keySet());
        return best == null ? "" : " (did you mean " + Scalars.quote(best) + "?)";
    }
}
