package dev.meshtest.examples;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.Test;

/** The README's five-minute tour, run as written, so the README cannot drift from the library. */
class ReadmeTourTest {

    @Test
    void twentyPercentReachTheCanary() {
        TrafficResult result = mesh()
                .apply("classpath:dev/meshtest/fixtures/helloworld.yaml")
                .withVirtualService("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: helloworld}
                        spec:
                          hosts: [helloworld]
                          http:
                          - route:
                            - {destination: {host: helloworld-v1}, weight: 20}
                            - {destination: {host: helloworld-v2}, weight: 80}
                        """)
                .send(1000).from("nginx").to("helloworld:5000/hello");

        assertThat(result.countByWorkload().get("helloworld-v1")).isBetween(150L, 250L);
        assertThat(result).hasToString("""
                1000 x GET http://helloworld:5000/hello from default/nginx (seed 42)
                DESTINATION    STATUS  FLAG  COUNT  SHARE
                helloworld-v1  200     -       174  17.4%
                helloworld-v2  200     -       826  82.6%
                """);
    }

    private static String split(int v1, int v2) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  http:
                  - route:
                    - {destination: {host: helloworld-v1}, weight: %d}
                    - {destination: {host: helloworld-v2}, weight: %d}
                """.formatted(v1, v2);
    }

    @Test
    void trafficOverTime() {
        String canary0to100 = split(0, 100);
        String canary80to20 = split(80, 20);
        dev.meshtest.Mesh mesh = mesh().apply("classpath:dev/meshtest/fixtures/helloworld.yaml");
        mesh.apply(canary0to100);   // every request to helloworld-v2
        dev.meshtest.traffic.TimelineResult t = mesh.timeline()
                .send(java.time.Duration.ofSeconds(20)).from("nginx").named("terminal 1").to("http://helloworld:5000/hello")
                .send(java.time.Duration.ofSeconds(10)).startingAt(java.time.Duration.ofSeconds(10)).from("nginx")
                .named("terminal 2").to("http://helloworld:5000/hello")
                .at(java.time.Duration.ofSeconds(5)).apply(canary80to20)   // each proxy switches when istiod's push reaches it
                .run();
        assertThat(t.perSecond("terminal 1").get(0L)).isEqualTo(java.util.Map.of("helloworld-v2", 10L));
        assertThat(t.perSecond("terminal 1").get(5L)).isEqualTo(java.util.Map.of("helloworld-v1", 6L, "helloworld-v2", 4L));
        assertThat(t.pushesTo("nginx")).hasToString("[5.146s: default/nginx (nginx) takes version 3]");
    }

    @Test
    void liveTraffic() {
        String canary80to20 = split(80, 20);
        dev.meshtest.Mesh mesh = mesh().apply("classpath:dev/meshtest/fixtures/helloworld.yaml");
        try (dev.meshtest.LiveTraffic live = mesh.startTraffic().from("nginx").rate(200).to("http://helloworld:5000/hello")) {
            mesh.apply(canary80to20);
            live.await().untilAsserted(() -> dev.meshtest.assertj.MeshAssertions.assertThat(live.last(200))
                    .reached("helloworld-v1").withShare(0.8));
        }
    }

    @Test
    void gatewayApi() {
        dev.meshtest.Mesh mesh = mesh().apply("classpath:dev/meshtest/fixtures/helloworld.yaml");
        mesh.apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: web}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - {name: http, port: 80, protocol: HTTP}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: hello}
                spec:
                  parentRefs: [{name: web}]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /hello}}]
                    backendRefs: [{name: helloworld-v2, port: 5000}]
                """);
        dev.meshtest.assertj.MeshAssertions.assertThat(mesh.send(100).fromOutside("default/web-istio")
                .to("http://web.example.com/hello")).reached("helloworld-v2").withShare(1.0);
        dev.meshtest.assertj.MeshAssertions.assertThat(mesh.gatewayApiStatus().httpRoute("hello")).isAccepted()
                .hasResolvedRefs();
    }
}
