package dev.meshtest.bench;

import dev.meshtest.internal.sim.SeededRandom;
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
 * The floor under {@link WeightedRoutingBenchmark}: the least work a weighted 20/80 split can do
 * per request, with the same generator the simulation uses. Per request: draw
 * {@code SeededRandom.nextLong(total)}, walk the cumulative weights (Envoy's pick, istio-rules §4.3 of
 * the reference) and increment that destination's counter in a {@code long[]}. No mesh, no
 * objects per request.
 *
 * <p>Weights, counters and the generator live in fields, so the JIT cannot fold them into
 * constants; the counters are written to the heap and handed to a {@link Blackhole}, so the loop
 * cannot be removed. Same modes and iteration counts as the routed benchmark, so the two scores
 * (time per request) divide into "how many floors one routed request costs".
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar -f 1 -t 1 WeightedRouting WeightedPickFloor
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(WeightedPickFloorBenchmark.REQUESTS)
@Warmup(iterations = 3, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 3, timeUnit = TimeUnit.SECONDS)
// A heap of fixed size, touched first (package-info says why).
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Threads(1)
public class WeightedPickFloorBenchmark {

    /** Requests per invocation, as in the routed benchmark. */
    static final int REQUESTS = 1_000_000;

    private SeededRandom random;
    private long[] weights;
    private long total;
    private long[] counts;

    @Setup(Level.Trial)
    public void setUp() {
        random = new SeededRandom(42L);
        weights = new long[] {20, 80};
        total = 0;
        for (long w : weights) {
            total += w;
        }
        counts = new long[weights.length];
    }

    /** One million weighted picks, counted per destination. */
    @Benchmark
    public void pick1M(Blackhole bh) {
        SeededRandom r = random;
        long[] w = weights;
        long[] c = counts;
        long t = total;
        for (int i = 0; i < REQUESTS; i++) {
            long v = r.nextLong(t);
            int k = 0;
            while ((v -= w[k]) >= 0) {
                k++;
            }
            c[k]++;
        }
        bh.consume(c);
    }
}
