package dev.meshtest.internal.yaml;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ExperimentalFields;
import dev.meshtest.config.Required;
import dev.meshtest.config.TextPattern;
import dev.meshtest.config.YamlName;
import dev.meshtest.config.kube.IntOrString;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the binder needs to know of one record class, computed once per class and cached: its
 * components in order with their shapes, which are required, which extra fields are accepted
 * (and which are the Gateway API's experimental ones), and the canonical constructor.
 */
final class RecordInfo {

    /** The shape of a component's type: how YAML binds to it. */
    sealed interface Shape permits Scalar, ListOf, MapOf, RecordOf, EnumOf, Free {
    }

    enum ScalarType { STRING, INT, LONG, DOUBLE, BOOLEAN, DURATION, INSTANT, INT_OR_STRING }

    record Scalar(ScalarType type) implements Shape {
    }

    record ListOf(Shape element) implements Shape {
    }

    record MapOf(Shape value) implements Shape {
    }

    record RecordOf(Class<?> type) implements Shape {
    }

    record EnumOf(Class<?> type, List<String> constants) implements Shape {
    }

    /** Free-form YAML: maps, lists, strings, numbers, booleans, null. */
    record Free() implements Shape {
    }

    /**
     * One component: {@code textPattern} is its {@link TextPattern}, compiled, or {@code null}.
     */
    record Component(int index, String name, Shape shape, Class<?> primitive, boolean required,
                     java.util.regex.Pattern textPattern) {
    }

    private static final ClassValue<RecordInfo> CACHE = new ClassValue<>() {
        @Override
        protected RecordInfo computeValue(Class<?> type) {
            return new RecordInfo(type);
        }
    };

    final Class<?> type;
    final List<Component> components;
    final Map<String, Component> byName;
    final Set<String> accepted;
    /** Fields of the Gateway API's experimental channel: unknown, with a reason. */
    final Set<String> experimental;
    final Constructor<?> constructor;

    static RecordInfo of(Class<?> type) {
        return CACHE.get(type);
    }

    private RecordInfo(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        RecordComponent[] rcs = type.getRecordComponents();
        List<Component> list = new ArrayList<>();
        Map<String, Component> names = new LinkedHashMap<>();
        Class<?>[] parameterTypes = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            RecordComponent rc = rcs[i];
            parameterTypes[i] = rc.getType();
            Shape shape;
            try {
                shape = shapeOf(rc.getGenericType());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(type.getName() + "." + rc.getName() + ": " + e.getMessage(), e);
            }
            YamlName yamlName = rc.getAnnotation(YamlName.class);
            TextPattern textPattern = rc.getAnnotation(TextPattern.class);
            Component c = new Component(i, yamlName == null ? rc.getName() : yamlName.value(), shape, rc.getType().isPrimitive() ? rc.getType() : null,
                    rc.isAnnotationPresent(Required.class),
                    textPattern == null ? null : java.util.regex.Pattern.compile(textPattern.value()));
            list.add(c);
            names.put(c.name(), c);
        }
        this.components = List.copyOf(list);
        this.byName = Collections.unmodifiableMap(names);
        AcceptedFields af = type.getAnnotation(AcceptedFields.class);
        this.accepted = af == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(Arrays.asList(af.value())));
        ExperimentalFields ef = type.getAnnotation(ExperimentalFields.class);
        this.experimental = ef == null ? Set.of() : Set.of(ef.value());
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(parameterTypes);
            ctor.trySetAccessible();
            this.constructor = ctor;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
        }
    }

    static Shape shapeOf(Type t) {
        if (t instanceof WildcardType w) {
            return shapeOf(w.getUpperBounds()[0]);
        }
        if (t instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                return new ListOf(shapeOf(args[0]));
            }
            if (raw == Map.class) {
                if (args[0] != String.class) {
                    throw new IllegalArgumentException("map keys must be String, not " + args[0]);
                }
                return new MapOf(shapeOf(args[1]));
            }
            throw new IllegalArgumentException("unsupported type " + t);
        }
        if (!(t instanceof Class<?> c)) {
            throw new IllegalArgumentException("unsupported type " + t);
        }
        if (c == String.class) {
            return new Scalar(ScalarType.STRING);
        }
        if (c == Integer.class || c == int.class) {
            return new Scalar(ScalarType.INT);
        }
        if (c == Long.class || c == long.class) {
            return new Scalar(ScalarType.LONG);
        }
        if (c == Double.class || c == double.class) {
            return new Scalar(ScalarType.DOUBLE);
        }
        if (c == Boolean.class || c == boolean.class) {
            return new Scalar(ScalarType.BOOLEAN);
        }
        if (c == Duration.class) {
            return new Scalar(ScalarType.DURATION);
        }
        if (c == Instant.class) {
            return new Scalar(ScalarType.INSTANT);
        }
        if (c == IntOrString.class) {
            return new Scalar(ScalarType.INT_OR_STRING);
        }
        if (c == Object.class) {
            return new Free();
        }
        if (c.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : c.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
            return new EnumOf(c, List.copyOf(names));
        }
        if (c.isRecord()) {
            return new RecordOf(c);
        }
        if (c == List.class || c == Map.class) {
            throw new IllegalArgumentException("raw " + c.getSimpleName() + " needs a type argument");
        }
        throw new IllegalArgumentException("unsupported type " + c.getName());
    }

    /** The value of an absent component: {@code null}, or a primitive's zero. */
    static Object absent(Component c) {
        Class<?> p = c.primitive();
        if (p == null) {
            return null;
        }
        if (p == int.class) {
            return 0;
        }
        if (p == long.class) {
            return 0L;
        }
        if (p == double.class) {
            return 0.0;
        }
        if (p == boolean.class) {
            return false;
        }
        throw new IllegalArgumentException("unsupported primitive " + p);
    }
}
