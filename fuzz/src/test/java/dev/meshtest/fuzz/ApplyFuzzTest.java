package dev.meshtest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meshtest.Mesh;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code apply} of any text, on top of the helloworld sample: applied, or refused whole with
 * meshtest's own message, in bounded time; a refused apply leaves the traffic exactly as on a
 * fresh mesh; after an accepted one, every request sent has exactly one outcome.
 *
 * <p>The build replays the inputs in {@code ApplyFuzzTestInputs/applyAnswersOrRefusesWhole}
 * (the lessons' experiments as seeds, and every finding kept); {@code docs/fuzzing.md} says how to
 * fuzz.
 */
class ApplyFuzzTest {

    /** Generous: inputs are a few KB, and the first apply in a JVM warms it up. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    @FuzzTest(maxDuration = "5m")
    void applyAnswersOrRefusesWhole(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        Mesh mesh = Base.mesh();
        long start = System.nanoTime();
        boolean applied = Base.apply(mesh, yaml);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to apply").isLessThan(BOUND);
        if (applied) {
            Base.helloworldTraffic(mesh);
        } else {
            assertThat(Base.helloworldTraffic(mesh)).as("traffic after a refused apply").isEqualTo(Base.UNTOUCHED);
        }
    }
}
