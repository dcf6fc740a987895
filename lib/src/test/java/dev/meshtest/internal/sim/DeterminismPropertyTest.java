package dev.meshtest.internal.sim;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.app.Call;
import dev.meshtest.app.Latency;
import dev.meshtest.traffic.TrafficResult;
import dev.meshtest.traffic.TrafficSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties over generated meshes (a seeded generator, no property-testing library): every
 * request sent gets exactly one outcome, and the same seed twice gives the same outcomes,
 * latencies and attempts, bit for bit.
 */
class DeterminismPropertyTest {

    /**
     * A random mesh: services with a few versions, random apps, random policies (VirtualService and
     * DestinationRule YAML written from the generator: timeouts, retries, faults, pools, outlier
     * detection, subsets with weights and a header match), a random load.
     */
    record Scenario(long seed) {

        TrafficResult[] run() {
            return run(UnaryOperator.identity());
        }

        /** The scenario's sends, each spec passed through {@code recording} (to keep every request, or aggregate). */
        TrafficResult[] run(UnaryOperator<TrafficSpec<TrafficResult>> recording) {
            SplittableRandom g = new SplittableRandom(seed);
            Mesh mesh = mesh().seed(seed).withPod("client").withNamespace("plain", false).withPod("bare", "plain");
            int services = 1 + g.nextInt(3);
            List<String> urls = new ArrayList<>();
            int[] versionsOf = new int[services];
            boolean[] hasSubsets = new boolean[services];
            StringBuilder yaml = new StringBuilder();
            for (int s = 0; s < services; s++) {
                String name = "svc" + s;
                yaml.append("apiVersion: v1\nkind: Service\nmetadata: {name: ").append(name).append("}\nspec: {ports: [{port: 8080, name: http}], selector: {app: ")
                        .append(name).append("}}\n---\n");
                int versions = 1 + g.nextInt(3);
                versionsOf[s] = versions;
                for (int v = 0; v < versions; v++) {
                    yaml.append("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ").append(name).append("-v").append(v)
                            .append("}\nspec:\n  replicas: ").append(1 + g.nextInt(3)).append("\n  selector: {matchLabels: {app: ").append(name)
                            .append(", version: v").append(v).append("}}\n  template:\n    metadata: {labels: {app: ").append(name)
                            .append(", version: v").append(v).append("}}\n    spec: {containers: [{name: app, image: app, ports: [{containerPort: 8080}]}]}\n---\n");
                }
                urls.add("http://" + name + ":8080/");
            }
            mesh.apply(yaml.toString());
            for (int s = 0; s < services; s++) {
                for (int v = 0; v < 3; v++) {
                    App app = App.serviceTime(switch (g.nextInt(3)) {
                        case 0 -> Latency.fixed(Duration.ofMillis(1 + g.nextInt(50)));
                        case 1 -> Latency.exponential(Duration.ofMillis(1 + g.nextInt(50)));
                        default -> Latency.logNormal(Duration.ofMillis(1 + g.nextInt(50)), 0.5);
                    });
                    if (g.nextBoolean()) {
                        app = app.failing(g.nextBoolean() ? 503 : 500, g.nextDouble() * 0.5);
                    }
                    if (s + 1 < services && g.nextInt(3) == 0) {
                        app = app.calls(Call.to(urls.get(s + 1)).timeout(Duration.ofMillis(20 + g.nextInt(100))).retries(g.nextInt(2)));
                    }
                    mesh.withApp("svc" + s + "-v" + v, app);
                }
            }
            // Policies on the client's proxy only, as users write them: a VirtualService rule that
            // matches the client's labels (other proxies fall through to a plain route) and a
            // DestinationRule selecting the client's workload (never applied inbound, istio-rules §6.6).
            String timeout = g.nextBoolean() ? "timeout: " + (30 + g.nextInt(200)) + "ms\n" : "";
            String retries = g.nextBoolean() ? "" : "retries: {attempts: " + (1 + g.nextInt(3)) + ", retryOn: "
                    + (g.nextBoolean() ? "5xx" : "gateway-error")
                    + (g.nextBoolean() ? ", perTryTimeout: " + (10 + g.nextInt(60)) + "ms" : "") + "}\n";
            // fixedDelay must be at least 1 ms (schema): 1..100 ms, drawn with the same bound as before.
            String fault = g.nextInt(4) == 0 ? "fault:\n  delay: {fixedDelay: " + (1 + g.nextInt(100)) + "ms, percentage: {value: "
                    + g.nextInt(101) + "}}\n  abort: {httpStatus: 503, percentage: {value: " + g.nextInt(30) + "}}\n" : "";
            StringBuilder policies = new StringBuilder();
            for (int s = 0; s < services; s++) {
                String name = "svc" + s;
                // With several versions, sometimes subsets: user0 pinned to v0 by a header match, the
                // rest of the client's requests split over the versions by weights summing to 100.
                boolean subsets = versionsOf[s] > 1 && g.nextBoolean();
                hasSubsets[s] = subsets;
                String route = "    route: [{destination: {host: " + name + "}}]\n";
                String pinned = "";
                if (subsets) {
                    StringBuilder split = new StringBuilder("    route:\n");
                    int left = 100;
                    for (int v = 0; v < versionsOf[s]; v++) {
                        int w = v == versionsOf[s] - 1 ? left : g.nextInt(left + 1);
                        left -= w;
                        split.append("    - {destination: {host: ").append(name).append(", subset: v").append(v).append("}, weight: ")
                                .append(w).append("}\n");
                    }
                    route = split.toString();
                    pinned = "  - match: [{sourceLabels: {run: client}, headers: {end-user: {exact: user0}}}]\n"
                            + "    route: [{destination: {host: " + name + ", subset: v0}}]\n";
                }
                policies.append("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ").append(name)
                        .append("}\nspec:\n  hosts: [").append(name).append("]\n  http:\n").append(pinned)
                        .append("  - match: [{sourceLabels: {run: client}}]\n")
                        .append((timeout + retries + fault).indent(4))
                        .append(route)
                        .append("  - route: [{destination: {host: ").append(name).append("}}]\n---\n");
                policies.append("apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ").append(name)
                        .append("-client}\nspec:\n  host: ").append(name).append("\n  workloadSelector: {matchLabels: {run: client}}\n")
                        .append("  trafficPolicy:\n    connectionPool: {http: {http2MaxRequests: ").append(1 + g.nextInt(4)).append("}}\n");
                if (g.nextBoolean()) {
                    policies.append("    outlierDetection: {consecutive5xxErrors: ").append(1 + g.nextInt(3))
                            .append(", interval: 500ms, baseEjectionTime: 1s, maxEjectionPercent: 100}\n");
                }
                if (subsets) {
                    policies.append("  subsets:\n");
                    for (int v = 0; v < versionsOf[s]; v++) {
                        policies.append("  - {name: v").append(v).append(", labels: {version: v").append(v).append("}}\n");
                    }
                }
                policies.append("---\n");
            }
            mesh.apply(policies.toString());
            for (int s = 0; s < services; s++) {
                // The generated YAML reached the client's proxy (and only its outbound side).
                String cluster = "outbound|8080||svc" + s + ".default.svc.cluster.local";
                assertThat(Internals.proxyConfig(mesh, "client").cluster(cluster).circuitBreakers().maxRequests()).isBetween(1L, 4L);
                if (hasSubsets[s]) {
                    assertThat(Internals.proxyConfig(mesh, "client").cluster("outbound|8080|v0|svc" + s + ".default.svc.cluster.local"))
                            .as("the subset's cluster").isNotNull();
                }
            }
            TrafficResult[] results = new TrafficResult[4];
            int n = 50 + g.nextInt(300);
            results[0] = recording.apply(mesh.send(n).from("client").concurrency(1 + g.nextInt(8))).to(urls.get(g.nextInt(services)));
            results[1] = recording.apply(mesh.send(Duration.ofMillis(200 + g.nextInt(2000))).from("plain/bare").rate(20 + g.nextInt(200),
                    g.nextBoolean() ? TrafficSpec.Spacing.POISSON : TrafficSpec.Spacing.FIXED))
                    .to(urls.get(g.nextInt(services)));
            results[2] = recording.apply(mesh.send(n).from("client").rate(50 + g.nextInt(500))).to(urls.get(g.nextInt(services)));
            int users = 1 + g.nextInt(6);
            results[3] = recording.apply(mesh.send(n).from("client").concurrency(1 + g.nextInt(4))
                    .headers(i -> java.util.Map.of("end-user", "user" + (i % users)))).to(urls.get(g.nextInt(services)));
            return results;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
    void everyRequestHasOneOutcomeAndTheSameSeedGivesTheSameRun(long seed) {
        TrafficResult[] a = new Scenario(seed).run();
        TrafficResult[] b = new Scenario(seed).run();
        for (int k = 0; k < a.length; k++) {
            TrafficResult r = a[k];
            assertThat(r.outcomes()).doesNotContainNull();
            long counted = r.countByStatus().values().stream().mapToLong(Long::longValue).sum();
            assertThat(counted).isEqualTo(r.size());
            for (int i = 0; i < r.size(); i++) {
                assertThat(r.latencyOf(i).isNegative()).isFalse();
                assertThat(r.attemptsOf(i)).isBetween(0, 4);
            }
            assertThat(b[k].outcomes()).isEqualTo(r.outcomes());
            assertThat(b[k].latenciesNanos()).isEqualTo(r.latenciesNanos());
            assertThat(b[k].startsNanos()).isEqualTo(r.startsNanos());
            assertThat(b[k].countByAttempts()).isEqualTo(r.countByAttempts());
            assertThat(b[k].startedAt()).isEqualTo(r.startedAt());
        }
    }
}
