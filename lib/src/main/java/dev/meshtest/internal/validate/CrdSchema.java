package dev.meshtest.internal.validate;

import dev.meshtest.internal.text.ApiServerText;
import dev.meshtest.internal.yaml.CrdIntegers;
import dev.meshtest.internal.yaml.Kinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the API server applies a CRD's OpenAPI schema to a custom resource: the one walk over an
 * object's records that checks the constraints of a table, keyed by record and component
 * ({@code ParentReference.group}; {@code []} after it for a list's items, <code>{}</code> for a
 * map's values: the CRDs repeat a type's constraints wherever it is used). The tables are data:
 * {@link IstioSchema} (Istio's CRDs) and {@link GatewayApiSchema} (the Gateway API's), applied by
 * {@link #ISTIO} and {@link #GATEWAY_API}.
 *
 * <p>The constraints and the API server's words for them ({@link ApiServerText}, through
 * {@link Values}):
 * <ul>
 *   <li>{@link Str}: {@code minLength}, {@code maxLength} ({@code Too long: may not be more than 64
 *       bytes}), {@code pattern}, {@code enum} ({@code Unsupported value: "ftp": supported values:
 *       "http", "https"});
 *   <li>{@link Num}: {@code minimum}, {@code maximum} ({@code Invalid value: -1: <path> in body
 *       should be greater than or equal to 0}), {@code enum};
 *   <li>{@link Size}: {@code minItems}/{@code maxItems}, {@code minProperties}/{@code maxProperties}
 *       ({@code Too many: 257: must have at most 256 items}; a list or map under its minimum only
 *       when the source wrote it, as an absent one reads as empty), and
 *       {@code x-kubernetes-list-type: map/set} ({@code Duplicate value: ...});
 *   <li>the Gateway API's duration pattern on a parsed duration ({@link #DURATION}), and the CEL rule
 *       {@code duration(self) >= duration('1ms')} Istio's CRDs put on their durations but three
 *       ({@link Kinds#durationRuleOn}: {@code Invalid value: "string": must be a valid duration greater than 1ms});
 *   <li>a {@code required} component
 *       ({@code @Required}) that is absent and a null list item ({@code Required value},
 *       {@code Invalid value: "null": ... must be of type string}).
 * </ul>
 * Failures the API server counts as blocking (required, not supported, too long, too many, wrong
 * type) keep it from evaluating the CEL rules ({@link Findings#blockingSchema}).
 *
 * <p>Each record class gets a plan once per table: the components that carry a constraint or lead
 * to one. On issue 11's mesh (10,000 VirtualServices and DestinationRules, each checked) the walk is about 1% of an
 * apply's CPU (async-profiler, seventeenth session).
 *
 * <pre>{@code
 * CrdSchema.ISTIO.check(serviceEntry.spec(), "spec", findings);   // 257 hosts: spec.hosts: Too many: 257: ...
 * CrdSchema.GATEWAY_API.check(route.spec(), "spec", findings);    // spec.hostnames[0]: Invalid value: "Foo": ... should match '^(\*\.)?...$'
 * }</pre>
 */
final class CrdSchema {

    /** A string's {@code minLength} and {@code maxLength} ({@code -1} for none), {@code pattern} and {@code enum} ({@code null} for none). */
    record Str(int minLength, int maxLength, String pattern, List<String> oneOf) {
        Str(int minLength, int maxLength, String pattern) {
            this(minLength, maxLength, pattern, null);
        }
    }

    /** A number's {@code minimum}, {@code maximum} and {@code enum}; {@code null} for none. */
    record Num(Long minimum, Long maximum, List<Long> oneOf) {
        Num(Long minimum, Long maximum) {
            this(minimum, maximum, null);
        }
    }

    /**
     * A list's or map's size bounds ({@code -1} for none) and, for a list, its
     * {@code x-kubernetes-list-type}: {@code map} with its key component ({@code null} for none), or {@code set}.
     */
    record Size(int min, int max, String mapKey, boolean set) {
        Size(int min, int max) {
            this(min, max, null, false);
        }
    }

    /** The Gateway API's duration pattern ({@code HTTPRoute}'s timeouts), as the CRDs write it. */
    static final String DURATION = dev.meshtest.config.gateway.HttpRouteTimeouts.DURATION_PATTERN;

    /** Istio's CRDs ({@code crd-all.gen.yaml}), with their required fields and the items' types. */
    static final CrdSchema ISTIO = new CrdSchema(IstioSchema.STRINGS, numbers(IstioSchema.RANGES, CrdIntegers.istio()),
            IstioSchema.SIZES, Set.of());

    /** The Gateway API's standard-channel CRDs (v1.6), with their required fields and the items' types. */
    static final CrdSchema GATEWAY_API = new CrdSchema(GatewayApiSchema.STRINGS, numbers(Map.of(), CrdIntegers.gatewayApi()),
            GatewayApiSchema.SIZES, GatewayApiSchema.DURATIONS);

    /**
     * The bounds of a table's numbers: those of its other numbers, and its integers' minimum,
     * maximum and enum from {@link CrdIntegers} (which the reader applies to numbers too large for
     * a record's {@code Integer} or {@code Long}, and this walk to every value a record holds).
     */
    private static Map<String, Num> numbers(Map<String, Num> others, Map<String, CrdIntegers.Schema> integers) {
        Map<String, Num> all = new HashMap<>(others);
        integers.forEach((key, s) -> {
            if (s.minimum() != null || s.maximum() != null || s.oneOf() != null) {
                all.put(key, new Num(s.minimum(), s.maximum(), s.oneOf()));
            }
        });
        return Map.copyOf(all);
    }

    private static final Duration ONE_MS = Duration.ofMillis(1);

    private final Map<String, Str> strings;
    private final Map<String, Num> numbers;
    private final Map<String, Size> sizes;
    private final Set<String> durations;

    /** Per record class, the components that carry a constraint or lead to one; empty when none does. */
    private final ClassValue<List<Step>> plans = new ClassValue<>() {
        @Override
        protected List<Step> computeValue(Class<?> type) {
            return plan(type);
        }
    };

    private CrdSchema(Map<String, Str> strings, Map<String, Num> numbers, Map<String, Size> sizes, Set<String> durations) {
        this.strings = strings;
        this.numbers = numbers;
        this.sizes = sizes;
        this.durations = durations;
    }

    /**
     * A component to look at: its constraints, its items' ({@code []}) and its values' (<code>{}</code>),
     * and whether records under it need a look.
     */
    private record Step(SchemaComponents.Component component, Size size, Str str, Num num, boolean duration, boolean durationRule,
            Str itemStr, Num itemNum, Str valueStr, Num valueNum, boolean descend) {
    }

    /** Checks {@code rec}, at field path {@code path} ({@code spec}), and every record under it. */
    void check(Record rec, String path, Findings f) {
        for (Step step : plans.get(rec.getClass())) {
            SchemaComponents.Component c = step.component();
            String at = path + "." + c.name();
            Object value = c.valueIn(rec);
            if (value == null) {
                if (c.required()) {
                    f.blockingSchema(at, ApiServerText.required(""));
                }
            } else if (value instanceof List<?> list) {
                list(step, at, list, f);
            } else if (value instanceof Map<?, ?> map) {
                if (step.size() != null) {
                    Values.size(f, at, map.size(), step.size().min(), step.size().max(), "properties");
                }
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    scalarOrRecord(step.valueStr(), step.valueNum(), step.descend(),
                            Findings.key(at, String.valueOf(e.getKey())), e.getValue(), f);
                }
            } else if (value instanceof Duration d) {
                if (step.duration()) {
                    duration(at, d, f);
                }
                if (step.durationRule() && d.compareTo(ONE_MS) < 0) {
                    Values.cel(f, at, "string", Kinds.DURATION_RULE);   // duration(self) >= duration('1ms')
                }
            } else {
                scalarOrRecord(step.str(), step.num(), step.descend(), at, value, f);
            }
        }
    }

    private void list(Step step, String at, List<?> list, Findings f) {
        if (list.isEmpty() && !f.written(at)) {
            // The records read an absent list as empty: only a list written in the source is empty.
            if (step.component().required()) {
                f.blockingSchema(at, ApiServerText.required(""));
            }
            return;
        }
        Size size = step.size();
        if (size != null) {
            Values.size(f, at, list.size(), size.min(), size.max(), "items");
            unique(size, at, list, f);
        }
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            String item = at + "[" + i + "]";
            if (e == null) {
                // only a list built in code can hold a null; the API server would refuse the JSON null by type
                f.blockingSchema(item, ApiServerText.typeInvalid(item, step.component().itemType(), "null"));
            } else {
                scalarOrRecord(step.itemStr(), step.itemNum(), step.descend(), item, e, f);
            }
        }
    }

    private void scalarOrRecord(Str str, Num num, boolean descend, String at, Object value, Findings f) {
        if (value instanceof String s) {
            if (str != null) {
                string(str, at, s, f);
            }
        } else if (value instanceof Number n) {
            if (num != null) {
                number(num, at, n, f);
            }
        } else if (descend && value instanceof Record r) {
            check(r, at, f);
        }
    }

    private static void string(Str c, String at, String s, Findings f) {
        if (c.oneOf() != null) {
            if (!c.oneOf().contains(s)) {
                f.blockingSchema(at, ApiServerText.notSupported(s, c.oneOf()));
            }
            return;
        }
        Values.string(f, at, s, c.minLength(), c.maxLength(), c.pattern());
    }

    private static void number(Num c, String at, Number n, Findings f) {
        if (c.oneOf() != null) {
            if (!c.oneOf().contains(n.longValue())) {
                f.blockingSchema(at, ApiServerText.notSupported(n.longValue(), c.oneOf().stream().map(String::valueOf).toList()));
            }
            return;
        }
        Values.range(f, at, n, c.minimum(), c.maximum());
    }

    /** {@code x-kubernetes-list-type}: a set's values, and a map-list's keys, are unique. */
    private static void unique(Size size, String at, List<?> list, Findings f) {
        if (size.set()) {
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                if (!seen.add(list.get(i))) {
                    f.schema(at + "[" + i + "]", ApiServerText.duplicate(list.get(i)));
                }
            }
        } else if (size.mapKey() != null) {
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Object k = keyOf(list.get(i), size.mapKey());
                if (k != null && !seen.add(k)) {
                    f.schema(at + "[" + i + "]", ApiServerText.duplicateMapKey(size.mapKey(), k));
                }
            }
        }
    }

    private static Object keyOf(Object element, String component) {
        if (element instanceof Record r) {
            for (SchemaComponents.Component c : SchemaComponents.of(r.getClass())) {
                if (c.accessor().getName().equals(component)) {
                    return c.valueIn(r);
                }
            }
        }
        return null;
    }

    /**
     * The API's duration pattern on a parsed value: the reader checks the text of YAML against the
     * pattern ({@code @TextPattern}); a duration made in code is refused when no text of that
     * pattern can express it (a fraction of a millisecond, or more than 99999 hours), and shown as
     * Go prints it.
     */
    private static void duration(String at, Duration d, Findings f) {
        boolean expressible = !d.isNegative() && d.getNano() % 1_000_000 == 0 && d.toHours() <= 99_999;
        if (!expressible) {
            f.schema(at, ApiServerText.notMatching(GatewayApiValidator.goDuration(d), at, DURATION));
        }
    }

    private List<Step> plan(Class<?> type) {
        List<Step> steps = new ArrayList<>();
        for (SchemaComponents.Component c : SchemaComponents.of(type)) {
            boolean descend = c.recordUnder() != null && reachesACheck(c.recordUnder(), new HashSet<>());
            if (checked(c) || descend) {
                String key = c.key();
                String items = key + "[]";
                String values = key + "{}";
                steps.add(new Step(c, sizes.get(key), strings.get(key), numbers.get(key), durations.contains(key), durationRule(type, c),
                        strings.get(items), numbers.get(items), strings.get(values), numbers.get(values), descend));
            }
        }
        return List.copyOf(steps);
    }

    /** Whether component {@code c} of {@code type} is a duration its CRD checks with {@link Kinds#DURATION_RULE}. */
    private static boolean durationRule(Class<?> type, SchemaComponents.Component c) {
        return c.accessor().getReturnType() == Duration.class && Kinds.durationRuleOn(type, c.accessor().getName());
    }

    /** Whether a record of {@code type}, or one under it, has a component to check. */
    private boolean reachesACheck(Class<?> type, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return false;
        }
        for (SchemaComponents.Component c : SchemaComponents.of(type)) {
            if (checked(c)) {
                return true;
            }
            if (c.recordUnder() != null && reachesACheck(c.recordUnder(), seen)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the walk checks a component itself: a constraint on it, its items or its values, or (as asked) its presence and its items' types. */
    private boolean checked(SchemaComponents.Component c) {
        if ((c.required() || List.class.isAssignableFrom(c.accessor().getReturnType()))) {
            return true;
        }
        String key = c.key();
        if (sizes.containsKey(key) || durations.contains(key) || durationRule(c.accessor().getDeclaringClass(), c)) {
            return true;
        }
        for (String k : new String[] {key, key + "[]", key + "{}"}) {
            if (numbers.containsKey(k) || strings.containsKey(k)) {
                return true;
            }
        }
        return false;
    }
}
