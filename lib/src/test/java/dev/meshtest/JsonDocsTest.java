package dev.meshtest;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.internal.text.JsonParser;
import dev.meshtest.proxyconfig.ProxyConfigView;
import dev.meshtest.proxyconfig.Table;
import dev.meshtest.traffic.Decision;
import dev.meshtest.traffic.TrafficResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/json.md shows the documents the code writes, and lists every field they have. */
class JsonDocsTest {

    private static String docs;

    @BeforeAll
    static void read() throws IOException {
        docs = Files.readString(Path.of("..", "docs", "json.md"));
    }

    private static Mesh helloworld() {
        return mesh().seed(42).apply("classpath:dev/meshtest/fixtures/helloworld.yaml");
    }

    private static void shown(String json) {
        assertThat(docs).contains("```json\n" + json + "\n```\n");
    }

    private static ProxyConfigView secured() {
        return helloworld().apply("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: strict, namespace: default}
                spec:
                  selector: {matchLabels: {app: helloworld}}
                  mtls: {mode: STRICT}
                ---
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: get-only, namespace: default}
                spec:
                  selector: {matchLabels: {app: helloworld}}
                  rules:
                  - to: [{operation: {methods: [GET]}}]
                """).proxyConfig("helloworld-v1");
    }

    private static String analysis() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .apply("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r}\nspec:\n"
                        + "  hosts: [helloworld]\n  http:\n  - route: [{destination: {host: ratings2}}]\n")
                .analyze().suppress("IST0102", "*").toJson();
    }

    @Test
    @DisplayName("the page's examples are what the code writes for them")
    void examples() {
        shown(helloworld().send(4).from("nginx").to("helloworld:5000/hello").toJson());
        String withRequests = helloworld().send(1).from("nginx").header("x-user", "jason").to("helloworld:5000/hello").toJson(true);
        shown(withRequests.substring(withRequests.indexOf("  \"notes\": [],\n  \"requestsKept\"")));
        shown(helloworld().explain().from("nginx").to("helloworld:5000/hello").toJson());
        shown(analysis());
        shown(secured().mutualTls().toJson());
        shown(secured().authorization().toJson());
    }

    @Test
    @DisplayName("every field any document has is in one of the page's tables, and every step kind is named")
    void everyFieldIsListed() {
        Mesh m = helloworld().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  http:
                  - match: [{uri: {exact: /old}}]
                    redirect: {uri: /hello}
                  - route: [{destination: {host: helloworld}}]
                """);
        TrafficResult redirected = m.send(2).from("nginx").followRedirects().to("helloworld:5000/old");
        assertThat(redirected.outcomes().get(0).redirects()).hasSize(1);
        Set<String> fields = new TreeSet<>();
        for (String json : List.of(redirected.toJson(true), m.send(1).from("nginx").to("nosuch:5000/").toJson(true),
                m.explain().from("nginx").to("helloworld:5000/hello").toJson(), analysis(), m.proxyConfig("nginx").toJson(),
                m.send(1).from("nginx").to("helloworld:5000/hello").explain(0).toJson(), timeline(m))) {
            collect(JsonParser.parse(json), fields);
        }
        ProxyConfigView pc = secured();
        for (Table t : List.of(pc.listeners(), pc.routes(), pc.clusters(), pc.endpoints(), pc.authorization(), pc.mutualTls(), pc.tls())) {
            collect(JsonParser.parse(new Table(t.headers(), List.of(t.headers())).toJson()), fields);
        }
        assertThat(fields).hasSizeGreaterThan(90);
        for (String f : fields) {
            assertThat(docs).as(f).containsPattern("\n\\| [^|\n]*`" + f + "`|\\| (array|object[^|]*) \\|[^\n]*`" + f + "`");
        }
        for (Decision.Kind k : Decision.Kind.values()) {
            assertThat(docs).contains("`" + k.name() + "`");
        }
    }

    private static String timeline(Mesh m) {
        return m.timeline().send(java.time.Duration.ofSeconds(1)).from("nginx").to("helloworld:5000/hello")
                .at(java.time.Duration.ofMillis(500)).apply("""
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: helloworld}
                        spec:
                          hosts: [helloworld]
                          http: [{route: [{destination: {host: helloworld-v1}}]}]
                        """).run().toJson();
    }

    /** The names of objects' fields, but not the keys of objects keyed by data (counts, headers). */
    private static void collect(Object json, Set<String> fields) {
        if (json instanceof List<?> l) {
            l.forEach(e -> collect(e, fields));
        } else if (json instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                String name = (String) k;
                fields.add(name);
                if (!(name.startsWith("by") || name.equals("headers") || name.equals("responseHeaders"))) {
                    collect(v, fields);
                }
            });
        }
    }
}
