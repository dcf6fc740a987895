package dev.meshtest.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The contract the reader's reflection binding relies on, checked the same way for each package
 * of config records ({@code IstioRecordConventionsTest}, {@code GatewayRecordConventionsTest}).
 */
public final class RecordConventions {

    private RecordConventions() {
    }

    /** The records of {@code roots}' package reachable from them through their components. */
    public static Set<Class<?>> reachable(Collection<? extends Class<?>> roots) {
        Package pkg = roots.iterator().next().getPackage();
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Class<?> record = todo.pop();
            if (!seen.add(record)) {
                continue;
            }
            for (RecordComponent c : record.getRecordComponents()) {
                for (Class<?> ref : referenced(c.getGenericType())) {
                    if (ref.isRecord() && ref.getPackage() == pkg) {
                        todo.push(ref);
                    }
                }
            }
        }
        return seen;
    }

    private static List<Class<?>> referenced(Type type) {
        if (type instanceof Class<?> c) {
            return List.of(c);
        }
        List<Class<?>> out = new ArrayList<>();
        if (type instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                out.addAll(referenced(arg));
            }
        }
        return out;
    }

    /**
     * Components of a type the reader cannot bind: not one of {@code allowed}, an enum, a record of
     * the records' own package, or a list of them or map from strings to them.
     */
    public static List<String> componentsOfOtherTypes(Set<Class<?>> records, Set<Class<?>> allowed) {
        List<String> violations = new ArrayList<>();
        for (Class<?> record : records) {
            for (RecordComponent c : record.getRecordComponents()) {
                if (!allowed(c.getGenericType(), allowed, record.getPackage())) {
                    violations.add(record.getSimpleName() + "." + c.getName() + ": " + c.getGenericType());
                }
            }
        }
        return violations;
    }

    private static boolean allowed(Type type, Set<Class<?>> allowed, Package pkg) {
        if (type instanceof Class<?> c) {
            return allowed.contains(c) || c.isEnum() || (c.isRecord() && c.getPackage() == pkg);
        }
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            if (p.getRawType() == List.class) {
                return allowed(args[0], allowed, pkg);
            }
            if (p.getRawType() == Map.class) {
                return args[0] == String.class && allowed(args[1], allowed, pkg);
            }
        }
        return false;
    }

    /** The list and map components that are {@code null} when a record is made of nulls (they must read as empty). */
    public static List<String> nullListsAndMaps(Set<Class<?>> records) throws ReflectiveOperationException {
        List<String> violations = new ArrayList<>();
        for (Class<?> record : records) {
            RecordComponent[] components = record.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
            }
            Object allNull = record.getDeclaredConstructor(types).newInstance(new Object[components.length]);
            for (RecordComponent c : components) {
                boolean collection = c.getType() == List.class || c.getType() == Map.class;
                if (collection && c.getAccessor().invoke(allNull) == null) {
                    violations.add(record.getSimpleName() + "." + c.getName());
                }
            }
        }
        return violations;
    }

    /** Every top-level record of {@code anchor}'s package, from its class files. */
    public static Set<Class<?>> recordsInPackageOf(Class<?> anchor) throws Exception {
        Set<Class<?>> inPackage = new LinkedHashSet<>();
        Path dir = Path.of(anchor.getResource(anchor.getSimpleName() + ".class").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> c = Class.forName(anchor.getPackageName() + "." + name.substring(0, name.length() - ".class".length()));
                    if (c.isRecord()) {
                        inPackage.add(c);
                    }
                }
            }
        }
        return inPackage;
    }
}
