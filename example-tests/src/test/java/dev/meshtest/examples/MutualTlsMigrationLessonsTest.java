package dev.meshtest.examples;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.EnvoyBody;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Istio's task "Mutual TLS Migration" (istio.io/latest/docs/tasks/security/authentication/mtls-migration),
 * as a lesson: sleep and httpbin in {@code foo} and {@code bar} with sidecars, sleep alone in
 * {@code legacy} without ({@code mtls/namespaces.yaml}). The task curls every httpbin from every
 * sleep and prints the status; on a cluster a reset connection prints {@code 000} and curl exits
 * with 56.
 */
@DisplayName("Mutual TLS migration: PERMISSIVE by default, STRICT per namespace, then mesh-wide")
@ExtendWith(LessonPrinter.class)
class MutualTlsMigrationLessonsTest {

    private static final String[] CLIENTS = {"foo", "bar", "legacy"};
    private static final String[] SERVERS = {"foo", "bar"};

    static Mesh mesh() {
        return dev.meshtest.Mesh.mesh().apply("classpath:mtls/namespaces.yaml");
    }

    static String strict(String namespace) {
        return """
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: default, namespace: NS}
                spec:
                  mtls:
                    mode: STRICT
                """.replace("NS", namespace);
    }

    /** The task's loop: {@code sleep.<from> to httpbin.<to>: <status>}, one request each, 0 for a reset. */
    static Map<String, Integer> statuses(Mesh mesh) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String from : CLIENTS) {
            for (String to : SERVERS) {
                TrafficResult r = mesh.send(1).from(from + "/sleep").to("http://httpbin." + to + ":8000/ip");
                out.put("sleep." + from + " to httpbin." + to, r.outcomes().get(0).status());
            }
        }
        return out;
    }

    @Test
    @DisplayName("Before any policy every client gets 200: PERMISSIVE takes both, and sidecars speak mutual TLS on their own")
    void permissiveByDefault() {
        Mesh mesh = mesh();
        assertThat(statuses(mesh)).containsOnly(
                entry("sleep.foo to httpbin.foo", 200), entry("sleep.foo to httpbin.bar", 200),
                entry("sleep.bar to httpbin.foo", 200), entry("sleep.bar to httpbin.bar", 200),
                entry("sleep.legacy to httpbin.foo", 200), entry("sleep.legacy to httpbin.bar", 200));
        // The task checks x-forwarded-client-cert at httpbin: present from sleep.foo, absent from sleep.legacy.
        assertThat(mesh.send(5).from("foo/sleep").to("http://httpbin.foo:8000/headers"))
                .receivedOverMutualTlsFrom("spiffe://cluster.local/ns/foo/sa/sleep");
        assertThat(mesh.send(5).from("legacy/sleep").to("http://httpbin.foo:8000/headers")).receivedInPlainText();
    }

    @Test
    @DisplayName("STRICT in foo: only sleep.legacy to httpbin.foo fails, reset by foo's sidecar (curl exit 56, status 000)")
    void strictInFoo() {
        Mesh mesh = mesh().apply(strict("foo"));
        assertThat(statuses(mesh)).containsOnly(
                entry("sleep.foo to httpbin.foo", 200), entry("sleep.foo to httpbin.bar", 200),
                entry("sleep.bar to httpbin.foo", 200), entry("sleep.bar to httpbin.bar", 200),
                entry("sleep.legacy to httpbin.foo", 0), entry("sleep.legacy to httpbin.bar", 200));
        TrafficResult legacy = mesh.send(1).from("legacy/sleep").to("http://httpbin.foo:8000/ip");
        assertThat(legacy.outcomes().get(0).body()).isEqualTo("curl: (56) Recv failure: Connection reset by peer");
    }

    @Test
    @DisplayName("STRICT mesh-wide (istio-system): sleep.legacy reaches no httpbin; the sidecars are unaffected")
    void strictMeshWide() {
        Mesh mesh = mesh().apply(strict("istio-system"));
        assertThat(statuses(mesh)).containsOnly(
                entry("sleep.foo to httpbin.foo", 200), entry("sleep.foo to httpbin.bar", 200),
                entry("sleep.bar to httpbin.foo", 200), entry("sleep.bar to httpbin.bar", 200),
                entry("sleep.legacy to httpbin.foo", 0), entry("sleep.legacy to httpbin.bar", 0));
    }

    @Test
    @DisplayName("A trap: a DestinationRule that disables TLS towards a STRICT namespace gets 503 UC from the client's own sidecar")
    void destinationRuleDisablingTls() {
        Mesh mesh = mesh().apply(strict("foo")).apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: httpbin-foo, namespace: bar}
                spec:
                  host: httpbin.foo.svc.cluster.local
                  trafficPolicy:
                    tls: {mode: DISABLE}
                """);
        TrafficResult r = mesh.send(10).from("bar/sleep").to("http://httpbin.foo:8000/ip");
        assertThat(r).hasStatus(503).withFlag(ResponseFlag.UPSTREAM_CONNECTION_TERMINATION)
                .withBody(EnvoyBody.CONNECTION_TERMINATION);
        assertThat(mesh.explain().from("bar/sleep").to("http://httpbin.foo:8000/ip").steps())
                .anyMatch(s -> s.contains("whose sidecar takes mutual TLS only (PeerAuthentication STRICT on port 8080)"));
    }
}
