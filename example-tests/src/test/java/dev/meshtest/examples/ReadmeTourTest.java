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
}
