package dev.meshtest.internal.sim;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.traffic.Explanation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What {@code mesh.explain()} says about one request: the DestinationRule and subset of the
 * cluster, and what the resilience mechanisms decided (timeout, attempts, retries and backoff,
 * outlier ejection, circuit-breaker overflow on either side, fault, mirror copies). Random picks
 * and backoffs come from the mesh's seed, so the lines are exact.
 */
class ExplainTest {

    private static final String V1 = "outbound|5000||helloworld-v1.default.svc.cluster.local";
    private static final String HW = "outbound|5000||helloworld.default.svc.cluster.local";

    private static Mesh helloworld(long seed) {
        return mesh().seed(seed).apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml");
    }

    /** {@code ip:5000 (pod)} of a workload's only pod, as the trace names hosts. */
    private static String host(Mesh mesh, String workload) {
        ClusterPod p = Internals.state(mesh).workloadPods("default", workload).get(0);
        return p.ip() + ":5000 (" + p.name() + ")";
    }

    private static String pod(Mesh mesh, String workload) {
        return "default/" + Internals.state(mesh).workloadPods("default", workload).get(0).name();
    }

    /**
     * The connection's line: auto mTLS to a workload's only pod, whose sidecar is PERMISSIVE (no
     * PeerAuthentication), from a client of the default service account in namespace default.
     */
    private static String mtls(Mesh mesh, String workload) {
        return "mutual TLS to " + Internals.state(mesh).workloadPods("default", workload).get(0).name()
                + ", whose sidecar takes both (PERMISSIVE); the client's certificate: spiffe://cluster.local/ns/default/sa/default";
    }

    private static String dns(Mesh mesh, String service) {
        return "DNS in namespace default: " + service + " -> " + Internals.state(mesh).service("default", service).orElseThrow().clusterIp();
    }

    private static String route(String service, String virtualService) {
        return "sidecar of nginx: route 5000 > virtual host " + service + ".default.svc.cluster.local:5000 > VirtualService default/"
                + virtualService + " http[0] (match /*)";
    }

    private static final String LISTENER = "sidecar of nginx: listener 0.0.0.0_5000";

    @Test
    void aPlainRouteNamesTheDestinationRuleAndSubsetOfTheCluster() {
        Mesh mesh = helloworld(42).apply("classpath:experiments/e4-subsets.yaml");
        Explanation e = mesh.explain().from("nginx").to("helloworld:5000/hello");
        String subset = "outbound|5000|helloworld-v1|helloworld.default.svc.cluster.local";
        assertThat(e.steps()).containsExactly(
                dns(mesh, "helloworld"),
                LISTENER,
                route("helloworld", "helloworld-vs-w-dr"),
                "weighted pick: " + subset + " (weight 70 of 100)",
                "cluster " + subset + " (DestinationRule helloworld-dr.default, subset helloworld-v1, LEAST_REQUEST) picks "
                        + host(mesh, "helloworld-v1"),
                mtls(mesh, "helloworld-v1"),
                "served by " + pod(mesh, "helloworld-v1") + " (through its sidecar)");
        assertThat(e.outcome().status()).isEqualTo(200);
    }

    @Test
    void aRouteTimeoutSaysWhenItFiredAndWhatItReset() {
        Mesh mesh = helloworld(42).withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld-v1}
                spec:
                  hosts: [helloworld-v1]
                  http:
                  - timeout: 50ms
                    route:
                    - destination: {host: helloworld-v1}
                """);
        Explanation e = mesh.explain().from("nginx").to("helloworld-v1:5000/hello");
        assertThat(e.steps()).containsExactly(
                dns(mesh, "helloworld-v1"),
                LISTENER,
                route("helloworld-v1", "helloworld-v1"),
                "router: route timeout 50ms over all attempts",
                "cluster " + V1 + " (LEAST_REQUEST) picks " + host(mesh, "helloworld-v1"),
                mtls(mesh, "helloworld-v1"),
                "served by " + pod(mesh, "helloworld-v1") + " (through its sidecar)",
                "route timeout 50ms reached, attempt 1 to " + host(mesh, "helloworld-v1") + " reset: 504 UT");
        assertThat(e.outcome().flagsText()).isEqualTo("UT");
    }

    @Test
    void aRetriedRequestShowsEachAttemptTheBackoffAndTheEjectedHostSkipped() {
        // Seed 2: the first pick is v1, which fails; outlier detection ejects it and the retry goes to v2.
        Mesh mesh = helloworld(2).withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(10)).failing(503, 1))
                .withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: helloworld}
                        spec:
                          hosts: [helloworld]
                          http:
                          - retries: {attempts: 2, retryOn: 5xx, perTryTimeout: 200ms}
                            timeout: 1s
                            route:
                            - destination: {host: helloworld}
                        """)
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld}
                        spec:
                          host: helloworld
                          trafficPolicy:
                            outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}
                        """);
        Explanation e = mesh.explain().from("nginx").to("helloworld:5000/hello");
        String v1 = host(mesh, "helloworld-v1");
        String cluster = "cluster " + HW + " (DestinationRule helloworld.default, LEAST_REQUEST) picks ";
        assertThat(e.steps()).containsExactly(
                dns(mesh, "helloworld"),
                LISTENER,
                route("helloworld", "helloworld"),
                "router: route timeout 1s over all attempts, per-try timeout 200ms",
                cluster + v1,
                mtls(mesh, "helloworld-v1"),
                "served by " + pod(mesh, "helloworld-v1") + " (through its sidecar)",
                "attempt 1 to " + v1 + ": 503, retriable (retryOn 5xx)",
                "outlier detection: " + v1 + " ejected for 30s (consecutive5xxErrors 1)",
                "retry 1 of 2 after 0ms backoff (random below 25ms)",
                "outlier detection: 1 of 2 hosts ejected (" + v1 + "), skipped",
                cluster + host(mesh, "helloworld-v2") + " (attempt 2)",
                mtls(mesh, "helloworld-v2"),
                "served by " + pod(mesh, "helloworld-v2") + " (through its sidecar)",
                "attempt 2 to " + host(mesh, "helloworld-v2") + ": 200");
        assertThat(e.outcome().workload()).contains("helloworld-v2");
    }

    @Test
    void retriesExhaustedShowEveryBackoff() {
        Mesh mesh = helloworld(42).withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(10)).failing(503, 1))
                .withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: helloworld-v1}
                        spec:
                          hosts: [helloworld-v1]
                          http:
                          - retries: {attempts: 2, retryOn: 5xx}
                            route:
                            - destination: {host: helloworld-v1}
                        """);
        Explanation e = mesh.explain().from("nginx").to("helloworld-v1:5000/hello");
        String v1 = host(mesh, "helloworld-v1");
        String served = "served by " + pod(mesh, "helloworld-v1") + " (through its sidecar)";
        assertThat(e.steps()).containsExactly(
                dns(mesh, "helloworld-v1"),
                LISTENER,
                route("helloworld-v1", "helloworld-v1"),
                "cluster " + V1 + " (LEAST_REQUEST) picks " + v1,
                mtls(mesh, "helloworld-v1"),
                served,
                "attempt 1 to " + v1 + ": 503, retriable (retryOn 5xx)",
                "retry 1 of 2 after 4ms backoff (random below 25ms)",
                "cluster " + V1 + " (LEAST_REQUEST) picks " + v1 + " (attempt 2)",
                mtls(mesh, "helloworld-v1"),
                served,
                "attempt 2 to " + v1 + ": 503, retriable (retryOn 5xx)",
                "retry 2 of 2 after 47ms backoff (random below 50ms)",
                "cluster " + V1 + " (LEAST_REQUEST) picks " + v1 + " (attempt 3)",
                mtls(mesh, "helloworld-v1"),
                served,
                "attempt 3 to " + v1 + ": 503, retries exhausted (2): URX");
        assertThat(e.outcome().flagsText()).isEqualTo("URX");
    }

    @Test
    void aClientSideOverflowNamesTheLimit() {
        // One request can overflow a pool of one: its own mirror copy, sent first, holds the only slot.
        Mesh mesh = helloworld(42).withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: helloworld-v1}
                        spec:
                          hosts: [helloworld-v1]
                          http:
                          - mirror: {host: helloworld-v1}
                            route:
                            - destination: {host: helloworld-v1}
                        """)
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld-v1}
                        spec:
                          host: helloworld-v1
                          trafficPolicy:
                            connectionPool: {http: {http2MaxRequests: 1}}
                        """);
        Explanation e = mesh.explain().from("nginx").to("helloworld-v1:5000/hello");
        assertThat(e.steps()).containsExactly(
                dns(mesh, "helloworld-v1"),
                LISTENER,
                route("helloworld-v1", "helloworld-v1"),
                "mirror: a copy to " + V1 + " (100% of requests), its answer dropped",
                "cluster " + V1 + " (DestinationRule helloworld-v1.default, LEAST_REQUEST) picks " + host(mesh, "helloworld-v1"),
                // Both wait for a connection of their own; http2MaxRequests is checked when the request's is ready.
                "client-side circuit breaker of nginx, cluster " + V1 + ": no ready connection, a new one is being set up "
                        + "(2 of maxConnections unlimited open), 2 of http1MaxPendingRequests unlimited pending, the request waits",
                "client-side circuit breaker of nginx, cluster " + V1 + ": http2MaxRequests 1 reached (1 active): 503 UO, not retried",
                "mirror copy to " + V1 + " answered 200 (dropped)");
        assertThat(e.outcome().flagsText()).isEqualTo("UO");
    }

    @Test
    void aServerSideOverflowIsPassedThroughAndNeverRetried() {
        // The pool is on the pods' primary Service (helloworld): only the server sidecars enforce it (istio-rules §6.6).
        Mesh mesh = helloworld(42).withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: helloworld-v1}
                        spec:
                          hosts: [helloworld-v1]
                          http:
                          - mirror: {host: helloworld-v1}
                            retries: {attempts: 2, retryOn: 5xx}
                            route:
                            - destination: {host: helloworld-v1}
                        """)
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld}
                        spec:
                          host: helloworld
                          trafficPolicy:
                            connectionPool: {http: {http2MaxRequests: 1}}
                        """);
        Explanation e = mesh.explain().from("nginx").to("helloworld-v1:5000/hello");
        String v1 = host(mesh, "helloworld-v1");
        assertThat(e.steps()).containsExactly(
                dns(mesh, "helloworld-v1"),
                LISTENER,
                route("helloworld-v1", "helloworld-v1"),
                "mirror: a copy to " + V1 + " (100% of requests), its answer dropped",
                "cluster " + V1 + " (LEAST_REQUEST) picks " + v1,
                mtls(mesh, "helloworld-v1"),
                "server-side circuit breaker of " + pod(mesh, "helloworld-v1")
                        + " port 5000: http2MaxRequests 1 reached (1 active): 503 UO from its sidecar, with x-envoy-overloaded",
                "attempt 1 to " + v1 + ": 503 UO, x-envoy-overloaded: never retried",
                "mirror copy to " + V1 + " answered 200 (dropped)");
    }

    @Test
    void aFaultDelayAndItsShare() {
        Mesh mesh = helloworld(42).withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld-v1}
                spec:
                  hosts: [helloworld-v1]
                  http:
                  - fault:
                      delay: {fixedDelay: 2s, percentage: {value: 100}}
                      abort: {httpStatus: 503, percentage: {value: 0.5}}
                    route:
                    - destination: {host: helloworld-v1}
                """);
        Explanation e = mesh.explain().from("nginx").to("helloworld-v1:5000/hello");
        assertThat(e.steps()).containsExactly(
                dns(mesh, "helloworld-v1"),
                LISTENER,
                route("helloworld-v1", "helloworld-v1"),
                "fault: delay 2s (DI, 100% of requests), then the router",
                "fault: no abort for this request (0.5% of requests are aborted)",
                "cluster " + V1 + " (LEAST_REQUEST) picks " + host(mesh, "helloworld-v1"),
                mtls(mesh, "helloworld-v1"),
                "served by " + pod(mesh, "helloworld-v1") + " (through its sidecar)");
        assertThat(e.outcome().flagsText()).isEqualTo("DI");
    }

    @Test
    void explainingAPolicyDoesNotChangeTheRequestsThatFollow() {
        String retries = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld-v1}
                spec:
                  hosts: [helloworld-v1]
                  http:
                  - retries: {attempts: 3, retryOn: 5xx}
                    route:
                    - destination: {host: helloworld-v1}
                """;
        App flaky = App.serviceTime(Duration.ofMillis(10)).failing(503, 0.5);
        Mesh traced = helloworld(42).withApp("helloworld-v1", flaky).withVirtualService(retries);
        Mesh plain = helloworld(42).withApp("helloworld-v1", flaky).withVirtualService(retries);
        traced.explain().from("nginx").to("helloworld-v1:5000/hello");
        assertThat(traced.send(200).from("nginx").to("helloworld-v1:5000/hello").latenciesNanos())
                .isEqualTo(plain.send(200).from("nginx").to("helloworld-v1:5000/hello").latenciesNanos());
    }
}
