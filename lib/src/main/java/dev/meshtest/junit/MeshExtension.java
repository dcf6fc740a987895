package dev.meshtest.junit;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit extension behind {@link MeshTest}: gives every test a fresh, seeded {@link Mesh}
 * and, when the test fails, says which seed it ran with and how to rerun it with that seed. It
 * works with JUnit 5.10.0 through 6.x; what differs by version is listed below.
 *
 * <pre>{@code
 * import static dev.meshtest.assertj.MeshAssertions.assertThat;
 * import static org.junit.jupiter.api.Assertions.assertSame;
 *
 * @MeshTest(fixtures = "helloworld")                      // registers MeshExtension
 * class CanaryTest {
 *
 *     private final Mesh mesh;
 *
 *     CanaryTest(Mesh mesh) {                             // the mesh of the test about to run (JUnit 5.12+)
 *         this.mesh = mesh;
 *     }
 *
 *     @BeforeEach
 *     void addClient(Mesh mesh) {                         // the same mesh
 *         mesh.withPod("curl");
 *     }
 *
 *     @Test
 *     void reachesHelloworld(Mesh mesh) {                 // the same mesh again
 *         assertSame(this.mesh, mesh);
 *         assertThat(mesh.send(10).from("curl").to("helloworld:5000/hello")).allSucceeded();
 *     }
 *
 *     @ParameterizedTest
 *     @ValueSource(ints = {1, 2, 3})
 *     void eachInvocationHasItsOwnMesh(int n, Mesh mesh) { // a fresh mesh per invocation
 *         assertThat(mesh.send(n).from("nginx").to("helloworld:5000/hello")).allSucceeded();
 *     }
 * }
 * }</pre>
 *
 * <h2>One mesh per test</h2>
 * Each test method invocation (each invocation of a {@code @ParameterizedTest}, each repetition of
 * a {@code @RepeatedTest}) gets its own mesh, created when first asked for and kept in that
 * invocation's {@link ExtensionContext.Store}: the constructor (with the default
 * {@code @TestInstance(PER_METHOD)}, on JUnit 5.12+), {@code @BeforeEach}, the test and {@code @AfterEach} all get
 * the same one. The extension holds no state of its own, so it works with {@code @Nested} classes
 * and with JUnit's parallel execution; a test's results depend only on its seed, never on what runs
 * beside it. The mesh is {@code Mesh.mesh().seed(seed)}, then the fixtures, then the config of
 * every {@link MeshTest} from the outermost class in.
 *
 * <p>Not for {@code @BeforeAll} or {@code @AfterAll} methods, nor the constructor of a
 * {@code @TestInstance(PER_CLASS)} class: they run once for many tests, and each test has its own
 * mesh. Asking for a {@code Mesh} there fails with a message that says so.
 *
 * <h2>Seeds and failures</h2>
 * The seed is chosen as {@link Seed} describes: {@code -Dmeshtest.seed}, then {@code @Seed} on the
 * method, then on the class, then a stable default derived from the test's unique id. When a test
 * that asked for a mesh fails (in the test, {@code @BeforeEach} or {@code @AfterEach}), the failure
 * says so:
 *
 * <pre>
 * expected 20% of requests at helloworld-v1 but was 31%
 *
 * meshtest: seed -4964420948893066024 (derived from the test's unique id). Rerun this test with it:
 *     ./mvnw -pl lib test -Dtest='dev.example.CanaryTest#splits' -Dmeshtest.seed=-4964420948893066024
 *   or pin it with @Seed(-4964420948893066024L).
 * </pre>
 *
 * An {@link AssertionError} or opentest4j {@link AssertionFailedError} is rethrown as the same type
 * with that text appended to its message, its expected and actual values kept (so IDEs still show
 * their diff), its stack trace kept and the original as its cause. Any other failure is rethrown
 * as it is, with the text as a suppressed exception. Aborted tests (failed assumptions) are left
 * alone. The seed and the command are also published as report entries {@code meshtest.seed} and
 * {@code meshtest.rerun}, and the summary of the traffic the test sent (its last ten sends), heard
 * through {@link dev.meshtest.Mesh#onTraffic}, as the file {@code meshtest-traffic.txt}; where that
 * cannot be (JUnit before 5.12, or a launcher without a report directory) it is the report entry
 * {@code meshtest.traffic} instead.
 *
 * <p>The rerun command fits the build tool: a Maven command as above, or, in a Gradle test worker,
 * {@code ./gradlew :lib:test --tests 'dev.example.CanaryTest.splits' -Dmeshtest.seed=-4964420948893066024}
 * with a line on forwarding {@code -Dmeshtest.seed} to the tests in the Gradle build.
 *
 * <h2>Route tables</h2>
 * The extension is also the invocation provider of {@link MeshCases} methods: one invocation per
 * case of the table, each with its own mesh as above (the table's fixtures and config applied
 * after the class's), checked after the method ran; a failed case gets the seed text like any test.
 *
 * <h2>JUnit versions</h2>
 * <ul>
 *   <li>5.12 and newer: everything above.</li>
 *   <li>5.10 and 5.11: a {@code Mesh} constructor parameter fails with a message that says it needs
 *       JUnit 5.12 (these versions call the constructor before the test it is for is known); the
 *       traffic summary is the report entry {@code meshtest.traffic}. The rest is the same.</li>
 * </ul>
 *
 * <h2>Configuration parameters</h2>
 * <ul>
 *   <li>{@value #SEED_PROPERTY}: the seed of every test (a system property or a JUnit
 *       configuration parameter, for example in {@code junit-platform.properties}).</li>
 * </ul>
 */
@API(status = STABLE, since = "0.1")
public final class MeshExtension implements ParameterResolver, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler, TestWatcher, AfterEachCallback, AfterAllCallback,
        TestTemplateInvocationContextProvider {

    /** The system property or configuration parameter that sets the seed of every test: {@code -Dmeshtest.seed=42}. */
    public static final String SEED_PROPERTY = "meshtest.seed";

    /** The file the call graph of a test's last send is published as ({@link MeshTest#graphs()}). */
    public static final String GRAPH_FILE = "meshtest-graph.svg";

    /** The file a failed test's traffic summary is published as. */
    static final String TRAFFIC_FILE = "meshtest-traffic.txt";

    /** The report entry that carries a failed test's traffic summary where JUnit cannot publish files (before 5.12). */
    static final String TRAFFIC_ENTRY = "meshtest.traffic";

    /** The report entry of each apply during a test (and of the {@code @MeshTest} config): kubectl's lines and warnings. */
    static final String APPLY_ENTRY = "meshtest.apply";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MeshExtension.class);
    private static final String MARKER = "meshtest: seed ";

    /** One test's mesh, the seed it was created with, and the traffic it sent. */
    private record TestMesh(Mesh mesh, Seeds.Choice seed, TrafficLog traffic) {
    }

    /** The extension as {@link MeshTest} (or {@code @ExtendWith(MeshExtension.class)}) registers it. */
    public MeshExtension() {
    }

    // ---------------------------------------------------------------- the mesh

    /**
     * Constructor parameters resolve in the test method's context, so they get the test's mesh
     * (JUnit 5.12+; older versions never call this).
     */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Mesh.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (extensionContext.getTestMethod().isEmpty()) {
            Executable executable = parameterContext.getDeclaringExecutable();
            if (executable instanceof Constructor<?> constructor && !JUnitFeatures.CONSTRUCTOR_IN_TEST_CONTEXT
                    && extensionContext.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
                            == TestInstance.Lifecycle.PER_METHOD) {
                throw new ParameterResolutionException(constructorNeedsNewerJUnit(constructor));
            }
            throw new ParameterResolutionException(notPerTest(executable));
        }
        return testMesh(extensionContext).mesh();
    }

    private static String notPerTest(Executable executable) {
        String where = executable instanceof Constructor<?> c
                ? "the constructor of " + c.getDeclaringClass().getSimpleName()
                        + ", which runs once for all its tests with @TestInstance(PER_CLASS),"
                : "@BeforeAll/@AfterAll method " + executable.getName() + "(), which runs once for all tests,";
        return "meshtest gives each test its own Mesh, so " + where + " cannot have one. Take Mesh as a parameter "
                + "of the test method, a @BeforeEach or @AfterEach method" + (executable instanceof Constructor<?>
                        ? ", or the constructor of a class with the default @TestInstance(PER_METHOD)" : "")
                + "; or build one yourself with Mesh.mesh().";
    }

    /** Before JUnit 5.12 a constructor is called with its class's context, before any test's context exists. */
    static String constructorNeedsNewerJUnit(Constructor<?> constructor) {
        return "meshtest gives each test its own Mesh, and the constructor of "
                + constructor.getDeclaringClass().getSimpleName() + " can have it only on JUnit 5.12 or newer, which "
                + "resolves constructor parameters for the test about to run; this is JUnit " + JUnitFeatures.VERSION
                + ". Take Mesh as a parameter of the test method or a @BeforeEach method, or move to JUnit 5.12 "
                + "or newer (import org.junit:junit-bom).";
    }

    private static TestMesh testMesh(ExtensionContext context) {
        return JUnitFeatures.computeIfAbsent(context.getStore(NAMESPACE), TestMesh.class, key -> create(context),
                TestMesh.class);
    }

    /** The mesh of a test (or of a {@link MeshCases} invocation), created on first use as for a parameter. */
    static Mesh mesh(ExtensionContext context) {
        return testMesh(context).mesh();
    }

    private static TestMesh create(ExtensionContext context) {
        Seeds.Choice seed = Seeds.choose(context);
        Mesh mesh = Mesh.mesh().seed(seed.seed());
        TrafficLog traffic = new TrafficLog();
        mesh.onTraffic(traffic);
        Setup setup = Setup.of(context);
        if (setup.lenient()) {
            mesh.lenient();
        }
        for (String fixture : setup.fixtures()) {
            String location;
            try {
                location = Fixtures.location(fixture);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("@MeshTest(fixtures = \"" + fixture + "\") on "
                        + setup.declaredOn().get(fixture) + ": " + e.getMessage(), e);
            }
            mesh.apply(location);
        }
        // From here on, what each apply did (kubectl's lines and warnings) is a report entry of the test;
        // the built-in fixtures above are left out, they are the same for every test.
        mesh.onApply(applied -> context.publishReportEntry(APPLY_ENTRY, applied.toString()));
        for (String config : setup.config()) {
            String location = config.startsWith("classpath:") ? config : "classpath:" + config;
            try {
                mesh.apply(location);
            } catch (MeshConfigException e) {
                throw new ExtensionConfigurationException("@MeshTest(config = \"" + config + "\") on "
                        + setup.declaredOn().get(config) + " cannot be applied: " + e.getMessage(), e);
            }
        }
        return new TestMesh(mesh, seed, traffic);
    }

    /** The fixtures and config of every {@code @MeshTest} around a test, outermost first, each once. */
    private record Setup(Set<String> fixtures, Set<String> config, Map<String, String> declaredOn, boolean lenient,
                         FailOnAnalysis failOnAnalysis, Graphs graphs) {

        static Setup of(ExtensionContext context) {
            Set<String> fixtures = new LinkedHashSet<>();
            Set<String> config = new LinkedHashSet<>();
            Map<String, String> declaredOn = new LinkedHashMap<>();
            boolean[] lenient = {false};
            FailOnAnalysis[] failOn = {FailOnAnalysis.NEVER};
            Graphs[] graphs = {Graphs.ON_FAILURE};
            List<Class<?>> classes = new ArrayList<>(Seeds.testClasses(context));
            java.util.Collections.reverse(classes);
            for (Class<?> type : classes) {
                AnnotationSupport.findAnnotation(type, MeshTest.class).ifPresent(a -> {
                    lenient[0] |= a.lenient();
                    if (a.graphs() != Graphs.ON_FAILURE) {
                        graphs[0] = a.graphs();   // classes come outermost first: the innermost that says so wins
                    }
                    if (a.failOnAnalysis().ordinal() > failOn[0].ordinal()) {
                        failOn[0] = a.failOnAnalysis();
                    }
                    for (String f : a.fixtures()) {
                        fixtures.add(f);
                        declaredOn.putIfAbsent(f, type.getSimpleName());
                    }
                    for (String c : a.config()) {
                        config.add(c);
                        declaredOn.putIfAbsent(c, type.getSimpleName());
                    }
                });
            }
            return new Setup(fixtures, config, declaredOn, lenient[0], failOn[0], graphs[0]);
        }
    }

    // ---------------------------------------------------------------- @MeshCases

    /**
     * Whether a {@code @TestTemplate} method is a {@link MeshCases} table, whose cases this extension
     * provides.
     */
    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return RouteCases.supports(context);
    }

    /** One invocation per case of the {@link MeshCases} table, each named after its line and name. */
    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return RouteCases.invocations(context);
    }

    // ---------------------------------------------------------------- failures

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withSeed(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withSeed(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withSeed(context, throwable);
    }

    /**
     * Stops the live traffic the test left running (its thread's, {@code mesh.startTraffic()}),
     * then with {@code @MeshTest(failOnAnalysis = ...)}: fails a test whose mesh, after it ran, has
     * analysis messages at that level or worse, listing them as istioctl prints them.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        // No live traffic outlives its test: whatever the test's thread started and left running stops here.
        dev.meshtest.LiveTraffic.stopAllStartedBy(Thread.currentThread());
        Optional<TestMesh> testMesh = existing(context);
        if (testMesh.isEmpty()) {
            return;
        }
        // The test's route coverage counts for its class and for the run.
        dev.meshtest.traffic.RouteCoverage coverage = testMesh.get().mesh().routeCoverage();
        if (!coverage.items().isEmpty()) {
            RunCoverage.of(context).add(coverage);
            classOf(context).ifPresent(c -> JUnitFeatures.computeIfAbsent(c.getStore(NAMESPACE), ClassCoverage.class,
                    k -> new ClassCoverage(), ClassCoverage.class).add(coverage));
        }
        Setup setup = Setup.of(context);
        if (setup.graphs() == Graphs.ALWAYS) {
            publishGraph(context, testMesh.get());
        }
        FailOnAnalysis failOn = setup.failOnAnalysis();
        failOn.level().ifPresent(level -> {
            var found = testMesh.get().mesh().analyze().atLeast(level);
            if (!found.isEmpty()) {
                StringBuilder sb = new StringBuilder("the test's mesh has " + found.size() + " istioctl analyze message"
                        + (found.size() == 1 ? "" : "s") + " at " + level.printed() + " or worse (@MeshTest(failOnAnalysis = "
                        + failOn + ")):");
                found.forEach(m -> sb.append('\n').append(m));
                throw new AssertionError(sb.toString());
            }
        });
    }

    /** The route coverage of a class's tests, summed, published as the report entry {@value #COVERAGE_ENTRY} after them. */
    private static final class ClassCoverage {
        private dev.meshtest.traffic.RouteCoverage sum;

        synchronized void add(dev.meshtest.traffic.RouteCoverage c) {
            sum = sum == null ? c : sum.plus(c);
        }
    }

    /** The context of the class a test runs in (above any template or parameterized invocation). */
    private static Optional<ExtensionContext> classOf(ExtensionContext context) {
        for (Optional<ExtensionContext> c = context.getParent(); c.isPresent(); c = c.get().getParent()) {
            if (c.get().getTestMethod().isEmpty() && c.get().getTestClass().isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** The report entry that carries a class's route coverage. */
    public static final String COVERAGE_ENTRY = "meshtest.routeCoverage";

    /** Publishes the route coverage of the class's tests, if they sent traffic through VirtualServices. */
    @Override
    public void afterAll(ExtensionContext context) {
        ClassCoverage c = context.getStore(NAMESPACE).get(ClassCoverage.class, ClassCoverage.class);
        if (c != null && c.sum != null) {
            context.publishReportEntry(COVERAGE_ENTRY, c.sum.toString());
        }
    }

    /** Publishes the seed, the rerun command and the traffic of a failed test that had a mesh. */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Optional<TestMesh> testMesh = existing(context);
        if (testMesh.isEmpty()) {
            return;
        }
        TestMesh t = testMesh.get();
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("meshtest.seed", Long.toString(t.seed().seed()));
        entry.put("meshtest.rerun", rerun(context, t.seed().seed()));
        context.publishReportEntry(entry);
        if (!t.traffic().isEmpty()) {
            String summary = "seed " + t.seed().seed() + " (" + t.seed().source() + ")\n\n" + t.traffic().summary();
            if (!JUnitFeatures.publishTextFile(context, TRAFFIC_FILE, summary)) {
                context.publishReportEntry(TRAFFIC_ENTRY, summary);
            }
        }
        if (Setup.of(context).graphs() == Graphs.ON_FAILURE) {
            publishGraph(context, t);
        }
    }

    /** Publishes the call graph of the test's last send that has one, if any, and if this JUnit publishes files. */
    private static void publishGraph(ExtensionContext context, TestMesh t) {
        t.traffic().lastWithEdges().ifPresent(r -> JUnitFeatures.publishFile(context, GRAPH_FILE, "image", "svg+xml",
                r.graph().toSvg()));
    }

    /** The test's mesh if it asked for one and got it; empty if it never asked or creating it failed. */
    private static Optional<TestMesh> existing(ExtensionContext context) {
        try {
            return Optional.ofNullable(context.getStore(NAMESPACE).get(TestMesh.class, TestMesh.class));
        } catch (RuntimeException creationFailed) {
            // JUnit 5 keeps the failure of the first getOrComputeIfAbsent and throws it again on get;
            // JUnit 6's computeIfAbsent stores nothing, so get returns null.
            return Optional.empty();
        }
    }

    private static Throwable withSeed(ExtensionContext context, Throwable failure) {
        Optional<TestMesh> testMesh = existing(context);
        if (testMesh.isEmpty() || failure instanceof TestAbortedException || mentionsSeed(failure)) {
            return failure;
        }
        String text = seedText(context, testMesh.get().seed());
        String message = failure.getMessage() == null ? text : failure.getMessage() + "\n\n" + text;
        Throwable augmented;
        if (failure.getClass() == AssertionError.class) {
            augmented = new AssertionError(message, failure);
        } else if (failure.getClass() == AssertionFailedError.class) {
            AssertionFailedError f = (AssertionFailedError) failure;
            augmented = f.isExpectedDefined() || f.isActualDefined()
                    ? new AssertionFailedError(message, value(f.getExpected()), value(f.getActual()), failure)
                    : new AssertionFailedError(message, failure);
        } else {
            failure.addSuppressed(new MeshTestSeed(text));
            return failure;
        }
        augmented.setStackTrace(failure.getStackTrace());
        return augmented;
    }

    private static Object value(org.opentest4j.ValueWrapper wrapper) {
        return wrapper == null ? null : wrapper.getValue();
    }

    private static boolean mentionsSeed(Throwable failure) {
        if (failure.getMessage() != null && failure.getMessage().contains(MARKER)) {
            return true;
        }
        for (Throwable s : failure.getSuppressed()) {
            if (s instanceof MeshTestSeed) {
                return true;
            }
        }
        return false;
    }

    /** The text a failure gets: the seed, where it came from, the rerun command and the {@code @Seed} to pin it. */
    static String seedText(ExtensionContext context, Seeds.Choice seed) {
        return MARKER + seed.seed() + " (" + seed.source() + "). Rerun this test with it:\n"
                + "    " + rerun(context, seed.seed()) + "\n"
                + (RerunCommand.underGradle() ? "  " + RerunCommand.GRADLE_NOTE + "\n" : "")
                + "  or pin it with @Seed(" + seed.seed() + "L).";
    }

    private static String rerun(ExtensionContext context, long seed) {
        String testClass = context.getTestClass().map(Class::getName).orElse("?");
        String method = context.getTestMethod().map(Method::getName).orElse("?");
        return RerunCommand.forThisRun(RerunCommand.moduleDirectory(), testClass, method, seed);
    }
}
