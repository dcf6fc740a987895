package dev.meshtest.graph;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Graph;
import dev.meshtest.traffic.TrafficResult;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** A send's call graph drawn as Kiali draws it: DOT, Mermaid and a self-contained SVG. */
class GraphTest {

    /** helloworld, every request to v1; a 10% abort when {@code abort}. */
    private static Mesh helloworld(boolean abort) {
        return mesh().seed(7).apply("classpath:experiments/helloworld.yaml").withPod("sleep").apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: helloworld}
                spec:
                  host: helloworld
                  subsets: [{name: v1, labels: {version: v1}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  http:
                  - %s
                    route: [{destination: {host: helloworld, subset: v1}}]
                """.formatted(abort ? "fault: {abort: {httpStatus: 503, percentage: {value: 100}}}" : "name: all-v1"));
    }

    @Test
    @DisplayName("DOT and Mermaid: workloads as boxes, services as Kiali's triangles, links labelled and coloured by health")
    void text() {
        TrafficResult r = helloworld(false).send(10).from("sleep").to("http://helloworld:5000/hello");
        Graph g = r.graph();
        assertThat(g.toDot()).isEqualTo("""
                digraph meshtest {
                  rankdir=LR;
                  node [fontname="sans-serif"];
                  "default/sleep" [shape=box, label="sleep\\ndefault"];
                  "helloworld.default.svc.cluster.local" [shape=triangle, label="helloworld.default"];
                  "default/helloworld-v1" [shape=box, label="helloworld-v1\\ndefault"];
                  "default/sleep" -> "helloworld.default.svc.cluster.local" [label="10 req (100.0%)", color="#3f9c35"];
                  "helloworld.default.svc.cluster.local" -> "default/helloworld-v1" [label="10 req (100.0%)", color="#3f9c35"];
                }
                """);
        assertThat(g.toMermaid()).isEqualTo("""
                flowchart LR
                  n0["sleep<br/>default"]
                  n1{{"helloworld.default"}}
                  n2["helloworld-v1<br/>default"]
                  n0 -->|"10 req (100.0%)"| n1
                  n1 -->|"10 req (100.0%)"| n2
                  linkStyle 0 stroke:#3f9c35
                  linkStyle 1 stroke:#3f9c35
                """);
    }

    @Test
    @DisplayName("an abort at the client's sidecar: a red link to the service, and no workload behind it")
    void failure() {
        Graph g = helloworld(true).send(10).from("sleep").to("http://helloworld:5000/hello").graph();
        assertThat(g.links()).containsExactly(new Graph.Link("default/sleep", "helloworld.default.svc.cluster.local", 10, 1.0, 1.0,
                Graph.Health.FAILURE));
        assertThat(g.links().get(0).label()).isEqualTo("10 req (100.0%), 100.0% err");
    }

    @Test
    @DisplayName("the SVG reads back: one node group per node, one link group per link, with their requests and health")
    void svgReadsBack() throws Exception {
        Mesh m = mesh().seed(7).apply("classpath:experiments/helloworld.yaml").withPod("sleep");
        Graph g = m.send(200).from("sleep").to("http://helloworld:5000/hello").graph();
        String svg = g.toSvg();
        assertThat(svg).doesNotContain("<script").doesNotContain("href=\"http");
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        List<String> nodes = new ArrayList<>();
        List<String> links = new ArrayList<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element e = (Element) groups.item(i);
            if (e.getAttribute("class").equals("node")) {
                nodes.add(e.getAttribute("data-kind") + " " + e.getAttribute("data-id"));
            } else if (e.getAttribute("class").equals("link")) {
                links.add(e.getAttribute("data-from") + " -> " + e.getAttribute("data-to") + " " + e.getAttribute("data-requests")
                        + " " + e.getAttribute("data-health"));
            }
        }
        assertThat(nodes).containsExactlyElementsOf(g.nodes().stream().map(n -> n.kind() + " " + n.id()).toList());
        assertThat(links).containsExactlyElementsOf(g.links().stream().map(l -> l.from() + " -> " + l.to() + " " + l.requests() + " "
                + l.health()).toList());
        assertThat(links).hasSize(3);
        assertThat(g.links().get(1).requests() + g.links().get(2).requests()).isEqualTo(200);
    }
}
