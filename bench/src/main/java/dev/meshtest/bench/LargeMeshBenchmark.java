package dev.meshtest.bench;

import static dev.meshtest.Mesh.mesh;

import dev.meshtest.Mesh;
import java.util.concurrent.TimeUnit;
import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A platform team's mesh (issue 11): {@code services} Services, each with two Deployments (v1,
 * v2), a VirtualService (a header match to v2, else 80/20) and a DestinationRule with two
 * subsets, plus a client pod. Measured, each as one shot on a fresh JVM state:
 *
 * <ul>
 *   <li>{@link #applyInTenApplies}: the whole mesh in ten applies of a tenth each;</li>
 *   <li>{@link #applyInOne}: the whole mesh in one apply (one stream);</li>
 *   <li>{@link #firstSend}: on the applied mesh, the client's first {@code send(1000)} (its
 *       proxy configuration compiled);</li>
 *   <li>{@link #laterSend}: a {@code send(1000)} to a host the client has not sent to yet, after
 *       its first send;</li>
 *   <li>{@link #retainedHeap}: in a JVM of 512 MB, the mesh applied in ten applies and sent to
 *       by the client, then the heap still in use after a full collection
 *       ({@code retainedMegabytes}): the mesh, its compiled configuration and data plane.</li>
 * </ul>
 *
 * <p>The timed benchmarks fork with a fixed, pre-touched heap of 2 GB (as the throughput
 * benchmarks do, see the package): with a heap that grows and shrinks while it is measured, the
 * kernel's clearing of pages G1 takes back was a fifth of an apply's time, and spread its shots.
 * {@code retainedHeap} forks with 512 MB, its goal.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar -f 1 LargeMesh
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class LargeMeshBenchmark {

    /** The mesh's YAML in ten parts, made once per trial. */
    @State(Scope.Benchmark)
    public static class Yaml {
        @Param("10000")
        int services;

        String[] tenths;
        String whole;

        @Setup(Level.Trial)
        public void generate() {
            tenths = new String[10];
            int per = services / 10;
            for (int part = 0; part < 10; part++) {
                StringBuilder yaml = new StringBuilder();
                for (int i = part * per; i < (part + 1) * per; i++) {
                    yaml.append(service("svc" + i));
                }
                tenths[part] = yaml.toString();
            }
            whole = String.join("", tenths);
        }
    }

    /** A freshly applied mesh whose client has sent nothing. */
    @State(Scope.Benchmark)
    public static class Applied {
        Mesh mesh;

        @Setup(Level.Iteration)
        public void apply(Yaml yaml) {
            mesh = applyAll(yaml);
        }
    }

    /** A freshly applied mesh whose client has sent once (its configuration is compiled). */
    @State(Scope.Benchmark)
    public static class Warm {
        Mesh mesh;

        @Setup(Level.Iteration)
        public void apply(Yaml yaml) {
            mesh = applyAll(yaml);
            mesh.send(1).from("client").to("svc0:8080/");
        }
    }

    /** The heap the mesh keeps, reported next to the time as a JMH secondary result. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Heap {
        /** Heap in use after full collections, in MB. */
        public long retainedMegabytes;
    }

    private static Mesh applyAll(Yaml yaml) {
        Mesh mesh = mesh().withPod("client");
        for (String part : yaml.tenths) {
            mesh.apply(part);
        }
        return mesh;
    }

    /** The mesh applied in ten applies. */
    @Benchmark
    public Mesh applyInTenApplies(Yaml yaml) {
        return applyAll(yaml);
    }

    /** The mesh applied in one apply: one stream of 50,000 documents for 10,000 Services. */
    @Benchmark
    public Mesh applyInOne(Yaml yaml) {
        return mesh().withPod("client").apply(yaml.whole);
    }

    /** The client's first send: its proxy configuration is compiled. */
    @Benchmark
    public Object firstSend(Applied applied) {
        return applied.mesh.send(1000).from("client").to("svc1:8080/").countByWorkload();
    }

    /** A send to a host not sent to before, after the client's first send. */
    @Benchmark
    public Object laterSend(Warm warm) {
        return warm.mesh.send(1000).from("client").to("svc1:8080/").countByWorkload();
    }

    /**
     * The mesh in ten applies and a send, in 512 MB; then what stays on the heap. One measured
     * iteration: JMH sums an {@code EVENTS} counter over the iterations, so with three the summary
     * read three times the heap (each iteration's line was right).
     */
    @Benchmark
    @Fork(value = 1, jvmArgs = "-Xmx512m")
    @Measurement(iterations = 1)
    public Mesh retainedHeap(Yaml yaml, Heap heap) {
        Mesh mesh = applyAll(yaml);
        mesh.send(1000).from("client").to("svc1:8080/");
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        heap.retainedMegabytes = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        return mesh;
    }

    private static String service(String name) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %1$s}
                spec:
                  ports: [{port: 8080, name: http}]
                  selector: {app: %1$s}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s-v1}
                spec:
                  selector: {matchLabels: {app: %1$s, version: v1}}
                  template:
                    metadata: {labels: {app: %1$s, version: v1}}
                    spec: {containers: [{name: app, image: app}]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s-v2}
                spec:
                  selector: {matchLabels: {app: %1$s, version: v2}}
                  template:
                    metadata: {labels: {app: %1$s, version: v2}}
                    spec: {containers: [{name: app, image: app}]}
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %1$s}
                spec:
                  hosts: [%1$s]
                  http:
                  - match: [{headers: {end-user: {exact: jason}}}]
                    route: [{destination: {host: %1$s, subset: v2}}]
                  - route:
                    - {destination: {host: %1$s, subset: v1}, weight: 80}
                    - {destination: {host: %1$s, subset: v2}, weight: 20}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: %1$s}
                spec:
                  host: %1$s
                  subsets:
                  - {name: v1, labels: {version: v1}}
                  - {name: v2, labels: {version: v2}}
                ---
                """.formatted(name);
    }
}
