package dev.meshtest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/** Runs the example classes of {@link Examples} with EngineTestKit and checks what the extension did. */
class MeshExtensionTest {

    private static final String HELLOWORLD_PODS =
            "helloworld-v1-[a-z0-9]+-[a-z0-9]{5},helloworld-v2-[a-z0-9]+-[a-z0-9]{5},nginx";

    /** Runs example classes with extra configuration parameters. */
    static EngineExecutionResults run(Map<String, String> parameters, Class<?>... classes) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .configurationParameter(OnlyInTestKit.PARAMETER, "true")
                .configurationParameters(parameters)
                .execute();
    }

    static EngineExecutionResults run(Class<?>... classes) {
        return run(Map.of(), classes);
    }

    /** Each test's published entries (all keys merged), by unique id, sorted. */
    static Map<String, Map<String, String>> entries(EngineExecutionResults results) {
        Map<String, Map<String, String>> byTest = new TreeMap<>();
        for (Event e : results.allEvents().reportingEntryPublished().list()) {
            byTest.computeIfAbsent(e.getTestDescriptor().getUniqueId().toString(), k -> new TreeMap<>())
                    .putAll(e.getRequiredPayload(ReportEntry.class).getKeyValuePairs());
        }
        return byTest;
    }

    /** Each test's value of one entry, by the test's method name plus display name of invocations. */
    static Map<String, String> entry(EngineExecutionResults results, String key) {
        Map<String, String> byName = new TreeMap<>();
        for (Event e : results.allEvents().reportingEntryPublished().list()) {
            String value = e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key);
            if (value != null) {
                byName.put(name(e), value);
            }
        }
        return byName;
    }

    private static String name(Event e) {
        String uniqueId = e.getTestDescriptor().getUniqueId().toString();
        String method = uniqueId.replaceAll(".*\\[(?:method|test-template):([^(]*)\\(.*", "$1");
        String invocation = uniqueId.matches(".*invocation:#\\d+\\]$") ? uniqueId.replaceAll(".*:#(\\d+)\\]$", "[$1]") : "";
        return method + invocation;
    }

    static Throwable failure(EngineExecutionResults results, String method) {
        return results.testEvents().failed().list().stream()
                .filter(e -> e.getTestDescriptor().getUniqueId().toString().contains("[method:" + method + "("))
                .findFirst().orElseThrow(() -> new AssertionError("no failure of " + method))
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @Nested
    class FailOnAnalysisTests {

        @Test
        @DisplayName("@MeshTest(failOnAnalysis = ERROR) fails a test whose mesh has analysis errors, listing them; a clean one passes")
        void failsOnErrors() {
            EngineExecutionResults results = run(Examples.FailsOnAnalysis.class);
            results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
            assertThat(failure(results, "typoInHost")).hasMessage("the test's mesh has 1 istioctl analyze message at Error or "
                    + "worse (@MeshTest(failOnAnalysis = ERROR)):\nError [IST0101] (VirtualService default/typo <string>:7) "
                    + "Referenced host not found: \"helloword\"");
        }
    }

    @Nested
    class ApplyFeedback {

        @Test
        @DisplayName("each apply of the test and of its @MeshTest config is a report entry with kubectl's lines and warnings; fixtures are left out")
        void appliesAreReportEntries() {
            EngineExecutionResults results = run(Examples.ApplyFeedback.class);
            results.testEvents().assertStatistics(s -> s.succeeded(1));
            List<String> applies = results.allEvents().reportingEntryPublished().list().stream()
                    .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(MeshExtension.APPLY_ENTRY))
                    .filter(java.util.Objects::nonNull).toList();
            assertThat(applies).containsExactly(
                    "virtualservice.networking.istio.io/helloworld-all-v2 created",
                    "Warning: virtualService rule #1 not used (only the last rule can have no matches)\n"
                            + "virtualservice.networking.istio.io/helloworld created\n"
                            + "configmap/settings ignored (not used for routing)");
        }
    }

    @Nested
    class OneMeshPerTest {

        @Test
        void eachTestGetsAFreshMesh() {
            EngineExecutionResults results = run(Examples.FreshMesh.class);

            results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
            Map<String, String> pods = entry(results, "pods");
            assertThat(pods.get("first")).contains("added-by-first");
            assertThat(pods.get("second")).doesNotContain("added-by-first");
        }

        @Test
        void theConstructorBeforeEachTestAndAfterEachShareTheTestsMesh() {
            EngineExecutionResults results = run(Examples.Injection.class);

            results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
            assertThat(entry(results, "pods")).containsOnlyKeys("test");
            assertThat(entry(results, "pods").get("test")).contains("from-before-each");
        }

        @Test
        void theJavadocExampleRuns() {
            run(Examples.CanaryTest.class).testEvents().assertStatistics(s -> s.succeeded(4).failed(0));
        }

        @Test
        void parameterizedAndRepeatedInvocationsEachGetTheirOwnMesh() {
            EngineExecutionResults results = run(Examples.DefaultSeeds.class);

            results.testEvents().assertStatistics(s -> s.succeeded(7).failed(0));
            Map<String, String> pods = entry(results, "pods");
            assertThat(pods.get("parameterized[1]")).contains("only-1").doesNotContain("only-2", "only-3");
            assertThat(pods.get("parameterized[2]")).contains("only-2").doesNotContain("only-1", "only-3");
            assertThat(pods.get("parameterized[3]")).contains("only-3").doesNotContain("only-1", "only-2");
        }

        @Test
        void perClassTestMethodsStillGetAMeshEach() {
            EngineExecutionResults results = run(Examples.PerClass.class);

            results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
            assertThat(entry(results, "pods")).containsExactly(Map.entry("second", "(none)"));
        }

        @Test
        void perClassConstructorsAreToldWhyTheyGetNoMesh() {
            EngineExecutionResults results = run(Examples.PerClassConstructor.class);

            Throwable t = results.containerEvents().failed().list().get(0)
                    .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(t).hasMessageContaining("meshtest gives each test its own Mesh, so the constructor of "
                    + "PerClassConstructor, which runs once for all its tests with @TestInstance(PER_CLASS), cannot have one.");
        }

        @Test
        void beforeAllMethodsAreToldWhyTheyGetNoMesh() {
            EngineExecutionResults results = run(Examples.BeforeAllMesh.class);

            Throwable t = results.containerEvents().failed().list().get(0)
                    .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(t).hasMessageContaining("meshtest gives each test its own Mesh, so @BeforeAll/@AfterAll method all(), "
                    + "which runs once for all tests, cannot have one. Take Mesh as a parameter of the test method, "
                    + "a @BeforeEach or @AfterEach method; or build one yourself with Mesh.mesh().");
        }
    }

    @Nested
    class FixturesAndConfig {

        @Test
        void helloworldGivesItsPodsAndTheClient() {
            assertThat(entry(run(Examples.Helloworld.class), "pods").get("pods")).matches(HELLOWORLD_PODS);
        }

        @Test
        void configIsAppliedAfterTheFixtures() {
            assertThat(entry(run(Examples.HelloworldWithConfig.class), "workloads"))
                    .containsExactly(Map.entry("allToV2", "{helloworld-v2=20}"));
        }

        @Test
        void nestedClassesAddTheirFixturesToTheEnclosingOnesOnce() {
            Map<String, String> pods = entry(run(Examples.SeedAnnotations.class), "pods");

            assertThat(pods.get("classSeed")).matches(HELLOWORLD_PODS);
            assertThat(pods.get("nestedSeed")).matches(HELLOWORLD_PODS + ",sleep-[a-z0-9]+-[a-z0-9]{5}");
        }

        @Test
        void composedAnnotationsAndSuperclassesCount() {
            assertThat(entry(run(Examples.Composed.class), "pods").get("pods")).matches(HELLOWORLD_PODS);
            Map<String, String> inheriting = entries(run(Examples.Inheriting.class)).values().iterator().next();
            assertThat(inheriting.get("pods")).matches("sleep-[a-z0-9]+-[a-z0-9]{5}");
            assertThat(inheriting.get("seed")).isEqualTo("3");
        }

        @Test
        void anUnknownFixtureNamesTheAnnotationAndTheKnownFixtures() {
            Throwable t = failure(run(Examples.UnknownFixture.class), "test");

            assertThat(t).hasMessageContaining("@MeshTest(fixtures = \"helloWorld\") on UnknownFixture: unknown fixture "
                    + "\"helloWorld\" (did you mean \"helloworld\"?); the built-in fixtures are bookinfo, helloworld, httpbin, sleep.");
        }

        @Test
        void aMissingConfigNamesTheAnnotation() {
            Throwable t = failure(run(Examples.MissingConfig.class), "test");

            assertThat(t).hasMessageContaining("@MeshTest(config = \"junit/missing.yaml\") on MissingConfig cannot be applied: ")
                    .hasMessageContaining("junit/missing.yaml");
        }
    }

    @Nested
    class Seeds {

        @Test
        void methodSeedBeatsClassSeedAndNestedClassesUseTheNearest() {
            EngineExecutionResults results = run(Examples.SeedAnnotations.class);

            results.testEvents().assertStatistics(s -> s.succeeded(5).failed(0));
            assertThat(entry(results, "seed")).containsExactly(Map.entry("classSeed", "7"),
                    Map.entry("enclosingSeed", "7"), Map.entry("methodSeed", "9"), Map.entry("nearestSeed", "11"),
                    Map.entry("nestedSeed", "11"));
        }

        @Test
        void theSeedPropertyBeatsEveryAnnotation() {
            EngineExecutionResults results = run(Map.of(MeshExtension.SEED_PROPERTY, "123"), Examples.SeedAnnotations.class);

            assertThat(entry(results, "seed")).hasSize(5).allSatisfy((test, seed) -> assertThat(seed).isEqualTo("123"));
        }

        @Test
        @ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
        void theSeedSystemPropertyBeatsEveryAnnotation() {
            String before = System.getProperty(MeshExtension.SEED_PROPERTY);
            System.setProperty(MeshExtension.SEED_PROPERTY, "-77");
            EngineExecutionResults results;
            try {
                results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Examples.SeedAnnotations.class))
                        .configurationParameter(OnlyInTestKit.PARAMETER, "true")
                        .enableImplicitConfigurationParameters(true)
                        .execute();
            } finally {
                if (before == null) {
                    System.clearProperty(MeshExtension.SEED_PROPERTY);
                } else {
                    System.setProperty(MeshExtension.SEED_PROPERTY, before);
                }
            }
            assertThat(entry(results, "seed")).hasSize(5).allSatisfy((test, seed) -> assertThat(seed).isEqualTo("-77"));
        }

        @Test
        void aSeedThatIsNotANumberIsExplained() {
            Throwable t = failure(run(Map.of(MeshExtension.SEED_PROPERTY, "abc"), Examples.Helloworld.class), "pods");

            assertThat(t).hasMessageContaining("meshtest.seed=\"abc\" is not a seed: give a whole number that fits a Java long, "
                    + "for example -Dmeshtest.seed=42");
        }

        @Test
        void theDefaultSeedIsTheHashOfTheUniqueIdStableAcrossRunsAndDifferentPerTest() {
            Map<String, Map<String, String>> first = entries(run(Examples.DefaultSeeds.class));
            Map<String, Map<String, String>> second = entries(run(Examples.DefaultSeeds.class));

            assertThat(first).hasSize(7).isEqualTo(second);
            first.forEach((uniqueId, entries) ->
                    assertThat(entries.get("seed")).as(uniqueId).isEqualTo(Long.toString(dev.meshtest.junit.Seeds.fromUniqueId(uniqueId))));
            assertThat(first.values().stream().map(e -> e.get("seed")).distinct()).hasSize(7);
            assertThat(first.values().stream().map(e -> e.get("pods")).distinct()).hasSizeGreaterThan(1);
        }

        @Test
        void theDefaultSeedIgnoresWhatComesBeforeTheJupiterEngine() {
            String id = "[engine:junit-jupiter]/[class:a.B]/[method:c()]";
            assertThat(dev.meshtest.junit.Seeds.fromUniqueId("[engine:junit-platform-suite]/[suite:a.S]/" + id))
                    .isEqualTo(dev.meshtest.junit.Seeds.fromUniqueId(id))
                    .isNotEqualTo(dev.meshtest.junit.Seeds.fromUniqueId(id.replace("c()", "d()")));
        }

        @Test
        void theDefaultSeedIsFnv1a64() {
            // Published FNV-1a 64 test vectors.
            assertThat(dev.meshtest.junit.Seeds.fromUniqueId("")).isEqualTo(0xcbf29ce484222325L);
            assertThat(dev.meshtest.junit.Seeds.fromUniqueId("a")).isEqualTo(0xaf63dc4c8601ec8cL);
            assertThat(dev.meshtest.junit.Seeds.fromUniqueId("foobar")).isEqualTo(0x85944171f73967e8L);
        }
    }

    @Nested
    class Failures {

        private final EngineExecutionResults results = run(Examples.Failing.class);

        private String seedOf(String method) {
            return Long.toString(dev.meshtest.junit.Seeds.fromUniqueId(
                    "[engine:junit-jupiter]/[class:dev.meshtest.junit.Examples$Failing]/[method:" + method + "(dev.meshtest.Mesh)]"));
        }

        private String seedText(String method) {
            String seed = seedOf(method);
            return "meshtest: seed " + seed + " (derived from the test's unique id). Rerun this test with it:\n"
                    + "    ./mvnw -pl lib test -Dtest='dev.meshtest.junit.Examples$Failing#" + method + "' -Dmeshtest.seed=" + seed + "\n"
                    + "  or pin it with @Seed(" + seed + "L).";
        }

        @Test
        void statistics() {
            results.testEvents().assertStatistics(s -> s.failed(4).aborted(1).succeeded(1));
        }

        @Test
        void anAssertJFailureKeepsItsTypeAndValuesAndGetsTheSeedAndTheRerunCommand() {
            Throwable t = failure(results, "assertj");

            assertThat(t).isExactlyInstanceOf(AssertionFailedError.class);
            AssertionFailedError f = (AssertionFailedError) t;
            assertThat(f.getMessage()).endsWith("\n\n" + seedText("assertj"));
            assertThat(f.getMessage()).startsWith("[pods]");
            assertThat(f.getCause()).isExactlyInstanceOf(AssertionFailedError.class);
            assertThat(f.getCause().getMessage()).doesNotContain("meshtest: seed");
            assertThat(f.getStackTrace()).isEqualTo(f.getCause().getStackTrace());
            assertThat(f.isActualDefined()).isEqualTo(((AssertionFailedError) f.getCause()).isActualDefined());
        }

        @Test
        void aPlainAssertionErrorStaysOne() {
            Throwable t = failure(results, "plainAssertionError");

            assertThat(t).isExactlyInstanceOf(AssertionError.class)
                    .hasMessage("plain\n\n" + seedText("plainAssertionError"))
                    .cause().isExactlyInstanceOf(AssertionError.class).hasMessage("plain");
        }

        @Test
        void anExceptionKeepsItsTypeAndMessageAndGetsTheSeedAsSuppressed() {
            Throwable t = failure(results, "exception");

            assertThat(t).isExactlyInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no pod or workload \"nobody\"");
            assertThat(t.getSuppressed()).singleElement().isInstanceOf(MeshTestSeed.class)
                    .extracting(Throwable::getMessage).isEqualTo(seedText("exception"));
        }

        @Test
        void aTestWithoutAMeshIsLeftAlone() {
            assertThat(failure(results, "withoutMesh")).isExactlyInstanceOf(AssertionError.class).hasMessage("no mesh here")
                    .hasNoCause();
        }

        @Test
        void anAbortedTestIsLeftAlone() {
            Throwable t = results.testEvents().aborted().list().get(0)
                    .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(t).hasMessage("Assumption failed: not today").hasNoSuppressedExceptions();
        }

        @Test
        void theSeedAndTheCommandArePublishedAsReportEntries() {
            Map<String, String> entries = entries(results).entrySet().stream()
                    .filter(e -> e.getKey().contains("[method:plainAssertionError("))
                    .findFirst().orElseThrow().getValue();
            String seed = seedOf("plainAssertionError");

            assertThat(entries).containsExactly(
                    Map.entry("meshtest.rerun", "./mvnw -pl lib test -Dtest='dev.meshtest.junit.Examples$Failing#plainAssertionError'"
                            + " -Dmeshtest.seed=" + seed),
                    Map.entry("meshtest.seed", seed));
            assertThat(entry(results, "meshtest.seed")).containsOnlyKeys("assertj", "exception", "plainAssertionError");
        }

        @Test
        void aFailureInBeforeEachGetsTheSeed() {
            Throwable t = failure(run(Examples.FailingBeforeEach.class), "test");

            assertThat(t).isExactlyInstanceOf(AssertionError.class).hasMessageStartingWith("in @BeforeEach\n\nmeshtest: seed ");
        }

        @Test
        void theRerunCommandPinsTheSeedThatFailed() {
            String seed = seedOf("plainAssertionError");
            EngineExecutionResults rerun = EngineTestKit.engine("junit-jupiter")
                    .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod(
                            Examples.Failing.class, "plainAssertionError", "dev.meshtest.Mesh"))
                    .configurationParameter(OnlyInTestKit.PARAMETER, "true")
                    .configurationParameter(MeshExtension.SEED_PROPERTY, seed)
                    .execute();

            assertThat(failure(rerun, "plainAssertionError")).hasMessageContaining(
                    "meshtest: seed " + seed + " (from meshtest.seed)");
        }

        @Test
        @ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
        void underGradleTheCommandIsGradlesAndSaysHowToForwardTheSeed() {
            String before = System.getProperty(RerunCommand.GRADLE_WORKER);
            System.setProperty(RerunCommand.GRADLE_WORKER, "7");
            Throwable t;
            try {
                t = failure(run(Examples.Failing.class), "plainAssertionError");
            } finally {
                if (before == null) {
                    System.clearProperty(RerunCommand.GRADLE_WORKER);
                } else {
                    System.setProperty(RerunCommand.GRADLE_WORKER, before);
                }
            }
            String seed = seedOf("plainAssertionError");
            // lib has no gradlew or settings.gradle above it, so it is a single-project build run with gradle.
            assertThat(t).hasMessage("plain\n\n"
                    + "meshtest: seed " + seed + " (derived from the test's unique id). Rerun this test with it:\n"
                    + "    gradle test --tests 'dev.meshtest.junit.Examples$Failing.plainAssertionError' -Dmeshtest.seed="
                    + seed + "\n"
                    + "  (Gradle hands -Dmeshtest.seed to the tests only if the test task forwards it: "
                    + "System.getProperty(\"meshtest.seed\")?.let { systemProperty(\"meshtest.seed\", it) } "
                    + "in tasks.test of build.gradle.kts)\n"
                    + "  or pin it with @Seed(" + seed + "L).");
        }

        private EngineExecutionResults withOutput(Class<?> examples, Path output) {
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(examples))
                    .configurationParameter(OnlyInTestKit.PARAMETER, "true")
                    .outputDirectoryCreator(new org.junit.platform.engine.OutputDirectoryCreator() {
                        @Override
                        public Path getRootDirectory() {
                            return output;
                        }

                        @Override
                        public Path createOutputDirectory(org.junit.platform.engine.TestDescriptor descriptor) throws java.io.IOException {
                            return Files.createDirectories(output.resolve(Integer.toHexString(descriptor.getUniqueId().toString().hashCode())));
                        }
                    })
                    .execute();
        }

        @Test
        void theTrafficAndGraphOfAFailedTestArePublishedAsFiles(@TempDir Path output) throws Exception {
            EngineExecutionResults results = withOutput(Examples.FailingWithTraffic.class, output);

            results.testEvents().assertStatistics(s -> s.failed(1).succeeded(1));
            List<Event> files = results.allEvents().fileEntryPublished().list();
            assertThat(files).hasSize(2).allSatisfy(e -> assertThat(e.getTestDescriptor().getUniqueId().toString())
                    .contains("[method:fails("));
            FileEntry graph = files.get(1).getRequiredPayload(FileEntry.class);
            assertThat(graph.getPath().getFileName()).hasToString("meshtest-graph.svg");
            assertThat(graph.getMediaType()).contains("image/svg+xml; charset=UTF-8");
            // The last send's graph: nginx to helloworld-v2 only.
            assertThat(Files.readString(graph.getPath(), StandardCharsets.UTF_8)).startsWith("<svg ")
                    .contains("data-to=\"helloworld-v2.default.svc.cluster.local\"").doesNotContain("data-to=\"helloworld.default");
            FileEntry file = files.get(0).getRequiredPayload(FileEntry.class);
            assertThat(file.getPath().getFileName()).hasToString("meshtest-traffic.txt");
            assertThat(file.getMediaType()).contains("text/plain; charset=UTF-8");
            String text = Files.readString(file.getPath(), StandardCharsets.UTF_8);
            assertThat(text).startsWith("seed ").contains("(derived from the test's unique id)")
                    .contains("send #1: 100 x GET").contains("send #2: 10 x GET")
                    .contains("DESTINATION").contains("helloworld-v2");
        }

        @Test
        void withGraphsAlwaysEveryTestThatSentTrafficPublishesItsGraph(@TempDir Path output) {
            EngineExecutionResults results = withOutput(Examples.GraphsAlways.class, output);

            results.testEvents().assertStatistics(s -> s.succeeded(2));
            List<Event> files = results.allEvents().fileEntryPublished().list();
            assertThat(files).singleElement().satisfies(e -> {
                assertThat(e.getTestDescriptor().getUniqueId().toString()).contains("[method:passes(");
                assertThat(e.getRequiredPayload(FileEntry.class).getPath().getFileName()).hasToString("meshtest-graph.svg");
            });
        }
    }

    @Nested
    class Parallel {

        private final Map<String, String> parallel = Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "8");

        private Map<String, Map<String, String>> withoutThreads(Map<String, Map<String, String>> entries) {
            Map<String, Map<String, String>> copy = new LinkedHashMap<>();
            entries.forEach((k, v) -> copy.put(k, v.entrySet().stream().filter(e -> !e.getKey().equals("thread"))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new))));
            return copy;
        }

        @Test
        void parallelRunsReportExactlyWhatSequentialRunsReport() {
            Class<?>[] classes = {Examples.Traffic.class, Examples.DefaultSeeds.class, Examples.SeedAnnotations.class,
                Examples.Injection.class, Examples.FreshMesh.class};
            EngineExecutionResults sequential = run(classes);
            EngineExecutionResults concurrent = run(parallel, classes);

            sequential.testEvents().assertStatistics(s -> s.failed(0).succeeded(24 + 7 + 5 + 2 + 2));
            concurrent.testEvents().assertStatistics(s -> s.failed(0).succeeded(24 + 7 + 5 + 2 + 2));
            assertThat(withoutThreads(entries(concurrent))).isEqualTo(withoutThreads(entries(sequential)));
            assertThat(entries(concurrent).values().stream().map(e -> e.get("thread")).filter(java.util.Objects::nonNull)
                    .distinct().count()).as("threads used").isGreaterThan(1);
            assertThat(entry(sequential, "workloads").entrySet().stream().filter(e -> e.getKey().startsWith("repeated"))
                    .map(Map.Entry::getValue)).hasSize(8).containsOnly("{helloworld-v1=500}");
        }
    }
}
