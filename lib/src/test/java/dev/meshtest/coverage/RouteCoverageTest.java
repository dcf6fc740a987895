package dev.meshtest.coverage;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.RouteCoverage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Route coverage: the rules, match blocks and weighted destinations a mesh's sends exercised, as Envoy's route check tool counts them. */
class RouteCoverageTest {

    private static Mesh fourRules() {
        return mesh().seed(7).apply("classpath:experiments/helloworld.yaml").withPod("sleep").apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: helloworld}
                spec:
                  host: helloworld
                  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  http:
                  - name: jason
                    match: [{headers: {end-user: {exact: jason}}}]
                    route: [{destination: {host: helloworld, subset: v2}}]
                  - name: v1-path
                    match: [{uri: {prefix: /v1}}]
                    route: [{destination: {host: helloworld, subset: v1}}]
                  - name: debug
                    match: [{headers: {x-debug: {exact: "1"}}}]
                    route: [{destination: {host: helloworld, subset: v1}}]
                  - name: split
                    route:
                    - {destination: {host: helloworld, subset: v1}, weight: 80}
                    - {destination: {host: helloworld, subset: v2}, weight: 20}
                """);
    }

    @Test
    @DisplayName("a VirtualService with four rules and a test that hits three: the report names exactly the fourth")
    void fourthRuleMissed() {
        Mesh m = fourRules();
        m.send(10).from("sleep").header("end-user", "jason").to("http://helloworld:5000/hello");
        m.send(5).from("sleep").to("http://helloworld:5000/v1/hello");
        m.send(100).from("sleep").to("http://helloworld:5000/hello");
        m.explain().from("sleep").header("x-debug", "1").to("http://helloworld:5000/hello");   // an explanation does not count
        RouteCoverage c = m.routeCoverage();
        assertThat(c.missed()).extracting(Object::toString).containsExactly(
                "default/helloworld http[2] (rule \"debug\")", "default/helloworld http[2].match[0] (rule \"debug\")");
        org.assertj.core.api.Assertions.assertThat(c.ratio()).isEqualTo(7.0 / 9);
        org.assertj.core.api.Assertions.assertThat(c.items()).extracting(RouteCoverage.Item::path).containsExactly("http[0]",
                "http[0].match[0]", "http[1]", "http[1].match[0]", "http[2]", "http[2].match[0]", "http[3]", "http[3].route[0]",
                "http[3].route[1]");
        org.assertj.core.api.Assertions.assertThat(c.items().get(0).hits()).isEqualTo(10);
        org.assertj.core.api.Assertions.assertThat(c.items().get(7).hits() + c.items().get(8).hits()).isEqualTo(100);
        assertThat(c).isAtLeast(0.75);
        assertThatThrownBy(() -> assertThat(c).isComplete()).hasMessageContaining("""
                Expecting route coverage of at least 1
                but it is 77.8%: no request exercised
                  default/helloworld http[2] (rule "debug")
                  default/helloworld http[2].match[0] (rule "debug")
                Route coverage: 77.8% (7 of 9)
                      10 default/helloworld http[0] (rule "jason")""");
        m.send(1).from("sleep").header("x-debug", "1").to("http://helloworld:5000/hello");
        assertThat(m.routeCoverage()).isComplete();
    }
}
