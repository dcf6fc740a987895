package dev.meshtest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every fuzz test starts from and checks: the helloworld sample of the lessons (two
 * versions, a Service per version) with a client pod {@code nginx}; and the invariants of the
 * issue that asked for fuzzing: a user sees only meshtest's own exceptions, a refused apply leaves
 * the mesh as it was, every request sent has exactly one outcome.
 */
final class Base {
    /** The lessons' experiment YAML, read in place (Maven runs the tests in the module's directory). */
    private static final Path EXPERIMENTS = Path.of("..", "lib", "src", "test", "resources", "experiments");
    private static final String HELLOWORLD = read("helloworld.yaml") + "\n---\n" + read("helloworld-per-version-services.yaml");

    private Base() {
    }

    private static String read(String name) {
        try {
            return Files.readString(EXPERIMENTS.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh mesh of the helloworld sample, seed 1. */
    static Mesh mesh() {
        return Mesh.mesh().seed(1).withPod("nginx").apply(HELLOWORLD);
    }

    /**
     * Applies {@code yaml}; {@code true} when it was applied, {@code false} when refused with
     * meshtest's own explanation. Anything else fails the test.
     */
    static boolean apply(Mesh mesh, String yaml) {
        try {
            mesh.apply(yaml);
            return true;
        } catch (MeshConfigException e) {
            assertThat(e.problems()).isNotEmpty();
            assertThat(e.getMessage()).isNotBlank().doesNotContain("org.yaml.snakeyaml").doesNotContain("Exception");
            return false;
        } catch (IllegalArgumentException e) {
            // One line that looks like a file name: apply(String) says it names no file.
            assertThat(e.getMessage()).contains("names a YAML file");
            return false;
        }
    }

    /** Each outcome of 40 requests from nginx to helloworld, counted. */
    static Map<Outcome, Long> helloworldTraffic(Mesh mesh) {
        TrafficResult r = mesh.send(40).from("nginx").to("http://helloworld:5000/hello");
        assertThat(r.size()).isEqualTo(40);
        assertThat(r.outcomeCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(40);
        return r.outcomeCounts();
    }

    /** What a fresh mesh answers: the traffic a refused apply must leave unchanged. */
    static final Map<Outcome, Long> UNTOUCHED = helloworldTraffic(mesh());
}
