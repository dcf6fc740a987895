package dev.meshtest.routing;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.util.LinkedHashSet;
import java.util.Set;

/** Shared fixtures and small helpers of the routing tests. */
final class Routing {

    private Routing() {
    }

    /** helloworld v1 and v2 behind Service helloworld:5000, subsets v1/v2, a client pod nginx; all in default. */
    static Mesh helloworld() {
        return mesh().apply("classpath:experiments/helloworld.yaml")
                .apply("classpath:routing/helloworld-subsets.yaml")
                .withPod("nginx");
    }

    /** Gateway {@code gw} on the ingress gateway: one HTTP server on port 80 for every host. */
    static final String GATEWAY_ALL_HOSTS = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: gw}
            spec:
              selector: {istio: ingressgateway}
              servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
            """;

    /** A namespace labelled for injection. */
    static String injectedNamespace(String name) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata: {name: %s, labels: {istio-injection: enabled}}
                """.formatted(name);
    }

    /**
     * The one outcome every request had, in short: the answering version ({@code v1}), or the
     * status and flag of a failure ({@code 404 NR}). Fails if the requests did not all end alike.
     */
    static String where(TrafficResult r) {
        Set<String> seen = new LinkedHashSet<>();
        for (Outcome o : r.outcomes()) {
            seen.add(o.pod().isPresent() ? o.version().or(o::workload).orElseThrow() : o.status() + " " + o.flagsText());
        }
        assertThat(seen).as("every request of %s ends alike", r).hasSize(1);
        return seen.iterator().next();
    }

    /** One request from nginx; where it went. */
    static String one(Mesh mesh, String url) {
        return where(mesh.send(1).from("nginx").to(url));
    }

    /**
     * A pinned count is also statistically plausible: within 4 standard deviations of n·p, so
     * the pin documents a seed, not luck.
     */
    static void assertPlausible(long k, long n, double p) {
        double sd = Math.sqrt(n * p * (1 - p));
        assertThat((double) k).as("%d of %d against p=%s", k, n, p).isBetween(n * p - 4 * sd, n * p + 4 * sd);
    }
}
