package dev.meshtest.bench;

import static dev.meshtest.Mesh.mesh;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The discrete-event data plane under load: the helloworld sample (one Service over a v1 and a
 * v2 pod, 100 ms each), a DestinationRule whose connection pool allows 32 connections and 16
 * pending requests, and 64 client loops on {@code nginx}, each pausing 100 ms between requests
 * (without a pause, a loop whose request overflows gets its 503 in 0.5 ms and spins, so nearly
 * every request would be an overflow):
 * {@code mesh.send(1_000_000).from("nginx").concurrency(64).thinkTime(100 ms).to("helloworld:5000/hello").countByStatus()}.
 *
 * <p>Per request: the client loop, the sidecar's routing, LEAST_REQUEST over the two hosts with
 * their active requests, the circuit breaker (32 attached, 16 pending, the rest overflow with
 * 503 UO), the hop events, the app's service time, the answer back through both sidecars, and
 * the per-request latency and attempts. The score is time per simulated request; requests per
 * second is 10<sup>9</sup> / score. Run:
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar -f 1 -t 1 ConcurrentLoad
 * </pre>
 *
 * The connection pool is compiled from the DestinationRule by the proxy; without that
 * compilation (neutral defaults) nothing overflows and {@link #setUp()} says so.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ConcurrentLoadBenchmark.REQUESTS)
@Warmup(iterations = 3, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 3, timeUnit = TimeUnit.SECONDS)
// A heap of fixed size, touched first (package-info says why).
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Threads(1)
public class ConcurrentLoadBenchmark {

    /** Requests per invocation. */
    static final int REQUESTS = 1_000_000;

    private static final Duration THINK = Duration.ofMillis(100);
    private static final String RESOURCES = "classpath:dev/meshtest/bench/";

    private Mesh mesh;

    /** Builds the mesh and checks that the circuit breakers are on, so a broken setup cannot pass as fast. */
    @Setup(Level.Trial)
    public void setUp() {
        mesh = mesh()
                .apply(RESOURCES + "helloworld.yaml")
                .withPod("nginx")
                .apply(RESOURCES + "helloworld-connection-pool.yaml");
        Map<Integer, Long> counts = mesh.send(10_000).from("nginx").concurrency(64).thinkTime(THINK).to("helloworld:5000/hello").countByStatus();
        if (counts.getOrDefault(200, 0L) < 1_000 || counts.getOrDefault(503, 0L) < 50) {
            throw new IllegalStateException("expected successes and 503 UO overflows with 64 loops over 32 connections + 16 "
                    + "pending (is the DestinationRule's connection pool compiled?): " + counts);
        }
    }

    /** One million requests from 64 concurrent client loops, counted by status. */
    @Benchmark
    public void concurrency64(Blackhole bh) {
        TrafficResult result = mesh.send(REQUESTS).from("nginx").concurrency(64).thinkTime(THINK).to("helloworld:5000/hello");
        bh.consume(result.countByStatus());
    }
}
