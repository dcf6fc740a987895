package dev.meshtest.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is what the exported packages' public types show: their supertypes, public and
 * protected members, record components and the types in their generic signatures. None of that may
 * name a type of {@code dev.meshtest.internal}, or users would depend on what we change freely.
 */
class ApiBoundaryTest {

    /** The packages {@code module-info.java} exports; everything else is internal. */
    static final Set<String> EXPORTED = Set.of("dev.meshtest", "dev.meshtest.analysis", "dev.meshtest.app", "dev.meshtest.assertj",
            "dev.meshtest.config", "dev.meshtest.config.gateway", "dev.meshtest.config.istio", "dev.meshtest.config.kube",
            "dev.meshtest.junit",
            "dev.meshtest.proxyconfig", "dev.meshtest.status", "dev.meshtest.traffic");

    @Test
    void noInternalTypeIsReachableFromThePublicApi() {
        Set<String> leaks = new TreeSet<>();
        for (Class<?> type : mainClasses()) {
            if (EXPORTED.contains(type.getPackageName()) && isApi(type)) {
                leaks.addAll(leaksOf(type));
            }
        }
        assertThat(leaks).as("public API members that name internal types").isEmpty();
    }

    @Test
    void everyPackageIsExportedOrInternal() {
        Set<String> packages = new TreeSet<>();
        for (Class<?> type : mainClasses()) {
            packages.add(type.getPackageName());
        }
        assertThat(packages).allMatch(p -> EXPORTED.contains(p) || p.startsWith("dev.meshtest.internal."),
                "exported (" + EXPORTED + ") or under dev.meshtest.internal");
        assertThat(packages).containsAll(EXPORTED);
    }

    @Test
    void theModuleExportsExactlyTheApiPackages() throws IOException {
        try (var in = Files.newInputStream(classesRoot().resolve("module-info.class"))) {
            ModuleDescriptor module = ModuleDescriptor.read(in);
            assertThat(module.name()).isEqualTo("dev.meshtest");
            assertThat(module.exports()).allMatch(e -> !e.isQualified(), "exported to everyone")
                    .extracting(ModuleDescriptor.Exports::source).containsExactlyInAnyOrderElementsOf(EXPORTED);
            assertThat(module.opens()).isEmpty();
        }
    }

    /** Public and visible from outside: public, and every enclosing type public too. */
    static boolean isApi(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> leaksOf(Class<?> type) {
        List<String> leaks = new ArrayList<>();
        String name = type.getName();
        check(leaks, name + " extends", type.getGenericSuperclass());
        for (Type i : type.getGenericInterfaces()) {
            check(leaks, name + " implements", i);
        }
        for (TypeVariable<?> v : type.getTypeParameters()) {
            for (Type b : v.getBounds()) {
                check(leaks, name + " <" + v.getName() + ">", b);
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                check(leaks, name + "." + f.getName(), f.getGenericType());
            }
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                check(leaks, name + "." + c.getName() + "()", c.getGenericType());
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                check(leaks, name + "." + m.getName() + "(...) returns", m.getGenericReturnType());
                executable(leaks, name + "." + m.getName(), m);
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c.getModifiers()) && !c.isSynthetic()) {
                executable(leaks, name + ".<init>", c);
            }
        }
        return leaks;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void executable(List<String> leaks, String where, Executable e) {
        for (Type p : e.getGenericParameterTypes()) {
            check(leaks, where + "(...) takes", p);
        }
        for (Type x : e.getGenericExceptionTypes()) {
            check(leaks, where + "(...) throws", x);
        }
        for (TypeVariable<?> v : e.getTypeParameters()) {
            for (Type b : v.getBounds()) {
                check(leaks, where + " <" + v.getName() + ">", b);
            }
        }
    }

    private static void check(List<String> leaks, String where, Type type) {
        if (type == null) {
            return;
        }
        if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (!element.isPrimitive() && !EXPORTED.contains(element.getPackageName())
                    && element.getPackageName().startsWith("dev.meshtest")) {
                leaks.add(where + " " + element.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(leaks, where, p.getRawType());
            for (Type a : p.getActualTypeArguments()) {
                check(leaks, where, a);
            }
        } else if (type instanceof GenericArrayType g) {
            check(leaks, where, g.getGenericComponentType());
        } else if (type instanceof WildcardType w) {
            Stream.of(w.getUpperBounds()).forEach(b -> check(leaks, where, b));
            Stream.of(w.getLowerBounds()).forEach(b -> check(leaks, where, b));
        }
    }

    private static Path classesRoot() {
        try {
            return Path.of(Mesh.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every class of the library's main output, loaded without initialising it. */
    static List<Class<?>> mainClasses() {
        Path root = classesRoot();
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replace('\\', '.');
                name = name.substring(0, name.length() - ".class".length());
                if (name.equals("module-info") || name.endsWith("package-info")) {
                    continue;
                }
                classes.add(Class.forName(name, false, Mesh.class.getClassLoader()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return classes;
    }
}
