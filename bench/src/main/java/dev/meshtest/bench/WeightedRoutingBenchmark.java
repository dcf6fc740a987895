package dev.meshtest.bench;

import static dev.meshtest.Mesh.mesh;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
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
 * Single-hop weighted routing through the whole library: experiment E2 (the helloworld sample,
 * per-version Services {@code helloworld-v1}/{@code helloworld-v2}, a VirtualService that splits
 * 20/80, client pod {@code nginx} with a sidecar), then
 * {@code mesh.send(1_000_000).from("nginx").to("helloworld:5000/hello").countByWorkload()}.
 *
 * <p>What one invocation measures: URL parsing and DNS resolution (once per send), then per
 * request the client sidecar's listener, virtual host, route, the weighted pick, the cluster's
 * load balancer and the delivery to the pod, an {@code Outcome} per request kept in the
 * {@code TrafficResult}, and finally the counts by workload. The mesh (YAML reading, cluster
 * state, compiled proxy config) is built once in {@link #setUp()} and is not measured; the
 * simulation is compiled on the first send and then reused, because the config does not change.
 *
 * <p>The score is time per request ({@code @OperationsPerInvocation(1_000_000)}); requests per
 * second is 10<sup>9</sup> / score. Compare it with {@link WeightedPickFloorBenchmark}, the
 * floor. Run:
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar -f 1 -t 1 WeightedRouting WeightedPickFloor
 * </pre>
 *
 * The random stream is the mesh's own and carries on from one invocation to the next, so each
 * invocation routes a different (but seed-determined) sequence; the counts stay near 20/80.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(WeightedRoutingBenchmark.REQUESTS)
@Warmup(iterations = 3, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 3, timeUnit = TimeUnit.SECONDS)
// A heap of fixed size, touched first (package-info says why).
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Threads(1)
public class WeightedRoutingBenchmark {

    /** Requests per invocation. */
    static final int REQUESTS = 1_000_000;

    private static final String RESOURCES = "classpath:dev/meshtest/bench/";

    private Mesh mesh;

    /** Builds the E2 mesh once and checks that it routes as E2 expects, so a broken setup cannot pass as fast. */
    @Setup(Level.Trial)
    public void setUp() {
        mesh = mesh()
                .apply(RESOURCES + "helloworld.yaml")
                .withPod("nginx")
                .apply(RESOURCES + "helloworld-per-version-services.yaml")
                .apply(RESOURCES + "e2-weighted.yaml");
        Map<String, Long> counts = mesh.send(10_000).from("nginx").to("helloworld:5000/hello").countByWorkload();
        long v1 = counts.getOrDefault("helloworld-v1", 0L);
        long v2 = counts.getOrDefault("helloworld-v2", 0L);
        if (counts.size() != 2 || v1 + v2 != 10_000 || v1 < 1_700 || v1 > 2_300) {
            throw new IllegalStateException("E2 mesh does not split 20/80: " + counts);
        }
    }

    /** One million requests from nginx to helloworld, counted by answering workload. */
    @Benchmark
    public void route1M(Blackhole bh) {
        TrafficResult result = mesh.send(REQUESTS).from("nginx").to("helloworld:5000/hello");
        bh.consume(result.countByWorkload());
    }

    /** The same, aggregated ({@code aggregate()}): what a result of constant memory costs per request. */
    @Benchmark
    public void route1MAggregated(Blackhole bh) {
        TrafficResult result = mesh.send(REQUESTS).from("nginx").aggregate().to("helloworld:5000/hello");
        bh.consume(result.countByWorkload());
    }
}
