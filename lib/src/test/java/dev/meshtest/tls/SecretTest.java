package dev.meshtest.tls;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.kube.Secret;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Secrets as the API server reads and checks them ({@code ValidateSecret}, the JSON decoder's base64). */
class SecretTest {

    private static String secret(String type, String data) {
        return """
                apiVersion: v1
                kind: Secret
                metadata: {name: cred, namespace: istio-system}
                type: %s
                data: {%s}
                """.formatted(type, data);
    }

    @Test
    @DisplayName("a kubernetes.io/tls Secret needs tls.crt and tls.key")
    void tlsKeysRequired() {
        assertThatThrownBy(() -> mesh().apply(secret("kubernetes.io/tls", "tls.crt: Zm9v")))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("Secret istio-system/cred: data[tls.key]: Required value");
    }

    @Test
    @DisplayName("data must be base64, as the API server's decoder says; keys as IsConfigMapKey allows them")
    void base64AndKeys() {
        assertThatThrownBy(() -> mesh().apply(secret("Opaque", "a: Zm9v, b: 'Zm9v!'")))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("data[b]: Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 4");
        assertThatThrownBy(() -> mesh().apply(secret("Opaque", "a: Zm9vYg")))
                .hasMessageContaining("illegal base64 data at input byte 4");
        assertThatThrownBy(() -> mesh().apply(secret("Opaque", "'a b': Zm9v")))
                .hasMessageContaining("data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, "
                        + "'-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
                        + "'[-._a-zA-Z0-9]+')");
        mesh().apply(secret("Opaque", "a: Zm9v, b: \"Zm9v\\nYmFy\""));
    }

    @Test
    @DisplayName("values: stringData wins over data, data is base64")
    void values() {
        Secret s = new Secret("v1", "Secret", dev.meshtest.config.ObjectMeta.of("cred", "istio-system", Map.of()), null,
                Map.of("a", "Zm9v", "b", "Zm9v"), Map.of("b", "plain"));
        assertThat(s.value("a")).contains("foo");
        assertThat(s.value("b")).contains("plain");
        assertThat(s.value("c")).isEmpty();
        assertThat(s.typeOrDefault()).isEqualTo("Opaque");
        assertThat(s.keys()).containsExactly("a", "b");
    }
}
