package dev.meshtest.junit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes a class a meshtest test: every test gets a fresh, seeded {@link dev.meshtest.Mesh} with
 * the {@linkplain Fixtures fixtures} and {@link #config() config} applied, as a parameter of the
 * test method, of {@code @BeforeEach} and {@code @AfterEach} methods, and (on JUnit 5.12 and newer)
 * of the constructor. Works with JUnit 5.10 through 6.x; see {@link MeshExtension}.
 *
 * <pre>{@code
 * @MeshTest(fixtures = "helloworld", config = "classpath:routing/canary.yaml")
 * class CanaryTest {
 *
 *     @Test
 *     void splits80_20(Mesh mesh) {
 *         TrafficResult r = mesh.send(1000).from("nginx").to("helloworld:5000/hello");
 *         assertThat(r).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80));
 *     }
 *
 *     @Test @Seed(42)
 *     void pinned(Mesh mesh) { ... }
 * }
 * }</pre>
 *
 * <p>The mesh is {@code Mesh.mesh().seed(seed)}, then each fixture, then each config location, in
 * the order written. The seed is chosen as {@link Seed} describes. {@code @Nested} classes add
 * their own {@code @MeshTest} fixtures and config after those of the classes around them (a name
 * or location is applied once). The annotation is {@link Inherited} by subclasses and may be used
 * as a meta-annotation.
 *
 * <p>When a test fails, its failure message gets the seed and the command that reruns just that
 * test with it; see {@link MeshExtension}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MeshExtension.class)
@API(status = STABLE, since = "0.1")
public @interface MeshTest {

    /**
     * Built-in fixtures to apply, in order: {@code "helloworld"}, {@code "sleep"},
     * {@code "httpbin"}, {@code "bookinfo"} (see {@link Fixtures}).
     *
     * @return the fixtures' names
     */
    String[] fixtures() default {};

    /**
     * Classpath YAML to apply after the fixtures, in order, like {@code kubectl apply -f}:
     * {@code "classpath:routing/canary.yaml"} or {@code "routing/canary.yaml"} (the
     * {@code classpath:} prefix is optional; paths are from the classpath root).
     *
     * @return the locations
     */
    String[] config() default {};

    /**
     * Simulate without what meshtest does not simulate (EnvoyFilter, a CUSTOM AuthorizationPolicy,
     * a DestinationRule's TLS origination, MeshConfig fields that change traffic) instead of failing
     * to apply it; each such thing becomes a note that every result and assertion failure prints.
     * See {@link dev.meshtest.Mesh#lenient()}. On any {@code @MeshTest} around a test, it applies to
     * the test's mesh.
     *
     * @return whether the mesh is lenient
     */
    boolean lenient() default false;

    /**
     * Fail the test when, after it ran, its mesh has {@code istioctl analyze} messages at this level
     * or a more serious one (see {@link dev.meshtest.Mesh#analyze()}); the failure lists them. On
     * several {@code @MeshTest} around a test, the strictest applies.
     *
     * @return the level that fails a test; {@link FailOnAnalysis#NEVER} by default
     */
    FailOnAnalysis failOnAnalysis() default FailOnAnalysis.NEVER;

    /**
     * When to publish the call graph of the test's last send with the test
     * ({@link MeshExtension#GRAPH_FILE}, an SVG as {@code result.graph().toSvg()} draws it). On
     * several {@code @MeshTest} around a test, the innermost that says other than the default wins.
     *
     * @return when; {@link Graphs#ON_FAILURE} by default
     */
    Graphs graphs() default Graphs.ON_FAILURE;
}
