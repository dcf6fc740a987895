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
                apiVersion: networking.istio.io/v1alpha3
                kind: EnvoyFilter
                metadata: {name: lua, namespace: default}
                spec:
                  configPatches: []
                """);
        assertThat(mesh.notes()).singleElement().asString()
                .startsWith("lenient: EnvoyFilter default/lua (<string>:1:1), EnvoyFilter, is not simulated");
        assertThat(mesh.send(3).from("nginx").to("helloworld:5000/hello").notes()).isEqualTo(mesh.notes());
    }
}
