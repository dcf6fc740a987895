package dev.meshtest.gatewayapi;

import static dev.meshtest.gatewayapi.GatewayApiYaml.gateway;
import static dev.meshtest.gatewayapi.GatewayApiYaml.httpRoute;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;

/**
 * The Gateway API setup several tests start from: the helloworld sample, a Gateway {@code web} of
 * class {@code istio} (deployed as {@code web-istio}) with one HTTP listener, and an HTTPRoute
 * {@code hello} sending {@code /hello} to helloworld-v2.
 */
final class WebGateway {

    static final String GATEWAY = gateway("web", "{name: http, port: 80, protocol: HTTP}");

    static final String ROUTE = httpRoute("hello", "{name: web}", """
            - matches: [{path: {type: PathPrefix, value: /hello}}]
              backendRefs: [{name: helloworld-v2, port: 5000}]
            """);

    private WebGateway() {
    }

    /** The helloworld sample and its client pod nginx. */
    static Mesh helloworld() {
        return Mesh.mesh().apply("classpath:dev/meshtest/fixtures/helloworld.yaml");
    }

    /** The helloworld sample with {@link #GATEWAY} and {@link #ROUTE}, and {@code more} YAML. */
    static Mesh withWebGateway(String more) {
        return helloworld().apply(GATEWAY + "---\n" + ROUTE + (more.isEmpty() ? "" : "---\n" + more));
    }

    /** Where one request from nginx to {@code url} ended: {@code 200 helloworld-v2}, {@code 404 NR}. */
    static String where(Mesh mesh, String url) {
        return where(mesh.send(1).from("nginx").to(url));
    }

    /** Where the first request of {@code r} ended: the status and the workload, else the flags. */
    static String where(TrafficResult r) {
        return where(r.outcomes().get(0));
    }

    /** Where one request ended: the status and the workload that answered, else Envoy's response flags. */
    static String where(Outcome o) {
        return o.status() + " " + o.workload().orElse(o.flagsText());
    }
}
