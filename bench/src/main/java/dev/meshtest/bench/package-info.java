/**
 * JMH benchmarks of meshtest. Not run by the test command; built into
 * {@code bench/target/benchmarks.jar} by {@code ./mvnw -DskipTests package} and run by hand:
 *
 * <pre>
 * ./mvnw -q -B -ntp -DskipTests package
 * java -jar bench/target/benchmarks.jar -f 1 -t 1 WeightedRouting WeightedPickFloor
 * java -jar bench/target/benchmarks.jar -f 1 -t 1 -prof gc WeightedRouting WeightedPickFloor   # + bytes/request
 * </pre>
 *
 * <ul>
 *   <li>{@link dev.meshtest.bench.WeightedRoutingBenchmark}: the library's whole single-hop path,
 *       {@code mesh.send(1_000_000).from("nginx").to("helloworld:5000/hello")} over a 20/80
 *       VirtualService, counts aggregated by workload.</li>
 *   <li>{@link dev.meshtest.bench.WeightedPickFloorBenchmark}: the floor under it, only the
 *       random draw, the cumulative-weight walk and a counter.</li>
 * </ul>
 *
 * <p>The throughput benchmarks ({@code WeightedRouting}, {@code WeightedPickFloor},
 * {@code ConcurrentLoad}, {@code BookinfoIngress}) fork with a heap of fixed size whose pages are
 * touched at start ({@code -Xms3g -Xmx3g -XX:+AlwaysPreTouch}), with the default collector (G1):
 * a heap that grows while it is measured made the kernel's page clearing part of the score, and
 * on this shared two-core machine spread one benchmark's iterations over 540 to 1,500 ns. The
 * large mesh's timed single shots ({@code LargeMesh}) fork the same way with 2 GB: page faults
 * were a fifth of reading its YAML.
 *
 * <p>Both score as time per request ({@code @OperationsPerInvocation(1_000_000)}); the ratio
 * routed/floor is what the library adds on top of the unavoidable work. Results and how to read
 * them: {@code docs/performance.md}.
 */
package dev.meshtest.bench;
