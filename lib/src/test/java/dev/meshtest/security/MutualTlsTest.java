package dev.meshtest.security;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.EnvoyBody;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS as a cluster shows it (docs/security.md): PeerAuthentication on the server's side,
 * auto mTLS and DestinationRule {@code tls.mode} on the client's, and what each mismatch does to
 * a request. The layout is Istio's "Mutual TLS Migration" task: sleep and httpbin in {@code foo}
 * and {@code bar} (with sidecars) and in {@code legacy} (without).
 */
class MutualTlsTest {

    private static final String CURL_RESET = "curl: (56) Recv failure: Connection reset by peer";

    /** sleep and httpbin (8000 to container port 8080) in a namespace, with or without sidecar injection. */
    static String workloads(String ns, boolean injected) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata: {name: NS, labels: {istio-injection: INJECTION}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: httpbin, namespace: NS}
                spec:
                  selector: {app: httpbin}
                  ports: [{name: http, port: 8000, targetPort: 8080}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: httpbin, namespace: NS}
                spec:
                  selector: {matchLabels: {app: httpbin}}
                  template:
                    metadata: {labels: {app: httpbin}}
                    spec:
                      serviceAccountName: httpbin
                      containers: [{name: httpbin, image: kong/httpbin, ports: [{containerPort: 8080}]}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: sleep, namespace: NS}
                spec:
                  selector: {matchLabels: {app: sleep}}
                  template:
                    metadata: {labels: {app: sleep}}
                    spec:
                      serviceAccountName: sleep
                      containers: [{name: sleep, image: curlimages/curl}]
                """.replace("NS", ns).replace("INJECTION", injected ? "enabled" : "disabled");
    }

    static Mesh migration() {
        return mesh().apply(workloads("foo", true)).apply(workloads("bar", true)).apply(workloads("legacy", false));
    }

    private static TrafficResult curl(Mesh mesh, String from, String to) {
        return mesh.send(10).from(from + "/sleep").to("http://httpbin." + to + ":8000/ip");
    }

    private static String strict(String namespace) {
        return "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: " + namespace
                + "}\nspec: {mtls: {mode: STRICT}}\n";
    }

    @Test
    @DisplayName("No PeerAuthentication: sidecars talk mutual TLS by themselves (auto mTLS), legacy clients plain text, both answered")
    void permissiveByDefault() {
        Mesh mesh = migration();
        assertThat(curl(mesh, "foo", "foo")).allSucceeded().receivedOverMutualTlsFrom("spiffe://cluster.local/ns/foo/sa/sleep");
        assertThat(curl(mesh, "bar", "foo")).allSucceeded().receivedOverMutualTlsFrom("spiffe://cluster.local/ns/bar/sa/sleep");
        assertThat(curl(mesh, "legacy", "foo")).allSucceeded().receivedInPlainText();
        // To a pod without a sidecar, auto mTLS sends plain text.
        assertThat(curl(mesh, "foo", "legacy")).allSucceeded().receivedInPlainText();
    }

    @Test
    @DisplayName("Mesh-wide STRICT: a client without a sidecar is reset (curl exit 56, no status); sidecars still get through")
    void meshWideStrict() {
        Mesh mesh = migration().apply(strict("istio-system"));
        TrafficResult legacy = curl(mesh, "legacy", "foo");
        assertThat(legacy.countByStatus()).containsExactly(entry(0, 10L));
        assertThat(legacy.outcomes().get(0).body()).isEqualTo(CURL_RESET);
        assertThat(curl(mesh, "bar", "foo")).allSucceeded().receivedOverMutualTlsFrom("spiffe://cluster.local/ns/bar/sa/sleep");
        // The legacy namespace's own httpbin has no sidecar: nothing enforces anything there.
        assertThat(curl(mesh, "foo", "legacy")).allSucceeded().receivedInPlainText();
    }

    @Test
    @DisplayName("Namespace STRICT applies to its namespace only; a namespace UNSET inherits the mesh's mode")
    void namespaceStrictAndInheritance() {
        Mesh mesh = migration().apply(strict("foo"));
        assertThat(curl(mesh, "legacy", "foo").countByStatus()).containsExactly(entry(0, 10L));
        assertThat(curl(mesh, "legacy", "bar")).allSucceeded();

        Mesh inherits = migration().apply(strict("istio-system")).apply("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: default, namespace: bar}
                spec: {mtls: {mode: UNSET}}
                """);
        assertThat(curl(inherits, "legacy", "bar").countByStatus()).containsExactly(entry(0, 10L));
        Mesh overrides = migration().apply(strict("istio-system")).apply("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: default, namespace: bar}
                spec: {mtls: {mode: PERMISSIVE}}
                """);
        assertThat(curl(overrides, "legacy", "bar")).allSucceeded().receivedInPlainText();
    }

    @Test
    @DisplayName("A workload policy beats its namespace's; portLevelMtls sets the container port's mode, and auto mTLS follows it")
    void workloadAndPortLevel() {
        Mesh mesh = migration().apply(strict("foo")).apply("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: httpbin, namespace: foo}
                spec:
                  selector: {matchLabels: {app: httpbin}}
                  mtls: {mode: STRICT}
                  portLevelMtls:
                    8080: {mode: DISABLE}
                """);
        // The container port 8080 (the Service's targetPort) takes plain text only...
        assertThat(curl(mesh, "legacy", "foo")).allSucceeded().receivedInPlainText();
        // ...and the endpoint loses its tlsMode metadata, so sidecars send plain text too.
        assertThat(curl(mesh, "bar", "foo")).allSucceeded().receivedInPlainText();
    }

    @Test
    @DisplayName("The oldest namespace-wide policy wins; a later one is ignored")
    void oldestWins() {
        Mesh mesh = migration().apply(strict("foo")).apply("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: a-later-one, namespace: foo}
                spec: {mtls: {mode: PERMISSIVE}}
                """);
        assertThat(curl(mesh, "legacy", "foo").countByStatus()).containsExactly(entry(0, 10L));
    }

    @Test
    @DisplayName("DestinationRule tls DISABLE to a STRICT server: the client's sidecar sends plain text, the server closes: 503 UC, not retried")
    void disableToStrict() {
        Mesh mesh = migration().apply(strict("foo")).apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: httpbin-plain, namespace: bar}
                spec:
                  host: httpbin.foo.svc.cluster.local
                  trafficPolicy: {tls: {mode: DISABLE}}
                """);
        TrafficResult r = curl(mesh, "bar", "foo");
        Outcome o = r.outcomes().get(0);
        assertThat(r.countByStatus()).containsExactly(entry(503, 10L));
        assertThat(o.flags()).containsExactly(ResponseFlag.UPSTREAM_CONNECTION_TERMINATION);
        assertThat(o.body()).isEqualTo(EnvoyBody.CONNECTION_TERMINATION);
        assertThat(o.cluster()).contains("outbound|8000||httpbin.foo.svc.cluster.local");
        assertThat(r.attemptsOf(0)).isEqualTo(1);
    }

    @Test
    @DisplayName("DestinationRule ISTIO_MUTUAL to a pod without a sidecar: the handshake fails, retried twice: 503 UF,URX")
    void istioMutualToPlainServer() {
        Mesh mesh = migration().apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: httpbin-legacy, namespace: foo}
                spec:
                  host: httpbin.legacy.svc.cluster.local
                  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
                """);
        TrafficResult r = curl(mesh, "foo", "legacy");
        Outcome o = r.outcomes().get(0);
        assertThat(r.countByStatus()).containsExactly(entry(503, 10L));
        assertThat(o.flagsText()).isEqualTo("UF,URX");
        assertThat(o.body()).isEqualTo(EnvoyBody.TLS_FAILURE);
        assertThat(r.attemptsOf(0)).isEqualTo(3);
        // The rule is the foo namespace's: bar's clients keep auto mTLS, plain text to legacy.
        assertThat(curl(mesh, "bar", "legacy")).allSucceeded().receivedInPlainText();
    }

    @Test
    @DisplayName("A workload DISABLE: auto mTLS sends plain text; a DestinationRule forcing ISTIO_MUTUAL fails the handshake")
    void workloadDisable() {
        String disable = """
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: httpbin, namespace: foo}
                spec:
                  selector: {matchLabels: {app: httpbin}}
                  mtls: {mode: DISABLE}
                """;
        assertThat(curl(migration().apply(disable), "bar", "foo")).allSucceeded().receivedInPlainText();
        Mesh forced = migration().apply(disable).apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: httpbin, namespace: foo}
                spec:
                  host: httpbin
                  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
                """);
        assertThat(curl(forced, "foo", "foo").countByStatus()).containsExactly(entry(503, 10L));
        assertThat(curl(forced, "foo", "foo").outcomes().get(0).body()).isEqualTo(EnvoyBody.TLS_FAILURE);
    }

    @Test
    @DisplayName("Namespace DISABLE under a workload STRICT: clients infer plain text from the namespace, and the workload closes it")
    void namespaceDisableWorkloadStrict() {
        Mesh mesh = migration().apply("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: default, namespace: foo}
                spec: {mtls: {mode: DISABLE}}
                ---
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: httpbin, namespace: foo}
                spec:
                  selector: {matchLabels: {app: httpbin}}
                  mtls: {mode: STRICT}
                """);
        TrafficResult r = curl(mesh, "bar", "foo");
        assertThat(r.countByStatus()).containsExactly(entry(503, 10L));
        assertThat(r.outcomes().get(0).flags()).containsExactly(ResponseFlag.UPSTREAM_CONNECTION_TERMINATION);
    }

    @Test
    @DisplayName("MeshConfig enableAutoMtls: false: sidecars send plain text unless a DestinationRule says ISTIO_MUTUAL")
    void autoMtlsOff() {
        Mesh mesh = migration().withMeshConfig("enableAutoMtls: false\n").apply(strict("foo"));
        assertThat(curl(mesh, "bar", "foo").countByStatus()).containsExactly(entry(503, 10L));
        mesh.apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: httpbin, namespace: bar}
                spec:
                  host: httpbin.foo.svc.cluster.local
                  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
                """);
        assertThat(curl(mesh, "bar", "foo")).allSucceeded().receivedOverMutualTlsFrom("spiffe://cluster.local/ns/bar/sa/sleep");
    }

    @Test
    @DisplayName("The trust domain of MeshConfig names the identities; its aliases are refused (not simulated)")
    void trustDomain() {
        Mesh mesh = migration().withMeshConfig("trustDomain: example.org\n");
        assertThat(curl(mesh, "bar", "foo")).receivedOverMutualTlsFrom("spiffe://example.org/ns/bar/sa/sleep");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> migration().withMeshConfig("trustDomainAliases: [old.example.org]\n"))
                .hasMessageContaining("meshtest does not simulate MeshConfig trustDomainAliases yet");
    }

    @Test
    @DisplayName("From outside through the ingress gateway to a STRICT workload: the gateway speaks mutual TLS with its own identity")
    void throughTheIngressGateway() {
        Mesh mesh = migration().apply(strict("istio-system")).apply(AuthorizationPolicyTest.GATEWAY);
        assertThat(mesh.send(5).fromOutside().to("http://httpbin.example.com/ip")).allSucceeded()
                .receivedOverMutualTlsFrom("spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway");
    }

    @Test
    @DisplayName("explain() names the connection: mutual TLS or plain text, and what the server's sidecar takes")
    void explained() {
        Mesh mesh = migration().apply(strict("foo"));
        assertThat(mesh.explain().from("legacy/sleep").to("http://httpbin.foo:8000/ip").steps())
                .anyMatch(s -> s.startsWith("plain text to httpbin-") && s.endsWith(
                        "whose sidecar takes mutual TLS only (PeerAuthentication STRICT on port 8080): it closes the connection"));
        assertThat(mesh.explain().from("bar/sleep").to("http://httpbin.foo:8000/ip").steps())
                .anyMatch(s -> s.startsWith("mutual TLS to httpbin-") && s.endsWith("whose sidecar takes mutual TLS only (STRICT); "
                        + "the client's certificate: spiffe://cluster.local/ns/bar/sa/sleep"));
    }

    @Test
    @DisplayName("proxyConfig(pod).mutualTls() shows the mode per inbound port, portLevelMtls included, then every other port")
    void proxyConfigView() {
        Mesh mesh = migration().apply(strict("foo")).apply("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: httpbin, namespace: foo}
                spec:
                  selector: {matchLabels: {app: httpbin}}
                  portLevelMtls:
                    9090: {mode: DISABLE}
                """);
        assertThat(mesh.proxyConfig("foo/httpbin").mutualTls().rows()).containsExactly(
                java.util.List.of("8080", "STRICT"), java.util.List.of("9090", "DISABLE"), java.util.List.of("*", "STRICT"));
        assertThat(mesh.proxyConfig("bar/httpbin").mutualTls().rows()).containsExactly(
                java.util.List.of("8080", "PERMISSIVE"), java.util.List.of("*", "PERMISSIVE"));
        assertThat(mesh.proxyConfig("istio-system/istio-ingressgateway").mutualTls().rows()).isEmpty();
    }

    @Test
    @DisplayName("A subset's tls replaces the rule's for that subset's cluster only")
    void subsetTls() {
        Mesh mesh = migration().apply(strict("foo")).apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: httpbin, namespace: bar}
                spec:
                  host: httpbin.foo.svc.cluster.local
                  subsets:
                  - name: plain
                    labels: {app: httpbin}
                    trafficPolicy: {tls: {mode: DISABLE}}
                  - name: auto
                    labels: {app: httpbin}
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: httpbin, namespace: bar}
                spec:
                  hosts: [httpbin.foo.svc.cluster.local]
                  http:
                  - match: [{headers: {x-plain: {exact: "1"}}}]
                    route: [{destination: {host: httpbin.foo.svc.cluster.local, subset: plain}}]
                  - route: [{destination: {host: httpbin.foo.svc.cluster.local, subset: auto}}]
                """);
        assertThat(curl(mesh, "bar", "foo")).allSucceeded().receivedOverMutualTlsFrom("spiffe://cluster.local/ns/bar/sa/sleep");
        TrafficResult plain = mesh.send(4).from("bar/sleep").header("x-plain", "1").to("http://httpbin.foo:8000/ip");
        assertThat(plain.countByStatus()).containsExactly(entry(503, 4L));
        assertThat(plain.outcomes().get(0).flags()).containsExactly(ResponseFlag.UPSTREAM_CONNECTION_TERMINATION);
    }

    @Test
    @DisplayName("A port-level entry without tls: the cluster falls back to auto mTLS (the entry replaces the block), but "
            + "the endpoints keep the rule's ISTIO_MUTUAL (read field by field), so a pod without a sidecar fails the handshake")
    void portLevelEntryWithoutTls() {
        Mesh mesh = migration().apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: httpbin-legacy, namespace: foo}
                spec:
                  host: httpbin.legacy.svc.cluster.local
                  trafficPolicy:
                    tls: {mode: ISTIO_MUTUAL}
                    portLevelSettings:
                    - port: {number: 8000}
                      connectionPool: {http: {http2MaxRequests: 100}}
                """);
        TrafficResult r = curl(mesh, "foo", "legacy");
        assertThat(r.countByStatus()).containsExactly(entry(503, 10L));
        assertThat(r.outcomes().get(0).body()).isEqualTo(EnvoyBody.TLS_FAILURE);
    }

    @Test
    @DisplayName("A headless Service: its ORIGINAL_DST cluster speaks mutual TLS to every pod when all have sidecars, plain text "
            + "when one has none")
    void headlessService() {
        String headless = """
                apiVersion: v1
                kind: Service
                metadata: {name: httpbin-headless, namespace: foo}
                spec:
                  clusterIP: None
                  selector: {app: httpbin}
                  ports: [{name: http, port: 8080}]
                """;
        Mesh mesh = migration().apply(strict("foo")).apply(headless);
        TrafficResult r = mesh.send(4).from("bar/sleep").to("http://httpbin-headless.foo:8080/ip");
        assertThat(r).allSucceeded().receivedOverMutualTlsFrom("spiffe://cluster.local/ns/bar/sa/sleep");
        // In legacy the pod has no sidecar: istiod infers DISABLE for the service, and the cluster sends plain text.
        Mesh legacy = migration().apply(headless.replace("namespace: foo", "namespace: legacy"));
        assertThat(legacy.send(4).from("bar/sleep").to("http://httpbin-headless.legacy:8080/ip")).allSucceeded()
                .receivedInPlainText();
    }
}
