package dev.meshtest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * meshtest as a named module, as a user's {@code module-info.java} with {@code requires dev.meshtest}
 * loads it: the API packages are readable, the internals are not, and the built-in fixtures still
 * load although the module encapsulates its resources.
 */
class ModulePathTest {

    /** The jars (or class directories) of meshtest and what it requires, taken from this test's class path. */
    private static Path[] modulePath() {
        Set<String> needed = Set.of("meshtest", "snakeyaml", "assertj-core", "junit-jupiter-api", "junit-platform-commons",
                "opentest4j", "apiguardian-api", "commons-statistics", "commons-numbers", "commons-rng", "HdrHistogram", "re2j", "nimbus-jose-jwt",
                "awaitility", "hamcrest");
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of)
                .filter(Files::exists)
                .filter(p -> p.toString().contains("lib" + java.io.File.separator + "target")
                        || needed.stream().anyMatch(n -> p.getFileName().toString().startsWith(n + "-")))
                .toArray(Path[]::new);
    }

    @Test
    @DisplayName("on the module path: API exported, internals hidden, fixtures load, traffic flows")
    void runsAsANamedModule() throws Exception {
        ModuleFinder finder = ModuleFinder.of(modulePath());
        ModuleLayer boot = ModuleLayer.boot();
        Configuration config = boot.configuration().resolve(finder, ModuleFinder.of(), Set.of("dev.meshtest"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(config, ClassLoader.getPlatformClassLoader());
        Module meshtest = layer.findModule("dev.meshtest").orElseThrow();

        assertThat(meshtest.isExported("dev.meshtest")).isTrue();
        assertThat(meshtest.isExported("dev.meshtest.traffic")).isTrue();
        assertThat(meshtest.isExported("dev.meshtest.internal.sim")).isFalse();

        ClassLoader loader = layer.findLoader("dev.meshtest");
        Class<?> meshType = loader.loadClass("dev.meshtest.Mesh");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);   // as in a modular application: the class path is not there
        try {
            Object mesh = meshType.getMethod("mesh").invoke(null);
            meshType.getMethod("apply", String.class).invoke(mesh, "classpath:dev/meshtest/fixtures/helloworld.yaml");
            Object spec = meshType.getMethod("send", int.class).invoke(mesh, 10);
            Object from = call(spec, "from", "nginx");
            Object result = call(from, "to", "helloworld:5000/hello");
            assertThat(result.getClass().getMethod("size").invoke(result)).isEqualTo(10);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static Object call(Object target, String method, String argument) throws Exception {
        Method m = target.getClass().getMethod(method, String.class);
        return m.invoke(target, argument);
    }
}
