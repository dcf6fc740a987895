package dev.meshtest.junit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Pins the seed of the meshes of a {@link MeshTest} test method or class: pod names and every
 * random pick of the simulation follow it.
 *
 * <pre>{@code
 * @MeshTest(fixtures = "helloworld")
 * @Seed(7)                       // every test of the class ...
 * class CanaryTest {
 *     @Test @Seed(42)            // ... but this one
 *     void splits(Mesh mesh) { ... }
 * }
 * }</pre>
 *
 * <p>Which seed a test gets, first match wins:
 * <ol>
 *   <li>the configuration parameter or system property {@value MeshExtension#SEED_PROPERTY}
 *       ({@code -Dmeshtest.seed=42}), which the failure message of every meshtest test prints;</li>
 *   <li>{@code @Seed} on the test method;</li>
 *   <li>{@code @Seed} on the test class, a superclass, or, for {@code @Nested} classes, the
 *       nearest enclosing class that has one;</li>
 *   <li>a default derived from the test's unique id (a 64-bit FNV-1a hash): the same on every run
 *       and JVM, and different for different tests and for each invocation of a
 *       {@code @ParameterizedTest} or {@code @RepeatedTest}.</li>
 * </ol>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@API(status = STABLE, since = "0.1")
public @interface Seed {

    /** {@return the seed} */
    long value();
}
