package dev.meshtest.security;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.security.MutualTlsTest.migration;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.EnvoyBody;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * AuthorizationPolicy as the receiving proxy's RBAC filters enforce it (docs/security.md,
 * "Authorization"), on the mutual TLS migration layout: sleep and httpbin in {@code foo} and
 * {@code bar} (sidecars) and in {@code legacy} (none).
 */
class AuthorizationPolicyTest {

    /** httpbin.example.com through the ingress gateway to foo's httpbin. */
    static final String GATEWAY = """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: httpbin, namespace: foo}
                spec:
                  selector: {istio: ingressgateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["httpbin.example.com"]}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: httpbin, namespace: foo}
                spec:
                  hosts: [httpbin.example.com]
                  gateways: [httpbin]
                  http: [{route: [{destination: {host: httpbin, port: {number: 8000}}}]}]
                """;

    private static TrafficResult curl(Mesh mesh, String from, String url) {
        return mesh.send(4).from(from + "/sleep").to(url);
    }

    private static TrafficResult curl(Mesh mesh, String from) {
        return curl(mesh, from, "http://httpbin.foo:8000/ip");
    }

    private static String policy(String name, String spec) {
        return "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: " + name
                + ", namespace: foo}\nspec:\n" + spec.indent(2);
    }

    private static void denied(TrafficResult r) {
        assertThat(r.countByStatus()).containsExactly(entry(403, (long) r.size()));
        Outcome o = r.outcomes().get(0);
        assertThat(o.body()).isEqualTo(EnvoyBody.RBAC_ACCESS_DENIED);
        assertThat(o.flags()).isEmpty();
        assertThat(o.workload()).isEmpty();
    }

    @Test
    @DisplayName("spec: {} is an ALLOW policy that matches nothing: every request to the namespace's workloads gets 403")
    void denyAll() {
        Mesh mesh = migration().apply(policy("deny-all", "{}"));
        denied(curl(mesh, "bar"));
        denied(curl(mesh, "legacy"));
        // The reply is the server sidecar's; the client's sidecar stamps its own server name on the way back.
        assertThat(curl(mesh, "bar").outcomes().get(0).responseHeader("server")).contains("envoy");
        assertThat(curl(mesh, "legacy").outcomes().get(0).responseHeader("server")).contains("istio-envoy");
        assertThat(curl(mesh, "foo", "http://httpbin.bar:8000/ip")).allSucceeded();
    }

    @Test
    @DisplayName("rules: [{}] allows everything; an ALLOW on methods lets GET through and denies POST")
    void allowByMethod() {
        assertThat(curl(migration().apply(policy("allow-all", "rules: [{}]")), "legacy")).allSucceeded();
        Mesh mesh = migration().apply(policy("allow-get", "action: ALLOW\nrules:\n- to: [{operation: {methods: [GET]}}]"));
        assertThat(curl(mesh, "bar")).allSucceeded();
        denied(mesh.send(4).from("bar/sleep").method("POST").to("http://httpbin.foo:8000/post"));
    }

    @Test
    @DisplayName("principals need mutual TLS: bar's sleep is allowed by its identity, foo's is not, legacy's plain text has none")
    void principals() {
        Mesh mesh = migration().apply(policy("from-bar", "rules:\n- from: [{source: {principals: [cluster.local/ns/bar/sa/sleep]}}]"));
        assertThat(curl(mesh, "bar")).allSucceeded();
        denied(curl(mesh, "foo"));
        denied(curl(mesh, "legacy"));
        // Wildcards: a prefix, and * for any authenticated identity.
        Mesh prefix = migration().apply(policy("prefix", "rules:\n- from: [{source: {principals: [\"cluster.local/ns/bar/*\"]}}]"));
        assertThat(curl(prefix, "bar")).allSucceeded();
        denied(curl(prefix, "foo"));
        Mesh any = migration().apply(policy("any", "rules:\n- from: [{source: {principals: [\"*\"]}}]"));
        assertThat(curl(any, "foo")).allSucceeded();
        denied(curl(any, "legacy"));
    }

    @Test
    @DisplayName("namespaces and serviceAccounts read the peer's identity; a bare service account is the policy's namespace's")
    void namespacesAndServiceAccounts() {
        Mesh ns = migration().apply(policy("from-bar", "rules:\n- from: [{source: {namespaces: [bar]}}]"));
        assertThat(curl(ns, "bar")).allSucceeded();
        denied(curl(ns, "legacy"));
        Mesh sa = migration().apply(policy("sa", "rules:\n- from: [{source: {serviceAccounts: [sleep, bar/sleep]}}]"));
        assertThat(curl(sa, "foo")).allSucceeded();
        assertThat(curl(sa, "bar")).allSucceeded();
        denied(curl(sa, "legacy"));
    }

    @Test
    @DisplayName("DENY wins over ALLOW, and is checked first")
    void denyWins() {
        Mesh mesh = migration().apply(policy("allow-all", "rules: [{}]")).apply(policy("deny-headers",
                "action: DENY\nrules:\n- to: [{operation: {paths: [/headers]}}]"));
        assertThat(curl(mesh, "bar")).allSucceeded();
        denied(curl(mesh, "bar", "http://httpbin.foo:8000/headers"));
    }

    @Test
    @DisplayName("A DENY on notNamespaces also denies plain text: a client without an identity is in no namespace")
    void denyNotNamespacesCatchesPlainText() {
        Mesh mesh = migration().apply(policy("only-foo", "action: DENY\nrules:\n- from: [{source: {notNamespaces: [foo, bar]}}]"));
        assertThat(curl(mesh, "bar")).allSucceeded();
        denied(curl(mesh, "legacy"));
    }

    @Test
    @DisplayName("hosts match the Host header as sent, port included, case-insensitively")
    void hostsIncludeThePort() {
        Mesh withoutPort = migration().apply(policy("host", "rules:\n- to: [{operation: {hosts: [httpbin.foo]}}]"));
        denied(curl(withoutPort, "bar"));
        Mesh withPort = migration().apply(policy("host", "rules:\n- to: [{operation: {hosts: [HTTPBIN.foo:8000, \"*.example.com\"]}}]"));
        assertThat(curl(withPort, "bar")).allSucceeded();
    }

    @Test
    @DisplayName("paths: exact, prefix and suffix wildcards, on the path without its query; ports name the container port")
    void pathsAndPorts() {
        Mesh mesh = migration().apply(policy("paths", "rules:\n- to: [{operation: {paths: [/ip, \"/status/*\", \"*.json\"]}}]"));
        assertThat(curl(mesh, "bar", "http://httpbin.foo:8000/ip?x=1")).allSucceeded();
        assertThat(curl(mesh, "bar", "http://httpbin.foo:8000/status/418")).allSucceeded();
        assertThat(curl(mesh, "bar", "http://httpbin.foo:8000/a/b.json")).allSucceeded();
        denied(curl(mesh, "bar", "http://httpbin.foo:8000/headers"));
        Mesh port = migration().apply(policy("port", "rules:\n- to: [{operation: {ports: [\"8080\"]}}]"));
        assertThat(curl(port, "bar")).allSucceeded();
        Mesh servicePort = migration().apply(policy("port", "rules:\n- to: [{operation: {ports: [\"8000\"]}}]"));
        denied(curl(servicePort, "bar"));
    }

    @Test
    @DisplayName("when: a request header's value, the source namespace, the destination port")
    void conditions() {
        Mesh mesh = migration().apply(policy("token", """
                rules:
                - when:
                  - {key: "request.headers[x-token]", values: [admin, "ops-*"]}
                  - {key: source.namespace, notValues: [legacy]}
                """));
        assertThat(mesh.send(2).from("bar/sleep").header("x-token", "ops-1").to("http://httpbin.foo:8000/ip")).allSucceeded();
        denied(mesh.send(2).from("bar/sleep").header("x-token", "guest").to("http://httpbin.foo:8000/ip"));
        denied(mesh.send(2).from("bar/sleep").to("http://httpbin.foo:8000/ip"));
    }

    @Test
    @DisplayName("ipBlocks match the connection's peer: the client pod (its sidecar), as a CIDR or an address")
    void ipBlocks() {
        Mesh mesh = migration();
        String barSleep = dev.meshtest.Internals.state(mesh).pods("bar").stream().filter(p -> p.workload().equals("sleep")).findFirst()
                .orElseThrow().ip();
        mesh.apply(policy("ip", "rules:\n- from: [{source: {ipBlocks: [\"" + barSleep + "\", \"10.0.0.0/8\"]}}]"));
        assertThat(curl(mesh, "bar")).allSucceeded();
        Mesh narrow = migration().apply(policy("ip", "rules:\n- from: [{source: {ipBlocks: [\"" + barSleep + "/32\"]}}]"));
        assertThat(curl(narrow, "bar")).allSucceeded();
        denied(curl(narrow, "foo"));
    }

    @Test
    @DisplayName("A policy in the root namespace applies mesh-wide; a selector narrows a policy to the pods it names")
    void rootNamespaceAndSelector() {
        Mesh mesh = migration().apply("""
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: deny-all, namespace: istio-system}
                spec: {}
                """);
        denied(curl(mesh, "foo"));
        denied(curl(mesh, "foo", "http://httpbin.bar:8000/ip"));
        Mesh selected = migration().apply(policy("sleep-only", "selector: {matchLabels: {app: sleep}}"));
        assertThat(curl(selected, "bar")).allSucceeded();
    }

    @Test
    @DisplayName("AUDIT, dry-run and targetRefs (Gateway API gateways and waypoints only) change nothing at a sidecar")
    void policiesThatDoNotEnforce() {
        assertThat(curl(migration().apply(policy("audit", "action: AUDIT\nrules: [{}]")), "legacy")).allSucceeded();
        assertThat(curl(migration().apply("""
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata:
                  name: deny-all
                  namespace: foo
                  annotations: {istio.io/dry-run: "true"}
                spec: {}
                """), "legacy")).allSucceeded();
        assertThat(curl(migration().apply(policy("waypoint", "targetRefs: [{kind: Service, group: \"\", name: httpbin}]")),
                "legacy")).allSucceeded();
    }

    @Test
    @DisplayName("At the ingress gateway: a policy selecting it answers 403 from the gateway, before any route")
    void atTheGateway() {
        Mesh mesh = migration().apply(GATEWAY).apply("""
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: no-admin, namespace: istio-system}
                spec:
                  selector: {matchLabels: {istio: ingressgateway}}
                  action: DENY
                  rules: [{to: [{operation: {paths: ["/admin*"]}}]}]
                """);
        assertThat(mesh.send(3).fromOutside().to("http://httpbin.example.com/ip")).allSucceeded();
        TrafficResult admin = mesh.send(3).fromOutside().to("http://httpbin.example.com/admin/users");
        denied(admin);
        assertThat(admin.outcomes().get(0).responseHeader("server")).contains("istio-envoy");
    }

    @Test
    @DisplayName("explain() names the policy that denied, or says no ALLOW rule matched")
    void explained() {
        Mesh mesh = migration().apply(policy("allow-get", "rules:\n- to: [{operation: {methods: [GET]}}]"))
                .apply(policy("deny-headers", "action: DENY\nrules:\n- to: [{operation: {paths: [/headers]}}]"));
        assertThat(mesh.explain().from("bar/sleep").to("http://httpbin.foo:8000/headers").steps()).anyMatch(s -> s.matches(
                "RBAC at sidecar of httpbin-.*: denied by the DENY policy ns\\[foo]-policy\\[deny-headers]-rule\\[0]: 403 RBAC: access denied "
                        + "\\(rbac_access_denied_matched_policy\\[ns\\[foo]-policy\\[deny-headers]-rule\\[0]]\\)"));
        assertThat(mesh.explain().from("bar/sleep").method("POST").to("http://httpbin.foo:8000/post").steps()).anyMatch(s -> s.matches(
                "RBAC at sidecar of httpbin-.*: no ALLOW rule matches \\(1 rule of the policies that select it\\): "
                        + "403 RBAC: access denied \\(rbac_access_denied_matched_policy\\[none]\\)"));
        assertThat(mesh.explain().from("bar/sleep").to("http://httpbin.foo:8000/ip").steps())
                .anyMatch(s -> s.matches("RBAC at sidecar of httpbin-.*: allowed by ns\\[foo]-policy\\[allow-get]-rule\\[0]"));
    }

    @Test
    @DisplayName("Strict: CUSTOM, path templates and the SNI or metadata conditions are refused at the field; "
            + "lenient simulates without them and notes it")
    void notSimulatedParts() {
        assertThatThrownBy(() -> migration().apply(policy("ext", "action: CUSTOM\nprovider: {name: opa}\nrules: [{}]")))
                .hasMessageContaining("AuthorizationPolicy foo/ext: spec.action: meshtest does not simulate a CUSTOM "
                        + "AuthorizationPolicy yet: on a cluster the selected proxies ask the external authorizer");
        // istiod trims the slashes before its check; Envoy's URI template parser rejects an empty segment.
        assertThatThrownBy(() -> migration().apply(policy("tpl", "rules:\n- to: [{operation: {paths: [\"//a/{*}\"]}}]")))
                .hasMessageContaining("spec.rules[0].to[0].operation.paths: meshtest does not simulate a path template Envoy "
                        + "cannot parse yet: on a cluster istiod passes the template to the proxies, whose URI template parser "
                        + "rejects it");
        assertThatThrownBy(() -> migration().apply(policy("sni", "rules:\n- when: [{key: connection.sni, values: [a]}]")))
                .hasMessageContaining("spec.rules[0].when[0].key: meshtest does not simulate the condition connection.sni");
        // Lenient: the CUSTOM policy is left out, the path template too (its operation then matches any path).
        Mesh lenient = dev.meshtest.Mesh.mesh().lenient().apply(MutualTlsTest.workloads("foo", true))
                .apply(MutualTlsTest.workloads("bar", true))
                .apply(policy("ext", "action: CUSTOM\nprovider: {name: opa}\nrules: [{}]"))
                .apply(policy("tpl", "rules:\n- to: [{operation: {paths: [\"//a/{*}\"]}}]"));
        assertThat(lenient.notes()).hasSize(2);
        assertThat(curl(lenient, "bar")).allSucceeded();
    }

    @Test
    @DisplayName("path templates: {*} is one path segment, {**} any number of them (none too), matched on the whole path without its query")
    void pathTemplates() {
        Mesh mesh = migration().apply(policy("tpl", """
                rules:
                - to: [{operation: {paths: ["/status/{*}", "/anything/{*}/info", "/files/{**}"]}}]
                """));
        java.util.function.Function<String, Integer> status = path -> curl(mesh, "bar", "http://httpbin.foo:8000" + path)
                .outcomes().get(0).status();
        // httpbin answers 200 for any path it is sent (a generic app); the RBAC filter decides.
        assertThat(status.apply("/status/200")).isEqualTo(200);
        assertThat(status.apply("/status/200?x=1")).isEqualTo(200);
        assertThat(status.apply("/status/a/b")).isEqualTo(403);
        assertThat(status.apply("/status/")).isEqualTo(403);
        assertThat(status.apply("/anything/x-1.y~z/info")).isEqualTo(200);
        assertThat(status.apply("/anything/x/y/info")).isEqualTo(403);
        assertThat(status.apply("/files/")).isEqualTo(200);
        assertThat(status.apply("/files/a/b/c.txt")).isEqualTo(200);
        assertThat(status.apply("/files")).isEqualTo(403);
        assertThat(status.apply("/ip")).isEqualTo(403);
        // notPaths with a template: everything else is allowed.
        Mesh not = migration().apply(policy("not-tpl", "rules:\n- to: [{operation: {notPaths: [\"/admin/{**}\"]}}]"));
        assertThat(curl(not, "bar", "http://httpbin.foo:8000/admin/users").outcomes().get(0).status()).isEqualTo(403);
        assertThat(curl(not, "bar", "http://httpbin.foo:8000/ip")).allSucceeded();
    }

    @Test
    @DisplayName("proxyConfig(pod).authorization() lists the RBAC filters' policies in Envoy's order: DENY first, then ALLOW")
    void proxyConfigView() {
        Mesh mesh = migration().apply(policy("allow-get", "rules:\n- to: [{operation: {methods: [GET]}}]\n- from: [{source: {namespaces: [bar]}}]"))
                .apply(policy("deny-headers", "action: DENY\nrules:\n- to: [{operation: {paths: [/headers]}}]"));
        assertThat(mesh.proxyConfig("foo/httpbin").authorization().rows()).containsExactly(
                java.util.List.of("envoy.filters.http.rbac", "DENY", "ns[foo]-policy[deny-headers]-rule[0]",
                        "AuthorizationPolicy deny-headers.foo"),
                java.util.List.of("envoy.filters.http.rbac", "ALLOW", "ns[foo]-policy[allow-get]-rule[0]", "AuthorizationPolicy allow-get.foo"),
                java.util.List.of("envoy.filters.http.rbac", "ALLOW", "ns[foo]-policy[allow-get]-rule[1]", "AuthorizationPolicy allow-get.foo"));
        assertThat(mesh.proxyConfig("bar/httpbin").authorization().rows()).isEmpty();
        assertThat(migration().apply(policy("deny-all", "{}")).proxyConfig("foo/httpbin").authorization().rows())
                .containsExactly(java.util.List.of("envoy.filters.http.rbac", "ALLOW", "ns[foo]-policy[deny-all]-rule[0] (matches nothing)",
                        "AuthorizationPolicy deny-all.foo"));
    }
}
