package dev.meshtest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code @MeshTest(lenient = true)} gives the test a lenient mesh: the policy is applied and noted. */
@MeshTest(fixtures = "helloworld", lenient = true)
class LenientMeshTest {

    @Test
    @DisplayName("@MeshTest(lenient = true): what is not simulated is noted, not refused")
    void lenientFromTheAnnotation(Mesh mesh) {
        mesh.apply("""
                apiVersion: security.istio.io/v1
                kind: RequestAuthentication
                metadata: {name: jwt, namespace: default}
                spec:
                  jwtRules: [{issuer: "issuer-foo", jwksUri: "https://example.com/jwks.json"}]
                """);
        assertThat(mesh.notes()).singleElement().asString()
                .startsWith("lenient: RequestAuthentication default/jwt (<string>:1:1), RequestAuthentication, is not simulated");
        assertThat(mesh.send(3).from("nginx").to("helloworld:5000/hello").notes()).isEqualTo(mesh.notes());
    }
}
