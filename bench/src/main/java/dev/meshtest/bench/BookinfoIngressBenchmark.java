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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Bookinfo through the ingress gateway, as a browser reaches it: the built-in {@code bookinfo}
 * fixture, the Bookinfo Gateway and VirtualService, and
 * {@code mesh.send(100_000).fromOutside().to("http://bookinfo.example.com/productpage")}. One
 * request is the gateway's routing, productpage's calls to details and reviews, and reviews' call
 * to ratings (v2 and v3): up to five sidecar hops with their clusters, pools and apps.
 *
 * <p>The score is time per request through the gateway ({@code @OperationsPerInvocation(100_000)});
 * the goal is 500,000 requests/s, 2,000 ns per request.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar -f 1 -t 1 BookinfoIngress
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(BookinfoIngressBenchmark.REQUESTS)
@Warmup(iterations = 5, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 3, timeUnit = TimeUnit.SECONDS)
// A heap of fixed size, touched first (package-info says why).
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Threads(1)
public class BookinfoIngressBenchmark {

    static final int REQUESTS = 100_000;

    private Mesh mesh;

    /** Bookinfo behind its Gateway, checked to answer 200 from productpage, so a broken setup cannot pass as fast. */
    @Setup(Level.Trial)
    public void setUp() {
        mesh = mesh().apply("classpath:dev/meshtest/fixtures/bookinfo.yaml")
                .apply("classpath:dev/meshtest/bench/bookinfo-gateway.yaml");
        TrafficResult r = mesh.send(100).fromOutside().to("http://bookinfo.example.com/productpage");
        if (r.countByWorkload().getOrDefault("productpage-v1", 0L) != 100 || r.countByStatus().getOrDefault(200, 0L) != 100) {
            throw new IllegalStateException("bookinfo through the gateway does not answer 200 from productpage: " + r);
        }
    }

    /** 100,000 requests from outside through the ingress gateway to productpage. */
    @Benchmark
    public void productpage100k(Blackhole bh) {
        TrafficResult r = mesh.send(REQUESTS).fromOutside().to("http://bookinfo.example.com/productpage");
        bh.consume(r.countByStatus());
    }
}
