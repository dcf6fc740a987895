package dev.meshtest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Istio's task "Explicit deny" (istio.io/latest/docs/tasks/security/authorization/authz-deny) as a
 * lesson: httpbin and sleep in {@code foo} ({@code mtls/namespaces.yaml}); a DENY policy, then an
 * ALLOW policy beside it ({@code authz/*.yaml}).
 */
@DisplayName("Explicit deny: Istio's task on httpbin")
@ExtendWith(LessonPrinter.class)
class ExplicitDenyLessonsTest {

    static Mesh mesh() {
        return dev.meshtest.Mesh.mesh().apply("classpath:mtls/namespaces.yaml").apply("classpath:authz/deny-method-get.yaml");
    }

    static int status(Mesh mesh, String method, String path, String token) {
        var spec = mesh.send(1).from("foo/sleep").method(method);
        return (token == null ? spec : spec.header("x-token", token)).to("http://httpbin.foo:8000" + path).outcomes().get(0).status();
    }

    @Test
    @DisplayName("deny-method-get: GET without x-token admin gets 403, POST and GET as admin go through")
    void denyGet() {
        Mesh mesh = mesh();
        assertThat(status(mesh, "GET", "/get", null)).isEqualTo(403);
        assertThat(status(mesh, "POST", "/post", null)).isEqualTo(200);
        assertThat(status(mesh, "GET", "/get", "admin")).isEqualTo(200);
    }

    @Test
    @DisplayName("allow-path-ip beside it: as admin, /ip is allowed and /get no longer matches any ALLOW rule (403)")
    void allowOnlyIp() {
        Mesh mesh = mesh().apply("classpath:authz/allow-path-ip.yaml");
        assertThat(status(mesh, "GET", "/ip", "admin")).isEqualTo(200);
        assertThat(status(mesh, "GET", "/get", "admin")).isEqualTo(403);
        // DENY first: /ip without the token is still denied.
        assertThat(status(mesh, "GET", "/ip", null)).isEqualTo(403);
    }
}
