package dev.meshtest.internal.validate;

import dev.meshtest.config.Required;
import dev.meshtest.config.YamlName;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A config record's components as the CRD schema walk ({@link CrdSchema}, for both {@link IstioSchema}
 * and {@link GatewayApiSchema}) reads them: each one's YAML name, its key in a schema table
 * ({@code ServerTlsSettings.credentialNames}: the CRDs repeat a type's constraints wherever it is
 * used), its accessor, and what it holds. Read once per record class: {@code getRecordComponents}
 * builds its answer anew on every call, and a walk visits every record of every object (it was two
 * fifths of applying 3,000 HTTPRoutes).
 *
 * <pre>{@code
 * for (SchemaComponents.Component c : SchemaComponents.of(ServerTlsSettings.class)) {
 *     Object v = c.valueIn(tls);   // c.key(): "ServerTlsSettings.credentialNames", ...
 * }
 * }</pre>
 */
final class SchemaComponents {

    /**
     * One component.
     *
     * @param name its YAML name ({@link YamlName}, else the component's)
     * @param key its table key, {@code <record's simple name>.<name>}; {@code []} after it for its
     *     items, <code>{}</code> for its values
     * @param accessor how to read it
     * @param required whether the schema requires it ({@link Required})
     * @param itemType a list's items' OpenAPI type ({@code string}, {@code integer}, {@code number},
     *     {@code boolean}, {@code object}), or {@code null} when it is not a list
     * @param recordUnder the config record it holds, directly, as list items or as map values;
     *     {@code null} for none
     */
    record Component(String name, String key, Method accessor, boolean required, String itemType, Class<?> recordUnder) {

        /** {@return its value in {@code rec}, a record of the class it belongs to} */
        Object valueIn(Record rec) {
            try {
                return accessor.invoke(rec);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + accessor, e);
            }
        }
    }

    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> out = new ArrayList<>();
            for (RecordComponent rc : type.getRecordComponents()) {
                YamlName yamlName = rc.getAnnotation(YamlName.class);
                String name = yamlName == null ? rc.getName() : yamlName.value();
                Type t = rc.getGenericType();
                String itemType = t instanceof ParameterizedType p && p.getRawType() == List.class
                        ? openApiType(p.getActualTypeArguments()[0]) : null;
                out.add(new Component(name, type.getSimpleName() + "." + name, rc.getAccessor(),
                        rc.isAnnotationPresent(Required.class), itemType, recordUnder(t, type.getPackageName())));
            }
            return List.copyOf(out);
        }
    };

    private SchemaComponents() {
    }

    /** {@return the components of record class {@code type}, in declaration order} */
    static List<Component> of(Class<?> type) {
        return COMPONENTS.get(type);
    }

    /** The OpenAPI type the CRDs give a value of Java type {@code t}: a string for strings, enums and durations. */
    private static String openApiType(Type t) {
        if (t == Integer.class || t == Long.class) {
            return "integer";
        }
        if (t == Double.class || t == Float.class) {
            return "number";
        }
        if (t == Boolean.class) {
            return "boolean";
        }
        if (t instanceof Class<?> c && c.isRecord() || t instanceof ParameterizedType p && p.getRawType() == java.util.Map.class) {
            return "object";
        }
        if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
            return "array";
        }
        return "string";
    }

    /** The record of package {@code pkg} a component's type holds, directly or as its last type argument's; else {@code null}. */
    private static Class<?> recordUnder(Type t, String pkg) {
        if (t instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            return args.length == 0 ? null : recordUnder(args[args.length - 1], pkg);
        }
        return t instanceof Class<?> c && c.isRecord() && c.getPackageName().equals(pkg) ? c : null;
    }
}
