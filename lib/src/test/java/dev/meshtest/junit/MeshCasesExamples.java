package dev.meshtest.junit;

import dev.meshtest.Mesh;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Example classes with {@link MeshCases} tables that {@link MeshCasesTest} runs with EngineTestKit;
 * some fail on purpose, so {@link OnlyInTestKit} keeps them from running any other way.
 */
final class MeshCasesExamples {

    private MeshCasesExamples() {
    }

    /** A table whose fixtures and config make the whole mesh; no {@code @MeshTest}. */
    @ExtendWith(OnlyInTestKit.class)
    static class Passing {
        @MeshCases("junit/meshcases/helloworld-routes.yaml")
        void routes() {
        }
    }

    /** The same table as a file, relative to the working directory (the module's, under Maven). */
    @ExtendWith(OnlyInTestKit.class)
    static class FromFile {
        @MeshCases("file:src/test/resources/junit/meshcases/helloworld-routes.yaml")
        void routes() {
        }
    }

    /** Weighted splits checked by a table. */
    @ExtendWith(OnlyInTestKit.class)
    @Seed(42)
    static class Weighted {
        @MeshCases("junit/meshcases/weighted-routes.yaml")
        void routes() {
        }
    }

    /** Cases that fail or cannot be checked, with a seed pinned so pod names are known. */
    @ExtendWith(OnlyInTestKit.class)
    @Seed(7)
    static class Failing {
        @MeshCases("classpath:junit/meshcases/failing-routes.yaml")
        void routes() {
        }
    }

    /** A table whose own fields are wrong: no case runs. */
    @ExtendWith(OnlyInTestKit.class)
    static class BadTable {
        @MeshCases("junit/meshcases/bad-fixture-routes.yaml")
        void routes() {
        }
    }

    /** A table that does not exist. */
    @ExtendWith(OnlyInTestKit.class)
    static class MissingTable {
        @MeshCases("junit/meshcases/no-such-routes.yaml")
        void routes() {
        }
    }

    /**
     * The class supplies the mesh ({@code @MeshTest}), and the method adds to it before each case
     * is checked: its VirtualService sends helloworld-v1's requests to helloworld-v2.
     */
    @ExtendWith(OnlyInTestKit.class)
    @MeshTest(fixtures = {"helloworld", "sleep"}, config = "junit/meshcases/helloworld-routing.yaml")
    static class ClassSuppliesMesh {
        @MeshCases("junit/meshcases/class-supplies-mesh-routes.yaml")
        void routes(Mesh mesh) {
            mesh.withVirtualService("""
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: v1-is-v2}
                    spec:
                      hosts: [helloworld-v1]
                      http: [{route: [{destination: {host: helloworld-v2}}]}]
                    """);
        }
    }

    /** Config written in the table. */
    @ExtendWith(OnlyInTestKit.class)
    static class InlineConfig {
        @MeshCases("junit/meshcases/inline-config-routes.yaml")
        void routes() {
        }
    }

    /** Config written in the table that Istio rejects. */
    @ExtendWith(OnlyInTestKit.class)
    static class BadInlineConfig {
        @MeshCases("junit/meshcases/bad-inline-config-routes.yaml")
        void routes() {
        }
    }

    /** The table docs/route-tables.md shows. */
    @ExtendWith(OnlyInTestKit.class)
    static class HelloworldRoutesTest {
        @MeshCases("junit/meshcases/docs/helloworld-routes.yaml")
        void routes() {
        }
    }
}
