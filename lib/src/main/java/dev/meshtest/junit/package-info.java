/**
 * JUnit (5.10 through 6.x) for meshtest: {@link dev.meshtest.junit.MeshTest @MeshTest} gives every test a fresh,
 * seeded {@link dev.meshtest.Mesh} with built-in {@linkplain dev.meshtest.junit.Fixtures fixtures}
 * and your YAML applied; {@link dev.meshtest.junit.Seed @Seed} and {@code -Dmeshtest.seed} pin the
 * seed; a failing test says its seed and the command that reruns it with that seed.
 *
 * <pre>{@code
 * import static dev.meshtest.assertj.MeshAssertions.assertThat;
 *
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
 *     void podNames(Mesh mesh) { ... }
 * }
 * }</pre>
 *
 * <p>{@link dev.meshtest.junit.MeshCases @MeshCases} runs a YAML table of requests and their expected
 * routing, one test per case.
 *
 * <p>meshtest is compiled against one JUnit and probes, once, what the JUnit it runs on has
 * ({@code JUnitFeatures}); see {@link dev.meshtest.junit.MeshExtension} for what differs by version.
 *
 * <p>State lives only in JUnit's {@link org.junit.jupiter.api.extension.ExtensionContext.Store}
 * of each test; nothing is static, so tests run the same in parallel as one by one.
 */
package dev.meshtest.junit;
