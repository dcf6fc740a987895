package dev.meshtest;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApplyFeedbackTest {

    private static final String VS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: helloworld}
            spec:
              hosts: [helloworld]
              http:
              - route: [{destination: {host: helloworld}}]
            """;

    @Test
    @DisplayName("each apply says created, configured, unchanged, ignored or deleted per object, as kubectl does")
    void verbs() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml");
        List<Applied> seen = new ArrayList<>();
        mesh.onApply(seen::add);
        assertThat(mesh.apply(VS).lastApply().toString()).isEqualTo("virtualservice.networking.istio.io/helloworld created");
        assertThat(mesh.apply(VS).lastApply().changes()).singleElement()
                .extracting(Applied.Change::verb).isEqualTo(Applied.Verb.UNCHANGED);
        assertThat(mesh.apply(VS.replace("host: helloworld}", "host: helloworld, port: {number: 5000}}")).lastApply().toString())
                .isEqualTo("virtualservice.networking.istio.io/helloworld configured");
        ResourceRef ref = new ResourceRef("VirtualService", "default", "helloworld");
        assertThat(mesh.delete(ref).lastApply().change(ref)).map(Applied.Change::verb).contains(Applied.Verb.DELETED);
        assertThat(seen).hasSize(4);
        assertThat(mesh.withPod("curl").lastApply().changes()).singleElement().extracting(Applied.Change::reason)
                .isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("apply(\"x.yaml\") reads the file or the classpath resource, or says neither exists")
    void fileNames(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        Mesh fromResource = mesh().apply("experiments/helloworld.yaml");
        assertThat(fromResource.lastApply().changes()).isNotEmpty();
        java.nio.file.Path file = dir.resolve("vs.yaml");
        java.nio.file.Files.writeString(file, VS);
        assertThat(fromResource.apply(file.toString()).lastApply().toString())
                .isEqualTo("virtualservice.networking.istio.io/helloworld created");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mesh().apply("seeds/vs.yaml"))
                .isInstanceOf(dev.meshtest.config.MeshConfigException.class)
                .hasMessageStartingWith("apply(\"seeds/vs.yaml\") names a YAML file, but there is neither a file ")
                .hasMessageEndingWith("seeds/vs.yaml nor a classpath resource seeds/vs.yaml; pass the YAML text, a Path for a "
                        + "file, or \"classpath:<name>\" for a resource");
    }

    @Test
    @DisplayName("the webhook's warnings come with the object, field and line they are about")
    void warnings() {
        Mesh mesh = mesh().apply("classpath:experiments/helloworld.yaml").apply(VS + "  - route: [{destination: {host: helloworld}}]\n");
        assertThat(mesh.lastApply().warnings()).singleElement().satisfies(w -> {
            assertThat(w.ref()).isEqualTo(new ResourceRef("VirtualService", "default", "helloworld"));
            assertThat(w.fieldPath()).contains("spec.http[1]");
            assertThat(w.location()).contains("<string>:8:5");
            assertThat(w).hasToString("Warning: virtualService rule #1 not used (only the last rule can have no matches)");
        });
    }
}
