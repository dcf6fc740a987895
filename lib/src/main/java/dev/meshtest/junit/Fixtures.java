package dev.meshtest.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.Mesh;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The built-in fixtures: Istio's sample applications as meshtest's own YAML, ready to apply. Each
 * is a classpath resource {@code dev/meshtest/fixtures/<name>.yaml} in the meshtest jar, and each
 * labels namespace {@code default} with {@code istio-injection=enabled}.
 *
 * <table>
 *   <caption>Fixtures</caption>
 *   <tr><th>name</th><th>what it holds</th><th>send from</th></tr>
 *   <tr><td>{@code helloworld}</td><td>Service {@code helloworld} (5000, {@code http}) over Deployments
 *       {@code helloworld-v1} and {@code helloworld-v2} (labels {@code app}, {@code version}), the
 *       per-version Services {@code helloworld-v1} and {@code helloworld-v2}, and the client Pod
 *       {@code nginx} (label {@code run: nginx})</td><td>{@code "nginx"}</td></tr>
 *   <tr><td>{@code sleep}</td><td>a curl client: Service and Deployment {@code sleep} (80, {@code http})</td>
 *       <td>{@code "sleep"}</td></tr>
 *   <tr><td>{@code httpbin}</td><td>Service {@code httpbin} (8000 to container port 8080, {@code http}),
 *       Deployment {@code httpbin} (v1), and the load client Deployment {@code fortio-deploy}
 *       (label {@code app: fortio}) with its Service {@code fortio}</td><td>{@code "fortio-deploy"}</td></tr>
 *   <tr><td>{@code bookinfo}</td><td>Services {@code productpage}, {@code details}, {@code reviews},
 *       {@code ratings} (all 9080, {@code http}) over Deployments {@code productpage-v1},
 *       {@code details-v1}, {@code reviews-v1}, {@code reviews-v2}, {@code reviews-v3},
 *       {@code ratings-v1}, with their service accounts</td><td>{@code "productpage-v1"}</td></tr>
 * </table>
 *
 * <pre>{@code
 * Mesh mesh = Fixtures.apply(Mesh.mesh().seed(7), "helloworld", "sleep");
 * mesh.send(100).from("sleep").to("helloworld:5000/hello");
 *
 * mesh().apply(Fixtures.location("bookinfo"));   // "classpath:dev/meshtest/fixtures/bookinfo.yaml"
 * }</pre>
 *
 * <p>In a JUnit test, {@code @MeshTest(fixtures = "helloworld")} does the same for every test.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Fixtures {

    private static final List<String> NAMES = List.of("bookinfo", "helloworld", "httpbin", "sleep");
    private static final String FOLDER = "dev/meshtest/fixtures/";

    private Fixtures() {
    }

    /** {@return the names of the built-in fixtures, sorted: {@code [bookinfo, helloworld, httpbin, sleep]}} */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Where a fixture's YAML is, for {@link Mesh#apply(String)}:
     * {@code location("helloworld")} is {@code "classpath:dev/meshtest/fixtures/helloworld.yaml"}.
     *
     * @param name a built-in fixture's name
     * @return its {@code classpath:} location
     * @throws IllegalArgumentException for a name that is not a built-in fixture; the message
     *     lists the known ones
     */
    public static String location(String name) {
        Objects.requireNonNull(name, "fixture name");
        if (!NAMES.contains(name)) {
            String hint = NAMES.stream().filter(n -> n.equals(name.strip().toLowerCase(Locale.ROOT)))
                    .findFirst().map(n -> " (did you mean \"" + n + "\"?)").orElse("");
            throw new IllegalArgumentException("unknown fixture \"" + name + "\"" + hint + "; the built-in fixtures are "
                    + String.join(", ", NAMES) + ". For your own YAML use @MeshTest(config = \"classpath:...\") "
                    + "or mesh.apply(\"classpath:...\").");
        }
        return "classpath:" + FOLDER + name + ".yaml";
    }

    /**
     * Applies fixtures to a mesh, in the order given, and returns the mesh:
     * {@code Fixtures.apply(mesh(), "helloworld")}.
     *
     * @param mesh the mesh
     * @param names built-in fixtures' names
     * @return the mesh
     * @throws IllegalArgumentException for an unknown name, before anything is applied
     */
    public static Mesh apply(Mesh mesh, String... names) {
        Objects.requireNonNull(mesh, "mesh");
        List<String> locations = java.util.Arrays.stream(names).map(Fixtures::location).toList();
        for (String location : locations) {
            mesh.apply(location);
        }
        return mesh;
    }
}
