package dev.meshtest.resilience;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A DestinationRule's {@code retryBudget} (istio-rules §6.5): Envoy's {@code RetryBudgetImpl}
 * allows {@code max(percent% of the cluster's active and pending requests, minRetryConcurrency)}
 * retries at once, in place of {@code maxRetries}. Ten client loops send at once to an app that
 * always answers 503 after 10 ms, with one retry on 5xx: the ten answers come at the same
 * instant, and each one's retry is decided while the attempts after it are still active.
 */
class RetryBudgetTest {

    static Mesh withPolicy(String trafficPolicy) {
        return withPolicy(mesh(), trafficPolicy);
    }

    static Mesh withPolicy(Mesh base, String trafficPolicy) {
        return withPolicy(base, trafficPolicy, "");
    }

    /**
     * {@code base} with helloworld-v1 always failing, one retry on 5xx to {@code destination}'s
     * extra fields ({@code ", subset: v1"}), and a DestinationRule with {@code trafficPolicy}.
     */
    static Mesh withPolicy(Mesh base, String trafficPolicy, String destination) {
        return base.apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(10)).failing(503, 1))
                .withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: helloworld-v1}
                        spec:
                          hosts: [helloworld-v1]
                          http:
                          - retries: {attempts: 1, retryOn: 5xx}
                            route:
                            - destination: {host: helloworld-v1%s}
                        """.formatted(destination))
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld-v1}
                        spec:
                          host: helloworld-v1
                        """ + trafficPolicy.indent(2));
    }

    static TrafficResult tenAtOnce(Mesh mesh) {
        return mesh.send(10).from("nginx").concurrency(10).to("helloworld-v1:5000/hello");
    }

    /** How many of the ten requests were retried (two attempts). */
    static long retried(TrafficResult r) {
        return IntStream.range(0, r.size()).filter(i -> r.attemptsOf(i) == 2).count();
    }

    @Test
    @DisplayName("percent 40: the first answer sees 10 requests active (its own included), allows 4; the fourth sees 7, allows 2, and 3 are in flight")
    void percentOfActiveRequests() {
        TrafficResult r = tenAtOnce(withPolicy("trafficPolicy: {retryBudget: {percent: 40, minRetryConcurrency: 2}}"));
        assertThat(retried(r)).isEqualTo(3);
        assertThat(r.countByFlag()).containsEntry(ResponseFlag.UPSTREAM_OVERFLOW, 7L);
        assertThat(r.countByStatus()).containsOnlyKeys(503);
    }

    @Test
    @DisplayName("minRetryConcurrency is the floor however few requests are active; without a budget (and maxRetries unset) all ten retry")
    void minimumAndNoBudget() {
        assertThat(retried(tenAtOnce(withPolicy("trafficPolicy: {retryBudget: {percent: 1, minRetryConcurrency: 4}}")))).isEqualTo(4);
        // Istio's defaults: percent 20, minRetryConcurrency 3 (floor(0.2 x 10) = 2 is below it).
        assertThat(retried(tenAtOnce(withPolicy("trafficPolicy: {retryBudget: {}}")))).isEqualTo(3);
        assertThat(retried(tenAtOnce(withPolicy("trafficPolicy: {loadBalancer: {simple: RANDOM}}")))).isEqualTo(10);
        // The budget replaces maxRetries: maxRetries 1 has no effect next to it.
        assertThat(retried(tenAtOnce(withPolicy("trafficPolicy: {connectionPool: {http: {maxRetries: 1}}, "
                + "retryBudget: {percent: 1, minRetryConcurrency: 4}}")))).isEqualTo(4);
    }

    @Test
    @DisplayName("a port-level entry for the port drops the top level's budget; a subset's budget replaces it")
    void precedence() {
        assertThat(retried(tenAtOnce(withPolicy("""
                trafficPolicy:
                  retryBudget: {percent: 1, minRetryConcurrency: 4}
                  portLevelSettings: [{port: {number: 5000}, connectionPool: {http: {http1MaxPendingRequests: 100}}}]
                """)))).isEqualTo(10);
        Mesh subsets = withPolicy(mesh(), """
                trafficPolicy: {retryBudget: {percent: 1, minRetryConcurrency: 4}}
                subsets:
                - name: v1
                  labels: {version: v1}
                  trafficPolicy: {retryBudget: {percent: 1, minRetryConcurrency: 6}}
                """, ", subset: v1");
        assertThat(retried(tenAtOnce(subsets))).isEqualTo(6);
    }

    @Test
    @DisplayName("budgetInterval is refused, naming the field; lenient, the budget applies without it and the result says so")
    void budgetIntervalRefused() {
        String policy = "trafficPolicy: {retryBudget: {percent: 1, minRetryConcurrency: 4, budgetInterval: 10s}}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withPolicy(policy))
                .hasMessageContaining("DestinationRule default/helloworld-v1: spec.trafficPolicy.retryBudget.budgetInterval: "
                        + "meshtest does not simulate a retry budget's budgetInterval yet");
        Mesh lenient = withPolicy(mesh().lenient(), policy);
        TrafficResult r = tenAtOnce(lenient);
        assertThat(retried(r)).isEqualTo(4);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("budgetInterval"));
    }
}
