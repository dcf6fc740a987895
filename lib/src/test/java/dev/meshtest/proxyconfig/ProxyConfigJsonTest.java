package dev.meshtest.proxyconfig;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.internal.text.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A proxy's config as JSON: every table as an array of row objects, fields named after the headers. */
class ProxyConfigJsonTest {

    private static Mesh helloworld() {
        return mesh().seed(42).apply("classpath:dev/meshtest/fixtures/helloworld.yaml");
    }

    @Test
    @DisplayName("a header's field name is its words in lower camel case")
    void fieldNames() {
        assertThat(Table.fieldName("SERVICE FQDN")).isEqualTo("serviceFqdn");
        assertThat(Table.fieldName("VHOST NAME")).isEqualTo("vhostName");
        assertThat(Table.fieldName("DESTINATION RULE")).isEqualTo("destinationRule");
        assertThat(Table.fieldName("PORT")).isEqualTo("port");
        assertThat(Table.fieldName("MTLS-MODE (x)")).isEqualTo("mtlsModeX");
    }

    @Test
    @DisplayName("a table: an object per row, cells as printed, in column order; no rows is []")
    void table() {
        Table t = new Table(List.of("SERVICE FQDN", "PORT"), List.of(List.of("a \"b\"\n", "80"), List.of("", "-")));
        assertThat(t.toJson()).isEqualTo("""
                [
                  {
                    "serviceFqdn": "a \\"b\\"\\n",
                    "port": "80"
                  },
                  {
                    "serviceFqdn": "",
                    "port": "-"
                  }
                ]""");
        assertThat(new Table(List.of("PORT", "MODE"), List.of()).toJson()).isEqualTo("[]");
    }

    @Test
    @DisplayName("a sidecar's security tables, exactly: mutualTls per port, authorization in Envoy's order")
    void security() {
        ProxyConfigView pc = helloworld().apply("""
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
        assertThat(pc.mutualTls().toJson()).isEqualTo("""
                [
                  {
                    "port": "5000",
                    "mode": "STRICT"
                  },
                  {
                    "port": "*",
                    "mode": "STRICT"
                  }
                ]""");
        assertThat(pc.authorization().toJson()).isEqualTo("""
                [
                  {
                    "filter": "envoy.filters.http.rbac",
                    "action": "ALLOW",
                    "rule": "ns[default]-policy[get-only]-rule[0]",
                    "from": "AuthorizationPolicy get-only.default"
                  }
                ]""");
    }

    @Test
    @DisplayName("the whole view: pod, gateway, then each table as its own JSON, in a fixed order, for a sidecar and a gateway")
    void wholeView() {
        Mesh m = helloworld();
        for (String pod : List.of("nginx", "istio-system/istio-ingressgateway")) {
            ProxyConfigView pc = m.proxyConfig(pod);
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) JsonParser.parse(pc.toJson());
            assertThat(json.keySet()).containsExactly("kind", "schemaVersion", "pod", "gateway", "listeners", "routes", "clusters",
                    "endpoints", "authorization", "mutualTls", "tls");
            assertThat(json.get("kind")).isEqualTo("ProxyConfig");
            assertThat(json.get("schemaVersion")).isEqualTo(1L);
            assertThat(json.get("pod")).isEqualTo(pc.pod());
            assertThat(json.get("gateway")).isEqualTo(pc.isGateway());
            Map<String, Table> tables = new LinkedHashMap<>();
            tables.put("listeners", pc.listeners());
            tables.put("routes", pc.routes());
            tables.put("clusters", pc.clusters());
            tables.put("endpoints", pc.endpoints());
            tables.put("authorization", pc.authorization());
            tables.put("mutualTls", pc.mutualTls());
            tables.put("tls", pc.tls());
            tables.forEach((name, t) -> {
                assertThat(json.get(name)).as(pod + " " + name).isEqualTo(rows(t)).isEqualTo(JsonParser.parse(t.toJson()));
                assertThat(pc.toJson()).contains(t.toJson().indent(2).strip());
            });
            assertThat((List<?>) json.get("clusters")).isNotEmpty();
        }
        assertThat(m.proxyConfig("nginx").toJson()).startsWith("""
                {
                  "kind": "ProxyConfig",
                  "schemaVersion": 1,
                  "pod": "default/nginx",
                  "gateway": false,
                  "listeners": [
                    {
                      "addresses": "10.96.0.10",
                      "port": "53",
                      "match": "TCP",
                      "destination": "Cluster: outbound|53||kube-dns.kube-system.svc.cluster.local"
                    },""");
    }

    /** The rows as the JSON should have them, built from the table without the code under test. */
    private static List<Object> rows(Table t) {
        List<Object> out = new ArrayList<>();
        for (List<String> r : t.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int c = 0; c < r.size(); c++) {
                String[] words = t.headers().get(c).toLowerCase(java.util.Locale.ROOT).split(" ");
                StringBuilder name = new StringBuilder(words[0]);
                for (int w = 1; w < words.length; w++) {
                    name.append(Character.toUpperCase(words[w].charAt(0))).append(words[w].substring(1));
                }
                m.put(name.toString(), r.get(c));
            }
            out.add(m);
        }
        return out;
    }
}
