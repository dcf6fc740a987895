package dev.meshtest.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a table of requests and their expected routing, kept in YAML next to the mesh's YAML, as
 * tests: each case of the table is one test in the JUnit report, named after its line and its
 * {@code name}. The annotated method is usually empty; it runs before each case is checked, with
 * that case's {@link dev.meshtest.Mesh} if it asks for one.
 *
 * <pre>{@code
 * @MeshTest(fixtures = "helloworld")
 * class HelloworldRoutesTest {
 *
 *     @MeshCases("routes/helloworld-routes.yaml")
 *     void routes() {
 *     }
 * }
 * }</pre>
 *
 * <p>with {@code src/test/resources/routes/helloworld-routes.yaml}:
 *
 * <pre>
 * config: [helloworld-by-user.yaml]        # relative to this file, applied in order
 * cases:
 * - name: jason goes to v1
 *   request: {from: nginx, url: "http://helloworld:5000/hello", headers: {end-user: jason}}
 *   expect: {workload: helloworld-v1, path: /v1/hello}
 * - name: no route for /admin
 *   request: {from: nginx, url: "http://helloworld:5000/admin"}
 *   expect: {status: 404, flags: NR}
 * </pre>
 *
 * <p>Each case gets a fresh mesh, as every {@link MeshTest} test does: {@link dev.meshtest.Mesh#mesh()}
 * (Istio installed), the {@code @MeshTest} fixtures and config of the class if it has
 * {@code @MeshTest}, then the table's {@code fixtures} and {@code config} (files relative to the
 * table, or YAML written in it as a block). The case's request is then explained
 * ({@link dev.meshtest.Mesh#explain()}), and its outcome compared with every field of
 * {@code expect}; a request whose {@code url}, {@code authority}, {@code path} or {@code method}
 * is a list is sent once per combination. A case that fails says its file and line, each
 * expectation it missed, and the explanation of the request. A case that cannot be checked (an unknown field, a pod that does not
 * exist) fails with the file, line and field. The seed is chosen as for any test ({@link Seed}),
 * per case. The table's fields are listed in {@code docs/route-tables.md}.
 *
 * <p>The location is a classpath resource, as {@link MeshTest#config()} takes it ({@code classpath:}
 * optional, from the classpath root), or {@code file:} and a path relative to the working
 * directory (the module's directory under Maven and Gradle): {@code @MeshCases("file:deploy/routes.yaml")}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(MeshExtension.class)
@API(status = EXPERIMENTAL, since = "0.6")
public @interface MeshCases {

    /**
     * The table: {@code "routes/helloworld-routes.yaml"} (classpath) or
     * {@code "file:deploy/routes.yaml"} (a file).
     *
     * @return the table's location
     */
    String value();
}
