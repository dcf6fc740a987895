package dev.meshtest.examples;

import static dev.meshtest.assertj.MeshAssertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.JwtIssuer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Istio's task "Authorization with JWT" (istio.io/latest/docs/tasks/security/authorization/authz-jwt)
 * as a lesson: httpbin and sleep in {@code foo} ({@code mtls/namespaces.yaml}), a RequestAuthentication
 * for {@code testing@secure.istio.io} ({@code jwt/*.yaml}). The task signs its tokens with the key
 * of Istio's samples; here a {@link JwtIssuer} of the same name signs them, and its key set stands
 * for the one at the task's {@code jwksUri}.
 */
@DisplayName("Authorization with JWT: Istio's task on httpbin")
@ExtendWith(LessonPrinter.class)
class JwtAuthorizationLessonsTest {

    static final String JWKS_URI = "https://raw.githubusercontent.com/istio/istio/master/security/tools/jwt/samples/jwks.json";
    static final JwtIssuer ISSUER = JwtIssuer.named("testing@secure.istio.io");
    /** The task's TOKEN: subject testing@secure.istio.io, no groups. */
    static final String TOKEN = ISSUER.token("testing@secure.istio.io");
    /** The task's TOKEN_GROUP: the same, with groups [group1, group2]. */
    static final String TOKEN_GROUP = ISSUER.token().subject("testing@secure.istio.io")
            .claim("groups", List.of("group1", "group2")).sign();

    static Mesh mesh() {
        return dev.meshtest.Mesh.mesh().apply("classpath:mtls/namespaces.yaml").withJwks(JWKS_URI, ISSUER.jwks())
                .apply("classpath:jwt/jwt-example.yaml");
    }

    static int status(Mesh mesh, String token) {
        var spec = mesh.send(1).from("foo/sleep");
        return (token == null ? spec : spec.bearer(token)).to("http://httpbin.foo:8000/headers").outcomes().get(0).status();
    }

    @Test
    @DisplayName("The RequestAuthentication alone: an invalid token gets 401, no token still 200")
    void requestAuthenticationAlone() {
        Mesh mesh = mesh();
        assertThat(status(mesh, "invalidToken")).isEqualTo(401);
        assertThat(status(mesh, null)).isEqualTo(200);
        assertThat(status(mesh, TOKEN)).isEqualTo(200);
    }

    @Test
    @DisplayName("require-jwt: the token is now required: with it 200, without it 403")
    void requireJwt() {
        Mesh mesh = mesh().apply("classpath:jwt/require-jwt.yaml");
        assertThat(status(mesh, TOKEN)).isEqualTo(200);
        assertThat(status(mesh, null)).isEqualTo(403);
    }

    @Test
    @DisplayName("require-jwt with groups: TOKEN_GROUP (group1) gets 200, TOKEN without the claim 403")
    void requireGroup() {
        Mesh mesh = mesh().apply("classpath:jwt/require-jwt-group1.yaml");
        assertThat(status(mesh, TOKEN_GROUP)).isEqualTo(200);
        assertThat(status(mesh, TOKEN)).isEqualTo(403);
    }
}
