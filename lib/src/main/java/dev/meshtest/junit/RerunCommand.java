package dev.meshtest.junit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell command that reruns one test with one seed, for the build tool that runs the test.
 *
 * <p>For a Maven build it is the wrapper at the root of the build (or {@code mvn} without one),
 * {@code -pl <module>} when the test's module is not the root, {@code -am} when the module depends
 * on other modules of the same build (whose tests the filter then leaves out), Surefire's
 * {@code -Dtest='Class#method'} and {@code -Dmeshtest.seed}.
 *
 * <p>Under Gradle (a test worker JVM, which has the system property {@value #GRADLE_WORKER}) it is
 * the wrapper at the root of the build (or {@code gradle} without one), the project's
 * {@code test} task ({@code :path:test} for a subproject), {@code --tests 'Class.method'} and
 * {@code -Dmeshtest.seed}, which reaches the test JVM only if the build forwards it
 * ({@link #GRADLE_NOTE}).
 *
 * <p>Anything else gets the system property alone.
 */
final class RerunCommand {

    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<]+?)\\s*</module>");
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>\\s*([^<]+?)\\s*</artifactId>");
    private static final Pattern PARENT = Pattern.compile("<parent>.*?</parent>", Pattern.DOTALL);

    /**
     * The system property Gradle's test worker sets in every test JVM it starts (the worker's id;
     * {@code TestWorker.WORKER_ID_SYS_PROPERTY} in Gradle's sources).
     */
    static final String GRADLE_WORKER = "org.gradle.test.worker";

    /** Printed under a Gradle command: Gradle keeps {@code -D} options in the build JVM unless the test task forwards them. */
    static final String GRADLE_NOTE = "(Gradle hands -D" + MeshExtension.SEED_PROPERTY + " to the tests only if "
            + "the test task forwards it: System.getProperty(\"" + MeshExtension.SEED_PROPERTY + "\")?.let { "
            + "systemProperty(\"" + MeshExtension.SEED_PROPERTY + "\", it) } in tasks.test of build.gradle.kts)";

    private RerunCommand() {
    }

    /** Whether this JVM is a Gradle test worker. */
    static boolean underGradle() {
        return System.getProperty(GRADLE_WORKER) != null;
    }

    /**
     * The command for the build tool running this JVM: {@link #gradle} in a Gradle test worker,
     * else {@link #of} (Maven, or the system property alone).
     */
    static String forThisRun(Path moduleDir, String testClass, String method, long seed) {
        return underGradle() ? gradle(moduleDir, testClass, method, seed) : of(moduleDir, testClass, method, seed);
    }

    /** The directory of the module whose tests run: Surefire's {@code basedir}, else the working directory. */
    static Path moduleDirectory() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null && !basedir.isBlank() ? basedir : System.getProperty("user.dir", "."));
    }

    /**
     * The command, for example {@code ./mvnw -pl lib test -Dtest='dev.example.CanaryTest#splits' -Dmeshtest.seed=42}.
     *
     * @param moduleDir the directory of the Maven module the test belongs to
     * @param testClass the binary name of the test class ({@code Outer$Inner} for nested classes)
     * @param method the test method's name
     */
    static String of(Path moduleDir, String testClass, String method, long seed) {
        String property = "-D" + MeshExtension.SEED_PROPERTY + "=" + seed;
        Optional<String> maven = maven(moduleDir.toAbsolutePath().normalize());
        return maven.map(m -> m + " test -Dtest='" + testClass + "#" + method + "' " + property).orElse(property);
    }

    /**
     * The Gradle command, for example
     * {@code ./gradlew :lib:test --tests 'dev.example.CanaryTest.splits' -Dmeshtest.seed=42}.
     *
     * @param projectDir the directory of the Gradle project the test belongs to (a test task's
     *     default working directory)
     * @param testClass the binary name of the test class ({@code Outer$Inner} for nested classes,
     *     as Gradle's test filter matches them)
     * @param method the test method's name
     */
    static String gradle(Path projectDir, String testClass, String method, long seed) {
        Path project = projectDir.toAbsolutePath().normalize();
        Path root = null;
        String executable = "gradle";
        for (Path p = project; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("gradlew"))) {
                root = p;
                executable = "./gradlew";
                break;
            }
        }
        if (root == null) {
            root = project;
            for (Path p = project; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("settings.gradle")) || Files.isRegularFile(p.resolve("settings.gradle.kts"))) {
                    root = p;
                }
            }
        }
        String task = root.equals(project) ? "test"
                : ":" + root.relativize(project).toString().replace('\\', '/').replace('/', ':') + ":test";
        return executable + " " + task + " --tests '" + testClass + "." + method + "' -D"
                + MeshExtension.SEED_PROPERTY + "=" + seed;
    }

    /**
     * The Maven part ({@code ./mvnw -pl lib}), or empty when the directory is not a Maven module.
     * Run from an aggregator's directory (as some IDEs do), every module gets the filter, so those
     * without the test must be allowed to match nothing.
     */
    private static Optional<String> maven(Path module) {
        if (!Files.isRegularFile(module.resolve("pom.xml"))) {
            return Optional.empty();
        }
        Path root = null;
        String executable = "mvn";
        for (Path p = module; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw"))) {
                root = p;
                executable = "./mvnw";
                break;
            }
        }
        if (root == null) {
            root = module;
            while (root.getParent() != null && Files.isRegularFile(root.getParent().resolve("pom.xml"))) {
                root = root.getParent();
            }
        }
        if (root.equals(module)) {
            boolean aggregator = read(module.resolve("pom.xml")).contains("<modules>");
            return Optional.of(aggregator ? executable + " -Dsurefire.failIfNoSpecifiedTests=false" : executable);
        }
        String relative = root.relativize(module).toString().replace('\\', '/');
        StringBuilder command = new StringBuilder(executable).append(" -pl ").append(relative);
        if (dependsOnSiblings(root, module)) {
            command.append(" -am -Dsurefire.failIfNoSpecifiedTests=false");
        }
        return Optional.of(command.toString());
    }

    /** Whether the module's pom names the artifactId of another module of the root's build. */
    private static boolean dependsOnSiblings(Path root, Path module) {
        try {
            String own = artifactId(module);
            String modulePom = withoutParent(read(module.resolve("pom.xml")));
            List<String> siblings = new ArrayList<>();
            Matcher modules = MODULE.matcher(read(root.resolve("pom.xml")));
            while (modules.find()) {
                Path sibling = root.resolve(modules.group(1)).normalize();
                if (!sibling.equals(module) && Files.isRegularFile(sibling.resolve("pom.xml"))) {
                    siblings.add(artifactId(sibling));
                }
            }
            for (String sibling : siblings) {
                if (!sibling.equals(own) && modulePom.contains("<artifactId>" + sibling + "</artifactId>")) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String artifactId(Path module) {
        Matcher m = ARTIFACT_ID.matcher(withoutParent(read(module.resolve("pom.xml"))));
        return m.find() ? m.group(1) : "";
    }

    private static String withoutParent(String pom) {
        return PARENT.matcher(pom).replaceFirst("");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
