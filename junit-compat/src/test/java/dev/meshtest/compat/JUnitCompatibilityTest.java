package dev.meshtest.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.meshtest.Mesh;
import dev.meshtest.junit.Fixtures;
import dev.meshtest.traffic.TrafficResult;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * meshtest's JUnit extension on the JUnit this module pins (see junit-compat/pom.xml). The same
 * source runs on every version of the matrix, so it uses only API that JUnit 5.10 has, and reaches
 * the file-publishing API of 5.12+ by reflection.
 */
class JUnitCompatibilityTest {

    /** The JUnit version the module's pom asks for, passed by Surefire. */
    private static final String EXPECTED = System.getProperty("meshtest.compat.junit");

    /** The JUnit version that runs: junit-jupiter-api's manifest. */
    private static final String RUNNING = ExtensionContext.class.getPackage().getImplementationVersion();

    private static boolean atLeast(int major, int minor) {
        String[] parts = RUNNING.split("\\.");
        int ma = Integer.parseInt(parts[0]);
        int mi = Integer.parseInt(parts[1]);
        return ma > major || (ma == major && mi >= minor);
    }

    /** The module's directory below the root of the build: {@code junit-compat/junit-5.10}. */
    private static String module() {
        return "junit-compat/" + Path.of(System.getProperty("basedir")).getFileName();
    }

    private static EngineExecutionResults run(Class<?> example, Optional<Path> outputDir) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(example))
                .configurationParameter(RunByCompatibilityTest.PARAMETER, "true");
        outputDir.ifPresent(dir -> withOutputDirectory(builder, dir));
        return builder.execute();
    }

    /**
     * {@code builder.outputDirectoryProvider(...)} (JUnit 5.12+, where EngineTestKit refuses to
     * write files unless given a directory), called by reflection so that this source compiles
     * against 5.10.
     */
    private static void withOutputDirectory(EngineTestKit.Builder builder, Path root) {
        try {
            Class<?> provider = Class.forName("org.junit.platform.engine.reporting.OutputDirectoryProvider");
            Object instance = Proxy.newProxyInstance(provider.getClassLoader(), new Class<?>[] {provider},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getRootDirectory" -> root;
                        case "createOutputDirectory" -> Files.createDirectories(root.resolve("test"));
                        case "toString" -> "output directory " + root;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            EngineTestKit.Builder.class.getMethod("outputDirectoryProvider", provider).invoke(builder, instance);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("JUnit " + RUNNING + " should have EngineTestKit.Builder.outputDirectoryProvider", e);
        }
    }

    private static Throwable onlyFailure(EngineExecutionResults results) {
        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).hasSize(1);
        return failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    /** All report entries of a run, keys merged, sorted by key. */
    private static Map<String, String> reportEntries(EngineExecutionResults results) {
        Map<String, String> entries = new TreeMap<>();
        for (Event e : results.allEvents().reportingEntryPublished().list()) {
            entries.putAll(e.getRequiredPayload(ReportEntry.class).getKeyValuePairs());
        }
        return entries;
    }

    /** The paths and media types of the published files, by reflection on FileEntry (5.12+). */
    private static Map<Path, String> publishedFiles(EngineExecutionResults results) throws ReflectiveOperationException {
        Map<Path, String> files = new TreeMap<>();
        for (Event e : results.allEvents().list()) {
            if (e.getType().name().equals("FILE_ENTRY_PUBLISHED")) {
                Object entry = e.getPayload().orElseThrow();
                Path path = (Path) entry.getClass().getMethod("getPath").invoke(entry);
                Optional<?> mediaType = (Optional<?>) entry.getClass().getMethod("getMediaType").invoke(entry);
                files.put(path, mediaType.map(Object::toString).orElse("(none)"));
            }
        }
        return files;
    }

    /** What {@code CompatExamples.Failing} sends, on a mesh built the way @MeshTest builds it. */
    private static String expectedTrafficSummary() {
        Mesh mesh = Fixtures.apply(Mesh.mesh().seed(42), "helloworld");
        TrafficResult result = mesh.send(3).from("nginx").to("helloworld:5000/hello");
        return "seed 42 (from @Seed on Failing)\n\n" + ("send #1: " + result).stripTrailing() + "\n";
    }

    @Test
    void theModuleRunsOnTheJUnitItPins() {
        String platform = EXPECTED.startsWith("5.") ? "1." + EXPECTED.substring(2) : EXPECTED;

        assertThat(RUNNING).isEqualTo(EXPECTED);
        assertThat(TestEngine.class.getPackage().getImplementationVersion()).as("junit-platform-engine").isEqualTo(platform);
        assertThat(EngineTestKit.class.getPackage().getImplementationVersion()).as("junit-platform-testkit").isEqualTo(platform);
    }

    @Test
    void aRouteTableRunsEachCaseAsOneTestNamedAfterItsLine() {
        EngineExecutionResults results = run(CompatExamples.RouteTable.class, Optional.empty());

        results.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2));
        assertThat(results.testEvents().finished().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactly("helloworld-routes.yaml:4 v1 answers for helloworld-v1",
                        "helloworld-routes.yaml:7 v3 does not exist", "helloworld-routes.yaml:10 a typo");
        List<Throwable> failures = results.testEvents().failed().list().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).toList();
        assertThat(failures.get(0).getMessage())
                .startsWith("../src/test/tables/helloworld-routes.yaml:7: v3 does not exist\n"
                        + "  workload (line 9): expected helloworld-v3, but helloworld-v1 answered (pod default/helloworld-v1-")
                .contains("\nThe request, explained:\n  GET http://helloworld-v1:5000/hello from default/nginx\n")
                .contains("\n\nmeshtest: seed 42 (from @Seed on RouteTable). Rerun this test with it:\n");
        assertThat(failures.get(1)).hasMessage("../src/test/tables/helloworld-routes.yaml:12:12: cases[2].expect.worklaod: "
                + "unknown field (did you mean \"workload\"?)");
    }

    @Test
    void aFailureCarriesTheSeedAndTheRerunCommand() {
        Throwable failure = onlyFailure(run(CompatExamples.Failing.class, Optional.empty()));

        assertThat(failure).isExactlyInstanceOf(AssertionError.class).hasMessage("fails on purpose\n\n"
                + "meshtest: seed 42 (from @Seed on Failing). Rerun this test with it:\n"
                + "    ./mvnw -pl " + module() + " -am -Dsurefire.failIfNoSpecifiedTests=false test "
                + "-Dtest='dev.meshtest.compat.CompatExamples$Failing#fails' -Dmeshtest.seed=42\n"
                + "  or pin it with @Seed(42L).");
    }

    @Test
    void aRunUnderTheRouteCoverageMinimumFailsAndItsReportIsWritten(@TempDir Path reports) throws Exception {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(CompatExamples.HalfCovered.class))
                .configurationParameter(RunByCompatibilityTest.PARAMETER, "true")
                .configurationParameter("meshtest.routeCoverage.minimum", "0.9")
                .configurationParameter("meshtest.routeCoverage.report", reports.toString())
                .execute();
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(results.containerEvents().failed().list()).singleElement().satisfies(e -> assertThat(e.getRequiredPayload(
                org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow())
                .hasMessageStartingWith("meshtest: the run's route coverage is 66.7%, under meshtest.routeCoverage.minimum=0.9"));
        assertThat(Files.readString(reports.resolve("meshtest-route-coverage.txt"), StandardCharsets.UTF_8))
                .startsWith("Route coverage: 66.7% (2 of 3)");
    }

    @Test
    void theTrafficSummaryAndGraphAreFilesFrom512AndTheSummaryAReportEntryBefore(@TempDir Path output) throws Exception {
        EngineExecutionResults results = run(CompatExamples.Failing.class,
                atLeast(5, 12) ? Optional.of(output) : Optional.empty());
        Map<String, String> entries = reportEntries(results);
        String rerun = "./mvnw -pl " + module() + " -am -Dsurefire.failIfNoSpecifiedTests=false test "
                + "-Dtest='dev.meshtest.compat.CompatExamples$Failing#fails' -Dmeshtest.seed=42";

        if (atLeast(5, 12)) {
            Map<Path, String> files = publishedFiles(results);
            assertThat(files).containsExactly(Map.entry(output.resolve("test").resolve("meshtest-graph.svg"),
                    "image/svg+xml; charset=UTF-8"), Map.entry(output.resolve("test").resolve("meshtest-traffic.txt"),
                    "text/plain; charset=UTF-8"));
            assertThat(Files.readString(output.resolve("test").resolve("meshtest-traffic.txt"), StandardCharsets.UTF_8))
                    .isEqualTo(expectedTrafficSummary());
            assertThat(entries).containsExactly(Map.entry("meshtest.rerun", rerun), Map.entry("meshtest.seed", "42"));
        } else {
            assertThat(entries).containsExactly(Map.entry("meshtest.rerun", rerun), Map.entry("meshtest.seed", "42"),
                    Map.entry("meshtest.traffic", expectedTrafficSummary()));
        }
    }

    @Test
    void withoutAnOutputDirectoryTheTrafficSummaryIsAReportEntry() {
        EngineExecutionResults results = run(CompatExamples.Failing.class, Optional.empty());

        assertThat(reportEntries(results)).containsEntry("meshtest.traffic", expectedTrafficSummary());
    }

    @Test
    void liveTrafficLeftRunningStopsAfterEachTestAlsoInParallel() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(CompatExamples.LiveLeftRunning.class))
                .configurationParameter(RunByCompatibilityTest.PARAMETER, "true")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .execute();
        results.testEvents().assertStatistics(s -> s.started(4).succeeded(4).failed(0));
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("meshtest-live-")).toList()).isEmpty();
    }

    @Test
    void beforeEachAndTestMethodShareTheTestsMesh() {
        run(CompatExamples.BeforeEachAndParameter.class, Optional.empty())
                .testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    }

    @Test
    void theConstructorSharesTheTestsMeshFrom512AndIsRefusedWithTheNeededVersionBefore() {
        EngineExecutionResults results = run(CompatExamples.ConstructorInjection.class, Optional.empty());

        if (atLeast(5, 12)) {
            results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        } else {
            assertThat(onlyFailure(results)).hasMessage("meshtest gives each test its own Mesh, and the constructor of "
                    + "ConstructorInjection can have it only on JUnit 5.12 or newer, which resolves constructor "
                    + "parameters for the test about to run; this is JUnit " + EXPECTED + ". Take Mesh as a parameter "
                    + "of the test method or a @BeforeEach method, or move to JUnit 5.12 or newer (import "
                    + "org.junit:junit-bom).");
        }
    }
}
