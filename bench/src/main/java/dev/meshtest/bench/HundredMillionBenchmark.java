package dev.meshtest.bench;

import static dev.meshtest.Mesh.mesh;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code send(100_000_000)} in a 512 MB heap: experiment E2 (helloworld, a VirtualService that
 * splits 20/80, client {@code nginx}), one hundred million requests in one send, single hop. A
 * send of more than {@code TrafficResult.AGGREGATE_ABOVE} requests is aggregated, so the result
 * holds counts, latency tallies per second and a sample, not 100 million outcomes; the fork's
 * {@code -Xmx512m} is the memory goal, and an {@code OutOfMemoryError} fails the run.
 *
 * <p>One shot per iteration (a send this long warms itself up); the score is seconds per send.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar -f 1 HundredMillion
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Xms512m"})
public class HundredMillionBenchmark {

    static final int REQUESTS = 100_000_000;

    private static final String RESOURCES = "classpath:dev/meshtest/bench/";

    private Mesh mesh;

    /** The E2 mesh, built once. */
    @Setup(Level.Trial)
    public void setUp() {
        mesh = mesh()
                .apply(RESOURCES + "helloworld.yaml")
                .withPod("nginx")
                .apply(RESOURCES + "helloworld-per-version-services.yaml")
                .apply(RESOURCES + "e2-weighted.yaml");
    }

    /** One hundred million requests; checks the result is aggregated and whole, so a broken run cannot pass as fast. */
    @Benchmark
    public long send100M() {
        TrafficResult r = mesh.send(REQUESTS).from("nginx").to("helloworld:5000/hello");
        if (!r.aggregated() || r.size() != REQUESTS || r.countByStatus().getOrDefault(200, 0L) != REQUESTS) {
            throw new IllegalStateException("100M send did not come back whole and aggregated: " + r.countByStatus());
        }
        return r.countByWorkload().get("helloworld-v1");
    }
}
